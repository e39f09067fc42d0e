package com.reelay.core.nemo.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends {@code Authorization: Bearer …} for requests tagged with a {@link BearerToken}. Requests
 * without the tag (the anonymous-token call) go without it, whatever a caller set.
 */
public final class BearerTokenInterceptor implements Interceptor {

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        BearerToken token = request.tag(BearerToken.class);
        Request.Builder builder = request.newBuilder().removeHeader("Authorization");
        if (token != null && !token.value().isBlank()) {
            builder.header("Authorization", "Bearer " + token.value());
        }
        return chain.proceed(builder.build());
    }
}

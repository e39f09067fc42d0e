package com.reelay.core.nemo.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One debug line per HTTP exchange: method, path, status and time. Never headers or bodies. */
public final class CallLogInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger("com.reelay.core.nemo.http");

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        long started = System.nanoTime();
        try {
            Response response = chain.proceed(request);
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} -> {} in {} ms", request.method(), request.url().encodedPath(), response.code(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
            return response;
        } catch (IOException e) {
            LOG.debug("{} {} failed after {} ms: {}", request.method(), request.url().encodedPath(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), e.getClass().getSimpleName());
            throw e;
        }
    }
}

package com.reelay.core.nemo.internal;

import com.reelay.core.nemo.NemoSettings;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/** Adds the attribution headers every call must carry; without them exports fail with 402. */
public final class SkillHeadersInterceptor implements Interceptor {

    private final String source;
    private final String version;
    private final String platform;

    public SkillHeadersInterceptor(NemoSettings settings) {
        this.source = settings.skillSource();
        this.version = settings.skillVersion();
        this.platform = settings.skillPlatform();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        return chain.proceed(chain.request().newBuilder()
                .header("X-Skill-Source", source)
                .header("X-Skill-Version", version)
                .header("X-Skill-Platform", platform)
                .build());
    }
}

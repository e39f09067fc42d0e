package com.reelay.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every HTTP endpoint the simulator serves; faults and request counts are keyed by these. */
public enum Endpoint {
    ANONYMOUS_TOKEN("POST", "/api/auth/anonymous-token", false),
    CREATE_SESSION("POST", "/api/tasks/me/with-session/nemo_agent", false),
    RUN_SSE("POST", "/run_sse", false),
    UPLOAD("POST", "/api/upload-video/nemo_agent/me/([^/]+)", false),
    CREDITS("GET", "/api/credits/balance/simple", false),
    STATE("GET", "/api/state/nemo_agent/me/([^/]+)/latest", false),
    RENDER_START("POST", "/api/render/proxy/lambda", true),
    RENDER_STATUS("GET", "/api/render/proxy/lambda/([^/]+)", true),
    RENDER_CANCEL("POST", "/api/render/proxy/lambda/([^/]+)/cancel", true),
    /** Files the simulator hosts itself: uploads, generated media and render outputs. */
    MEDIA("GET", "/cdn/(.+)", false);

    private final String method;
    private final Pattern path;
    private final boolean successEnvelope;

    Endpoint(String method, String pathRegex, boolean successEnvelope) {
        this.method = method;
        this.path = Pattern.compile(pathRegex);
        this.successEnvelope = successEnvelope;
    }

    public String method() {
        return method;
    }

    /** Render endpoints answer {@code {"success":…}}; the others answer {@code {"code":…}}. */
    public boolean usesSuccessEnvelope() {
        return successEnvelope;
    }

    /** The path parameter (session id, render id or media path) when {@code path} is this endpoint's, else null. */
    String pathParameter(String requestPath) {
        Matcher m = path.matcher(requestPath);
        if (!m.matches()) {
            return null;
        }
        return m.groupCount() > 0 ? m.group(1) : "";
    }

    boolean matchesPath(String requestPath) {
        return path.matcher(requestPath).matches();
    }
}

package com.reelay.core.nemo.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Optional;

/**
 * One answer of the service, unwrapped. Three shapes are in use and all are accepted:
 * <ul>
 *   <li>{@code {"code":0,"message":"…","data":{…}}}: a non-zero code is an error;</li>
 *   <li>{@code {"success":true,"data":{…}}} and {@code {"success":false,"error":"…"}} (render endpoints);</li>
 *   <li>bare JSON, which is the data itself.</li>
 * </ul>
 * An HTTP error status is an error whatever the body says; a code in its body refines it.
 *
 * @param data  the payload when the answer is a success (JSON null when there was none)
 * @param error the error otherwise
 */
public record Envelope(JsonNode data, ServiceError error) {

    public static Envelope success(JsonNode data) {
        return new Envelope(Json.orNull(data), null);
    }

    public static Envelope failure(ServiceError error) {
        return new Envelope(NullNode.getInstance(), error);
    }

    public boolean isSuccess() {
        return error == null;
    }

    /** Reads an answer of HTTP status {@code status} whose body is {@code body} (may be empty). */
    public static Envelope read(int status, String body) {
        Optional<JsonNode> parsed = Json.parse(body);
        boolean httpOk = status >= 200 && status < 300;
        if (!httpOk) {
            return failure(errorFrom(status, parsed.orElse(null)));
        }
        if (parsed.isEmpty()) {
            if (body == null || body.isBlank()) {
                return success(NullNode.getInstance());
            }
            return failure(new ServiceError(0, status, "the answer is not JSON", null, null));
        }
        JsonNode root = parsed.get();
        if (isCodeEnvelope(root)) {
            int code = codeOf(root.get("code"));
            if (code != 0) {
                return failure(new ServiceError(code, status, messageOf(root), root.get("data"), null));
            }
            return success(root.get("data"));
        }
        if (root.isObject() && root.path("success").isBoolean()) {
            if (root.get("success").asBoolean()) {
                return success(root.has("data") ? root.get("data") : root);
            }
            return failure(errorFrom(status, root));
        }
        return success(root);
    }

    private static boolean isCodeEnvelope(JsonNode root) {
        return root.isObject() && root.has("code") && codeOf(root.get("code")) != null
                && (root.has("data") || root.has("message") || root.has("msg"));
    }

    /** The error an HTTP error status or a {@code success:false}/non-zero-code body describes. */
    private static ServiceError errorFrom(int status, JsonNode root) {
        Integer serviceCode = null;
        String message = null;
        JsonNode data = null;
        if (root != null && root.isObject()) {
            serviceCode = codeOf(root.get("code"));
            message = messageOf(root);
            data = root.get("data");
            JsonNode error = root.get("error");
            if (error != null && error.isObject()) {
                if (serviceCode == null || serviceCode == 0) {
                    serviceCode = codeOf(error.get("code"));
                }
                if (message == null) {
                    message = Json.firstText(error, "message", "msg");
                }
                if (!Json.present(data)) {
                    data = error.get("data");
                }
            }
            if (serviceCode == null || serviceCode == 0) {
                serviceCode = codeOf(root.get("errorCode"));
            }
        }
        boolean httpOk = status >= 200 && status < 300;
        int code = serviceCode != null && serviceCode != 0 ? serviceCode : httpOk ? 0 : status;
        return new ServiceError(code, status, message, data, null);
    }

    private static String messageOf(JsonNode root) {
        String message = Json.firstText(root, "message", "msg", "errorMessage");
        if (message == null) {
            JsonNode error = root.get("error");
            if (error != null && error.isTextual()) {
                message = error.asText();
            }
        }
        return message;
    }

    /** A numeric code, also when written as a string; null when absent or not a number. */
    static Integer codeOf(JsonNode node) {
        Double value = Json.number(node);
        return value == null ? null : value.intValue();
    }
}

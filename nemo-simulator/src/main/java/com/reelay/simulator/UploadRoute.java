package com.reelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;

/**
 * {@code POST /api/upload-video/nemo_agent/me/<sid>}: multipart {@code files} parts (streamed: bytes are
 * counted and hashed as they pass, then dropped) or JSON {@code {"urls":[…],"source_type":"url"}}
 * (judged by the URL path's extension, never fetched). One bad file fails the whole request:
 * 4001 for a type outside the list, else 4002 for a file over the cap, both at HTTP 200. The whole
 * body is always read first, so a client streaming a large file gets the answer, not a broken pipe.
 */
final class UploadRoute {
    private static final int BUFFER = 64 * 1024;

    private record Received(String filename, MediaKind kind, long size, String hash, String sourceUrl) {
    }

    private final Backend backend;

    UploadRoute(Backend backend) {
        this.backend = backend;
    }

    Reply upload(Call call) throws IOException {
        Account account = backend.authenticate(call);
        Session session = backend.session(account, call.pathParameter(), Endpoint.UPLOAD);
        List<Received> files = call.hasJsonBody() ? fromUrls(call.json()) : fromMultipart(call);
        if (files.isEmpty()) {
            throw ApiError.badRequest(Endpoint.UPLOAD, "no files: send multipart 'files' parts or JSON 'urls'");
        }
        ArrayNode out = Json.array();
        for (Received file : files) {
            ObjectNode info = publish(file);
            session.addUpload(info.deepCopy(), file.kind().visual());
            out.add(info);
        }
        ObjectNode data = Json.object();
        data.set("files", out);
        return new Reply.JsonReply(200, Json.codeSuccess(data));
    }

    private List<Received> fromMultipart(Call call) throws IOException {
        String type = call.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw ApiError.badRequest(Endpoint.UPLOAD, "expected multipart/form-data or application/json");
        }
        List<Received> files = new ArrayList<>();
        String unsupported = null;
        Received tooLarge = null;
        try {
            FileItemInputIterator items = new ExchangeFileUpload().getItemIterator(call.exchange());
            while (items.hasNext()) { // hasNext() skips whatever of the previous part was not read
                FileItemInput item = items.next();
                if (item.isFormField() || !"files".equals(item.getFieldName())) {
                    continue;
                }
                String name = baseName(item.getName());
                Optional<MediaKind> kind = AcceptedFormats.kindOf(name);
                if (kind.isEmpty()) {
                    unsupported = unsupported == null ? name : unsupported;
                    continue;
                }
                Received file = measure(name, kind.get(), item);
                if (file.size() > backend.settings.maxUploadBytes() && tooLarge == null) {
                    tooLarge = file;
                }
                files.add(file);
            }
        } catch (FileUploadException e) {
            throw ApiError.badRequest(Endpoint.UPLOAD, "malformed multipart body: " + e.getMessage());
        }
        if (unsupported != null) {
            throw unsupportedType(unsupported);
        }
        if (tooLarge != null) {
            throw tooLarge(tooLarge);
        }
        return files;
    }

    /** Counts and hashes a part through a fixed buffer; past the cap it only counts. */
    private Received measure(String name, MediaKind kind, FileItemInput item) throws IOException {
        MessageDigest sha256 = sha256();
        long max = backend.settings.maxUploadBytes();
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = item.getInputStream()) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                if (size + n <= max) {
                    sha256.update(buffer, 0, n);
                }
                size += n;
            }
        }
        return new Received(name, kind, size, HexFormat.of().formatHex(sha256.digest()), null);
    }

    private List<Received> fromUrls(JsonNode body) {
        String sourceType = Json.text(body, "source_type");
        if (sourceType != null && !"url".equals(sourceType)) {
            throw ApiError.badRequest(Endpoint.UPLOAD, "source_type must be \"url\"");
        }
        JsonNode urls = body.path("urls");
        if (!urls.isArray()) {
            throw ApiError.badRequest(Endpoint.UPLOAD, "urls must be an array of URLs");
        }
        List<Received> files = new ArrayList<>();
        for (JsonNode url : urls) {
            String text = url.asText("");
            String name = urlFileName(text);
            Optional<MediaKind> kind = AcceptedFormats.kindOf(name);
            if (kind.isEmpty()) {
                throw unsupportedType(name.isEmpty() ? text : name);
            }
            String hash = HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
            files.add(new Received(name, kind.get(), -1, hash, text));
        }
        return files;
    }

    private ObjectNode publish(Received file) {
        String path = "uploads/" + backend.ids.lowerAlnum(12) + "." + AcceptedFormats.extension(file.filename());
        String url = backend.media.publish(path, AcceptedFormats.contentType(file.filename()), MediaLibrary.PLACEHOLDER_BYTES);
        MediaKind kind = file.kind();
        ObjectNode info = Json.object()
                .put("filename", file.filename())
                .put("file_type", kind.wireName())
                .put("cdn_url", url)
                .put("duration", kind.durationSeconds())
                .put("width", kind.width())
                .put("height", kind.height())
                .put("hash", file.hash());
        if (file.size() >= 0) {
            info.put("size", file.size());
        }
        if (file.sourceUrl() != null) {
            info.put("source_url", file.sourceUrl());
        }
        return info;
    }

    private ApiError unsupportedType(String name) {
        ObjectNode data = Json.object().put("filename", name);
        ArrayNode accepted = data.putArray("accepted");
        AcceptedFormats.extensions().forEach(accepted::add);
        return ApiError.code(200, 4001, "unsupported file type: " + name + ". Accepted formats: " + AcceptedFormats.listing(), data);
    }

    private ApiError tooLarge(Received file) {
        long max = backend.settings.maxUploadBytes();
        ObjectNode data = Json.object().put("filename", file.filename()).put("size", file.size()).put("max_bytes", max);
        return ApiError.code(200, 4002, String.format("file too large: %s is %d bytes; the limit is %d bytes (%d MB)",
                file.filename(), file.size(), max, max / (1024 * 1024)), data);
    }

    private static String baseName(String name) {
        if (name == null) {
            return "";
        }
        String n = name.replace('\\', '/');
        return n.substring(n.lastIndexOf('/') + 1).trim();
    }

    private static String urlFileName(String url) {
        try {
            String path = new URI(url.trim()).getPath();
            return path == null ? "" : baseName(path);
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

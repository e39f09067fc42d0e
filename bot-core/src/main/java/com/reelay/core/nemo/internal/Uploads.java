package com.reelay.core.nemo.internal;

import com.reelay.core.chat.FilePolicy;
import com.reelay.core.nemo.NemoAuth;
import com.reelay.core.nemo.NemoException;
import com.reelay.core.nemo.UploadSource;
import com.reelay.core.nemo.UploadedFile;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MultipartBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files and links into a session ({@code POST /api/upload-video/nemo_agent/me/<session>}):
 * checked against the file rules before a byte is sent, each file streamed from its source
 * straight into the request at exactly its declared size.
 */
public final class Uploads {

    private static final Logger LOG = LoggerFactory.getLogger(Uploads.class);

    private final NemoHttp http;
    private final HttpUrl base;

    public Uploads(NemoHttp http, HttpUrl base) {
        this.http = http;
        this.base = base;
    }

    public List<UploadedFile> files(NemoAuth auth, String sessionId, List<UploadSource> files) throws NemoException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("nothing to upload");
        }
        ApiCall call = ApiCall.post(uploadUrl(sessionId), () -> {
            MultipartBody.Builder multipart = new MultipartBody.Builder().setType(MultipartBody.FORM);
            for (UploadSource file : files) {
                multipart.addFormDataPart("files", FilePolicy.uploadName(file.filename()),
                        SourceSide.body(file, FilePolicy.MAX_FILE_BYTES));
            }
            return multipart.build();
        }).asUpload();
        long bytes = 0; // of the files whose size is known
        for (UploadSource file : files) {
            if (!FilePolicy.fitsSizeLimit(file.size())) {
                throw new NemoException.FileTooLarge(call.where() + ": a file of " + file.size()
                        + " bytes is over the limit; nothing was sent");
            }
            if (!FilePolicy.isAccepted(file.filename())) {
                throw new NemoException.UnsupportedFile(call.where() + ": a file type that is not accepted; nothing was sent");
            }
            bytes += Math.max(0, file.size());
        }
        List<UploadedFile> uploaded = Answers.uploadedFiles(http.send(auth, call));
        LOG.info("uploaded {} file(s), {} bytes, to session {}", files.size(), bytes, sessionId);
        return uploaded;
    }

    public List<UploadedFile> urls(NemoAuth auth, String sessionId, List<String> urls) throws NemoException {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("nothing to upload");
        }
        String body = Json.write(Map.of("urls", List.copyOf(urls), "source_type", "url"));
        List<UploadedFile> uploaded = Answers.uploadedFiles(
                http.send(auth, ApiCall.post(uploadUrl(sessionId), () -> new OneShotJsonBody(body))));
        LOG.info("uploaded {} URL(s) to session {}", urls.size(), sessionId);
        return uploaded;
    }

    private HttpUrl uploadUrl(String sessionId) {
        return base.newBuilder().addPathSegments("api/upload-video/nemo_agent/me").addPathSegment(sessionId).build();
    }
}

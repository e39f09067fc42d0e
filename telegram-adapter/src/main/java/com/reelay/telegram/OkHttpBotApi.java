package com.reelay.telegram;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.reelay.core.chat.support.CappedStreamBody;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.ApiResponse;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * The Bot API over OkHttp: JSON methods through telegrambots' client (method URLs follow the
 * configured base), plus what the library does not do well for us: streaming a video upload
 * (its multipart builder reads a stream into memory) and downloading files from the configured
 * base (its downloadFile always uses api.telegram.org).
 */
final class OkHttpBotApi implements BotApi, AutoCloseable {

    private static final MediaType VIDEO = MediaType.get("video/mp4");

    private final OkHttpClient http;
    private final OkHttpTelegramClient client;
    private final ObjectMapper json;
    private final String token;
    private final HttpUrl base;

    OkHttpBotApi(TelegramSettings settings, OkHttpClient http, ObjectMapper json) {
        this.http = http;
        this.json = json;
        this.token = settings.botToken();
        this.base = HttpUrl.get(settings.apiBase());
        this.client = new OkHttpTelegramClient(json, http, token, telegramUrl(settings.apiBase()));
    }

    /** telegrambots' form of the API base: scheme, host and port (no path). */
    static TelegramUrl telegramUrl(String apiBase) {
        URI uri = URI.create(apiBase);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return new TelegramUrl(uri.getScheme(), uri.getHost(), port, false);
    }

    @Override
    public <T extends Serializable> CompletableFuture<T> call(BotApiMethod<T> method) {
        try {
            return client.executeAsync(method);
        } catch (TelegramApiException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<Boolean> setWebhook(SetWebhook method) {
        return client.executeAsync(method);
    }

    @Override
    public CompletableFuture<Message> sendVideo(VideoUpload upload) {
        CompletableFuture<Message> result = new CompletableFuture<>();
        Request fetch = new Request.Builder().url(upload.sourceUrl()).get().build();
        http.newCall(fetch).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                result.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response source) {
                try {
                    if (!source.isSuccessful()) {
                        throw new IOException("video download answered HTTP " + source.code());
                    }
                    long length = source.body().contentLength();
                    if (length > upload.maxBytes()) {
                        throw new VideoTooLarge(length, upload.maxBytes());
                    }
                    upload(upload, source, length, result);
                } catch (IOException | RuntimeException e) {
                    source.close();
                    result.completeExceptionally(e);
                }
            }
        });
        return result;
    }

    private void upload(VideoUpload upload, Response source, long length, CompletableFuture<Message> result)
            throws IOException {
        MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM)
                .addFormDataPart("chat_id", upload.chatId())
                .addFormDataPart("supports_streaming", "true");
        if (upload.captionHtml() != null) {
            form.addFormDataPart("caption", upload.captionHtml()).addFormDataPart("parse_mode", "HTML");
        }
        if (upload.keyboard() != null) {
            form.addFormDataPart("reply_markup", json.writeValueAsString(upload.keyboard()));
        }
        if (upload.replyTo() != null) {
            form.addFormDataPart("reply_parameters",
                    "{\"message_id\":" + upload.replyTo() + ",\"allow_sending_without_reply\":true}");
        }
        // Copied from NemoVideo's response into Telegram's request as it arrives; a source without a
        // length that turns out too big aborts rather than upload a cut video.
        form.addFormDataPart("video", "video.mp4", new CappedStreamBody(VIDEO, length, upload.maxBytes(),
                () -> source.body().source(), VideoTooLarge::new));
        Request send = new Request.Builder().url(method("sendVideo")).post(form.build()).build();
        http.newCall(send).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                source.close();
                result.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                source.close();
                try (response) {
                    result.complete(readMessage(response.body().string()));
                } catch (IOException | TelegramApiRequestException | RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
        });
    }

    private Message readMessage(String body) throws IOException, TelegramApiRequestException {
        JavaType type = json.getTypeFactory().constructParametricType(ApiResponse.class, Message.class);
        ApiResponse<Message> answer = json.readValue(body, type);
        if (Boolean.TRUE.equals(answer.getOk())) {
            return answer.getResult();
        }
        throw new TelegramApiRequestException("Error sending video", answer);
    }

    @Override
    public InputStream download(String filePath) throws IOException {
        HttpUrl url = base.newBuilder().addPathSegment("file").addPathSegment("bot" + token)
                .addPathSegments(filePath).build();
        Response response = http.newCall(new Request.Builder().url(url).get().build()).execute();
        if (!response.isSuccessful()) {
            int code = response.code();
            response.close();
            throw new IOException("Telegram file download answered HTTP " + code);
        }
        return new FilterInputStream(response.body().byteStream()) {
            @Override
            public void close() {
                response.close();
            }
        };
    }

    private HttpUrl method(String name) {
        return base.newBuilder().addPathSegment("bot" + token).addPathSegment(name).build();
    }

    @Override
    public void close() {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}

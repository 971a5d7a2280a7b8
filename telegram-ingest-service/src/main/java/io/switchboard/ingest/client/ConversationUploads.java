package io.switchboard.ingest.client;

import io.switchboard.ingest.config.TelegramConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * Reads an operator's upload from conversation-service, {@code GET {telegram.conversation-service-url}/internal/uploads/{id}},
 * as a stream (the bytes are not held in memory). Blocking: call from a worker thread.
 */
@ApplicationScoped
public class ConversationUploads {

    /** The upload does not exist (404/410): retrying will not help. */
    public static final class UploadMissingException extends IOException {
        public UploadMissingException(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final String baseUrl;
    private final Duration timeout;

    ConversationUploads(TelegramConfig config) {
        this.timeout = config.httpTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        String url = config.conversationServiceUrl();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Opens upload {@code uploadId}; the caller closes the stream.
     *
     * @throws UploadMissingException when conversation-service answers 404 or 410
     * @throws IOException            when it can't be reached or answers anything else but 200
     */
    public InputStream open(UUID uploadId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/internal/uploads/" + uploadId))
                .timeout(timeout).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() == 200) {
            return response.body();
        }
        response.body().close();
        if (response.statusCode() == 404 || response.statusCode() == 410) {
            throw new UploadMissingException("upload " + uploadId + " not found in conversation-service");
        }
        throw new IOException("conversation-service answered " + response.statusCode() + " for upload " + uploadId);
    }
}

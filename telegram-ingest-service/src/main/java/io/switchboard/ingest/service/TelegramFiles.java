package io.switchboard.ingest.service;

import io.switchboard.ingest.client.BotApiException;
import io.switchboard.ingest.client.BotApiMethods;
import io.switchboard.ingest.domain.BotToken;
import jakarta.enterprise.context.ApplicationScoped;
import okhttp3.Response;

import java.io.IOException;
import java.io.InputStream;

/**
 * Files customers sent, fetched from Telegram for other services: getFile, then the download of
 * {@code /file/bot<token>/<file_path>} as a stream (never buffered whole). Bots may download up to 20 MB.
 */
@ApplicationScoped
public class TelegramFiles {

    /** Largest file the Bot API lets a bot download (getFile). */
    public static final long MAX_DOWNLOAD_BYTES = 20L * 1024 * 1024;

    private final ActiveBot bot;
    private final BotApiMethods telegram;

    TelegramFiles(ActiveBot bot, BotApiMethods telegram) {
        this.bot = bot;
        this.telegram = telegram;
    }

    /**
     * An open download; close it when done.
     *
     * @param body   the bytes
     * @param length their number, or -1 when unknown
     */
    public record Download(InputStream body, long length, Response response) implements AutoCloseable {
        @Override
        public void close() {
            response.close();
        }
    }

    /**
     * Opens the file.
     *
     * @throws BotManagementException 404 when Telegram says the file id is wrong or the file is gone, 413 when it is
     *                                over 20 MB, 502 when Telegram cannot be reached, 503 without a bot
     */
    public Download open(String fileId) {
        BotToken token = bot.token().orElseThrow(() -> new BotManagementException(503, "No bot token is configured"));
        BotApiMethods.TelegramFile file;
        try {
            file = telegram.getFile(token, fileId);
        } catch (BotApiException e) {
            if (e.description() != null && e.description().toLowerCase().contains("too big")) {
                throw tooLarge();
            }
            if (e.errorCode() == 400 || e.errorCode() == 404) {
                throw new BotManagementException(404, "Telegram no longer has this file");
            }
            throw new BotManagementException(502, "Telegram answered getFile with error " + e.errorCode());
        } catch (IOException e) {
            throw new BotManagementException(502, "Telegram could not be reached");
        }
        if (file.fileSize() != null && file.fileSize() > MAX_DOWNLOAD_BYTES) {
            throw tooLarge();
        }
        if (file.filePath() == null || file.filePath().isBlank()) {
            throw new BotManagementException(404, "Telegram no longer has this file");
        }
        Response response;
        try {
            response = telegram.download(token, file.filePath());
        } catch (IOException e) {
            throw new BotManagementException(502, "Telegram could not be reached");
        }
        if (response.code() == 404 || response.code() == 400) {
            response.close();
            throw new BotManagementException(404, "Telegram no longer has this file");
        }
        if (!response.isSuccessful() || response.body() == null) {
            int code = response.code();
            response.close();
            throw new BotManagementException(502, "Telegram answered the download with HTTP " + code);
        }
        return new Download(response.body().byteStream(), response.body().contentLength(), response);
    }

    private static BotManagementException tooLarge() {
        return new BotManagementException(413, "The file is larger than the 20 MB bots may download");
    }
}

package io.switchboard.ingest.client;

import org.telegram.telegrambots.meta.TelegramUrl;

import java.net.URI;
import java.util.Locale;

/**
 * Where the Bot API lives: {@code scheme://host:port}, parsed from {@code telegram.api-url}
 * (e.g. {@code https://api.telegram.org} or {@code http://127.0.0.1:8089} for the emulator).
 * Methods are called at {@code {scheme}://{host}:{port}/bot{token}/{method}}.
 */
public record BotApiEndpoint(String scheme, String host, int port) {

    /**
     * Parses a base URL.
     *
     * @throws IllegalArgumentException when the URL is not http(s), has no host, or carries a path or query
     *                                  (the Bot API client cannot add one)
     */
    public static BotApiEndpoint parse(String apiUrl) {
        URI uri;
        try {
            uri = URI.create(apiUrl.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("telegram.api-url is not a URL: " + apiUrl, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("telegram.api-url must start with http:// or https://: " + apiUrl);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("telegram.api-url has no host: " + apiUrl);
        }
        String path = uri.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("telegram.api-url must not have a path or query: " + apiUrl);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
        return new BotApiEndpoint(scheme, uri.getHost(), port);
    }

    /** The telegrambots client's view of this endpoint (never the test server). */
    public TelegramUrl telegramUrl() {
        return new TelegramUrl(scheme, host, port, false);
    }

    /**
     * URL of a file to download ({@code /file/bot<token>/<file_path>}); contains the token, so never log it.
     *
     * @param filePath getFile's {@code file_path}, each segment percent-encoded here
     */
    public String fileUrl(String token, String filePath) {
        StringBuilder url = new StringBuilder(scheme + "://" + host + ":" + port + "/file/bot" + token);
        for (String segment : filePath.split("/")) {
            if (!segment.isEmpty() && !segment.equals(".") && !segment.equals("..")) {
                url.append('/').append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("+", "%20"));
            }
        }
        return url.toString();
    }

    /** URL of one Bot API method; contains the token, so never log it. */
    public String methodUrl(String token, String method) {
        return scheme + "://" + host + ":" + port + "/bot" + token + "/" + method;
    }
}

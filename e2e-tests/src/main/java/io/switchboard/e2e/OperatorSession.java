package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An operator logged in through the gateway, calling the REST API as the console does. */
public final class OperatorSession {

    private final String gatewayUrl;
    private final String accessToken;

    private OperatorSession(String gatewayUrl, String accessToken) {
        this.gatewayUrl = gatewayUrl;
        this.accessToken = accessToken;
    }

    /**
     * {@code POST /api/auth/login}.
     *
     * @throws IllegalStateException when the gateway does not answer 200
     */
    public static OperatorSession login(String gatewayUrl, String username, String password) {
        Http.Response response = Http.post(gatewayUrl + "/api/auth/login", Map.of("username", username, "password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("login failed: " + response.status() + " " + response.body());
        }
        return new OperatorSession(gatewayUrl, response.json().get("accessToken").asText());
    }

    /** The RS256 access token. */
    public String accessToken() {
        return accessToken;
    }

    /** GET a gateway path with the token. */
    public Http.Response get(String path) {
        return Http.get(gatewayUrl + path, "Authorization", "Bearer " + accessToken);
    }

    /** POST JSON to a gateway path with the token and extra headers. */
    public Http.Response post(String path, Object body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = "Bearer " + accessToken;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return Http.post(gatewayUrl + path, body, all);
    }

    /** PUT JSON to a gateway path with the token. */
    public Http.Response put(String path, Object body) {
        return Http.put(gatewayUrl + path, body, "Authorization", "Bearer " + accessToken);
    }

    /** DELETE a gateway path with the token. */
    public Http.Response delete(String path) {
        return Http.delete(gatewayUrl + path, "Authorization", "Bearer " + accessToken);
    }

    /** GET a gateway path with the token, keeping the body as bytes (media). */
    public Http.BytesResponse getBytes(String path) {
        return Http.getBytes(gatewayUrl + path, "Authorization", "Bearer " + accessToken);
    }

    /** {@code POST /api/conversations/{id}/messages} as multipart with a file and an optional caption. */
    public Http.Response sendFile(String conversationId, String fileName, String contentType, byte[] bytes,
                                  String caption) {
        Map<String, String> fields = caption == null ? Map.of() : Map.of("caption", caption);
        return Http.postMultipart(gatewayUrl + "/api/conversations/" + conversationId + "/messages", fields, "file",
                fileName, contentType, bytes, "Authorization", "Bearer " + accessToken);
    }

    /** Every conversation, following {@code nextCursor}. */
    public List<JsonNode> conversations() {
        return pages("/api/conversations?limit=200");
    }

    /** Every message of a conversation, oldest first, following {@code nextCursor}. */
    public List<JsonNode> messages(String conversationId) {
        return pages("/api/conversations/" + conversationId + "/messages?limit=200");
    }

    /** {@code POST /api/conversations/{id}/messages} with an Idempotency-Key; the 201 body. */
    public JsonNode reply(String conversationId, String text) {
        Http.Response response = post("/api/conversations/" + conversationId + "/messages", Map.of("text", text),
                "Idempotency-Key", UUID.randomUUID().toString());
        if (response.status() != 201) {
            throw new IllegalStateException("reply failed: " + response.status() + " " + response.body());
        }
        return response.json();
    }

    private List<JsonNode> pages(String path) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Http.Response response = get(path + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                    java.nio.charset.StandardCharsets.UTF_8)));
            if (response.status() != 200) {
                throw new IllegalStateException(path + " → " + response.status() + " " + response.body());
            }
            JsonNode page = response.json();
            page.get("items").forEach(items::add);
            JsonNode next = page.get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return items;
    }
}

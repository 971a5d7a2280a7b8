package io.switchboard.ingest.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A Telegram {@code Update} as received, ready for {@code telegram.updates}.
 *
 * @param updateId Telegram's {@code update_id}
 * @param chatKey  Kafka key, see {@link ChatKey}
 * @param body     the JSON exactly as Telegram sent it (never re-serialised)
 */
public record InboundUpdate(long updateId, String chatKey, byte[] body) {

    private static final ObjectReader JSON = new ObjectMapper()
            .reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Checks that {@code body} is one JSON object with an integer {@code update_id} and derives its key.
     *
     * @throws InvalidUpdateException otherwise (malformed JSON, not an object, missing or non-integer update_id)
     */
    public static InboundUpdate parse(byte[] body) {
        JsonNode tree;
        try {
            tree = body == null || body.length == 0 ? null : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidUpdateException("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidUpdateException("The body could not be read as JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidUpdateException("The body must be a JSON object (a Telegram Update)");
        }
        JsonNode id = tree.get("update_id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            throw new InvalidUpdateException("The Update must have an integer update_id");
        }
        return new InboundUpdate(id.longValue(), ChatKey.of(tree), body);
    }

    /** {@link #parse(byte[])} of the UTF-8 encoding of {@code json}. */
    public static InboundUpdate parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }
}

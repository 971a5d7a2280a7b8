package io.switchboard.ingest.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ingest.domain.InboundUpdate;
import io.switchboard.ingest.domain.InvalidUpdateException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Bot API answers ({@code {"ok":true,"result":...}} or {@code {"ok":false,"error_code":...}}). The updates of
 * a {@code getUpdates} answer are cut out of the answer's text verbatim, never re-serialised, so the update published
 * to Kafka is exactly what Telegram sent.
 */
public final class BotApiAnswer {

    private static final Logger LOG = Logger.getLogger(BotApiAnswer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private BotApiAnswer() {
    }

    /**
     * The updates of a {@code getUpdates} answer, in order. Elements that are not Updates are logged and skipped.
     *
     * @param httpStatus the HTTP status (used as the error code when the body is not a Bot API answer)
     * @param body       the answer's body
     * @throws BotApiException for {@code "ok": false} or a body that is not a Bot API answer
     */
    public static List<InboundUpdate> parse(int httpStatus, String body) throws BotApiException {
        List<String> results = read(httpStatus, body);
        if (results == null) {
            throw new BotApiException(httpStatus, "getUpdates answered without a result array", null);
        }
        List<InboundUpdate> updates = new ArrayList<>(results.size());
        for (String raw : results) {
            try {
                updates.add(InboundUpdate.parse(raw.getBytes(StandardCharsets.UTF_8)));
            } catch (InvalidUpdateException e) {
                LOG.warnf("Skipping an element of getUpdates that is not an Update: %s", e.getMessage());
            }
        }
        return updates;
    }

    /**
     * Checks that an answer of any method says {@code "ok": true}.
     *
     * @throws BotApiException for {@code "ok": false} or a body that is not a Bot API answer
     */
    public static void requireOk(int httpStatus, String body) throws BotApiException {
        read(httpStatus, body);
    }

    /** The verbatim object elements of {@code result} when it is an array, else null; throws unless ok. */
    private static List<String> read(int httpStatus, String body) throws BotApiException {
        Boolean ok = null;
        List<String> results = null;
        Integer errorCode = null;
        String description = null;
        Integer retryAfter = null;
        try (JsonParser parser = FACTORY.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notAnAnswer(httpStatus);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "ok" -> ok = value == JsonToken.VALUE_TRUE;
                    case "result" -> results = value == JsonToken.START_ARRAY ? elements(parser, body) : skip(parser);
                    case "error_code" -> errorCode = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : null;
                    case "description" -> description = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "parameters" -> {
                        JsonNode parameters = JSON.readTree(parser);
                        JsonNode seconds = parameters == null ? null : parameters.path("retry_after");
                        retryAfter = seconds != null && seconds.isIntegralNumber() && seconds.canConvertToInt()
                                ? seconds.intValue() : null;
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            throw notAnAnswer(httpStatus);
        }
        if (ok == null) {
            throw notAnAnswer(httpStatus);
        }
        if (!ok) {
            throw new BotApiException(errorCode != null ? errorCode : httpStatus,
                    description != null ? description : "no description", retryAfter);
        }
        return results;
    }

    /** The verbatim text of each object element of the array the parser stands on. */
    private static List<String> elements(JsonParser parser, String body) throws IOException {
        List<String> elements = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                throw new IOException("unterminated array");
            }
            if (token != JsonToken.START_OBJECT) {
                LOG.warnf("Skipping an element of getUpdates that is not an object: %s", token);
                parser.skipChildren();
                continue;
            }
            int start = (int) parser.currentTokenLocation().getCharOffset();
            parser.skipChildren();
            int end = (int) parser.currentTokenLocation().getCharOffset() + 1; // just after the closing brace
            elements.add(body.substring(start, end));
        }
        return elements;
    }

    private static List<String> skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    private static BotApiException notAnAnswer(int httpStatus) {
        return new BotApiException(httpStatus, "HTTP " + httpStatus + " without a Bot API answer", null);
    }
}

package io.switchboard.emulator.domain;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The parameters of one Bot API call, merged from the query string and the body (JSON, urlencoded or multipart form).
 * JSON bodies keep their value types; form and query values are strings, so every accessor accepts both, the way the
 * Bot API does.
 *
 * @param raw   the parameters as received, recorded in the call journal (file parts as
 *              {@code {"file_name","file_size","mime_type"}})
 * @param files the file parts of a multipart body by part name ({@code photo}, {@code document}); empty otherwise
 */
public record BotParams(ObjectNode raw, Map<String, UploadedFile> files) {

    /** Parameters without file parts. */
    public BotParams(ObjectNode raw) {
        this(raw, Map.of());
    }

    /** The file part named {@code name}, or null. */
    public UploadedFile file(String name) {
        return files.get(name);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The parameter as text (numbers and booleans in their JSON spelling, objects as JSON), or null when absent. */
    public String string(String name) {
        JsonNode value = raw.get(name);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** The parameter as a 64-bit integer, or null when absent or not an integer. */
    public Long integer(String name) {
        JsonNode value = raw.get(name);
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        if (value.isTextual()) {
            try {
                return Long.parseLong(value.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The parameter as a boolean: JSON true, or the strings {@code true} / {@code 1}. */
    public boolean flag(String name) {
        JsonNode value = raw.get(name);
        if (value == null) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        String text = value.asText().trim();
        return text.equalsIgnoreCase("true") || text.equals("1");
    }

    /** The parameter as JSON: objects and arrays as given, strings parsed as JSON; null when absent or unparsable. */
    public JsonNode json(String name) {
        JsonNode value = raw.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isContainerNode()) {
            return value;
        }
        try {
            return JSON.readTree(value.asText());
        } catch (Exception e) {
            return null;
        }
    }
}

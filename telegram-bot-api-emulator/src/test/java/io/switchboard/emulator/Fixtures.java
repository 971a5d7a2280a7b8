package io.switchboard.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The shared real Telegram payloads in /work/shared/fixtures/telegram, and unique bot tokens. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("../../shared/fixtures/telegram");

    private Fixtures() {
    }

    /** The raw text of {@code updates/<name>} or {@code responses/<name>}. */
    public static String text(String relativePath) {
        try {
            return Files.readString(ROOT.resolve(relativePath), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture parsed as JSON. */
    public static JsonNode json(String relativePath) {
        try {
            return JSON.readTree(text(relativePath));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token for a bot no other test uses: {@code <botId>:<random>}. */
    public static String uniqueToken(long botId) {
        return botId + ":" + UUID.randomUUID().toString().replace("-", "");
    }
}

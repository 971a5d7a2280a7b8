package io.switchboard.ingest.testing;

import io.switchboard.telegram.api.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The shared Telegram fixtures in {@code shared/fixtures/telegram} (real Update payloads and Bot API answers). */
public final class Fixtures {

    /** Root of the fixtures, relative to the module directory. */
    public static final Path ROOT = Path.of("../../shared/fixtures/telegram");

    /**
     * The Kafka key each {@code updates/NN-*.json} must get, by its two-digit prefix, read off the fixtures by hand:
     * the chat id; for 28 (inline callback) and 29 (inline query) the sender, as they have no chat.
     */
    public static final Map<String, String> EXPECTED_KEYS = Map.ofEntries(
            Map.entry("01", "1234567890"),
            Map.entry("02", "218485655"),
            Map.entry("03", "568577002"),
            Map.entry("04", "927266710"),
            Map.entry("05", "927266710"),
            Map.entry("06", "927266710"),
            Map.entry("07", "927266710"),
            Map.entry("08", "250918540"),
            Map.entry("09", "1111111"),
            Map.entry("10", "27433968"),
            Map.entry("11", "111111"),
            Map.entry("12", "1111112"),
            Map.entry("13", "250918540"),
            Map.entry("14", "1111111"),
            Map.entry("15", "-123"),
            Map.entry("16", "1111"),
            Map.entry("17", "-1001160242915"),
            Map.entry("18", "-1001293752024"),
            Map.entry("19", "-1001971186208"),
            Map.entry("20", "-1001847508954"),
            Map.entry("21", "-1001971186208"),
            Map.entry("22", "-1001971186208"),
            Map.entry("23", "-1001971186208"),
            Map.entry("24", "-1001971186208"),
            Map.entry("25", "-1001971186208"),
            Map.entry("26", "-1001971186208"),
            Map.entry("27", "568577002"),
            Map.entry("28", "894075106"),
            Map.entry("29", "1111111"),
            Map.entry("30", "2000000"),
            Map.entry("31", "-123456789"),
            Map.entry("32", "-123456789"),
            Map.entry("33", "-1001914618483"),
            Map.entry("34", "-1234567890123"),
            Map.entry("35", "-599075523"),
            Map.entry("36", "-1001555296434"),
            Map.entry("37", "-1001893407333"),
            Map.entry("38", "-1002184233434"),
            Map.entry("39", "-1002199793788"),
            Map.entry("40", "-1002236736395"));

    private Fixtures() {
    }

    /** Every {@code updates/*.json}, sorted by name. */
    public static List<Path> updates() {
        try (Stream<Path> files = Files.list(ROOT.resolve("updates"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of {@code updates/<name>}. */
    public static byte[] update(String name) {
        return bytes(ROOT.resolve("updates").resolve(name));
    }

    /** The text of {@code responses/<name>}. */
    public static String response(String name) {
        return new String(bytes(ROOT.resolve("responses").resolve(name)), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The expected Kafka key of an update fixture. */
    public static String expectedKey(Path update) {
        String key = EXPECTED_KEYS.get(update.getFileName().toString().substring(0, 2));
        if (key == null) {
            throw new AssertionError("no expected key for fixture " + update + "; add it to Fixtures.EXPECTED_KEYS");
        }
        return key;
    }

    /** The bytes of a file. */
    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@value Topics#BOT_ID_HEADER} header of a published record, as text, in order. */
    public static List<String> botIdHeaders(ConsumerRecord<String, byte[]> record) {
        List<String> values = new ArrayList<>();
        record.headers().headers(Topics.BOT_ID_HEADER)
                .forEach(header -> values.add(new String(header.value(), StandardCharsets.UTF_8)));
        return values;
    }
}

package io.switchboard.ingest.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a message text into parts Telegram accepts: at most {@value #TELEGRAM_MAX} UTF-16 code units each
 * (Telegram counts UTF-16 units, as Java's {@link String#length()} does).
 *
 * <p>Each part ends at the last newline that fits, else at the last whitespace that fits, else it is cut hard; the
 * separator stays at the end of its part, so the parts concatenated are exactly the original text. A cut never
 * falls between the two halves of a surrogate pair (an emoji stays whole). Text that fits is returned as is, even
 * when empty.
 */
public final class TextSplitter {

    /** Telegram's limit for one message text, in UTF-16 code units. */
    public static final int TELEGRAM_MAX = 4096;

    private final int max;

    /** A splitter with Telegram's limit. */
    public TextSplitter() {
        this(TELEGRAM_MAX);
    }

    /** @param max largest part, in UTF-16 code units, at least 2 */
    public TextSplitter(int max) {
        if (max < 2) {
            throw new IllegalArgumentException("max must be at least 2 (a surrogate pair)");
        }
        this.max = max;
    }

    /** The parts of {@code text}, in order; one part when it fits. */
    public List<String> split(String text) {
        if (text.length() <= max) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (text.length() - start > max) {
            int end = cut(text, start, start + max);
            parts.add(text.substring(start, end));
            start = end;
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** The exclusive end of the part that starts at {@code start} and may reach {@code limit} (exclusive). */
    private static int cut(String text, int start, int limit) {
        for (int i = limit - 1; i >= start; i--) {
            if (text.charAt(i) == '\n') {
                return i + 1;
            }
        }
        for (int i = limit - 1; i >= start; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        boolean insidePair = Character.isHighSurrogate(text.charAt(limit - 1))
                && Character.isLowSurrogate(text.charAt(limit));
        return insidePair ? limit - 1 : limit;
    }
}

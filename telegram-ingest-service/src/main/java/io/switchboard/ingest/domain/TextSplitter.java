package io.switchboard.ingest.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text into parts Telegram accepts: at most a limit of UTF-16 code units each ({@value #TELEGRAM_MAX} for a
 * message text, {@value #CAPTION_MAX} for a media caption; Telegram counts UTF-16 units, as {@link String#length()}
 * does).
 *
 * <p>A part ends at a boundary in the last 20% of its window when there is one, preferring a paragraph break
 * (blank line), then a line break, then any whitespace; otherwise it is cut at the limit. The separator stays at the
 * end of its part, so the parts concatenated are exactly the original text. A cut never falls between the two
 * halves of a surrogate pair (an emoji stays whole). Telegram refuses a text of only whitespace, so no part is only
 * whitespace: such a stretch is appended to the part before it when that fits, else dropped (then the parts
 * concatenated lack only that whitespace). Text that fits is returned as is, even when empty.
 */
public final class TextSplitter {

    /** Telegram's limit for one message text, in UTF-16 code units (sendMessage, editMessageText). */
    public static final int TELEGRAM_MAX = 4096;
    /** Telegram's limit for a media caption, in UTF-16 code units (sendPhoto, sendDocument). */
    public static final int CAPTION_MAX = 1024;

    private final int max;

    /** A splitter with Telegram's message limit. */
    public TextSplitter() {
        this(TELEGRAM_MAX);
    }

    /** @param max largest part, in UTF-16 code units, at least 2 */
    public TextSplitter(int max) {
        checkLimit(max);
        this.max = max;
    }

    /** The parts of {@code text}, in order, with this splitter's limit; one part when it fits. */
    public List<String> split(String text) {
        return split(text, max);
    }

    /**
     * The parts of {@code text}, in order; one part when it fits.
     *
     * @param limit largest part in UTF-16 code units, at least 2 (e.g. {@link #TELEGRAM_MAX}, {@link #CAPTION_MAX})
     */
    public static List<String> split(String text, int limit) {
        checkLimit(limit);
        if (text.length() <= limit) {
            return List.of(text);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (text.length() - start > limit) {
            int end = cut(text, start, start + limit, limit);
            parts.add(text.substring(start, end));
            start = end;
        }
        parts.add(text.substring(start));
        return withoutBlankParts(parts, limit);
    }

    /** Merges each whitespace-only part into the one before when it fits, else drops it (keeps at least one part). */
    private static List<String> withoutBlankParts(List<String> parts, int limit) {
        List<String> kept = new ArrayList<>(parts.size());
        for (String part : parts) {
            if (!part.isBlank()) {
                kept.add(part);
            } else if (!kept.isEmpty() && kept.get(kept.size() - 1).length() + part.length() <= limit) {
                kept.set(kept.size() - 1, kept.get(kept.size() - 1) + part);
            } // else dropped: a leading blank part, or one that does not fit
        }
        return kept.isEmpty() ? List.of(parts.get(0)) : kept;
    }

    private static void checkLimit(int limit) {
        if (limit < 2) {
            throw new IllegalArgumentException("limit must be at least 2 (a surrogate pair)");
        }
    }

    /** The exclusive end of the part that starts at {@code start} and may reach {@code end} (exclusive). */
    private static int cut(String text, int start, int end, int limit) {
        int earliest = end - limit / 5; // a boundary only counts in the last 20% of the window
        if (earliest <= start) {
            earliest = start + 1;
        }
        for (int i = end - 1; i >= earliest; i--) {
            if (text.charAt(i) == '\n' && text.charAt(i - 1) == '\n') {
                return i + 1;
            }
        }
        for (int i = end - 1; i >= earliest; i--) {
            if (text.charAt(i) == '\n') {
                return i + 1;
            }
        }
        for (int i = end - 1; i >= earliest; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i + 1;
            }
        }
        boolean insidePair = Character.isHighSurrogate(text.charAt(end - 1))
                && Character.isLowSurrogate(text.charAt(end));
        return insidePair ? end - 1 : end;
    }
}

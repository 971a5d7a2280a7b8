package io.switchboard.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextSplitterTest {

    private final TextSplitter splitter = new TextSplitter();

    @Test
    void textThatFitsIsOnePartUnchanged() {
        assertEquals(List.of("Привет 👋 <b>&amp;</b>"), splitter.split("Привет 👋 <b>&amp;</b>"));
        assertEquals(List.of(""), splitter.split(""));
    }

    @Test
    void exactly4096UnitsIsOnePart() {
        String text = "x".repeat(4096);
        assertEquals(List.of(text), splitter.split(text));
    }

    @Test
    void oneUnitMoreIsTwoParts() {
        String text = "x".repeat(4097);
        List<String> parts = splitter.split(text);
        assertEquals(List.of("x".repeat(4096), "x"), parts);
    }

    @Test
    void prefersTheLastNewlineThatFits() {
        String text = "a".repeat(3500) + "\n" + "b".repeat(2000);
        assertEquals(List.of("a".repeat(3500) + "\n", "b".repeat(2000)), splitter.split(text));
    }

    @Test
    void prefersANewlineOverALaterSpace() {
        String text = "a".repeat(3300) + "\n" + "b".repeat(500) + " " + "c".repeat(2000);
        List<String> parts = splitter.split(text);
        assertEquals(List.of("a".repeat(3300) + "\n", "b".repeat(500) + " " + "c".repeat(2000)), parts);
    }

    @Test
    void prefersAParagraphBreakOverALaterLineBreak() {
        String text = "a".repeat(3400) + "\n\n" + "b".repeat(300) + "\n" + "c".repeat(2000);
        List<String> parts = splitter.split(text);
        assertEquals("a".repeat(3400) + "\n\n", parts.get(0));
        assertEquals(text, String.join("", parts));
    }

    @Test
    void aBoundaryBeforeTheLast20PercentIsIgnored() {
        String text = "a".repeat(3000) + "\n" + "b".repeat(2000); // the newline is at 73% of the window
        List<String> parts = splitter.split(text);
        assertEquals(4096, parts.get(0).length(), "cut hard at the limit rather than leave a short part");
        assertEquals(text, String.join("", parts));
    }

    @Test
    void captionLimitSplitsAt1024() {
        String caption = "word ".repeat(300); // 1500 units
        List<String> parts = TextSplitter.split(caption, TextSplitter.CAPTION_MAX);
        assertEquals(1020, parts.get(0).length(), "after the last space that fits");
        assertTrue(parts.stream().allMatch(p -> p.length() <= 1024));
        assertEquals(caption, String.join("", parts));
    }

    @Test
    void textWithoutSpacesIsCutAtTheLimit() {
        String text = "x".repeat(2500);
        assertEquals(List.of("x".repeat(1024), "x".repeat(1024), "x".repeat(452)),
                TextSplitter.split(text, TextSplitter.CAPTION_MAX));
    }

    @Test
    void rightToLeftTextKeepsItsWordsAndMarks() {
        String word = "\u05E9\u05DC\u05D5\u05DD\u200F "; // "שלום" + RLM + space = 6 units
        String text = word.repeat(800); // 4800 units
        List<String> parts = splitter.split(text);
        assertEquals(2, parts.size());
        assertTrue(parts.get(0).endsWith("\u200F "), "cut after a whole word with its RTL mark");
        assertEquals(text, String.join("", parts));
    }

    @Test
    void anEmojiAtTheCaptionBoundaryStaysWhole() {
        String caption = "a".repeat(1023) + "👩🏽‍💻" + "b";
        List<String> parts = TextSplitter.split(caption, TextSplitter.CAPTION_MAX);
        assertEquals("a".repeat(1023), parts.get(0));
        assertTrue(parts.get(1).startsWith("👩"));
        assertWellFormed(parts);
    }

    @Test
    void fallsBackToWhitespace() {
        String text = "word ".repeat(1000); // 5000 units, no newline
        List<String> parts = splitter.split(text);
        assertEquals(2, parts.size());
        assertEquals(4095, parts.get(0).length(), "cut after the last space that fits");
        assertTrue(parts.get(0).endsWith(" "));
        assertEquals(text, String.join("", parts));
    }

    @Test
    void neverCutsASurrogatePair() {
        String text = "a".repeat(4095) + "😀" + "b"; // the emoji occupies units 4095 and 4096
        List<String> parts = splitter.split(text);
        assertEquals(List.of("a".repeat(4095), "😀b"), parts);
    }

    @Test
    void emojiOnlyTextSplitsBetweenPairs() {
        String text = "😀".repeat(3000); // 6000 units
        List<String> parts = splitter.split(text);
        assertEquals(List.of("😀".repeat(2048), "😀".repeat(952)), parts);
        assertWellFormed(parts);
    }

    @Test
    void oddOffsetEmojiTextKeepsPairsWhole() {
        String text = "a" + "😀".repeat(3000);
        List<String> parts = splitter.split(text);
        assertEquals(4095, parts.get(0).length());
        assertWellFormed(parts);
        assertEquals(text, String.join("", parts));
    }

    @Test
    void partsAlwaysFitAndJoinToTheOriginal() {
        Random random = new Random(42);
        String alphabet = "ab c\nд😀ש\t";
        for (int round = 0; round < 200; round++) {
            StringBuilder text = new StringBuilder();
            int length = 4000 + random.nextInt(9000);
            while (text.length() < length) {
                int i = random.nextInt(alphabet.length());
                char c = alphabet.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    text.append(c).append(alphabet.charAt(i + 1));
                } else if (!Character.isLowSurrogate(c)) {
                    text.append(c);
                }
            }
            List<String> parts = splitter.split(text.toString());
            assertEquals(text.toString(), String.join("", parts));
            parts.forEach(p -> assertTrue(p.length() <= TextSplitter.TELEGRAM_MAX && !p.isEmpty()));
            assertWellFormed(parts);
        }
    }

    @Test
    void noPartIsOnlyWhitespace() {
        List<String> trailing = TextSplitter.split("x".repeat(4096) + "\n", TextSplitter.TELEGRAM_MAX);
        assertEquals(List.of("x".repeat(4096)), trailing, "a lone line break is not sent as a message");

        String text = "a".repeat(4000) + " ".repeat(5000) + "b";
        List<String> parts = TextSplitter.split(text, TextSplitter.TELEGRAM_MAX);
        assertEquals(2, parts.size(), parts.stream().map(String::length).toList().toString());
        parts.forEach(p -> assertFalse(p.isBlank(), "blank part"));
        parts.forEach(p -> assertTrue(p.length() <= TextSplitter.TELEGRAM_MAX));
        assertTrue(parts.get(1).endsWith("b"));

        assertEquals(List.of("   "), TextSplitter.split("   ", 10), "text that fits is returned as is");
    }

    private static void assertWellFormed(List<String> parts) {
        for (String part : parts) {
            assertFalse(Character.isLowSurrogate(part.charAt(0)), "part starts inside a surrogate pair");
            assertFalse(Character.isHighSurrogate(part.charAt(part.length() - 1)), "part ends inside a surrogate pair");
        }
    }
}

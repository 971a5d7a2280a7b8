package io.switchboard.conversation.mapping;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TranscriptFormatTest {

    @Test
    void plainFieldsStayAsTheyAre() {
        assertEquals("hello world", TranscriptFormat.csvField("hello world"));
        assertEquals("Привет 👋 سلام", TranscriptFormat.csvField("Привет 👋 سلام"));
        assertEquals("1+1=2", TranscriptFormat.csvField("1+1=2"));
        assertEquals("a'b", TranscriptFormat.csvField("a'b"));
        assertEquals("", TranscriptFormat.csvField(""));
        assertEquals("", TranscriptFormat.csvField(null));
    }

    @Test
    void commasQuotesAndLineBreaksAreQuotedWithQuotesDoubled() {
        assertEquals("\"a,b\"", TranscriptFormat.csvField("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", TranscriptFormat.csvField("say \"hi\""));
        assertEquals("\"line one\nline two\"", TranscriptFormat.csvField("line one\nline two"));
        assertEquals("\"a\r\nb\"", TranscriptFormat.csvField("a\r\nb"));
        assertEquals("\"\"\"\"", TranscriptFormat.csvField("\""));
    }

    @Test
    void formulaStartsGetALeadingApostropheBeforeQuoting() {
        assertEquals("'=SUM(A1:A9)", TranscriptFormat.csvField("=SUM(A1:A9)"));
        assertEquals("'+31 20 555 0100", TranscriptFormat.csvField("+31 20 555 0100"));
        assertEquals("'-5", TranscriptFormat.csvField("-5"));
        assertEquals("'@channel", TranscriptFormat.csvField("@channel"));
        assertEquals("'\tcmd", TranscriptFormat.csvField("\tcmd"));
        assertEquals("\"'\rcmd\"", TranscriptFormat.csvField("\rcmd"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
                TranscriptFormat.csvField("=HYPERLINK(\"http://x\",\"y\")"));
        assertEquals("\"'-Ana, Díaz\"", TranscriptFormat.csvField("-Ana, Díaz"));
    }

    @Test
    void recordsAreCommaSeparatedAndEndWithCrlf() {
        assertEquals("created_at,direction,author,status,text\r\n", TranscriptFormat.csvRecord(TranscriptFormat.CSV_HEADER));
        assertEquals("a,,\"b,c\"\r\n", TranscriptFormat.csvRecord(Arrays.asList("a", null, "b,c")));
        assertEquals("\r\n", TranscriptFormat.csvRecord(List.of("")));
    }

    @Test
    void fileNamesUseTheCodenameSlugAndTheUtcDate() {
        assertEquals("blue-lion-84c2", TranscriptFormat.slug("Blue Lion #84C2"));
        assertEquals("cafe-creme-01", TranscriptFormat.slug("  Café Crème!! #01 "));
        assertEquals("conversation", TranscriptFormat.slug("###"));
        assertEquals("conversation", TranscriptFormat.slug(null));
        Instant lateEvening = Instant.parse("2026-03-01T23:59:59Z");
        assertEquals("transcript-blue-lion-84c2-2026-03-01.csv", TranscriptFormat.fileName("Blue Lion #84C2", lateEvening, "csv"));
        assertEquals("attachment; filename=\"transcript-blue-lion-84c2-2026-03-02.json\"",
                TranscriptFormat.attachment("Blue Lion #84C2", lateEvening.plusSeconds(1), "json"));
    }
}

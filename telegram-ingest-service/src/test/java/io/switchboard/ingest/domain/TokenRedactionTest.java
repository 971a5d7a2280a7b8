package io.switchboard.ingest.domain;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenRedactionTest {

    static final String TOKEN = "7000001:AAEconsole-TOKEN_secret_part_xyz9";

    @Test
    void masksTokensInUrlsAndBare() {
        assertEquals("GET http://h/<token>/sendMessage failed", TokenRedaction.redact(
                "GET http://h/bot" + TOKEN + "/sendMessage failed"));
        assertEquals("token <token> refused", TokenRedaction.redact("token " + TOKEN + " refused"));
        assertEquals("at 12:30:45 nothing secret", TokenRedaction.redact("at 12:30:45 nothing secret"));
        assertEquals(null, TokenRedaction.redact(null));
    }

    @Test
    void aStackTraceKeepsItsShapeButNotTheToken() {
        Exception error = new IllegalStateException("call failed",
                new IOException("unexpected end of stream on http://api/bot" + TOKEN + "/getMe"));
        String trace = TokenRedaction.stackTrace(error);
        assertFalse(trace.contains("secret_part"), trace);
        assertTrue(trace.contains("IllegalStateException: call failed"), trace);
        assertTrue(trace.contains("Caused by: java.io.IOException: unexpected end of stream on http://api/<token>/getMe"),
                trace);
        assertTrue(trace.contains("at io.switchboard.ingest.domain.TokenRedactionTest"), trace);
    }
}

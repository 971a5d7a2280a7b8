package io.switchboard.ingest.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSecretTest {

    @Test
    void acceptsOnlyTheExactSecret() {
        WebhookSecret secret = new WebhookSecret("s3cret_-X");
        assertTrue(secret.matches("s3cret_-X"));
        assertFalse(secret.matches("s3cret_-x"));
        assertFalse(secret.matches("s3cret_-X "));
        assertFalse(secret.matches("s3cret"));
        assertFalse(secret.matches(""));
        assertFalse(secret.matches(null));
    }

    @Test
    void aBlankSecretAcceptsNothing() {
        assertFalse(new WebhookSecret("").matches(""));
        assertFalse(new WebhookSecret(null).matches(null));
        assertFalse(new WebhookSecret(null).matches(""));
    }
}

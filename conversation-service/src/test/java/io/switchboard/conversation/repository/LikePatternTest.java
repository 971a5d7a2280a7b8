package io.switchboard.conversation.repository;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LikePatternTest {

    @Test
    void wildcardsAndTheEscapeCharacterAreEscaped() {
        assertEquals("%abc%", LikePattern.containing("abc"));
        assertEquals("%100!%!_off!!%", LikePattern.containing("100%_off!"));
        assertEquals("back\\slash", LikePattern.escape("back\\slash"));
        assertEquals("%Алёна%", LikePattern.containing("Алёна"));
    }
}

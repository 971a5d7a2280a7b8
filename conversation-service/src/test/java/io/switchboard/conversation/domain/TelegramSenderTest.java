package io.switchboard.conversation.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TelegramSenderTest {

    @Test
    void displayNameIsFirstAndLastNameTrimmed() {
        assertEquals("Anton Titowets", new TelegramSender(1, " Anton ", "Titowets", "JKIee", "ru").displayName());
        assertEquals("Waffle", new TelegramSender(1, "Waffle", null, "WaffleLapkin", "en").displayName());
        assertEquals("Власов", new TelegramSender(1, null, "Власов", null, null).displayName());
    }

    @Test
    void displayNameFallsBackToUsernameThenId() {
        assertEquals("@bob", new TelegramSender(5, "  ", null, "bob", null).displayName());
        assertEquals("12345", new TelegramSender(12345, null, null, null, null).displayName());
    }
}

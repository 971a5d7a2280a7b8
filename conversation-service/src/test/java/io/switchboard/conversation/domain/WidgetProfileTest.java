package io.switchboard.conversation.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WidgetProfileTest {

    @Test
    void nicknamesAreTrimmedAndMeasuredInCharacters() {
        assertEquals("Kate", WidgetProfile.nickname("  Kate\t"));
        assertEquals("Jo", WidgetProfile.nickname("Jo"));
        assertEquals("👩🏽‍💻 Dev", WidgetProfile.nickname("👩🏽‍💻 Dev"), "emoji sequences with a zero-width joiner are fine");
        assertEquals("مریم", WidgetProfile.nickname("مریم"));
        assertEquals("Ж".repeat(32), WidgetProfile.nickname("Ж".repeat(32)));
        assertEquals("🌸".repeat(32), WidgetProfile.nickname("🌸".repeat(32)), "32 characters though 64 UTF-16 units");
        assertEquals("J. R. R. Tolkien", WidgetProfile.nickname("J. R. R. Tolkien"));
        assertEquals("node.js fan", WidgetProfile.nickname("node.js fan"), "a dot alone is no link");
    }

    @Test
    void nicknamesThatAreTooShortTooLongLinksOrControlCharactersAreRefused() {
        List<String> refused = List.of("", " ", "a", " a ", "x".repeat(33), "🌸".repeat(33),
                "http://x.io", "see ftp://files", "WWW.Example", "www.shop", "t.me/joinchat", "T.ME/spam",
                "shop.example/deal", "buy at bit.ly/x", "line\nbreak", "tab\tname", "nul\u0000x", "bell\u0007x",
                "\u202Eevil", "iso\u2066late");
        for (String nickname : refused) {
            assertThrows(IllegalArgumentException.class, () -> WidgetProfile.nickname(nickname), nickname);
        }
        assertThrows(IllegalArgumentException.class, () -> WidgetProfile.nickname(null));
    }

    @Test
    void localesAreOptionalAndShapedLikeLanguageTags() {
        assertNull(WidgetProfile.locale(null));
        assertNull(WidgetProfile.locale("  "));
        assertEquals("en", WidgetProfile.locale("en"));
        assertEquals("ru-RU", WidgetProfile.locale(" ru-RU "));
        assertEquals("pt-br", WidgetProfile.locale("pt-br"));
        for (String bad : List.of("EN", "eng", "e", "en_US", "en-USA", "fa-", "zh-Hans", "en-US-x")) {
            assertThrows(IllegalArgumentException.class, () -> WidgetProfile.locale(bad), bad);
        }
    }

    @Test
    void clientMessageIdsAndDisplayNames() {
        assertTrue(WidgetProfile.isClientMessageId("abcdEFGH"));
        assertTrue(WidgetProfile.isClientMessageId("c-0123456789_" + "a".repeat(51)));
        assertFalse(WidgetProfile.isClientMessageId("short7!"));
        assertFalse(WidgetProfile.isClientMessageId("abcdefg"));
        assertFalse(WidgetProfile.isClientMessageId("a".repeat(65)));
        assertFalse(WidgetProfile.isClientMessageId("has space1"));
        assertFalse(WidgetProfile.isClientMessageId(null));
        assertEquals("Visitor 84C2", WidgetProfile.displayName(null, "Blue Lion #84C2"));
        assertEquals("Visitor 84C2", WidgetProfile.displayName(" ", "Blue Lion #84C2"));
        assertEquals("Kate", WidgetProfile.displayName("Kate", "Blue Lion #84C2"));
    }
}

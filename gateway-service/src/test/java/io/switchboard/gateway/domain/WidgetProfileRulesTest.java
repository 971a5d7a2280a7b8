package io.switchboard.gateway.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The nickname rule mirrors conversation-service's WidgetProfile; locales are normalised to what it stores. */
class WidgetProfileRulesTest {

    /** conversation-service's locale rule (WidgetProfile). */
    private static final Pattern STORED_LOCALE = Pattern.compile("^[a-z]{2}(-[A-Za-z]{2})?$");

    @Test
    void nicknamesAreTrimmedAndMeasuredInCharacters() {
        assertEquals("Kate", WidgetProfileRules.nickname("  Kate\t"));
        assertEquals("Jo", WidgetProfileRules.nickname("Jo"));
        assertEquals("👩🏽‍💻 Dev", WidgetProfileRules.nickname("👩🏽‍💻 Dev"));
        assertEquals("مریم", WidgetProfileRules.nickname("مریم"));
        assertEquals("Ж".repeat(32), WidgetProfileRules.nickname("Ж".repeat(32)));
        assertEquals("🌸".repeat(32), WidgetProfileRules.nickname("🌸".repeat(32)), "32 characters, 64 UTF-16 units");
        assertEquals("J. R. R. Tolkien", WidgetProfileRules.nickname("J. R. R. Tolkien"));
        assertEquals("node.js fan", WidgetProfileRules.nickname("node.js fan"), "a dot alone is no link");
        assertEquals("fake-422", WidgetProfileRules.nickname("fake-422"));
    }

    @Test
    void nicknamesThatAreTooShortTooLongLinksOrControlCharactersAreRefusedWithConversationServicesReasons() {
        List<String> refused = List.of("", " ", "a", " a ", "x".repeat(33), "🌸".repeat(33),
                "http://x.io", "see ftp://files", "WWW.Example", "www.shop", "t.me/joinchat", "T.ME/spam",
                "shop.example/deal", "buy at bit.ly/x", "line\nbreak", "tab\tname", "nul\u0000x", "bell\u0007x",
                "\u202Eevil", "iso\u2066late", "mark\u200Fx", "c1\u0085x");
        for (String nickname : refused) {
            assertThrows(IllegalArgumentException.class, () -> WidgetProfileRules.nickname(nickname), nickname);
        }
        assertEquals("nickname is required",
                assertThrows(IllegalArgumentException.class, () -> WidgetProfileRules.nickname(null)).getMessage());
        assertEquals("nickname must be 2 to 32 characters long",
                assertThrows(IllegalArgumentException.class, () -> WidgetProfileRules.nickname("a")).getMessage());
        assertEquals("nickname must not contain control characters",
                assertThrows(IllegalArgumentException.class, () -> WidgetProfileRules.nickname("\u202Eevil"))
                        .getMessage());
        assertEquals("nickname must not contain a link",
                assertThrows(IllegalArgumentException.class, () -> WidgetProfileRules.nickname("bit.ly/x"))
                        .getMessage());
    }

    @Test
    void localesAreNormalisedToLanguageAndRegion() {
        assertNull(WidgetProfileRules.locale(null));
        assertNull(WidgetProfileRules.locale("  "));
        Map<String, String> normalised = Map.ofEntries(
                Map.entry("en", "en"),
                Map.entry(" ru-RU ", "ru-RU"),
                Map.entry("EN", "en"),
                Map.entry("en_US", "en-US"),
                Map.entry("pt-br", "pt-BR"),
                Map.entry("zh-Hant-TW", "zh-TW"),
                Map.entry("zh_Hans", "zh"),
                Map.entry("sr-Latn-RS", "sr-RS"),
                Map.entry("zh-yue-HK", "zh-HK"),
                Map.entry("es-419", "es"),
                Map.entry("de-DE-u-co-phonebk", "de-DE"),
                Map.entry("en-US-x-twain", "en-US"),
                Map.entry("ca-ES-valencia", "ca-ES"),
                Map.entry("sl-rozaj", "sl"),
                Map.entry("en-x-US", "en"));
        normalised.forEach((raw, expected) -> {
            String locale = WidgetProfileRules.locale(raw);
            assertEquals(expected, locale, raw);
            assertTrue(STORED_LOCALE.matcher(locale).matches(), "conversation-service accepts " + locale);
        });
    }

    @Test
    void localesThatCannotBeNormalisedAreRefused() {
        for (String bad : List.of("e", "eng", "fil-PH", "x-klingon", "i-klingon", "<script>", "en us", "fa-",
                "-en", "en--US", "en-US-" + "x".repeat(40), "en-" + "a".repeat(9), "12", "ру", "en.US", "en-US;q=0.9",
                "a".repeat(36))) {
            assertThrows(IllegalArgumentException.class, () -> WidgetProfileRules.locale(bad), bad);
        }
    }
}

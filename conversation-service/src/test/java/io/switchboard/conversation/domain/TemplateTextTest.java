package io.switchboard.conversation.domain;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Locale choice and placeholders of system-message templates. */
class TemplateTextTest {

    private static final Map<String, String> TEXTS = texts("en", "Hello", "ru", "Привет", "fa", "سلام", "pt-BR", "Olá (BR)",
            "pt-PT", "Olá (PT)");

    @Test
    void theLocaleIsMatchedExactlyThenByLanguageThenFallsBackToEnglish() {
        assertEquals("Привет", TemplateText.pick(TEXTS, "ru"));
        assertEquals("Привет", TemplateText.pick(TEXTS, "ru-RU"));
        assertEquals("Привет", TemplateText.pick(TEXTS, "RU_ru"));
        assertEquals("سلام", TemplateText.pick(TEXTS, "fa"));
        assertEquals("Olá (BR)", TemplateText.pick(TEXTS, "pt-br"));
        assertEquals("Olá (PT)", TemplateText.pick(TEXTS, "pt-PT"));
        assertEquals("Olá (BR)", TemplateText.pick(TEXTS, "pt"), "any locale of the language");
        assertEquals("Hello", TemplateText.pick(TEXTS, "de-DE"));
        assertEquals("Hello", TemplateText.pick(TEXTS, null));
        assertEquals("Hello", TemplateText.pick(TEXTS, " "));
        assertNull(TemplateText.pick(Map.of(), "en"));
        assertNull(TemplateText.pick(Map.of("ru", "x"), "de"), "no en and no match");
    }

    @Test
    void knownPlaceholdersAreFilledAndOthersStayAsWritten() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("codename", "Blue Lion #84C2");
        values.put("customerName", "Ana $1 \\ Díaz");
        values.put("operatorName", null);
        assertEquals("Hi Ana $1 \\ Díaz, this is Blue Lion #84C2 by . {unknown} {not a placeholder} {}",
                TemplateText.render("Hi {customerName}, this is {codename} by {operatorName}. {unknown} {not a placeholder} {}", values));
        assertEquals("{codename}{codename}", TemplateText.render("{codename}{codename}", Map.of()));
        assertEquals("XX", TemplateText.render("{codename}{codename}", Map.of("codename", "X")));
        assertNull(TemplateText.render(null, values));
    }

    @Test
    void everyKeyHasAFixedAudience() {
        assertEquals(7, SystemMessageKey.values().length);
        assertEquals(SystemMessageKey.Audience.OPERATORS, SystemMessageKey.of("unclaimed_reminder_5m").orElseThrow().audience());
        assertEquals(SystemMessageKey.Audience.OPERATORS, SystemMessageKey.of("unclaimed_reminder_15m_pin").orElseThrow().audience());
        for (String key : new String[]{"welcome_message", "waiting_for_agent", "conversation_reopened", "closed_history_note",
                "closing_message"}) {
            assertEquals(SystemMessageKey.Audience.CUSTOMER, SystemMessageKey.of(key).orElseThrow().audience(), key);
        }
        assertEquals(true, SystemMessageKey.of("nope").isEmpty());
    }

    private static Map<String, String> texts(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}

package io.switchboard.conversation.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopicTitleTest {

    @Test
    void badgeNameAndCodename() {
        assertEquals("🆕 Quinn Doe — Blue Lion #84C2", TopicTitle.of(ConversationStatus.OPEN_UNCLAIMED, "Quinn Doe", "Blue Lion #84C2"));
        assertEquals("💬 Quinn — Blue Lion #84C2", TopicTitle.of(ConversationStatus.OPEN_ASSIGNED, "Quinn", "Blue Lion #84C2"));
        assertEquals("💬 Quinn — Blue Lion #84C2", TopicTitle.of(ConversationStatus.AWAITING_CUSTOMER, "Quinn", "Blue Lion #84C2"));
        assertEquals("✅ Quinn — Blue Lion #84C2", TopicTitle.of(ConversationStatus.CLOSED, "Quinn", "Blue Lion #84C2"));
        assertEquals("⛔ Quinn — Blue Lion #84C2", TopicTitle.of(ConversationStatus.BLOCKED, "Quinn", "Blue Lion #84C2"));
    }

    @Test
    void blankNameBecomesCustomer() {
        assertEquals("🆕 Customer — Red Fox #0001", TopicTitle.of(ConversationStatus.OPEN_UNCLAIMED, "  ", "Red Fox #0001"));
        assertEquals("🆕 Customer — Red Fox #0001", TopicTitle.of(ConversationStatus.OPEN_UNCLAIMED, null, "Red Fox #0001"));
    }

    @Test
    void aLongNameIsCutWithAnEllipsisAndTheCodenameKept() {
        String name = "Bartholomew ".repeat(20);
        String title = TopicTitle.of(ConversationStatus.OPEN_UNCLAIMED, name, "Blue Lion #84C2");
        assertEquals(TopicTitle.MAX_LENGTH, title.length(), title);
        assertTrue(title.startsWith("🆕 Bartholomew"), title);
        assertTrue(title.endsWith("… — Blue Lion #84C2"), title);
    }

    @Test
    void exactlyFittingNameIsNotCut() {
        String codename = "Blue Lion #84C2";
        int room = TopicTitle.MAX_LENGTH - "🆕 ".length() - " — ".length() - codename.length();
        String name = "x".repeat(room);
        String title = TopicTitle.of(ConversationStatus.OPEN_UNCLAIMED, name, codename);
        assertEquals(TopicTitle.MAX_LENGTH, title.length());
        assertFalse(title.contains("…"));
        String longer = TopicTitle.of(ConversationStatus.OPEN_UNCLAIMED, name + "y", codename);
        assertEquals(TopicTitle.MAX_LENGTH, longer.length());
        assertTrue(longer.contains("…"));
    }

    @Test
    void neverSplitsASurrogatePair() {
        String name = "😀".repeat(100); // 200 UTF-16 units
        String title = TopicTitle.of(ConversationStatus.OPEN_UNCLAIMED, name, "Blue Lion #84C2");
        assertTrue(title.length() <= TopicTitle.MAX_LENGTH, title);
        int ellipsis = title.indexOf('…');
        assertTrue(ellipsis > 0);
        assertFalse(Character.isHighSurrogate(title.charAt(ellipsis - 1)), "a lone high surrogate before the ellipsis");
        assertTrue(title.codePoints().noneMatch(cp -> cp >= 0xD800 && cp <= 0xDFFF), "no unpaired surrogate");
    }
}

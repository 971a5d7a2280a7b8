package io.switchboard.gateway.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WidgetMessageRulesTest {

    @Test
    void clientMessageIds() {
        assertTrue(WidgetMessageRules.validClientMessageId("abcdEFGH"));
        assertTrue(WidgetMessageRules.validClientMessageId("cm_0123-456789"));
        assertTrue(WidgetMessageRules.validClientMessageId("x".repeat(64)));
        assertFalse(WidgetMessageRules.validClientMessageId("x".repeat(65)));
        assertFalse(WidgetMessageRules.validClientMessageId("abcdefg"));
        assertFalse(WidgetMessageRules.validClientMessageId("abcd efgh"));
        assertFalse(WidgetMessageRules.validClientMessageId("abcdefgh\n"));
        assertFalse(WidgetMessageRules.validClientMessageId(null));
    }

    @Test
    void textIsTrimmedAndCleanedButOtherwiseKept() {
        assertEquals(new WidgetMessageRules.Accepted("a <i>b</i>\n\nc\td"),
                WidgetMessageRules.checkText("  a <i>b</i>\r\n\rc\td\u0000\u001b\u007f  ", 4000));
        assertEquals(new WidgetMessageRules.Accepted("Привет 👋 سلام"),
                WidgetMessageRules.checkText("Привет 👋 سلام", 4000));
    }

    @Test
    void emptyOrBrokenTextIsInvalid() {
        assertInstanceOf(WidgetMessageRules.Invalid.class, WidgetMessageRules.checkText(null, 4000));
        assertInstanceOf(WidgetMessageRules.Invalid.class, WidgetMessageRules.checkText(" \n\t ", 4000));
        assertInstanceOf(WidgetMessageRules.Invalid.class, WidgetMessageRules.checkText("\u0000", 4000));
        assertInstanceOf(WidgetMessageRules.Invalid.class, WidgetMessageRules.checkText("a\uD800b", 4000));
        assertInstanceOf(WidgetMessageRules.Invalid.class, WidgetMessageRules.checkText("a\uDC00", 4000));
    }

    @Test
    void theLimitCountsCharactersAfterTrimming() {
        assertInstanceOf(WidgetMessageRules.Accepted.class, WidgetMessageRules.checkText("  " + "a".repeat(5) + " ", 5));
        assertEquals(new WidgetMessageRules.TooLong(6, 5), WidgetMessageRules.checkText("a".repeat(6), 5));
        // an emoji outside the BMP is one character, not two
        assertInstanceOf(WidgetMessageRules.Accepted.class, WidgetMessageRules.checkText("😀".repeat(5), 5));
    }
}

package io.switchboard.conversation.domain;

import java.util.Optional;

/**
 * The system-message templates, each with its fixed {@link Audience}. The audience decides what the delivery flags
 * of a template mean:
 * <ul>
 *   <li>{@link Audience#CUSTOMER}: {@code telegram} sends the text to the customer's Telegram chat (a
 *   {@code send_message} command through the outbox), {@code widgetBanner} flags it for the web widget,
 *   {@code transcriptBubble} stores it as an OUTBOUND message (PENDING when sent to Telegram, else RECORDED).</li>
 *   <li>{@link Audience#OPERATORS}: never sent or shown to the customer; {@code telegram} means the support group's
 *   topic (recorded on the event only until that channel exists), {@code pin} marks it for pinning there,
 *   {@code widgetBanner} is always false, the bubble is always RECORDED.</li>
 * </ul>
 */
public enum SystemMessageKey {

    /** Greets the customer when their first conversation opens. Customer. */
    WELCOME_MESSAGE("welcome_message", Audience.CUSTOMER),
    /** Tells the customer nobody has picked the conversation up yet. Customer. */
    WAITING_FOR_AGENT("waiting_for_agent", Audience.CUSTOMER),
    /** The customer wrote to a closed conversation and it opened again. Customer. */
    CONVERSATION_REOPENED("conversation_reopened", Audience.CUSTOMER),
    /** First reminder that a conversation is still unclaimed (timer REMINDER_FIRST). Operators. */
    UNCLAIMED_REMINDER_5M("unclaimed_reminder_5m", Audience.OPERATORS),
    /** Second reminder, marked for pinning (timer REMINDER_SECOND). Operators. */
    UNCLAIMED_REMINDER_15M_PIN("unclaimed_reminder_15m_pin", Audience.OPERATORS),
    /**
     * Note under a closed conversation's history, posted on every close (operator or auto-close) right after the
     * closing message; by default a bubble and a widget banner, not sent to Telegram. Customer.
     */
    CLOSED_HISTORY_NOTE("closed_history_note", Audience.CUSTOMER),
    /** The default closing message when an operator closes without one (and on auto-close). Customer. */
    CLOSING_MESSAGE("closing_message", Audience.CUSTOMER);

    /** Who may see a system message. */
    public enum Audience {
        /** The customer (Telegram chat, widget) and operators (transcript). */
        CUSTOMER("customer"),
        /** Operators only. */
        OPERATORS("operators");

        private final String wire;

        Audience(String wire) {
            this.wire = wire;
        }

        /** {@code customer} or {@code operators}, as written in events. */
        public String wire() {
            return wire;
        }
    }

    private final String key;
    private final Audience audience;

    SystemMessageKey(String key, Audience audience) {
        this.key = key;
        this.audience = audience;
    }

    /** The template key, e.g. {@code welcome_message}. */
    public String key() {
        return key;
    }

    public Audience audience() {
        return audience;
    }

    /** The constant for {@code key}, if it is one of the templates. */
    public static Optional<SystemMessageKey> of(String key) {
        for (SystemMessageKey value : values()) {
            if (value.key.equals(key)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}

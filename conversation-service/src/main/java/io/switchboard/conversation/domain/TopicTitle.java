package io.switchboard.conversation.domain;

/**
 * The title of a conversation's forum topic: {@code <badge> <customer display name> — <codename>}, at most
 * {@value #MAX_LENGTH} UTF-16 units (Bot API createForumTopic/editForumTopic: name 1–128 characters). When too long,
 * the customer's name is cut (never inside a surrogate pair) and ends with "…"; the badge and the codename are always
 * kept. Badges: OPEN_UNCLAIMED 🆕, OPEN_ASSIGNED and AWAITING_CUSTOMER 💬, CLOSED ✅, BLOCKED ⛔.
 */
public final class TopicTitle {

    /** Longest topic name Telegram accepts. */
    public static final int MAX_LENGTH = 128;

    private static final String SEPARATOR = " — ";
    private static final String ELLIPSIS = "…";

    private TopicTitle() {
    }

    /** The badge of {@code status}. */
    public static String badge(ConversationStatus status) {
        return switch (status) {
            case OPEN_UNCLAIMED -> "🆕";
            case OPEN_ASSIGNED, AWAITING_CUSTOMER -> "💬";
            case CLOSED -> "✅";
            case BLOCKED -> "⛔";
        };
    }

    /**
     * The title for a conversation.
     *
     * @param customerName the customer's display name (nickname first, as operators see it); blank or null → "Customer"
     * @param codename     the conversation's codename, e.g. "Blue Lion #84C2"
     */
    public static String of(ConversationStatus status, String customerName, String codename) {
        String name = customerName == null || customerName.isBlank() ? "Customer" : customerName.strip();
        String tail = SEPARATOR + (codename == null ? "" : codename);
        String head = badge(status) + " ";
        int room = MAX_LENGTH - head.length() - tail.length();
        if (room < ELLIPSIS.length() + 1) {
            // a codename is short; this only guards against absurd input
            String all = head + name + tail;
            return cut(all, MAX_LENGTH);
        }
        if (name.length() > room) {
            name = cut(name, room - ELLIPSIS.length()).stripTrailing() + ELLIPSIS;
        }
        return head + name + tail;
    }

    /** The first {@code max} UTF-16 units of {@code text}, one less when that would split a surrogate pair. */
    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}

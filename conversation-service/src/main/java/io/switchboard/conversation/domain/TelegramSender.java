package io.switchboard.conversation.domain;

/**
 * The Telegram user behind a private-chat message ({@code message.from}).
 *
 * @param userId       Telegram user id
 * @param firstName    may be null (Telegram redacts it in some exports)
 * @param lastName     may be null
 * @param username     without '@', may be null
 * @param languageCode IETF tag such as "en", may be null
 */
public record TelegramSender(long userId, String firstName, String lastName, String username, String languageCode) {

    /** "first last" trimmed; else "@username"; else the user id. Never blank. */
    public String displayName() {
        String name = (nullToEmpty(firstName) + " " + nullToEmpty(lastName)).trim();
        if (!name.isEmpty()) {
            return name;
        }
        if (username != null && !username.isBlank()) {
            return "@" + username.trim();
        }
        return Long.toString(userId);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s.trim();
    }
}

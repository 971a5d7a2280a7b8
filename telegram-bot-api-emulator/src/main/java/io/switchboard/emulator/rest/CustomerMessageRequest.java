package io.switchboard.emulator.rest;

/**
 * Body of {@code POST /emulator/customers/{chatId}/messages}: what the customer types, and optionally who they are
 * (defaults: the profile last seen for that chat, else first name "Customer").
 *
 * @param text         the message text (required, non-empty)
 * @param firstName    the customer's first name
 * @param lastName     the customer's last name
 * @param username     the customer's username, without '@'
 * @param languageCode IETF language tag such as {@code en}
 */
public record CustomerMessageRequest(String text, String firstName, String lastName, String username,
        String languageCode) {
}

package io.switchboard.conversation.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The Telegram {@code message_id}s of a stored message's parts (a text over 4096 UTF-16 units goes out as several
 * Telegram messages), kept in {@code message.telegram_message_ids} as a JSON-style list, e.g. {@code [21,22]}.
 */
final class TelegramParts {

    private TelegramParts() {
    }

    /**
     * {@code stored} followed by {@code more}, e.g. {@code append("[21,22]", [23]) = "[21,22,23]"}.
     *
     * @return the list text, or null when both are empty
     */
    static String append(String stored, List<Long> more) {
        List<Long> all = new ArrayList<>(parse(stored));
        all.addAll(more == null ? List.of() : more);
        if (all.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < all.size(); i++) {
            text.append(i == 0 ? "" : ",").append(all.get(i));
        }
        return text.append(']').toString();
    }

    /** How many parts {@code stored} names (0 for null or an empty list). */
    static int count(String stored) {
        return parse(stored).size();
    }

    /** The ids {@code stored} names, in order; empty for null or an empty list. */
    static List<Long> of(String stored) {
        return List.copyOf(parse(stored));
    }

    private static List<Long> parse(String stored) {
        List<Long> ids = new ArrayList<>();
        if (stored == null) {
            return ids;
        }
        for (String id : stored.replace("[", "").replace("]", "").split(",")) {
            if (!id.isBlank()) {
                ids.add(Long.parseLong(id.trim()));
            }
        }
        return ids;
    }
}

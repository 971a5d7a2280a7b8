package io.switchboard.emulator.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Bot API methods the emulator answers. Telegram matches method names case-insensitively
 * (telegrambots-client sends {@code sendmessage}); {@link #canonicalName()} is the documented camelCase name.
 */
public enum BotMethod {
    GET_ME("getMe"),
    GET_UPDATES("getUpdates"),
    SET_WEBHOOK("setWebhook"),
    DELETE_WEBHOOK("deleteWebhook"),
    GET_WEBHOOK_INFO("getWebhookInfo"),
    SEND_MESSAGE("sendMessage"),
    SEND_PHOTO("sendPhoto"),
    SEND_DOCUMENT("sendDocument"),
    EDIT_MESSAGE_TEXT("editMessageText"),
    DELETE_MESSAGE("deleteMessage"),
    PIN_CHAT_MESSAGE("pinChatMessage"),
    SEND_CHAT_ACTION("sendChatAction"),
    ANSWER_CALLBACK_QUERY("answerCallbackQuery"),
    GET_FILE("getFile"),
    CREATE_FORUM_TOPIC("createForumTopic"),
    EDIT_FORUM_TOPIC("editForumTopic"),
    CLOSE_FORUM_TOPIC("closeForumTopic"),
    REOPEN_FORUM_TOPIC("reopenForumTopic"),
    DELETE_FORUM_TOPIC("deleteForumTopic");

    private static final Map<String, BotMethod> BY_LOWER_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(m -> m.canonicalName.toLowerCase(Locale.ROOT), Function.identity()));

    private final String canonicalName;

    BotMethod(String canonicalName) {
        this.canonicalName = canonicalName;
    }

    /** The documented camelCase name, e.g. {@code sendMessage}. */
    public String canonicalName() {
        return canonicalName;
    }

    /** The method named {@code name} in any letter case, or empty when the emulator does not implement it. */
    public static Optional<BotMethod> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_LOWER_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The canonical name of a known method, otherwise {@code name} unchanged (for the call journal). */
    public static String canonicalize(String name) {
        return byName(name).map(BotMethod::canonicalName).orElse(name);
    }
}

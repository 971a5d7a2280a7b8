package io.switchboard.conversation.domain;

import java.util.UUID;

/**
 * Who performs an operator action: the operator from the access token ({@code sub}, claim {@code name}, group
 * {@code admin}).
 *
 * @param id    operator id
 * @param name  display name at the time of the action (for audit rows and events)
 * @param admin whether the operator has the admin role
 * @param via   where the action came from when not the web console: {@value #VIA_TELEGRAM} (the support group's
 *              forum topic, as a linked operator); null for the console. Audit rows record it as {@code after.via}.
 */
public record Actor(UUID id, String name, boolean admin, String via) {

    /** {@link #via()} of an action taken in the support group on Telegram. */
    public static final String VIA_TELEGRAM = "telegram";

    /** An operator acting from the web console ({@code via} null). */
    public Actor(UUID id, String name, boolean admin) {
        this(id, name, admin, null);
    }

    /** A linked operator acting from the support group (never admin there: they act as an ordinary operator). */
    public static Actor viaTelegram(UUID id, String name) {
        return new Actor(id, name, false, VIA_TELEGRAM);
    }
}

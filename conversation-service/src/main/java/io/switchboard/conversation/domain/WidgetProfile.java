package io.switchboard.conversation.domain;

import io.switchboard.widget.api.Nickname;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for what a web-widget customer says about themselves (pure functions, unit-tested): nickname, locale,
 * client message id, and the display name a widget customer gets.
 */
public final class WidgetProfile {

    /** Shortest nickname, in characters (code points) after trimming. */
    public static final int NICKNAME_MIN = Nickname.MIN;
    /** Longest nickname, in characters (code points) after trimming. */
    public static final int NICKNAME_MAX = Nickname.MAX;

    private static final Pattern LOCALE = Pattern.compile("^[a-z]{2}(-[A-Za-z]{2})?$");
    private static final Pattern CLIENT_MESSAGE_ID = Pattern.compile("^[A-Za-z0-9_-]{8,64}$");

    private WidgetProfile() {
    }

    /**
     * A nickname as stored: {@code raw} trimmed. Refused (with a reason for a 422) when it is absent, shorter than
     * {@value #NICKNAME_MIN} or longer than {@value #NICKNAME_MAX} characters after trimming, holds a control
     * character (or a bidirectional override), or looks like a link: {@code ://}, {@code www.}, {@code t.me/} (any
     * case) or {@code word.tld/}.
     *
     * @throws IllegalArgumentException with the reason
     */
    public static String nickname(String raw) {
        return Nickname.normalize(raw);
    }

    /**
     * A locale as stored: {@code raw} trimmed, null when absent or blank. Must match
     * {@code ^[a-z]{2}(-[A-Za-z]{2})?$} (e.g. {@code en}, {@code fa}, {@code ru-RU}).
     *
     * @throws IllegalArgumentException with the reason
     */
    public static String locale(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String locale = raw.strip();
        if (!LOCALE.matcher(locale).matches()) {
            throw new IllegalArgumentException("locale must look like 'en' or 'pt-BR'");
        }
        return locale;
    }

    /** Whether {@code id} is a valid client message id: {@code ^[A-Za-z0-9_-]{8,64}$}. */
    public static boolean isClientMessageId(String id) {
        return id != null && CLIENT_MESSAGE_ID.matcher(id).matches();
    }

    /**
     * The display name of a widget customer: the nickname, else "Visitor " and the codename's suffix
     * ({@code Blue Lion #84C2} → {@code Visitor 84C2}).
     */
    public static String displayName(String nickname, String codename) {
        if (nickname != null && !nickname.isBlank()) {
            return nickname;
        }
        int hash = codename == null ? -1 : codename.lastIndexOf('#');
        String suffix = Optional.ofNullable(codename).map(c -> hash >= 0 ? c.substring(hash + 1) : c).orElse("").strip();
        return suffix.isEmpty() ? "Visitor" : "Visitor " + suffix;
    }
}

package io.switchboard.gateway.domain;

import io.switchboard.widget.api.Nickname;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a web-widget customer says about themselves, checked at the gateway before a rate-limit token is taken or
 * conversation-service is called (pure functions, unit-tested). The nickname rule is a copy of conversation-service's
 * {@code io.switchboard.conversation.domain.WidgetProfile#nickname}, so that the gateway refuses exactly what that
 * service would refuse; the locale is normalised into the only shape that service stores,
 * {@code ^[a-z]{2}(-[A-Za-z]{2})?$}.
 */
public final class WidgetProfileRules {

    /** Shortest nickname, in characters (code points) after trimming. */
    public static final int NICKNAME_MIN = Nickname.MIN;
    /** Longest nickname, in characters (code points) after trimming. */
    public static final int NICKNAME_MAX = Nickname.MAX;
    /** Longest locale accepted before normalisation (BCP 47's recommended buffer size). */
    public static final int LOCALE_MAX = 35;

    private static final Pattern SUBTAG = Pattern.compile("[A-Za-z0-9]{1,8}");
    private static final Pattern TWO_LETTERS = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern EXTLANG = Pattern.compile("[A-Za-z]{3}");
    private static final Pattern SCRIPT = Pattern.compile("[A-Za-z]{4}");
    private static final String BAD_LOCALE = "locale must be a language tag with a two-letter language, such as en, "
            + "ru-RU or pt_BR";

    private WidgetProfileRules() {
    }

    /**
     * A nickname as conversation-service stores it: {@code raw} trimmed. Refused when it is absent, shorter than
     * {@value #NICKNAME_MIN} or longer than {@value #NICKNAME_MAX} characters (code points) after trimming, holds a
     * control character or a bidirectional override/isolate/mark, or looks like a link: {@code ://}, {@code www.},
     * {@code t.me/} (any case) or {@code word.tld/}.
     *
     * @throws IllegalArgumentException with the reason (the same text conversation-service gives), for a 422
     */
    public static String nickname(String raw) {
        return Nickname.normalize(raw);
    }

    /**
     * A locale normalised to {@code language} or {@code language-REGION} (matching conversation-service's
     * {@code ^[a-z]{2}(-[A-Za-z]{2})?$}); null when {@code raw} is null or blank.
     *
     * <p>{@code raw} is trimmed, {@code _} becomes {@code -}, and it must then be a list of 1–8 letters/digits
     * subtags, at most {@value #LOCALE_MAX} characters, beginning with a two-letter language (lower-cased). Of the
     * rest only a two-letter region is kept (upper-cased), found right after the language or after its extended
     * language and script subtags; everything else (script, numeric region, variants, extensions, private use) is
     * dropped. So {@code EN_us} → {@code en-US}, {@code zh-Hant-TW} → {@code zh-TW}, {@code sr-Latn} → {@code sr},
     * {@code es-419} → {@code es}, {@code de-DE-u-co-phonebk} → {@code de-DE}.
     *
     * @throws IllegalArgumentException (for a 422) when it cannot be normalised: not a tag ({@code en us},
     *                                  {@code <b>}), or a language that is not two letters ({@code e}, {@code fil},
     *                                  {@code x-klingon})
     */
    public static String locale(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String tag = raw.strip().replace('_', '-');
        if (tag.length() > LOCALE_MAX) {
            throw new IllegalArgumentException(BAD_LOCALE);
        }
        String[] subtags = tag.split("-", -1);
        for (String subtag : subtags) {
            if (!SUBTAG.matcher(subtag).matches()) {
                throw new IllegalArgumentException(BAD_LOCALE);
            }
        }
        if (!TWO_LETTERS.matcher(subtags[0]).matches()) {
            throw new IllegalArgumentException(BAD_LOCALE);
        }
        String language = subtags[0].toLowerCase(Locale.ROOT);
        int next = 1;
        for (int extlangs = 0; extlangs < 3 && next < subtags.length && EXTLANG.matcher(subtags[next]).matches();
             extlangs++) {
            next++;
        }
        if (next < subtags.length && SCRIPT.matcher(subtags[next]).matches()) {
            next++;
        }
        if (next < subtags.length && TWO_LETTERS.matcher(subtags[next]).matches()) {
            return language + "-" + subtags[next].toUpperCase(Locale.ROOT);
        }
        return language;
    }
}

package io.switchboard.conversation.domain;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Picks a template's text for a locale and fills its placeholders. Pure functions. */
public final class TemplateText {

    /** Locale every template has. */
    public static final String FALLBACK_LOCALE = "en";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private TemplateText() {
    }

    /**
     * The text for {@code languageCode} (a Telegram/BCP 47 code like {@code ru}, {@code ru-RU}, {@code pt_br}):
     * the exact locale ({@code pt-BR}) if present, else its language ({@code pt}), else any locale of the same
     * language ({@code pt-PT}), else {@code en}, else null.
     */
    public static String pick(Map<String, String> texts, String languageCode) {
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        if (languageCode != null && !languageCode.isBlank()) {
            String[] parts = languageCode.trim().replace('_', '-').split("-");
            String language = parts[0].toLowerCase(Locale.ROOT);
            if (parts.length > 1) {
                String exact = texts.get(language + "-" + parts[1].toUpperCase(Locale.ROOT));
                if (exact != null) {
                    return exact;
                }
            }
            String plain = texts.get(language);
            if (plain != null) {
                return plain;
            }
            for (Map.Entry<String, String> entry : texts.entrySet()) {
                if (entry.getKey().startsWith(language + "-")) {
                    return entry.getValue();
                }
            }
        }
        return texts.get(FALLBACK_LOCALE);
    }

    /**
     * Replaces each {@code {name}} whose name is a key of {@code values} with its value (null → empty); other braces
     * stay as written.
     */
    public static String render(String template, Map<String, String> values) {
        if (template == null) {
            return null;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = values.containsKey(name) ? nullToEmpty(values.get(name)) : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}

package io.switchboard.conversation.mapping;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * Text rules of transcript files: CSV fields (RFC 4180, guarded against formula injection) and the download name.
 */
public final class TranscriptFormat {

    /** UTF-8 byte order mark, first in a CSV file so that Excel reads it as UTF-8. */
    public static final String BOM = "\uFEFF";
    /** Header row of the CSV transcript. */
    public static final List<String> CSV_HEADER = List.of("created_at", "direction", "author", "status", "text");
    /** Line break of a CSV record (RFC 4180). */
    public static final String CRLF = "\r\n";

    private TranscriptFormat() {
    }

    /**
     * One CSV field: a value a spreadsheet would run as a formula (first character {@code = + - @}, tab or carriage
     * return) gets a leading {@code '}; then the field is quoted when it holds a comma, a double quote, CR or LF, with
     * quotes doubled. Null becomes an empty field.
     */
    public static String csvField(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String guarded = switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
        boolean quote = guarded.indexOf(',') >= 0 || guarded.indexOf('"') >= 0 || guarded.indexOf('\n') >= 0
                || guarded.indexOf('\r') >= 0;
        return quote ? '"' + guarded.replace("\"", "\"\"") + '"' : guarded;
    }

    /** One CSV record: the fields joined by commas, ended by CRLF. */
    public static String csvRecord(List<String> fields) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(csvField(fields.get(i)));
        }
        return line.append(CRLF).toString();
    }

    /**
     * A codename as a file-name part: accents dropped, lower-case ASCII letters and digits, runs of anything else as
     * one {@code -} ("Blue Lion #84C2" → {@code blue-lion-84c2}); {@code conversation} when nothing is left.
     */
    public static String slug(String codename) {
        String ascii = codename == null ? "" : Normalizer.normalize(codename, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "conversation" : slug;
    }

    /** {@code transcript-<codename-slug>-<yyyy-MM-dd (UTC)>.<extension>}. */
    public static String fileName(String codename, Instant exportedAt, String extension) {
        return "transcript-" + slug(codename) + "-" + LocalDate.ofInstant(exportedAt, ZoneOffset.UTC) + "." + extension;
    }

    /** The {@code Content-Disposition} value that downloads {@link #fileName} (ASCII only, so no {@code filename*}). */
    public static String attachment(String codename, Instant exportedAt, String extension) {
        return "attachment; filename=\"" + fileName(codename, exportedAt, extension) + "\"";
    }
}

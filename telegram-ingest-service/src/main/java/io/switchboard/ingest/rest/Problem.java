package io.switchboard.ingest.rest;

/**
 * RFC 9457 problem details, sent as {@code application/problem+json}.
 *
 * @param type     {@code about:blank}: the status code says it all
 * @param title    the HTTP reason phrase
 * @param status   the HTTP status code
 * @param detail   what went wrong with this request, safe to show (never a stack trace or class name)
 * @param instance the request path
 */
public record Problem(String type, String title, int status, String detail, String instance) {

    /** Media type of a problem. */
    public static final String MEDIA_TYPE = "application/problem+json";
}

package io.switchboard.notification.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}.
 *
 * @param type     URI of the problem type; {@code about:blank} when the status says it all
 * @param title    short summary of the type (the HTTP reason phrase for {@code about:blank})
 * @param status   HTTP status code
 * @param detail   what went wrong this time, for a human; never an exception class or stack trace
 * @param instance the request path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    /** Media type of a problem body. */
    public static final String MEDIA_TYPE = "application/problem+json";
}

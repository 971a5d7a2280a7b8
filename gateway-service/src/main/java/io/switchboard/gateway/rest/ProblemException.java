package io.switchboard.gateway.rest;

import java.time.Duration;
import java.util.Map;

/**
 * An expected failure that becomes a problem+json answer through {@link ProblemMapper}: a status, a detail safe to
 * show to the client, and optional response headers (e.g. {@code Retry-After}). Carries no stack trace.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final Map<String, String> headers;

    public ProblemException(int status, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(int status, String detail) {
        this(status, detail, Map.of());
    }

    /** 400 for a request that is missing fields or malformed. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, detail);
    }

    /** 403: the caller is known but may not do this. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, detail);
    }

    /** 404: nothing with that id. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, detail);
    }

    /** 409: the request conflicts with the current state (a taken username, the last admin). */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, detail);
    }

    /** 422: well-formed JSON whose values break a rule (too short, unknown role). */
    public static ProblemException unprocessable(String detail) {
        return new ProblemException(422, detail);
    }

    /** 401 with {@code WWW-Authenticate: Bearer}. */
    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, detail, Map.of("WWW-Authenticate", "Bearer"));
    }

    /** 429 with {@code Retry-After} in whole seconds (at least 1). */
    public static ProblemException tooManyRequests(String detail, Duration retryAfter) {
        return new ProblemException(429, detail, Map.of("Retry-After", Long.toString(retryAfterSeconds(retryAfter))));
    }

    /** {@code wait} rounded up to whole seconds, at least 1: the value of a {@code Retry-After} header. */
    public static long retryAfterSeconds(Duration wait) {
        long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}

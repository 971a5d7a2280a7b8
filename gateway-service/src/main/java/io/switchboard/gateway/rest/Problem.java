package io.switchboard.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.core.json.JsonObject;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}: {@code {type, title, status, detail,
 * instance}}. {@code type} is {@code about:blank}, so {@code title} is the HTTP reason phrase.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    /** Media type of every error answer. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of type {@code about:blank} for {@code status}, titled with the standard reason phrase. */
    public static Problem of(int status, String detail, String instance) {
        return new Problem("about:blank", reasonPhrase(status), status, detail, instance);
    }

    /** The problem as JSON text. */
    public String toJson() {
        JsonObject json = new JsonObject().put("type", type).put("title", title).put("status", status);
        if (detail != null) {
            json.put("detail", detail);
        }
        if (instance != null) {
            json.put("instance", instance);
        }
        return json.encode();
    }

    /** Standard reason phrase of the status codes this gateway answers with. */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}

package io.switchboard.emulator.domain;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One Bot API call as the emulator saw and answered it.
 *
 * @param seq      position in the journal, from 1, increasing
 * @param token    the bot token of the call (never serialised)
 * @param botId    the bot id, the number before ':' in the token (0 when the token was malformed)
 * @param method   canonical camelCase name for known methods ({@code sendMessage}), else the name as called
 * @param params   every parameter as received (JSON values from a JSON body, strings from forms and query strings)
 * @param status   HTTP status of the answer
 * @param errorCode   the answer's {@code error_code}, null when ok
 * @param description the answer's {@code description} when not ok, else null
 * @param response    the answer envelope ({@code {"ok":...}})
 * @param at          when the call was answered
 */
public record RecordedCall(long seq, @JsonIgnore String token, long botId, String method, JsonNode params, int status,
        Integer errorCode, String description, JsonNode response, Instant at) {
}

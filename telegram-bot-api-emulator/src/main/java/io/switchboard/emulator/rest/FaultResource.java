package io.switchboard.emulator.rest;

import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.switchboard.emulator.domain.BotMethod;
import io.switchboard.emulator.domain.Fault;
import io.switchboard.emulator.rest.ControlRequests.FaultRequest;
import io.switchboard.emulator.service.FaultInjector;

/**
 * Control API for injected faults: the next N calls of a Bot API method answer an error, or are answered late (to
 * simulate a read timeout after the message was sent). Per bot; {@code token} is optional.
 */
@Path("/emulator/faults")
public class FaultResource {

    private final ControlBots bots;
    private final FaultInjector faults;

    FaultResource(ControlBots bots, FaultInjector faults) {
        this.bots = bots;
        this.faults = faults;
    }

    /**
     * Adds a fault.
     *
     * @return 201 with the fault {@code {id, method, remaining, errorCode, description, retryAfter, delayMs}}; 400 for
     *         an unknown method, or when neither errorCode (400-599) nor a positive delayMs is given
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response add(@QueryParam("token") String token, FaultRequest request) {
        if (request == null || request.method() == null) {
            throw new BadRequestException("method is required.");
        }
        BotMethod method = BotMethod.byName(request.method())
                .orElseThrow(() -> new BadRequestException("The emulator has no Bot API method " + request.method() + "."));
        Integer code = request.errorCode();
        if (code != null && (code < 400 || code > 599)) {
            throw new BadRequestException("errorCode must be 400-599.");
        }
        Long delay = request.delayMs() == null || request.delayMs() <= 0 ? null : request.delayMs();
        if (code == null && delay == null) {
            throw new BadRequestException("Give errorCode, delayMs or both.");
        }
        Long retryAfter = request.retryAfter() != null ? request.retryAfter() : code != null && code == 429 ? Long.valueOf(1) : null;
        String description = request.description() != null ? request.description()
                : code == null ? null : code == 429 ? "Too Many Requests: retry after " + retryAfter : "Error";
        Fault fault = faults.add(bots.effectiveToken(token), method.canonicalName(),
                request.times() == null ? 1 : request.times(), code, description, retryAfter, delay);
        return Response.status(201).entity(fault).build();
    }

    /** The bot's active faults, oldest first. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Fault> active(@QueryParam("token") String token) {
        return faults.active(bots.effectiveToken(token));
    }

    /** Removes the bot's faults. 204. */
    @DELETE
    public void clear(@QueryParam("token") String token) {
        faults.clear(bots.effectiveToken(token));
    }
}

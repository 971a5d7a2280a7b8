package io.switchboard.conversation.rest;

import io.switchboard.conversation.domain.TimerSettings;
import io.switchboard.conversation.service.TimerAdministration;
import io.switchboard.conversation.service.TimerSettingsStore;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.List;

/**
 * Admins edit the lifecycle timer thresholds: {@code {firstReminderSeconds, secondReminderSeconds,
 * autoCloseUnansweredSeconds, autoCloseAfterReplySeconds}} in seconds, 0 disables one. Role {@code admin} only.
 * A change applies to pending timers at once on every replica's sweep; other replicas use it for new schedules
 * within {@code conversation.timers.settings-cache} (5 s).
 */
@Path("/api/admin/timers")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class TimerAdminResource {

    private final TimerAdministration timers;
    private final TimerSettingsStore store;
    private final JsonWebToken jwt;

    public TimerAdminResource(TimerAdministration timers, TimerSettingsStore store, JsonWebToken jwt) {
        this.timers = timers;
        this.store = store;
        this.jwt = jwt;
    }

    /** The current thresholds. */
    @GET
    public Uni<TimerSettings> get() {
        return timers.get();
    }

    /**
     * Replaces the thresholds → 200 with the new ones; audited as {@code timers.updated}. 422 when a value is
     * missing, negative, above one year, or the second reminder comes before the first (both on).
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TimerSettings> put(TimerSettingsRequest body) {
        TimerSettings settings = validate(body);
        var actor = Actors.from(jwt);
        return timers.update(settings, actor).invoke(store::remember);
    }

    private static TimerSettings validate(TimerSettingsRequest body) {
        if (body == null) {
            throw ProblemException.unprocessable("a body with " + String.join(", ", TimerSettings.NAMES) + " is required");
        }
        List<String> missing = new ArrayList<>();
        if (body.firstReminderSeconds() == null) {
            missing.add(TimerSettings.FIRST_REMINDER);
        }
        if (body.secondReminderSeconds() == null) {
            missing.add(TimerSettings.SECOND_REMINDER);
        }
        if (body.autoCloseUnansweredSeconds() == null) {
            missing.add(TimerSettings.AUTO_CLOSE_UNANSWERED);
        }
        if (body.autoCloseAfterReplySeconds() == null) {
            missing.add(TimerSettings.AUTO_CLOSE_AFTER_REPLY);
        }
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable("missing: " + String.join(", ", missing));
        }
        TimerSettings settings = new TimerSettings(body.firstReminderSeconds(), body.secondReminderSeconds(),
                body.autoCloseUnansweredSeconds(), body.autoCloseAfterReplySeconds());
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) {
            throw ProblemException.unprocessable(String.join("; ", problems));
        }
        return settings;
    }
}

package io.switchboard.conversation.rest;

import io.switchboard.conversation.domain.SystemMessageKey;
import io.switchboard.conversation.service.SystemMessageTemplates;
import io.switchboard.conversation.service.SystemMessageTemplates.Template;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Admins edit the system-message templates. Role {@code admin} only (operators get 403). A template is
 * {@code {key, audience, texts:{locale:text}, widgetBanner, transcriptBubble, telegram, pin, rateLimitSeconds,
 * updatedAt}}; {@code audience} ({@code customer}|{@code operators}) is fixed per key and read-only.
 */
@Path("/api/admin/system-messages")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class SystemMessageAdminResource {

    /** Longest text per locale (one Telegram message). */
    public static final int MAX_TEXT_LENGTH = 4096;
    private static final Pattern LOCALE = Pattern.compile("^[a-z]{2}(-[A-Z]{2})?$");
    private static final int MAX_RATE_LIMIT = 365 * 24 * 3600;

    private final SystemMessageTemplates templates;
    private final JsonWebToken jwt;

    public SystemMessageAdminResource(SystemMessageTemplates templates, JsonWebToken jwt) {
        this.templates = templates;
        this.jwt = jwt;
    }

    /** Every template, in a fixed order: {@code [Template...]}. */
    @GET
    public Uni<List<Template>> list() {
        return templates.list();
    }

    /** One template; 404 for an unknown key. */
    @GET
    @Path("{key}")
    public Uni<Template> get(@PathParam("key") String key) {
        return templates.get(key).onItem().ifNull().failWith(() -> unknown(key));
    }

    /**
     * Replaces a template's texts and flags → 200 Template; audited as {@code system_message.updated}. 404 unknown
     * key; 422 when texts is missing or empty, lacks {@code en}, has a malformed locale or a null/too long text,
     * rateLimitSeconds is out of range, or widgetBanner is set on an operator-facing template.
     */
    @PUT
    @Path("{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Template> put(@PathParam("key") String key, SystemMessageTemplateRequest body) {
        SystemMessageKey known = SystemMessageKey.of(key).orElseThrow(() -> unknown(key));
        var actor = Actors.from(jwt);
        return templates.get(key).chain(current -> {
            SystemMessageTemplates.Update update = validate(known, body, current);
            return templates.update(key, update, actor);
        }).onItem().ifNull().failWith(() -> unknown(key));
    }

    private static SystemMessageTemplates.Update validate(SystemMessageKey key, SystemMessageTemplateRequest body,
                                                          Template current) {
        if (body == null) {
            throw ProblemException.unprocessable("a body {texts, widgetBanner, transcriptBubble, telegram, pin, rateLimitSeconds} is required");
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> texts = body.texts();
        if (texts == null || texts.isEmpty()) {
            problems.add("texts must be a non-empty object of locale → text");
        } else {
            if (!texts.containsKey("en")) {
                problems.add("texts must contain 'en'");
            }
            for (Map.Entry<String, String> entry : texts.entrySet()) {
                if (!LOCALE.matcher(entry.getKey()).matches()) {
                    problems.add("locale '" + entry.getKey() + "' must look like 'en' or 'pt-BR'");
                }
                if (entry.getValue() == null) {
                    problems.add("texts." + entry.getKey() + " must be a string");
                } else if (entry.getValue().length() > MAX_TEXT_LENGTH) {
                    problems.add("texts." + entry.getKey() + " is longer than " + MAX_TEXT_LENGTH + " characters");
                }
            }
        }
        Integer rate = body.rateLimitSeconds();
        if (rate != null && (rate < 0 || rate > MAX_RATE_LIMIT)) {
            problems.add("rateLimitSeconds must be between 0 and " + MAX_RATE_LIMIT);
        }
        boolean widgetBanner = pick(body.widgetBanner(), current == null ? false : current.widgetBanner());
        if (widgetBanner && key.audience() == SystemMessageKey.Audience.OPERATORS) {
            problems.add("widgetBanner cannot be set on " + key.key() + ": it is for operators only");
        }
        if (!problems.isEmpty()) {
            throw ProblemException.unprocessable(String.join("; ", problems));
        }
        return new SystemMessageTemplates.Update(texts, widgetBanner,
                pick(body.transcriptBubble(), current == null || current.transcriptBubble()),
                pick(body.telegram(), current == null || current.telegram()),
                pick(body.pin(), current != null && current.pin()),
                rate != null ? rate : current == null ? 0 : current.rateLimitSeconds());
    }

    private static boolean pick(Boolean given, boolean current) {
        return given != null ? given : current;
    }

    private static ProblemException unknown(String key) {
        return new ProblemException(404, "Not Found", "no system message template '" + key + "'");
    }
}

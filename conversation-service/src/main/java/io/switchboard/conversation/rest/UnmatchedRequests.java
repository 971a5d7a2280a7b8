package io.switchboard.conversation.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers requests that no endpoint handles (e.g. {@code GET /api/nowhere}) with a 404 problem+json instead of
 * the HTTP layer's plain default.
 */
@ApplicationScoped
public class UnmatchedRequests {

    void register(@Observes Router router, ObjectMapper mapper) {
        router.route().order(Integer.MAX_VALUE - 1).handler(ctx -> {
            if (ctx.response().ended()) {
                return;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "about:blank");
            body.put("title", "Not Found");
            body.put("status", 404);
            body.put("detail", "No such resource.");
            body.put("instance", ctx.request().path());
            String json;
            try {
                json = mapper.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                json = "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404}";
            }
            ctx.response().setStatusCode(404).putHeader("Content-Type", ProblemMapper.PROBLEM_JSON).end(json);
        });
    }
}

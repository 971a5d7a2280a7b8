package io.switchboard.conversation.rest;

import java.util.Map;

/**
 * Body of {@code PUT /api/admin/system-messages/{key}}. {@code texts} is required; an absent flag or limit keeps its
 * current value.
 *
 * @param texts            locale ({@code en}, {@code pt-BR}: {@code ^[a-z]{2}(-[A-Z]{2})?$}) → text of at most 4096
 *                         characters (may be empty: an empty text posts nothing); must contain {@code en}
 * @param rateLimitSeconds 0..31536000; 0 = no limit
 */
public record SystemMessageTemplateRequest(Map<String, String> texts, Boolean widgetBanner, Boolean transcriptBubble,
                                           Boolean telegram, Boolean pin, Integer rateLimitSeconds) {
}

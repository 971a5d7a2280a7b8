package io.switchboard.widget.api;

/**
 * Kafka topics owned by the widget channel (produced by gateway-service).
 *
 * <ul>
 *   <li>{@link #WIDGET_MESSAGES}: {@link WidgetCommand}s posted by web-widget customers, keyed by conversation id
 *       (UUID string) so that one conversation's messages stay in order; consumed by conversation-service
 *       (group {@code conversation-service}).</li>
 * </ul>
 */
public final class Topics {
    /** What widget customers posted, published by the gateway with acks=all before it answers 202. */
    public static final String WIDGET_MESSAGES = "widget.messages";

    private Topics() {
    }
}

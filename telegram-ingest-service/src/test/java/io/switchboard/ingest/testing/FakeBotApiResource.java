package io.switchboard.ingest.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts a {@link FakeBotApi} for the application under test and points {@code telegram.api-url} at it. */
public class FakeBotApiResource implements QuarkusTestResourceLifecycleManager {

    private FakeBotApi api;

    @Override
    public Map<String, String> start() {
        api = FakeBotApi.start();
        // the fake also plays conversation-service's /internal/uploads; a short HTTP timeout makes hangs read timeouts
        return Map.of("telegram.api-url", "http://127.0.0.1:" + api.port(),
                "telegram.conversation-service-url", "http://127.0.0.1:" + api.port(),
                "telegram.http-timeout", "2S");
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
    }
}

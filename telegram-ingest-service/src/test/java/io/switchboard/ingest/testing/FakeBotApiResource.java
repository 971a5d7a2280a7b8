package io.switchboard.ingest.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts a {@link FakeBotApi} for the application under test and points {@code telegram.api-url} at it. */
public class FakeBotApiResource implements QuarkusTestResourceLifecycleManager {

    private FakeBotApi api;

    @Override
    public Map<String, String> start() {
        api = FakeBotApi.start();
        return Map.of("telegram.api-url", "http://127.0.0.1:" + api.port());
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
    }
}

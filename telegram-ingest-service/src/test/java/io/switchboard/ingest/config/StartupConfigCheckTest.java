package io.switchboard.ingest.config;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StartupConfigCheckTest {

    /** The settings as the deployment gives them: environment variables only. */
    private static TelegramConfig fromEnvironment(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(TelegramConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus's "30S" style
                .withSources(new EnvConfigSource(env, 300))
                .build();
        return config.getConfigMapping(TelegramConfig.class);
    }

    private static Map<String, String> webhookEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("TELEGRAM_BOT_TOKEN", "123:abc");
        env.put("TELEGRAM_WEBHOOK_SECRET", "s3cret_-X");
        env.put("TELEGRAM_TOKEN_KEY", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        return env;
    }

    @Test
    void environmentVariablesMapOntoTheDocumentedKeys() {
        Map<String, String> env = webhookEnv();
        env.put("TELEGRAM_API_URL", "http://127.0.0.1:8089");
        env.put("TELEGRAM_MODE", "polling");
        env.put("TELEGRAM_WEBHOOK_URL", "https://example.org/telegram/webhook");
        env.put("TELEGRAM_POLLING_TIMEOUT", "10S");
        env.put("TELEGRAM_SEND_BOT_PER_SECOND", "15");
        env.put("TELEGRAM_SEND_MAX_RETRY_AFTER", "30S");
        TelegramConfig config = fromEnvironment(env);
        assertEquals("123:abc", config.botToken().orElseThrow());
        assertEquals("http://127.0.0.1:8089", config.apiUrl());
        assertEquals(TelegramMode.POLLING, config.mode());
        assertEquals("s3cret_-X", config.webhookSecret().orElseThrow());
        assertEquals("https://example.org/telegram/webhook", config.webhookUrl().orElseThrow());
        assertEquals(Duration.ofSeconds(10), config.polling().timeout());
        assertEquals(15, config.send().botPerSecond());
        assertEquals(Duration.ofSeconds(30), config.send().maxRetryAfter());
    }

    @Test
    void defaultsAreTelegramsPublicApiInWebhookModeWithTelegramsLimits() {
        TelegramConfig config = fromEnvironment(webhookEnv());
        assertEquals("https://api.telegram.org", config.apiUrl());
        assertEquals(TelegramMode.WEBHOOK, config.mode());
        assertEquals(Duration.ofSeconds(25), config.polling().timeout());
        assertEquals(100, config.polling().limit());
        assertEquals(30, config.send().botPerSecond());
        assertEquals(20, config.send().groupPerMinute());
        assertEquals(Duration.ofSeconds(60), config.send().maxRetryAfter());
        assertDoesNotThrow(() -> StartupConfigCheck.validate(config));
    }

    @Test
    void webhookModeRefusesToStartWithoutASecret() {
        Map<String, String> env = webhookEnv();
        env.remove("TELEGRAM_WEBHOOK_SECRET");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StartupConfigCheck.validate(fromEnvironment(env)));
        assertTrue(e.getMessage().contains("TELEGRAM_WEBHOOK_SECRET"), e.getMessage());

        env.put("TELEGRAM_WEBHOOK_SECRET", "   ");
        assertThrows(IllegalStateException.class, () -> StartupConfigCheck.validate(fromEnvironment(env)));
    }

    @Test
    void aSecretTelegramWouldRejectIsRefused() {
        Map<String, String> env = webhookEnv();
        env.put("TELEGRAM_WEBHOOK_SECRET", "has space!");
        assertThrows(IllegalStateException.class, () -> StartupConfigCheck.validate(fromEnvironment(env)));
    }

    @Test
    void pollingModeNeedsNoSecret() {
        Map<String, String> env = webhookEnv();
        env.remove("TELEGRAM_WEBHOOK_SECRET");
        env.put("TELEGRAM_MODE", "polling");
        assertDoesNotThrow(() -> StartupConfigCheck.validate(fromEnvironment(env)));
    }

    @Test
    void withoutAnEnvironmentTokenTheServiceStartsAndWaitsForTheConsole() {
        Map<String, String> env = webhookEnv();
        env.remove("TELEGRAM_BOT_TOKEN");
        env.remove("TELEGRAM_WEBHOOK_SECRET");
        assertDoesNotThrow(() -> StartupConfigCheck.validate(fromEnvironment(env)));
        env.put("TELEGRAM_BOT_TOKEN", "not a token");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> StartupConfigCheck.validate(fromEnvironment(env)));
        assertTrue(e.getMessage().contains("TELEGRAM_BOT_TOKEN"), e.getMessage());
    }

    @Test
    void theTokenKeyIsRequiredAndMustBeThirtyTwoBytes() {
        Map<String, String> env = webhookEnv();
        env.remove("TELEGRAM_TOKEN_KEY");
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> StartupConfigCheck.validate(fromEnvironment(env)));
        assertTrue(missing.getMessage().contains("TELEGRAM_TOKEN_KEY"), missing.getMessage());
        env.put("TELEGRAM_TOKEN_KEY", java.util.Base64.getEncoder().encodeToString(new byte[16]));
        IllegalStateException shortKey = assertThrows(IllegalStateException.class,
                () -> StartupConfigCheck.validate(fromEnvironment(env)));
        assertTrue(shortKey.getMessage().contains("TELEGRAM_TOKEN_KEY"), shortKey.getMessage());
    }

    @Test
    void aUsableApiUrlIsRequired() {
        Map<String, String> badUrl = webhookEnv();
        badUrl.put("TELEGRAM_API_URL", "https://api.telegram.org/custom/path");
        assertThrows(IllegalStateException.class, () -> StartupConfigCheck.validate(fromEnvironment(badUrl)));
    }
}

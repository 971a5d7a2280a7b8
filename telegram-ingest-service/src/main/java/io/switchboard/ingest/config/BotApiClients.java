package io.switchboard.ingest.config;

import io.switchboard.ingest.client.BotApiEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/** The HTTP clients that talk to the Bot API at {@code telegram.api-url} with {@code telegram.bot-token}. */
@ApplicationScoped
public class BotApiClients {

    /** Shared OkHttp client; every call is bounded by {@code telegram.http-timeout}. */
    @Produces
    @Singleton
    OkHttpClient okHttpClient(TelegramConfig config) {
        return new OkHttpClient.Builder()
                .connectTimeout(config.httpTimeout())
                .readTimeout(config.httpTimeout())
                .writeTimeout(config.httpTimeout())
                .retryOnConnectionFailure(false)
                .build();
    }

    /** telegrambots client used for sendMessage and setWebhook. */
    @Produces
    @Singleton
    TelegramClient telegramClient(OkHttpClient http, TelegramConfig config) {
        return new OkHttpTelegramClient(http, config.botToken().orElse(""),
                BotApiEndpoint.parse(config.apiUrl()).telegramUrl());
    }

    /** The parsed {@code telegram.api-url}. */
    @Produces
    @Singleton
    BotApiEndpoint endpoint(TelegramConfig config) {
        return BotApiEndpoint.parse(config.apiUrl());
    }

    void close(@Disposes OkHttpClient http) {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}

package io.switchboard.ingest.config;

import io.switchboard.ingest.client.BotApiEndpoint;
import io.switchboard.ingest.domain.BotToken;
import io.switchboard.ingest.domain.TokenCipher;
import io.switchboard.ingest.service.ActiveBot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/** The HTTP clients that talk to the Bot API at {@code telegram.api-url} with the bot token in use. */
@ApplicationScoped
public class BotApiClients {

    /** Calls besides the outbound workers' that may be in flight at once: getUpdates, webhook checks, file downloads. */
    static final int OTHER_CALLS = 8;

    /**
     * Shared OkHttp client; every call is bounded by {@code telegram.http-timeout}. telegrambots runs every call
     * through OkHttp's dispatcher (asynchronous calls), whose default of 5 calls per host would make the
     * {@code telegram.send.workers} wait for each other (one slow upload holding every chat): it allows
     * {@code workers} + {@value #OTHER_CALLS} calls to the Bot API host. No logging interceptor: the token is part of
     * every request URL.
     */
    @Produces
    @Singleton
    OkHttpClient okHttpClient(TelegramConfig config) {
        Dispatcher dispatcher = new Dispatcher();
        int calls = config.send().workers() + OTHER_CALLS;
        dispatcher.setMaxRequests(Math.max(calls, 64));
        dispatcher.setMaxRequestsPerHost(calls);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(config.httpTimeout())
                .readTimeout(config.httpTimeout())
                .writeTimeout(config.httpTimeout())
                .retryOnConnectionFailure(false)
                .build();
    }

    /**
     * telegrambots client for the bot in use ({@link ActiveBot}): every call goes to a client built for the current
     * token, rebuilt when the token changes. Without a token every call fails with {@link NoBotConfiguredException}
     * (thrown, or as the failed future of the async methods).
     */
    @Produces
    @Singleton
    TelegramClient telegramClient(OkHttpClient http, BotApiEndpoint endpoint, ActiveBot bot) {
        CurrentClient current = new CurrentClient(http, endpoint);
        return (TelegramClient) Proxy.newProxyInstance(TelegramClient.class.getClassLoader(),
                new Class<?>[]{TelegramClient.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "toString" -> "TelegramClient(bot in use)";
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> throw new UnsupportedOperationException(method.getName());
                        };
                    }
                    BotToken token = bot.token().orElse(null);
                    if (token == null) {
                        return refuse(method, new NoBotConfiguredException());
                    }
                    try {
                        return method.invoke(current.forToken(token), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** The parsed {@code telegram.api-url}. */
    @Produces
    @Singleton
    BotApiEndpoint endpoint(TelegramConfig config) {
        return BotApiEndpoint.parse(config.apiUrl());
    }

    /**
     * The cipher of the stored secrets, keyed by {@code TELEGRAM_TOKEN_KEY} ({@link StartupConfigCheck} refuses to
     * start without a valid one).
     */
    @Produces
    @Singleton
    TokenCipher tokenCipher(TelegramConfig config) {
        return TokenCipher.fromBase64(config.tokenKey().orElseThrow(
                () -> new IllegalStateException("TELEGRAM_TOKEN_KEY (telegram.token-key) must be set")));
    }

    void close(@Disposes OkHttpClient http) {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private static Object refuse(Method method, TelegramApiException e) throws TelegramApiException {
        boolean declares = Arrays.asList(method.getExceptionTypes()).contains(TelegramApiException.class);
        if (!declares && CompletableFuture.class.isAssignableFrom(method.getReturnType())) {
            return CompletableFuture.failedFuture(e);
        }
        throw e;
    }

    /** One telegrambots client per token, replaced when the token changes. */
    private static final class CurrentClient {
        private final OkHttpClient http;
        private final BotApiEndpoint endpoint;
        private volatile String token;
        private volatile OkHttpTelegramClient client;

        CurrentClient(OkHttpClient http, BotApiEndpoint endpoint) {
            this.http = http;
            this.endpoint = endpoint;
        }

        synchronized OkHttpTelegramClient forToken(BotToken wanted) {
            if (client == null || !wanted.value().equals(token)) {
                client = new OkHttpTelegramClient(http, wanted.value(), endpoint.telegramUrl());
                token = wanted.value();
            }
            return client;
        }
    }

    /** No bot token is configured (neither stored by an admin nor {@code TELEGRAM_BOT_TOKEN}). */
    public static final class NoBotConfiguredException extends TelegramApiException {
        public NoBotConfiguredException() {
            super("No bot token is configured: set one with PUT /api/admin/telegram/bot or TELEGRAM_BOT_TOKEN");
        }
    }
}

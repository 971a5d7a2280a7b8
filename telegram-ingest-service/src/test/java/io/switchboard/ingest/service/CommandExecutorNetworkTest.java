package io.switchboard.ingest.service;

import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How telegrambots-client/OkHttp surface "never connected" versus "sent, no answer", against local sockets. */
class CommandExecutorNetworkTest {

    private static final String TOKEN = "123456:SECRET-token_value";
    private final OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofMillis(500))
            .readTimeout(Duration.ofMillis(500)).retryOnConnectionFailure(false).build();

    private OkHttpTelegramClient client(int port) {
        return new OkHttpTelegramClient(http, TOKEN, new TelegramUrl("http", "127.0.0.1", port, false));
    }

    private static SendMessage hello() {
        return SendMessage.builder().chatId(1L).text("hello").build();
    }

    @Test
    void aRefusedConnectionMeansTheRequestWasNotSent() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } // closed: connections are refused
        TelegramApiException e = assertThrows(TelegramApiException.class, () -> client(port).execute(hello()));
        assertTrue(CommandExecutor.requestNotSent(e), CommandExecutor.describe(e));
    }

    @Test
    void aReadTimeoutAfterTheRequestWasWrittenIsUncertain() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept()); // read nothing, answer nothing
                    }
                } catch (Exception ignored) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            TelegramApiException e = assertThrows(TelegramApiException.class,
                    () -> client(server.getLocalPort()).execute(hello()));
            assertFalse(CommandExecutor.requestNotSent(e), CommandExecutor.describe(e));
            assertTrue(CommandExecutor.describe(e).startsWith("SocketTimeoutException"), CommandExecutor.describe(e));
            assertFalse(CommandExecutor.describe(e).contains("SECRET"), "no token in the reason");
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void anInterruptedCallIsRecognisedAsShutdownNotAsAFailure() throws Exception {
        List<Socket> accepted = new ArrayList<>();
        OkHttpClient slow = http.newBuilder().readTimeout(Duration.ofSeconds(10)).build();
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(server.accept());
                    }
                } catch (Exception ignored) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            OkHttpTelegramClient client = new OkHttpTelegramClient(slow, TOKEN,
                    new TelegramUrl("http", "127.0.0.1", server.getLocalPort(), false));
            java.util.concurrent.atomic.AtomicReference<Boolean> seen = new java.util.concurrent.atomic.AtomicReference<>();
            Thread worker = new Thread(() -> {
                try {
                    client.execute(hello());
                } catch (TelegramApiException e) {
                    seen.set(CommandExecutor.interrupted(e));
                }
            });
            worker.start();
            Thread.sleep(300);
            worker.interrupt();
            worker.join(5000);
            assertEquals(Boolean.TRUE, seen.get(), "an interrupt is shutdown, never an UNCERTAIN failure");
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
        assertTrue(CommandExecutor.causedBy(new TelegramApiException("x", new InterruptedException()),
                InterruptedException.class));
        assertFalse(CommandExecutor.interrupted(new TelegramApiException("read timeout",
                new java.net.SocketTimeoutException("timeout"))), "a read timeout is not an interrupt");
    }

    @Test
    void tokensAreMaskedInAnyText() {
        assertEquals("GET http://h/bot<token>/sendmessage failed",
                CommandExecutor.redact("GET http://h/bot" + TOKEN + "/sendmessage failed"));
    }
}

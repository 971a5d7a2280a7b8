package io.switchboard.emulator.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.forum.CreateForumTopic;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.forum.ForumTopic;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.emulator.Fixtures;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** The emulator speaks the Bot API well enough for telegrambots-client, the client the services use. */
@QuarkusTest
class TelegramClientCompatibilityTest {

    @TestHTTPResource("/")
    URL emulator;

    private EmulatorApi bot;
    private OkHttpTelegramClient client;

    @BeforeEach
    void connect() {
        bot = new EmulatorApi(Fixtures.uniqueToken(5550004));
        client = new OkHttpTelegramClient(new OkHttpClient(), bot.token(),
                new TelegramUrl("http", "127.0.0.1", emulator.getPort(), false));
    }

    @Test
    void getMe() throws Exception {
        User me = client.execute(new GetMe());
        assertEquals(5550004L, me.getId());
        assertTrue(me.getIsBot());
        assertEquals("switchboard_emulator_bot", me.getUserName());
    }

    @Test
    void sendMessageIsRecordedUnderItsCanonicalName() throws Exception {
        String text = "Здравствуйте! 👋 <i>literal</i> &lt;";
        Message message = client.execute(SendMessage.builder().chatId(461699897L).text(text).build());

        assertEquals(text, message.getText());
        assertEquals(1, message.getMessageId());
        assertEquals(461699897L, message.getChatId());
        assertTrue(message.getChat().isUserChat());
        assertEquals(5550004L, message.getFrom().getId());
        given().queryParam("token", bot.token()).queryParam("method", "sendMessage")
                .get("/emulator/calls").then().statusCode(200).body("$", hasSize(1));
    }

    @Test
    void getUpdatesDeliversFixtureUpdatesAndConfirmsThemWithTheOffset() throws Exception {
        bot.queue("[" + Fixtures.text("updates/01-private-text-language-code.json") + ","
                + Fixtures.text("updates/27-callback-query-with-message.json") + ","
                + Fixtures.text("updates/20-forum-topic-text-from-user.json") + "]");

        List<Update> updates = client.execute(GetUpdates.builder().offset(0).limit(100).timeout(1).build());
        assertEquals(3, updates.size());
        assertEquals("Yo", updates.get(0).getMessage().getText());
        assertEquals("ru", updates.get(0).getMessage().getFrom().getLanguageCode());
        assertNotNull(updates.get(1).getCallbackQuery());
        assertTrue(updates.get(2).getMessage().getIsTopicMessage());

        int next = updates.get(2).getUpdateId() + 1;
        assertEquals(List.of(), client.execute(GetUpdates.builder().offset(next).timeout(0).build()));
        assertTrue(client.execute(new DeleteWebhook()));
    }

    @Test
    void floodControlAndBlockedChatsSurfaceAsTelegramApiRequestExceptions() throws Exception {
        TelegramApiRequestException tooMany = assertThrows(TelegramApiRequestException.class, () -> {
            for (int i = 0; i < 10; i++) {
                client.execute(SendMessage.builder().chatId(42L).text("burst " + i).build());
            }
        });
        assertEquals(429, tooMany.getErrorCode());
        assertEquals(1, tooMany.getParameters().getRetryAfter());

        given().queryParam("token", bot.token()).post("/emulator/chats/43/block").then().statusCode(204);
        TelegramApiRequestException blocked = assertThrows(TelegramApiRequestException.class,
                () -> client.execute(SendMessage.builder().chatId(43L).text("hello?").build()));
        assertEquals(403, blocked.getErrorCode());
        assertEquals("Forbidden: bot was blocked by the user", blocked.getApiResponse());
    }

    @Test
    void forumTopicsDocumentsAndFilesAsTheIngestServiceUsesThem() throws Exception {
        long group = -1001971186208L;
        ForumTopic topic = client.execute(CreateForumTopic.builder().chatId(group).name("🆕 Anna — blue-fox").build());
        assertEquals("🆕 Anna — blue-fox", topic.getName());
        assertTrue(topic.getMessageThreadId() > 0);

        Message text = client.execute(SendMessage.builder().chatId(group).messageThreadId(topic.getMessageThreadId())
                .text("👤 Anna: hi").disableNotification(true).build());
        assertEquals(topic.getMessageThreadId(), text.getMessageThreadId());
        assertTrue(text.getIsTopicMessage());

        byte[] bytes = "%PDF-1.4 not really a pdf, but bytes all the same \u00e9".getBytes(StandardCharsets.UTF_8);
        Message sent = client.execute(SendDocument.builder().chatId(group).messageThreadId(topic.getMessageThreadId())
                .document(new InputFile(new ByteArrayInputStream(bytes), "contract.pdf"))
                .caption("Подпишите, пожалуйста ✍️").disableNotification(true).build());
        assertEquals("contract.pdf", sent.getDocument().getFileName());
        assertEquals("application/pdf", sent.getDocument().getMimeType());
        assertEquals(bytes.length, sent.getDocument().getFileSize());
        assertEquals("Подпишите, пожалуйста ✍️", sent.getCaption());
        assertEquals(topic.getMessageThreadId(), sent.getMessageThreadId());

        File file = client.execute(new GetFile(sent.getDocument().getFileId()));
        assertEquals(sent.getDocument().getFileId(), file.getFileId());
        assertNotNull(file.getFilePath());

        // telegrambots builds download URLs for https://api.telegram.org/file/bot<token>/<path> whatever TelegramUrl
        // says; a client for the emulator rewrites that host (or builds the URL itself from its TelegramUrl)
        OkHttpClient rewriting = new OkHttpClient.Builder().addInterceptor(chain -> {
            HttpUrl url = chain.request().url();
            HttpUrl local = url.host().equals("api.telegram.org")
                    ? url.newBuilder().scheme("http").host("127.0.0.1").port(emulator.getPort()).build() : url;
            return chain.proceed(chain.request().newBuilder().url(local).build());
        }).build();
        OkHttpTelegramClient downloading = new OkHttpTelegramClient(rewriting, bot.token(),
                new TelegramUrl("http", "127.0.0.1", emulator.getPort(), false));
        try (InputStream in = downloading.downloadFileAsStream(file)) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }
}

package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * User story in a real headless Chromium: a customer sends a photo from Telegram and the operator sees it inline
 * (loaded with the operator's token into a {@code blob:} URL, never a URL with a token); the operator attaches a
 * document and the customer's Telegram receives it; a reply that Telegram refuses shows Telegram's reason and goes
 * out with Retry; when the customer blocks the bot, the console says so and the composer is disabled.
 */
@Order(52)
class TelegramConsoleIT {

    private static final long CUSTOMER = 777_000_701L;
    private static final Duration WAIT = Duration.ofSeconds(45);

    static SwitchboardStack stack;
    static ConsoleBrowser browser;

    @BeforeAll
    static void launch() {
        stack = SwitchboardStack.shared();
        browser = new ConsoleBrowser();
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theOperatorSeesMediaSendsAFileRetriesAFailedReplyAndSeesABlockedBot() {
        TelegramEmulatorClient telegram = new TelegramEmulatorClient(stack.emulatorUrl(), SwitchboardStack.BOT_TOKEN);
        Page page = browser.newPage();
        page.setDefaultTimeout(30_000);
        ConsoleBrowser.logIn(page, stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());

        telegram.deliver(TelegramEmulatorClient.privateText(950_001, CUSTOMER, "Irina", "Look at this"));
        telegram.customerPhoto(CUSTOMER, "scratch.jpg", tinyPng(), "The scratch on the lid");

        page.getByTestId("tab-unclaimed").click();
        page.getByTestId("conversation-item").filter(new Locator.FilterOptions().setHasText("Irina")).click();
        Locator photo = page.getByTestId("attachment").filter(new Locator.FilterOptions().setHas(page.locator("img")));
        try {
            assertThat(photo).hasCount(1, new com.microsoft.playwright.assertions.LocatorAssertions.HasCountOptions()
                    .setTimeout(20_000));
        } catch (AssertionError e) {
            System.err.println("thread: " + page.getByTestId("message-list").innerHTML());
            throw e;
        }
        assertThat(photo.locator("img")).hasAttribute("src", java.util.regex.Pattern.compile("^blob:"));
        assertThat(page.getByTestId("message-text").filter(new Locator.FilterOptions().setHasText("The scratch on the lid")))
                .hasCount(1);

        // a document as an upload
        page.getByTestId("reply-file-input").setInputFiles(new FilePayload("return-label.pdf", "application/pdf",
                "%PDF-1.4 return label".getBytes(StandardCharsets.US_ASCII)));
        assertThat(page.getByTestId("reply-attachment")).hasAttribute("data-file-name", "return-label.pdf");
        page.getByTestId("reply-input").fill("Print this label");
        page.getByTestId("reply-send").click();
        JsonNode document = Eventually.await("the customer receives the document", WAIT,
                () -> telegram.chatMessages(CUSTOMER).stream().filter(m -> m.has("document")).findFirst().orElse(null),
                m -> m != null);
        assertEquals("return-label.pdf", document.path("document").path("file_name").asText());
        assertEquals("Print this label", document.path("caption").asText());

        // Telegram refuses the next text once: the reason shows, Retry sends it
        telegram.fault("sendMessage", 1, 400, "Bad Request: chat not found", null);
        page.getByTestId("reply-input").fill("Your refund is approved");
        page.getByTestId("reply-send").click();
        Locator failed = page.getByTestId("message").filter(new Locator.FilterOptions().setHasText("Your refund is approved"));
        assertThat(failed).hasAttribute("data-status", "FAILED");
        assertThat(failed.getByTestId("message-status")).containsText("chat not found");
        failed.getByTestId("message-retry").click();
        try { // the retry travels outbox → Kafka → ingest → emulator → result → console: allow for a loaded CI machine
            assertThat(failed).hasAttribute("data-status", "SENT",
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(20_000));
        } catch (AssertionError e) {
            System.err.println("sendMessage calls to the customer: " + telegram.calls("sendMessage", CUSTOMER));
            throw e;
        }
        assertTrue(telegram.calls("sendMessage", CUSTOMER).stream().anyMatch(c ->
                "Your refund is approved".equals(c.path("params").path("text").asText()) && c.path("status").asInt() == 200));

        // the customer blocks the bot
        telegram.block(CUSTOMER);
        assertThat(page.getByTestId("bot-blocked-banner")).isVisible();
        assertThat(page.getByTestId("reply-input")).isDisabled();
        telegram.unblock(CUSTOMER);
        assertThat(page.getByTestId("bot-blocked-banner")).hasCount(0);
    }

    /** A 1×1 PNG: Chromium must be able to decode what the console shows. */
    private static byte[] tinyPng() {
        return java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }
}

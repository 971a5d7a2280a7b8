package io.switchboard.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * User story in a real headless Chromium: an operator logs into the console, a customer writes on Telegram and the
 * message appears without a reload; the operator replies and sees it marked sent, and the customer's Telegram
 * received it. A screenshot of the console is saved.
 */
@Order(2)
class OperatorConsoleIT {

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
    void anOperatorSeesACustomerMessageLiveAndRepliesFromTheConsole() throws Exception {
        TelegramEmulatorClient telegram = new TelegramEmulatorClient(stack.emulatorUrl(), SwitchboardStack.BOT_TOKEN);
        Page page = browser.newPage();
        page.setDefaultTimeout(20_000);
        ConsoleBrowser.logIn(page, stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());
        assertThat(page.getByTestId("connection-status")).hasText("Live", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasTextOptions().setTimeout(20_000));
        // our own socket makes us "online" (presence in Redis, read back through the gateway)
        assertThat(page.getByTestId("presence-operator")).not().hasCount(0, new com.microsoft.playwright.assertions
                .LocatorAssertions.HasCountOptions().setTimeout(40_000));

        long chatId = 555_000_301L;
        String question = "Hello from the browser test 👋 " + System.nanoTime();
        telegram.deliver(TelegramEmulatorClient.privateText(600_001, chatId, "Maya", question));

        Locator item = page.getByTestId("conversation-item").filter(new Locator.FilterOptions().setHasText("Maya"));
        assertThat(item).isVisible(); // arrived live, no reload
        item.first().click();
        Locator inbound = page.locator("[data-testid=message][data-direction=INBOUND]")
                .filter(new Locator.FilterOptions().setHasText(question));
        assertThat(inbound).hasCount(1);

        String answer = "Hi Maya, <b>we</b> are on it & will reply soon ✅";
        page.getByTestId("reply-input").fill(answer);
        page.getByTestId("reply-send").click();
        Locator outbound = page.locator("[data-testid=message][data-direction=OUTBOUND]")
                .filter(new Locator.FilterOptions().setHasText(answer));
        assertThat(outbound).hasCount(1);
        assertThat(outbound).hasAttribute("data-status", "SENT", new com.microsoft.playwright.assertions
                .LocatorAssertions.HasAttributeOptions().setTimeout(30_000));

        var calls = Eventually.await("sendMessage recorded", Duration.ofSeconds(10),
                () -> telegram.calls("sendMessage", chatId).stream()
                        .filter(c -> answer.equals(c.path("params").path("text").asText())).toList(), c -> !c.isEmpty());
        assertEquals(1, calls.size()); // besides any system message (welcome_message …), the answer exactly once

        Path shots = Files.createDirectories(stack.workDir().resolve("screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(shots.resolve("operator-console.png")).setFullPage(true));
        Path target = Path.of(System.getProperty("switchboard.root", "..")).resolve("e2e-tests/target/operator-console.png");
        Files.copy(shots.resolve("operator-console.png"), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        page.close();
    }

    @Test
    void theConsoleReconnectsAfterTheSocketDropsAndMissesNothing() {
        TelegramEmulatorClient telegram = new TelegramEmulatorClient(stack.emulatorUrl(), SwitchboardStack.BOT_TOKEN);
        Page page = browser.newPage();
        page.setDefaultTimeout(30_000);
        ConsoleBrowser.logIn(page, stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());
        Locator status = page.getByTestId("connection-status");
        assertThat(status).hasText("Live");

        stack.restartNotificationService(); // every socket drops
        // a customer writes while the console is (or just was) offline
        telegram.deliver(TelegramEmulatorClient.privateText(600_101, 555_000_302L, "Noor", "written while you were away"));

        assertThat(status).hasText("Live", new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                .setTimeout(60_000));
        Locator item = page.getByTestId("conversation-item").filter(new Locator.FilterOptions().setHasText("Noor"));
        assertThat(item).hasCount(1); // re-fetched after reconnecting, or pushed live: either way, not missed

        telegram.deliver(TelegramEmulatorClient.privateText(600_102, 555_000_303L, "Omar", "after the reconnect"));
        assertThat(page.getByTestId("conversation-item").filter(new Locator.FilterOptions().setHasText("Omar")))
                .hasCount(1); // live again, no reload
        page.close();
    }
}

package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * User story in a real headless Chromium: a customer writes; an operator finds the conversation under Unclaimed,
 * claims it, leaves a private note, answers with a canned response typed as its shortcut, and closes it with a
 * closing message. The customer's Telegram receives the answer and the closing message but never the note. When
 * the customer writes again, the same conversation comes back under Unclaimed as OPEN_UNCLAIMED, live.
 */
@Order(3)
class SupportDeskWorkflowIT {

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
    void claimReplyCloseAndTheCustomerReopensByWritingAgain() {
        TelegramEmulatorClient telegram = new TelegramEmulatorClient(stack.emulatorUrl(), SwitchboardStack.BOT_TOKEN);
        OperatorSession admin = OperatorSession.login(stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());
        String cannedText = "Thank you for your patience, we are checking it now.";
        Http.Response canned = admin.post("/api/canned-responses", Map.of("title", "Patience", "text", cannedText,
                "category", "General", "shortcut", "patience", "shared", true));
        assertEquals(201, canned.status(), canned.body());

        Page page = browser.newPage();
        page.setDefaultTimeout(30_000);
        ConsoleBrowser.logIn(page, stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());

        long chatId = 555_000_701L;
        telegram.deliver(TelegramEmulatorClient.privateText(770_001, chatId, "Lena", "My order 1234 never arrived"));

        page.getByTestId("tab-unclaimed").click();
        Locator item = page.getByTestId("conversation-item").filter(new Locator.FilterOptions().setHasText("Lena"));
        assertThat(item).hasCount(1);
        item.click();
        Locator status = page.getByTestId("conversation-status");
        assertThat(status).hasAttribute("data-status", "OPEN_UNCLAIMED");

        page.getByTestId("action-claim").click();
        assertThat(status).hasAttribute("data-status", "OPEN_ASSIGNED");
        assertThat(page.getByTestId("conversation-assignee")).not().hasAttribute("data-assignee-id", "");

        String note = "VIP customer, second missing order this month";
        page.getByTestId("note-input").fill(note);
        page.getByTestId("note-submit").click();
        assertThat(page.getByTestId("note-item").filter(new Locator.FilterOptions().setHasText(note))).hasCount(1);

        Locator reply = page.getByTestId("reply-input");
        reply.click();
        reply.pressSequentially("/patience ");
        assertThat(reply).hasValue(cannedText); // "/patience " became the text
        page.getByTestId("reply-send").click();
        Locator answer = page.locator("[data-testid=message][data-direction=OUTBOUND]")
                .filter(new Locator.FilterOptions().setHasText(cannedText));
        assertThat(answer).hasAttribute("data-status", "SENT");
        assertThat(status).hasAttribute("data-status", "AWAITING_CUSTOMER");

        String closing = "Your parcel is on its way again, Lena. Have a nice day!";
        page.getByTestId("action-close").click();
        page.getByTestId("close-message-input").fill(closing);
        page.getByTestId("close-confirm").click();
        assertThat(status).hasAttribute("data-status", "CLOSED");

        List<String> sent = Eventually.await("the answer and the closing message in the customer's chat",
                Duration.ofSeconds(30), () -> texts(telegram.calls("sendMessage", chatId)),
                texts -> texts.contains(closing));
        assertTrue(sent.stream().anyMatch(t -> t.startsWith(cannedText)), sent.toString());
        assertTrue(sent.stream().noneMatch(t -> t.contains(note)), "a private note never reaches the customer: " + sent);
        assertTrue(sent.indexOf(closing) > sent.indexOf(sent.stream().filter(t -> t.startsWith(cannedText)).findFirst().orElseThrow()));

        page.getByTestId("tab-closed").click();
        assertThat(page.getByTestId("conversation-item").filter(new Locator.FilterOptions().setHasText("Lena"))).hasCount(1);
        String conversationId = conversationOf(admin, "Lena").get("id").asText();

        telegram.deliver(TelegramEmulatorClient.privateText(770_002, chatId, "Lena", "It arrived, but the box is damaged"));
        page.getByTestId("tab-unclaimed").click();
        Locator reopened = page.getByTestId("conversation-item").filter(new Locator.FilterOptions().setHasText("Lena"));
        assertThat(reopened).hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(30_000));
        reopened.click();
        assertThat(status).hasAttribute("data-status", "OPEN_UNCLAIMED");
        // the same conversation, with its history: the earlier answer and the new message in one thread
        assertThat(page.locator("[data-testid=message][data-direction=INBOUND]")
                .filter(new Locator.FilterOptions().setHasText("box is damaged"))).hasCount(1);
        assertThat(answer).hasCount(1);
        assertEquals(conversationId, conversationOf(admin, "Lena").get("id").asText());
        assertEquals("OPEN_UNCLAIMED", conversationOf(admin, "Lena").get("status").asText());
        page.close();
    }

    private static JsonNode conversationOf(OperatorSession operator, String customerName) {
        return Eventually.await("the conversation of " + customerName, Duration.ofSeconds(15),
                () -> operator.conversations().stream()
                        .filter(c -> customerName.equals(c.path("customer").path("displayName").asText()))
                        .findFirst().orElse(null),
                c -> c != null);
    }

    private static List<String> texts(List<JsonNode> calls) {
        return calls.stream().map(c -> c.path("params").path("text").asText()).toList();
    }
}

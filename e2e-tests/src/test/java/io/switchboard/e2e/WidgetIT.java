package io.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * User stories of the web widget in a real headless Chromium: a customer on a shop's site (its own origin) chats
 * with an operator in the console both ways; reloads and finds the history; keeps chatting while the
 * notification-service is down (the widget says it is offline) and restarts, and neither side loses or duplicates a
 * message written meanwhile; two tabs of the same customer stay consistent. And, over HTTP, a flood from one address is limited while another customer is unaffected.
 */
@Order(4)
class WidgetIT {

    static SwitchboardStack stack;
    static ConsoleBrowser browser;
    static DemoSite site;

    @BeforeAll
    static void launch() {
        stack = SwitchboardStack.shared();
        browser = new ConsoleBrowser();
        site = DemoSite.start(stack.widgetSitePort(), stack.gatewayUrl());
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @Test
    void aCustomerOnASiteAndAnOperatorChatBothWaysThroughReloadsRestartsAndTwoTabs() {
        BrowserContext customerContext = browser.newContext();
        Page customer = customerContext.newPage();
        customer.setDefaultTimeout(30_000);
        customer.navigate(site.url());
        customer.getByTestId("sb-launcher").click();
        assertThat(customer.getByTestId("sb-panel")).isVisible();
        String question = "Is the espresso grinder <b>in stock</b> & shipping today?";
        customer.getByTestId("sb-input").fill(question);
        customer.getByTestId("sb-input").press("Enter");
        assertThat(customerMessage(customer, "INBOUND", question)).hasCount(1);

        Page operator = browser.newPage();
        operator.setDefaultTimeout(30_000);
        ConsoleBrowser.logIn(operator, stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());
        Locator item = operator.getByTestId("conversation-item").filter(new Locator.FilterOptions().setHasText(question));
        assertThat(item).hasCount(1);
        item.click();
        assertThat(operator.getByTestId("conversation-header").getByTestId("conversation-channel"))
                .hasAttribute("data-channel", "WIDGET");
        assertThat(operator.locator("[data-testid=message][data-direction=INBOUND]")
                .filter(new Locator.FilterOptions().setHasText(question))).hasCount(1);

        String answer = "Yes — 3 left, and we ship before 4 pm.";
        operator.getByTestId("reply-input").fill(answer);
        operator.getByTestId("reply-send").click();
        Locator answered = customerMessage(customer, "OUTBOUND", answer);
        assertThat(answered).hasCount(1); // live over /ws/widget
        assertThat(customer.getByTestId("sb-author").filter(new Locator.FilterOptions().setHasText("Administrator")))
                .not().hasCount(0);

        customer.reload(); // the history comes back from the server, each message once
        openPanel(customer); // the panel remembers it was open; open it if not
        assertThat(customerMessage(customer, "INBOUND", question)).hasCount(1);
        assertThat(customerMessage(customer, "OUTBOUND", answer)).hasCount(1);

        Page secondTab = customerContext.newPage(); // same customer (same storage), another tab
        secondTab.setDefaultTimeout(30_000);
        secondTab.navigate(site.url());
        openPanel(secondTab);
        assertThat(customerMessage(secondTab, "OUTBOUND", answer)).hasCount(1);

        stack.stopNotificationService(); // every socket drops, mid-chat
        assertThat(customer.getByTestId("sb-offline")).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(30_000));
        String duringRestart = "Great, I will order now (written while your side was down)";
        customer.getByTestId("sb-input").fill(duringRestart);
        customer.getByTestId("sb-input").press("Enter");
        String replyDuringOutage = "Noted — reserving one for you now.";
        operator.getByTestId("reply-input").fill(replyDuringOutage);
        operator.getByTestId("reply-send").click();
        assertThat(operator.locator("[data-testid=message][data-direction=OUTBOUND]")
                .filter(new Locator.FilterOptions().setHasText(replyDuringOutage))).hasCount(1);
        stack.startNotificationService();

        assertThat(operator.locator("[data-testid=message][data-direction=INBOUND]")
                .filter(new Locator.FilterOptions().setHasText(duringRestart)))
                .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(60_000));
        String afterRestart = "Thank you! Your order is reserved.";
        operator.getByTestId("reply-input").fill(afterRestart);
        operator.getByTestId("reply-send").click();

        for (Page tab : List.of(customer, secondTab)) {
            assertThat(customerMessage(tab, "OUTBOUND", afterRestart))
                    .hasCount(1, new LocatorAssertions.HasCountOptions().setTimeout(60_000));
            assertThat(customerMessage(tab, "INBOUND", duringRestart)).hasCount(1);
            assertThat(customerMessage(tab, "OUTBOUND", replyDuringOutage)).hasCount(1);
            assertThat(customerMessage(tab, "INBOUND", question)).hasCount(1);
            assertThat(customerMessage(tab, "OUTBOUND", answer)).hasCount(1);
        }
        // and the server stored each customer message exactly once
        OperatorSession admin = OperatorSession.login(stack.gatewayUrl(), SwitchboardStack.ADMIN_USERNAME, stack.adminPassword());
        JsonNode conversation = admin.conversations().stream()
                .filter(c -> "WIDGET".equals(c.path("channel").asText())
                        && afterRestart.equals(c.path("lastMessage").path("text").asText()))
                .findFirst().orElse(null);
        assertNotNull(conversation, "the widget conversation is listed for operators with its channel");
        List<String> inbound = admin.messages(conversation.get("id").asText()).stream()
                .filter(m -> "INBOUND".equals(m.get("direction").asText())).map(m -> m.get("text").asText()).toList();
        assertEquals(List.of(question, duringRestart), inbound);
        customerContext.close();
        operator.close();
    }

    @Test
    void aFloodFromOneAddressIsLimitedWhileAnotherCustomerIsUnaffected() {
        String flooder = "198.51.100.7";
        String neighbour = "198.51.100.8";
        // four conversations from one address, each under its own per-conversation burst: the per-address bucket
        // (30 per minute) is what stops the flood
        List<JsonNode> flooding = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            flooding.add(startConversation(flooder));
        }
        JsonNode calm = startConversation(neighbour);
        List<Integer> statuses = new ArrayList<>();
        String retryAfter = null;
        for (int i = 0; i < 36; i++) {
            Http.Response response = post(flooding.get(i % 4), "flood " + i, flooder);
            statuses.add(response.status());
            if (response.status() == 429 && retryAfter == null) {
                retryAfter = response.header("Retry-After");
                assertTrue(response.body().contains("\"status\":429"), response.body());
            }
        }
        assertTrue(statuses.subList(30, 36).contains(429), "the flood is limited: " + statuses);
        assertFalse(statuses.subList(0, 20).contains(429), "normal use is never limited: " + statuses);
        assertNotNull(retryAfter, "429 says when to retry");
        assertTrue(Integer.parseInt(retryAfter) >= 1);
        assertEquals(202, post(calm, "Hello, just one question", neighbour).status(), "another customer is unaffected");
    }

    private static JsonNode startConversation(String ip) {
        Http.Response created = Http.post(stack.gatewayUrl() + "/api/widget/conversations", Map.of("locale", "en"),
                "X-Forwarded-For", ip);
        assertEquals(201, created.status(), created.body());
        return created.json();
    }

    private static Http.Response post(JsonNode conversation, String text, String ip) {
        return Http.post(stack.gatewayUrl() + "/api/widget/conversations/" + conversation.get("conversationId").asText()
                        + "/messages", Map.of("text", text, "clientMessageId", UUID.randomUUID().toString()),
                "Authorization", "Bearer " + conversation.get("token").asText(), "X-Forwarded-For", ip);
    }

    private static void openPanel(Page page) {
        if (!page.getByTestId("sb-panel").isVisible()) {
            page.getByTestId("sb-launcher").click();
        }
        assertThat(page.getByTestId("sb-panel")).isVisible();
    }

    private static Locator customerMessage(Page page, String direction, String text) {
        return page.locator("[data-testid=sb-message][data-direction=" + direction + "]")
                .filter(new Locator.FilterOptions().setHasText(text));
    }
}

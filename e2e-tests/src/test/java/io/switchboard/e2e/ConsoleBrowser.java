package io.switchboard.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * Headless Chromium (the system's {@code /usr/bin/chromium}, or {@code CHROMIUM_PATH}) driven by Playwright, with
 * the launch flags this sandbox needs, and the console's login step.
 */
final class ConsoleBrowser implements AutoCloseable {

    private final Playwright playwright;
    private final Browser browser;

    ConsoleBrowser() {
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Paths.get(System.getenv().getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium")))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    /** A new 1280×800 page. */
    Page newPage() {
        return browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 800));
    }

    /** A new browser context (its own cookies and storage: one person's browser) with 1280×800 pages. */
    BrowserContext newContext() {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 800));
    }

    /** Opens the console at {@code gatewayUrl} and signs in; returns once the inbox shows. */
    static void logIn(Page page, String gatewayUrl, String username, String password) {
        page.navigate(gatewayUrl + "/");
        page.getByTestId("login-username").fill(username);
        page.getByTestId("login-password").fill(password);
        page.getByTestId("login-submit").click();
        // the inbox is there (its list may be empty, and an empty list has no height)
        assertThat(page.getByTestId("tab-all")).isVisible();
        assertThat(page.getByTestId("conversation-list")).isAttached();
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}

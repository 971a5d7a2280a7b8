package io.switchboard.gateway.routing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleFallbackTest {

    @Test
    void backendPrefixesAreNeverConsolePaths() {
        for (String path : new String[] {"/api", "/api/x", "/ws", "/ws/operator", "/q", "/q/health", "/telegram",
                "/telegram/webhook", "/widget", "/widget/missing"}) {
            assertTrue(ConsoleFallback.isReserved(path), path);
        }
        for (String path : new String[] {"/", "/conversations/4f1c", "/apis", "/queue", "/wsx", "/widgets"}) {
            assertFalse(ConsoleFallback.isReserved(path), path);
        }
    }

    @Test
    void pathsWithAnExtensionAreFilesNotRoutes() {
        assertTrue(ConsoleFallback.looksLikeFile("/assets/index-1a2b.js"));
        assertTrue(ConsoleFallback.looksLikeFile("/favicon.ico"));
        assertFalse(ConsoleFallback.looksLikeFile("/conversations/4f1c"));
        assertFalse(ConsoleFallback.looksLikeFile("/"));
    }
}

package io.switchboard.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WidgetOriginsTest {

    @Test
    void originsAreNormalised() {
        assertEquals(Optional.of("https://shop.example.com"), WidgetOrigins.normalize("HTTPS://Shop.Example.COM:443"));
        assertEquals(Optional.of("https://shop.example.com"), WidgetOrigins.normalize("https://shop.example.com/"));
        assertEquals(Optional.of("http://localhost:5173"), WidgetOrigins.normalize("http://localhost:5173"));
        assertEquals(Optional.of("http://127.0.0.1"), WidgetOrigins.normalize("http://127.0.0.1:80"));
        assertEquals(Optional.of("http://[::1]:8080"), WidgetOrigins.normalize("http://[::1]:8080"));
    }

    @Test
    void whatIsNotAnHttpOriginIsNothing() {
        for (String bad : new String[] {null, "", "null", "file://", "ftp://example.com", "https://a.com/path",
                "https://user@a.com", "https://a.com?x=1", "example.com", "https://"}) {
            assertEquals(Optional.empty(), WidgetOrigins.normalize(bad), String.valueOf(bad));
        }
    }
}

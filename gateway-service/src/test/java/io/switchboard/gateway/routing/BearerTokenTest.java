package io.switchboard.gateway.routing;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BearerTokenTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln-_x";

    @Test
    void theAuthorizationHeaderCarriesABearerToken() {
        assertEquals(Optional.of(JWT), BearerToken.fromAuthorization("Bearer " + JWT));
        assertEquals(Optional.of(JWT), BearerToken.fromAuthorization("bearer " + JWT));
        assertEquals(Optional.empty(), BearerToken.fromAuthorization("Basic dXNlcjpwYXNz"));
        assertEquals(Optional.empty(), BearerToken.fromAuthorization("Bearer "));
        assertEquals(Optional.empty(), BearerToken.fromAuthorization(null));
    }

    @Test
    void theBrowserSendsTheTokenAsAnUrlEncodedSubprotocol() {
        String encoded = GatewayRoutesTest.encodeUriComponent("quarkus-http-upgrade#Authorization#Bearer " + JWT);
        assertEquals("quarkus-http-upgrade%23Authorization%23Bearer%20" + JWT, encoded);
        assertEquals(Optional.of(JWT), BearerToken.fromSubprotocols("bearer-token-carrier, " + encoded));
        assertEquals(Optional.of(JWT), BearerToken.fromSubprotocols("bearer-token-carrier," + encoded));
        // undecoded form, as a non-browser client may send it
        assertEquals(Optional.of(JWT),
                BearerToken.fromSubprotocols("quarkus-http-upgrade#Authorization#Bearer " + JWT));
    }

    @Test
    void otherSubprotocolsCarryNoToken() {
        assertEquals(Optional.empty(), BearerToken.fromSubprotocols("bearer-token-carrier"));
        assertEquals(Optional.empty(), BearerToken.fromSubprotocols("quarkus-http-upgrade%23Cookie%23a%3Db"));
        assertEquals(Optional.empty(), BearerToken.fromSubprotocols("%zz, chat"));
        assertEquals(Optional.empty(), BearerToken.fromSubprotocols(null));
    }
}

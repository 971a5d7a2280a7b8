package io.switchboard.gateway.domain;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpRangeTest {

    @Test
    void aSingleAddressContainsOnlyItself() {
        IpRange loopback = IpRange.parse("127.0.0.1");
        assertTrue(loopback.contains("127.0.0.1"));
        assertTrue(loopback.contains("::ffff:127.0.0.1"), "IPv4-mapped IPv6 is the IPv4 address");
        assertFalse(loopback.contains("127.0.0.2"));
        assertFalse(loopback.contains("::1"));
        assertFalse(loopback.contains("localhost"), "names are never resolved");
        assertFalse(loopback.contains(null));
    }

    @Test
    void cidrRangesMatchTheirPrefix() {
        IpRange tenSlash8 = IpRange.parse("10.0.0.0/8");
        assertTrue(tenSlash8.contains("10.255.1.2"));
        assertFalse(tenSlash8.contains("11.0.0.1"));
        IpRange odd = IpRange.parse("192.168.4.0/22");
        assertTrue(odd.contains("192.168.7.255"));
        assertFalse(odd.contains("192.168.8.0"));
        IpRange v6 = IpRange.parse("fd00::/8");
        assertTrue(v6.contains("fd12:3456::1"));
        assertTrue(v6.contains("[fd12::1]"));
        assertFalse(v6.contains("fe80::1"));
        assertTrue(IpRange.parse("0.0.0.0/0").contains("203.0.113.9"));
    }

    @Test
    void nonsenseIsRefused() {
        for (String bad : new String[] {"", "example.com", "10.0.0.0/33", "10.0.0.0/x", "1.2.3", "::1/129"}) {
            assertThrows(IllegalArgumentException.class, () -> IpRange.parse(bad), bad);
        }
    }

    @Test
    void canonicalTextAndBucketIds() {
        assertEquals(Optional.of("2001:db8::1"), IpRange.canonical("2001:0db8:0:0:0:0:0:1"));
        assertEquals(Optional.of("10.1.2.3"), IpRange.canonical(" ::ffff:10.1.2.3 "));
        assertEquals(Optional.empty(), IpRange.canonical("not-an-ip"));
        assertEquals("203.0.113.9", IpRange.bucketId("203.0.113.9"));
        assertEquals(IpRange.bucketId("2001:db8:1:2:aaaa::1"), IpRange.bucketId("2001:db8:1:2:bbbb::7"),
                "one /64 is one client");
        assertEquals("2001:db8:1:2::/64", IpRange.bucketId("2001:db8:1:2:aaaa::1"));
        assertEquals("unknown", IpRange.bucketId("unknown"));
    }
}

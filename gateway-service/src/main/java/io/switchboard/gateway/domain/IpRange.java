package io.switchboard.gateway.domain;

import io.netty.util.NetUtil;

import java.util.Arrays;
import java.util.Optional;

/**
 * An IP address or a CIDR range ({@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}). Parsing
 * never resolves names. IPv4-mapped IPv6 addresses ({@code ::ffff:10.1.2.3}) count as their IPv4 address.
 */
public final class IpRange {

    private final byte[] network;
    private final int prefixLength;

    private IpRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address} or {@code address/prefix}.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static IpRange parse(String text) {
        String value = text.strip();
        int slash = value.indexOf('/');
        byte[] address = bytes(slash < 0 ? value : value.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + text));
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
        }
        return new IpRange(address, prefix);
    }

    /** Whether {@code address} (an IP literal) lies in this range; false for anything that is not an IP literal. */
    public boolean contains(String address) {
        Optional<byte[]> candidate = bytes(address);
        if (candidate.isEmpty() || candidate.get().length != network.length) {
            return false;
        }
        byte[] other = candidate.get();
        int fullBytes = prefixLength / 8;
        if (!Arrays.equals(network, 0, fullBytes, other, 0, fullBytes)) {
            return false;
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (network[fullBytes] & mask) == (other[fullBytes] & mask);
    }

    /**
     * The canonical text of an IP literal ({@code 10.1.2.3}, {@code 2001:db8::1}; IPv4-mapped IPv6 as IPv4), or
     * empty when {@code text} is not one.
     */
    public static Optional<String> canonical(String text) {
        return bytes(text).map(NetUtil::bytesToIpAddress);
    }

    /**
     * The rate-limit identity of a client address: an IPv4 address itself, an IPv6 address its /64 network (one
     * subscriber usually holds a whole /64), e.g. {@code 2001:db8:1:2::/64}. Anything else is returned unchanged.
     */
    public static String bucketId(String address) {
        Optional<byte[]> parsed = bytes(address);
        if (parsed.isEmpty()) {
            return address;
        }
        byte[] bytes = parsed.get();
        if (bytes.length == 4) {
            return NetUtil.bytesToIpAddress(bytes);
        }
        byte[] network = Arrays.copyOf(Arrays.copyOf(bytes, 8), 16);
        return NetUtil.bytesToIpAddress(network) + "/64";
    }

    /** The address bytes of an IP literal (4 for IPv4 and IPv4-mapped IPv6, 16 for IPv6), never a DNS lookup. */
    static Optional<byte[]> bytes(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        int zone = value.indexOf('%');
        if (zone >= 0) {
            value = value.substring(0, zone);
        }
        byte[] address = NetUtil.createByteArrayFromIpAddressString(value);
        if (address == null) {
            return Optional.empty();
        }
        if (address.length == 16 && isIpv4Mapped(address)) {
            return Optional.of(Arrays.copyOfRange(address, 12, 16));
        }
        return Optional.of(address);
    }

    private static boolean isIpv4Mapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }
}

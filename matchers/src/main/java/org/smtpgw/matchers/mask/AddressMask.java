package org.smtpgw.matchers.mask;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/**
 * An IPv4 client address mask in one of the forms of the gateway configuration:
 * <ul>
 *   <li>{@code x.x.x.x}: exactly that address;</li>
 *   <li>{@code x.x.x.x/y.y.y.y}: a network and a dotted netmask (the netmask's one bits must be contiguous);</li>
 *   <li>{@code x.x.x.x/n}: a network and a prefix length from 0 to 32;</li>
 *   <li>{@code any}: every address, IPv6 included.</li>
 * </ul>
 * Host bits set in the network part are ignored ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}), as routers and James'
 * own NetMatcher do. IPv6 addresses match only {@code any}, except IPv4-mapped ones ({@code ::ffff:a.b.c.d}),
 * which are matched as the IPv4 address they carry.
 */
public final class AddressMask {
    public static final String ANY = "any";

    private static final String FORMS = "expected x.x.x.x, x.x.x.x/y.y.y.y, x.x.x.x/n (n from 0 to 32) or 'any'";

    private final int network;
    private final int netmask;
    private final boolean any;

    private AddressMask(int network, int netmask, boolean any) {
        this.network = network & netmask;
        this.netmask = netmask;
        this.any = any;
    }

    public static AddressMask any() {
        return new AddressMask(0, 0, true);
    }

    /**
     * Parses a mask.
     *
     * @throws InvalidMaskException naming the text and the allowed forms
     */
    public static AddressMask parse(String text) throws InvalidMaskException {
        if (text == null || text.isBlank()) {
            throw new InvalidMaskException("empty address mask: " + FORMS);
        }
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase(ANY)) {
            return any();
        }
        int slash = trimmed.indexOf('/');
        if (slash < 0) {
            return new AddressMask(parseDottedQuad(trimmed, trimmed), -1, false);
        }
        int address = parseDottedQuad(trimmed.substring(0, slash), trimmed);
        String maskPart = trimmed.substring(slash + 1);
        if (maskPart.contains(".")) {
            int netmask = parseDottedQuad(maskPart, trimmed);
            if (!isContiguous(netmask)) {
                throw new InvalidMaskException("invalid address mask '" + trimmed + "': netmask " + maskPart
                    + " is not contiguous (its one bits must come first, as in 255.255.255.0); " + FORMS);
            }
            return new AddressMask(address, netmask, false);
        }
        return new AddressMask(address, prefixToNetmask(parsePrefix(maskPart, trimmed)), false);
    }

    /** Whether the client address lies inside this mask. */
    public boolean matches(InetAddress address) {
        Objects.requireNonNull(address, "address");
        if (any) {
            return true;
        }
        byte[] bytes = ipv4Bytes(address);
        if (bytes == null) {
            return false;
        }
        return (toInt(bytes) & netmask) == network;
    }

    public boolean isAny() {
        return any;
    }

    private static byte[] ipv4Bytes(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getAddress();
        }
        if (address instanceof Inet6Address) {
            byte[] v6 = address.getAddress();
            for (int i = 0; i < 10; i++) {
                if (v6[i] != 0) {
                    return null;
                }
            }
            if (v6[10] == (byte) 0xff && v6[11] == (byte) 0xff) {
                return new byte[] {v6[12], v6[13], v6[14], v6[15]};
            }
        }
        return null;
    }

    // Parsed by hand rather than with InetAddress.getByName: that one accepts host names (and would resolve them
    // through DNS at configuration time) and shorthand forms such as "10.1" that an administrator did not mean.
    private static int parseDottedQuad(String text, String whole) throws InvalidMaskException {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new InvalidMaskException("invalid address mask '" + whole + "': '" + text
                + "' is not a dotted IPv4 address of four numbers; " + FORMS);
        }
        int value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                throw new InvalidMaskException("invalid address mask '" + whole + "': '" + part
                    + "' in '" + text + "' is not a number from 0 to 255; " + FORMS);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new InvalidMaskException("invalid address mask '" + whole + "': " + octet
                    + " in '" + text + "' is greater than 255; " + FORMS);
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    private static int parsePrefix(String text, String whole) throws InvalidMaskException {
        if (text.isEmpty() || text.length() > 2 || !text.chars().allMatch(Character::isDigit)) {
            throw new InvalidMaskException("invalid address mask '" + whole + "': prefix length '" + text
                + "' is not a number from 0 to 32; " + FORMS);
        }
        int prefix = Integer.parseInt(text);
        if (prefix > 32) {
            throw new InvalidMaskException("invalid address mask '" + whole + "': prefix length " + prefix
                + " is greater than 32; " + FORMS);
        }
        return prefix;
    }

    private static int prefixToNetmask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    private static boolean isContiguous(int netmask) {
        int inverted = ~netmask;
        return (inverted & (inverted + 1)) == 0;
    }

    private static int toInt(byte[] bytes) {
        return ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressMask other && any == other.any && network == other.network && netmask == other.netmask;
    }

    @Override
    public int hashCode() {
        return Objects.hash(any, network, netmask);
    }

    /** The mask in {@code x.x.x.x/n} form ({@code any} for the catch-all). */
    @Override
    public String toString() {
        if (any) {
            return ANY;
        }
        return dotted(network) + "/" + Integer.bitCount(netmask);
    }

    private static String dotted(int value) {
        return ((value >>> 24) & 0xff) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "." + (value & 0xff);
    }
}

package io.countywatch.aggregator.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Which addresses {@code block-private-networks} refuses: anything that is not a public unicast address. */
final class PrivateAddresses {

    private PrivateAddresses() {}

    static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local; an IPv4-mapped address is judged as the IPv4 address it carries
            if ((bytes[0] & 0xfe) == 0xfc) {
                return true;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= bytes[i] == 0;
            }
            if (mapped && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                try {
                    return isPrivate(InetAddress.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]}));
                } catch (java.net.UnknownHostException impossible) {
                    return true;
                }
            }
            return false;
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        // 100.64/10 carrier-grade NAT, 0/8 "this network", 198.18/15 benchmarking
        return first == 0
                || (first == 100 && second >= 64 && second < 128)
                || (first == 198 && (second == 18 || second == 19));
    }
}

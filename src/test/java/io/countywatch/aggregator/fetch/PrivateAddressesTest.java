package io.countywatch.aggregator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrivateAddressesTest {

    @ParameterizedTest(name = "{0} → private {1}")
    @CsvSource({
        "127.0.0.1,       true",
        "127.0.0.42,      true",
        "10.1.2.3,        true",
        "172.16.0.1,      true",
        "172.31.255.255,  true",
        "192.168.1.1,     true",
        "169.254.169.254, true",
        "100.64.0.1,      true",
        "0.0.0.0,         true",
        "::1,             true",
        "fe80::1,         true",
        "fd00::1,         true",
        "::ffff:10.0.0.1, true",
        "172.32.0.1,      false",
        "202.103.24.68,   false",
        "8.8.8.8,         false",
        "2400:da00::6666, false",
    })
    void refusesEveryNonPublicAddress(String address, boolean isPrivate) throws UnknownHostException {
        assertThat(PrivateAddresses.isPrivate(InetAddress.getByName(address))).isEqualTo(isPrivate);
    }
}

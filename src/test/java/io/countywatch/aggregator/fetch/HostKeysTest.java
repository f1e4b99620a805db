package io.countywatch.aggregator.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostKeysTest {

    @ParameterizedTest(name = "{0} → {1} / {2}")
    @CsvSource({
        "http://www.xiaochang.gov.cn/xwzx/,   www.xiaochang.gov.cn,  xiaochang.gov.cn",
        "http://XXGK.Xiaochang.gov.cn/a,      xxgk.xiaochang.gov.cn, xiaochang.gov.cn",
        "https://www.hubei.gov.cn/,           www.hubei.gov.cn,      hubei.gov.cn",
        "http://news.example.com.cn:8080/,    news.example.com.cn,   example.com.cn",
        "http://127.0.0.7:8080/list.html,     127.0.0.7,             127.0.0.7",
        "http://localhost/,                   localhost,             localhost",
    })
    void groupsHostsByRegistrableDomain(String url, String host, String domain) {
        HostKeys keys = HostKeys.of(URI.create(url));
        assertThat(keys.host()).isEqualTo(host);
        assertThat(keys.domain()).isEqualTo(domain);
    }
}

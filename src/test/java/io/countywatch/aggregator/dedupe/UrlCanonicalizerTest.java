package io.countywatch.aggregator.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UrlCanonicalizerTest {

    private final UrlCanonicalizer canonicalizer = new UrlCanonicalizer();

    // keep is a space-separated list of parameter names that must survive; "-" means none.
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # input                                                                  | keep             | expected
            http://www.xiaochang.gov.cn/xwzx/gzdt/index.shtml                        | -                | http://www.xiaochang.gov.cn/xwzx/gzdt/
            http://WWW.Example.gov.cn:80//a//b/?utm_source=x&id=3&b=2#top            | -                | http://www.example.gov.cn/a/b/?b=2&id=3
            http://WWW.Example.gov.cn:80//a//b/?utm_source=x&id=3&b=2#top            | utm_source       | http://www.example.gov.cn/a/b/?b=2&id=3&utm_source=x
            HTTP://WWW.XIAOCHANG.GOV.CN/Xwzx/Gzdt/                                   | -                | http://www.xiaochang.gov.cn/Xwzx/Gzdt/
            https://www.hubei.gov.cn:443/zwgk/                                       | -                | https://www.hubei.gov.cn/zwgk/
            https://www.hubei.gov.cn:80/zwgk/                                        | -                | https://www.hubei.gov.cn:80/zwgk/
            http://www.hubei.gov.cn:443/zwgk/                                        | -                | http://www.hubei.gov.cn:443/zwgk/
            http://www.hubei.gov.cn:8080/zwgk/                                       | -                | http://www.hubei.gov.cn:8080/zwgk/
            http://www.xiaochang.gov.cn                                              | -                | http://www.xiaochang.gov.cn/
            http://www.xiaochang.gov.cn?                                             | -                | http://www.xiaochang.gov.cn/
            http://www.xiaochang.gov.cn/#nav                                         | -                | http://www.xiaochang.gov.cn/
            http://www.xiaochang.gov.cn/index.html                                   | -                | http://www.xiaochang.gov.cn/
            http://www.xiaochang.gov.cn/zwgk/index.htm                               | -                | http://www.xiaochang.gov.cn/zwgk/
            http://www.xiaochang.gov.cn/zwgk/index.jsp?id=9                          | -                | http://www.xiaochang.gov.cn/zwgk/?id=9
            http://www.xiaochang.gov.cn/zwgk/index.php                               | -                | http://www.xiaochang.gov.cn/zwgk/
            http://www.xiaochang.gov.cn/zwgk/Default.aspx                            | -                | http://www.xiaochang.gov.cn/zwgk/
            http://www.xiaochang.gov.cn/zwgk/default.htm                             | -                | http://www.xiaochang.gov.cn/zwgk/
            http://www.xiaochang.gov.cn/zwgk/index_2.shtml                           | -                | http://www.xiaochang.gov.cn/zwgk/index_2.shtml
            http://www.xiaochang.gov.cn/xwzx/gzdt/202309/t20230909_123456.shtml      | -                | http://www.xiaochang.gov.cn/xwzx/gzdt/202309/t20230909_123456.shtml
            http://www.xiaochang.gov.cn/art?spm=a.b.c&from=timeline&isappinstalled=0 | -                | http://www.xiaochang.gov.cn/art
            http://www.xiaochang.gov.cn/art?id=7&scene=1&clicktime=1694240000&wxfrom=5 | -              | http://www.xiaochang.gov.cn/art?id=7
            http://www.xiaochang.gov.cn/art?id=7&fbclid=abc&gclid=def&source=weibo   | -                | http://www.xiaochang.gov.cn/art?id=7
            http://www.xiaochang.gov.cn/art?id=7&share_token=x&shareId=9&UTM_Medium=y | -               | http://www.xiaochang.gov.cn/art?id=7
            http://www.xiaochang.gov.cn/art?id=7&_=1694240000000                     | -                | http://www.xiaochang.gov.cn/art?id=7
            http://www.xiaochang.gov.cn/art?id=7&t=1694240000&rnd=0.8123&random=     | -                | http://www.xiaochang.gov.cn/art?id=7
            http://www.xiaochang.gov.cn/art?id=7&timestamp=1694240000&_t=17&ts=      | -                | http://www.xiaochang.gov.cn/art?id=7
            http://www.xiaochang.gov.cn/list.jsp?t=news&id=7                         | -                | http://www.xiaochang.gov.cn/list.jsp?id=7&t=news
            http://www.xiaochang.gov.cn/list.jsp?from=2&id=7                         | from             | http://www.xiaochang.gov.cn/list.jsp?from=2&id=7
            http://www.xiaochang.gov.cn/list.jsp?id=2&cat=5&id=1                     | -                | http://www.xiaochang.gov.cn/list.jsp?cat=5&id=2&id=1
            http://www.xiaochang.gov.cn/list.jsp?b=&a&&c=3                           | -                | http://www.xiaochang.gov.cn/list.jsp?a&b=&c=3
            http://www.xiaochang.gov.cn/search?q=%e5%ad%9d%e6%98%8c&page=%32         | -                | http://www.xiaochang.gov.cn/search?page=2&q=%E5%AD%9D%E6%98%8C
            http://www.xiaochang.gov.cn/search?q=a+b&r=%2Fx                          | -                | http://www.xiaochang.gov.cn/search?q=a+b&r=%2Fx
            http://www.xiaochang.gov.cn/search?q=孝昌                                 | -                | http://www.xiaochang.gov.cn/search?q=孝昌
            http://www.xiaochang.gov.cn/%7Euser/%41bc%2fdef                          | -                | http://www.xiaochang.gov.cn/~user/Abc%2Fdef
            http://www.xiaochang.gov.cn/新闻/工作 动态.html                            | -                | http://www.xiaochang.gov.cn/%E6%96%B0%E9%97%BB/%E5%B7%A5%E4%BD%9C%20%E5%8A%A8%E6%80%81.html
            http://www.xiaochang.gov.cn/a/./b/../c/                                  | -                | http://www.xiaochang.gov.cn/a/c/
            http://www.xiaochang.gov.cn/a/b/..                                       | -                | http://www.xiaochang.gov.cn/a/
            http://www.xiaochang.gov.cn/../../a                                      | -                | http://www.xiaochang.gov.cn/a
            http://www.xiaochang.gov.cn\\xwzx\\index.html                            | -                | http://www.xiaochang.gov.cn/xwzx/
            http://www.xiaochang.gov.cn./xwzx/                                       | -                | http://www.xiaochang.gov.cn/xwzx/
            '  http://www.xiaochang.gov.cn/xwzx/  '                                  | -                | http://www.xiaochang.gov.cn/xwzx/
            http://孝昌.中国/xwzx/                                                     | -                | http://xn--v8so2w.xn--fiqs8s/xwzx/
            http://[2001:DB8::1]:80/a                                                | -                | http://[2001:db8::1]/a
            http://user@www.xiaochang.gov.cn/a                                       | -                | http://user@www.xiaochang.gov.cn/a
            """)
    void canonicalizes(String input, String keep, String expected) {
        assertThat(canonicalizer.canonicalize(input, names(keep))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://www.xiaochang.gov.cn/a",
                "mailto:office@xiaochang.gov.cn",
                "javascript:void(0)",
                "/xwzx/gzdt/index.shtml",
                "www.xiaochang.gov.cn/xwzx/",
                "http:/www.xiaochang.gov.cn/",
                "http://",
                "http://www.xiaochang.gov.cn:99999/",
                "http://www.xiao chang.gov.cn/",
                ""
            })
    void refusesWhatIsNotAnAbsoluteHttpUrl(String input) {
        assertThatIllegalArgumentException().isThrownBy(() -> canonicalizer.canonicalize(input, Set.of()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://www.xiaochang.gov.cn/xwzx/gzdt/index.shtml?utm_source=wx
            HTTP://www.XIAOCHANG.gov.cn:80/xwzx//gzdt/#list
            http://www.xiaochang.gov.cn/xwzx/gzdt/./index.shtml?from=singlemessage&isappinstalled=0
            """)
    void spellsTheSamePageTheSameWay(String input) {
        assertThat(canonicalizer.canonicalize(input, Set.of())).isEqualTo("http://www.xiaochang.gov.cn/xwzx/gzdt/");
    }

    private static Set<String> names(String spaceSeparated) {
        return spaceSeparated == null
                ? Set.of()
                : Arrays.stream(spaceSeparated.split(" ")).collect(Collectors.toSet());
    }
}

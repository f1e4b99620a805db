package io.countywatch.aggregator.extract.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NextPageTest {

    private static Document page(String body) {
        return Jsoup.parse("<html><body>" + body + "</body></html>", "http://www.xian.gov.cn/xwzx/gzdt/index.html");
    }

    @Test
    void prefersTheConfiguredSelector() {
        Document page = page("<a class='pg-next' href='p3.html'>›</a><a href='p2.html'>下一页</a>");
        assertThat(NextPage.find(page, "a.pg-next")).isEqualTo(URI.create("http://www.xian.gov.cn/xwzx/gzdt/p3.html"));
    }

    @Test
    void followsALinkSayingNextPage() {
        Document page =
                page("<a href='index.html'>首页</a> <a href='javascript:;'>下一页</a> <a href='index_1.html'>下一页</a>");
        assertThat(NextPage.find(page, null)).isEqualTo(URI.create("http://www.xian.gov.cn/xwzx/gzdt/index_1.html"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "createPageHTML(12, 0, \"index\", \"html\");  | http://www.xian.gov.cn/xwzx/gzdt/index_1.html",
                "createPageHTML(12, 4, 'index', 'shtml');    | http://www.xian.gov.cn/xwzx/gzdt/index_5.shtml",
                "createPageHTML(5, 4, \"index\", \"html\");   | ",
                "createPageHTML(1, 0, \"index\", \"html\");   | "
            })
    void readsTheTrsPagerScript(String script, String next) {
        Document page = page("<div class='page'><script>" + script + "</script></div>");
        assertThat(NextPage.find(page, null)).isEqualTo(next == null ? null : URI.create(next));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // page URL                                   | pager links                                        |
                // next
                "http://x.gov.cn/gzdt/index.html            | <a href='index.html'>1</a><a href='index_1.html'>2</a><a href='index_2.html'>3</a> | http://x.gov.cn/gzdt/index_1.html",
                "http://x.gov.cn/gzdt/index_1.html          | <a href='index.html'>1</a><a href='index_1.html'>2</a><a href='index_2.html'>3</a> | http://x.gov.cn/gzdt/index_2.html",
                "http://x.gov.cn/gzdt/                      | <a href='index_2.shtml'>2</a><a href='index_3.shtml'>3</a>                     | http://x.gov.cn/gzdt/index_2.shtml",
                "http://x.gov.cn/news/page_2.html           | <a href='page_1.html'>1</a><a href='page_3.html'>3</a>                         | http://x.gov.cn/news/page_3.html",
                "http://x.gov.cn/news/list.php?cat=4&page=2 | <a href='list.php?cat=4&page=1'>1</a><a href='list.php?cat=4&page=3'>3</a>   | http://x.gov.cn/news/list.php?cat=4&page=3",
                "http://x.gov.cn/news/list.aspx             | <a href='list.aspx?page=2'>2</a><a href='list.aspx?page=3'>3</a>              | http://x.gov.cn/news/list.aspx?page=2",
                "http://x.gov.cn/news/list.aspx             | <a href='a.aspx?id=9'>某某县召开会议</a><a href='list.aspx?p=2'>&gt;</a>       | http://x.gov.cn/news/list.aspx?p=2",
                "http://x.gov.cn/news/index.html            | <a href='index_5.html'>尾页</a>                                              | "
            })
    void followsNumberedPagesAndArrowLinks(String url, String links, String next) {
        Document page = Jsoup.parse("<html><body><div class='page'>" + links + "</div></body></html>", url);
        assertThat(NextPage.find(page, null)).isEqualTo(next == null ? null : URI.create(next));
    }

    @Test
    void findsNothingOnASinglePage() {
        assertThat(NextPage.find(page("<span>下一页</span>"), null)).isNull();
        assertThat(NextPage.find(page("<a href='x.html'>下一页</a>"), "a.none")).isNull();
    }
}

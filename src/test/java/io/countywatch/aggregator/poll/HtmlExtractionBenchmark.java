package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.ListSelectors;
import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.config.SourcePoliteness;
import io.countywatch.aggregator.config.SourceType;
import io.countywatch.aggregator.extract.html.DetailPageExtractor;
import io.countywatch.aggregator.extract.html.HtmlListExtractor;
import io.countywatch.aggregator.fetch.CharsetSniffer;
import io.countywatch.aggregator.support.FixtureWeb;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Not a test: how many list pages (decode + automatic or selector extraction) and detail pages (decode + main
 * content) one thread handles per second, on corpus pages padded to a realistic size. Run with
 * {@code java -cp target/test-classes:target/classes:<deps> io.countywatch.aggregator.poll.HtmlExtractionBenchmark}.
 */
public final class HtmlExtractionBenchmark {

    private static final int ROWS = 40;
    private static final Instant NOW = Instant.parse("2023-09-20T04:00:00Z");

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        CharsetSniffer charsets = new CharsetSniffer();
        HtmlListExtractor lists = new HtmlListExtractor();
        DetailPageExtractor details = new DetailPageExtractor();
        byte[] list = bigList();
        byte[] detail = FixtureWeb.resource("fixtures/html/detail/auto-table-gbk-1.html");
        URI url = URI.create("http://www.yingcheng.gov.cn/news/list.html");
        SourceDefinition automatic = source(null);
        SourceDefinition selectors = source(new ListSelectors("table.tb tr", "a", "a", "td.rq"));
        System.out.printf(
                "list page %d KB (%d rows, GBK), detail page %d KB (GBK), %d s per figure, one thread%n",
                list.length / 1024, ROWS, detail.length / 1024, seconds);
        run(
                "list, automatic",
                seconds,
                () -> lists.extract(charsets.decode(list, "text/html", "auto").text(), url, automatic, NOW)
                        .items()
                        .size());
        run(
                "list, selectors",
                seconds,
                () -> lists.extract(charsets.decode(list, "text/html", "auto").text(), url, selectors, NOW)
                        .items()
                        .size());
        run(
                "detail, automatic",
                seconds,
                () -> details.extract(
                                charsets.decode(detail, "text/html", "auto").text(),
                                url,
                                null,
                                ZoneId.of("Asia/Shanghai"),
                                NOW)
                        .content()
                        .length());
    }

    private static void run(String name, int seconds, java.util.function.IntSupplier work) {
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < end) {
            work.getAsInt(); // warm-up
        }
        long start = System.nanoTime();
        end = start + Duration.ofSeconds(seconds).toNanos();
        int pages = 0;
        while (System.nanoTime() < end) {
            work.getAsInt();
            pages++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-18s %8.0f pages/s  %6.2f ms/page%n", name, pages / elapsed, 1000 * elapsed / pages);
    }

    /** The automatic GBK table template with 40 rows and a navigation-heavy page around it. */
    private static byte[] bigList() {
        String page = new String(
                FixtureWeb.resource("fixtures/html/auto-table-gbk.html"), java.nio.charset.Charset.forName("GB18030"));
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            rows.append("<tr><td class=\"bt\"><a href=\"/news/show-")
                    .append(3000 + i)
                    .append(".html\">应城市召开第")
                    .append(i)
                    .append("次重点项目建设推进会暨项目观摩活动</a></td><td class=\"rq\">2023/9/")
                    .append(1 + i % 19)
                    .append("</td></tr>\n");
        }
        StringBuilder chrome = new StringBuilder("<div class=\"menu\">");
        for (int i = 0; i < 200; i++) {
            chrome.append("<a href=\"/col/")
                    .append(i)
                    .append("/\">栏目")
                    .append(i)
                    .append("</a>");
        }
        chrome.append("</div>");
        String big = page.replace("<tbody>", "<tbody>" + rows).replace("<body>", "<body>" + chrome);
        return big.getBytes(java.nio.charset.Charset.forName("GB18030"));
    }

    private static SourceDefinition source(ListSelectors list) {
        return new SourceDefinition(
                "bench",
                "bench",
                URI.create("http://www.yingcheng.gov.cn/news/list.html"),
                SourceType.HTML,
                List.of(),
                Duration.ofMinutes(15),
                ZoneId.of("Asia/Shanghai"),
                "auto",
                SourceDefinition.DEFAULT_USER_AGENT,
                Duration.ofSeconds(20),
                list,
                null,
                1,
                null,
                List.of(),
                List.of(),
                List.of(),
                Duration.ofMinutes(4),
                Duration.ofHours(2),
                true,
                null,
                SourcePoliteness.INHERITED);
    }
}

package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.ListSelectors;
import io.countywatch.aggregator.extract.html.HtmlListExtractor;
import io.countywatch.aggregator.fetch.CharsetSniffer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: list extraction throughput on the corpus pages as saved (hand-written templates and real pages), one
 * thread, decode + extraction per page, in automatic mode and with the selectors automatic mode inferred for each
 * page. Run with {@code java -cp target/test-classes:target/classes:<deps>
 * io.countywatch.aggregator.poll.CorpusBenchmark [seconds]}.
 */
public final class CorpusBenchmark {

    private record Page(CorpusCase page, byte[] body, URI url, ListSelectors inferred) {}

    public static void main(String[] args) {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        CharsetSniffer charsets = new CharsetSniffer();
        HtmlListExtractor lists = new HtmlListExtractor();
        List<Page> pages = new ArrayList<>();
        long bytes = 0;
        for (CorpusCase page : CorpusCase.all()) {
            URI url = page.pageUrl();
            byte[] body = page.body();
            bytes += body.length;
            String html = charsets.decode(body, page.contentType(), "auto").text();
            ListSelectors inferred = lists.extract(
                            html, url, page.source(url, CorpusCase.Mode.AUTOMATIC, null), page.now())
                    .inferred();
            pages.add(new Page(page, body, url, inferred));
        }
        System.out.printf(
                "%d corpus pages (%d real), %d KB in all, %d s per figure, one thread%n",
                pages.size(), pages.stream().filter(p -> p.page().real()).count(), bytes / 1024, seconds);
        for (CorpusCase.Mode mode : List.of(CorpusCase.Mode.AUTOMATIC, CorpusCase.Mode.PASTED)) {
            long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < end) {
                pass(pages, mode, charsets, lists);
            }
            long start = System.nanoTime();
            end = start + Duration.ofSeconds(seconds).toNanos();
            long done = 0;
            while (System.nanoTime() < end) {
                done += pass(pages, mode, charsets, lists);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "%-10s %8.0f pages/s  %6.2f ms/page%n",
                    mode == CorpusCase.Mode.AUTOMATIC ? "automatic" : "selectors",
                    done / elapsed,
                    1000 * elapsed / done);
        }
    }

    private static int pass(List<Page> pages, CorpusCase.Mode mode, CharsetSniffer charsets, HtmlListExtractor lists) {
        int items = 0;
        for (Page p : pages) {
            String html =
                    charsets.decode(p.body(), p.page().contentType(), "auto").text();
            items += lists.extract(
                            html,
                            p.url(),
                            p.page().source(p.url(), mode, p.inferred()),
                            p.page().now())
                    .items()
                    .size();
        }
        return items >= 0 ? pages.size() : 0;
    }
}

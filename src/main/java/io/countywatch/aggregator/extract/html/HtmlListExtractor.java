package io.countywatch.aggregator.extract.html;

import io.countywatch.aggregator.config.ListSelectors;
import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.extract.date.ParsedDate;
import io.countywatch.aggregator.extract.date.PublishedDateParser;
import io.countywatch.aggregator.item.ExtractedItem;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;

/**
 * Extracts items from an HTML list page: with the source's CSS selectors, or with selectors that
 * {@link AutomaticList} infers when the source has no {@code list:} block. One item per {@code list.item}, its
 * link resolved against the page (and its {@code <base href>}), its title from the {@code title} attribute when
 * the element has one (lists cut long titles in the text but rarely in the attribute).
 */
@Component
public class HtmlListExtractor {

    private final PublishedDateParser dates = new PublishedDateParser();
    private final AutomaticList automatic = new AutomaticList();

    public ListPage extract(String html, URI pageUrl, SourceDefinition source, Instant now) {
        return extract(html, pageUrl, source, now, null);
    }

    /**
     * Extracts a list page; in automatic mode the selectors inferred on an earlier page of the same list are
     * used first, since a last page may hold too few rows to be recognised as a list on its own.
     */
    public ListPage extract(String html, URI pageUrl, SourceDefinition source, Instant now, ListSelectors earlier) {
        Document page = Jsoup.parse(html, pageUrl.toString());
        boolean inferred = source.list() == null;
        ListSelectors selectors = !inferred
                ? source.list()
                : earlier != null
                                && !page.select(SelectorCache.of(earlier.item()))
                                        .isEmpty()
                        ? earlier
                        : automatic.find(page, source.timezone(), now).orElse(null);
        List<ExtractedItem> items = new ArrayList<>();
        Map<String, ListPage.Provenance> provenance = new HashMap<>();
        if (selectors != null) {
            for (Element row : page.select(SelectorCache.of(selectors.item()))) {
                item(row, selectors, inferred, source, now).ifPresent(found -> {
                    items.add(found.item());
                    provenance.putIfAbsent(found.item().url(), found.provenance());
                });
            }
        }
        // Without a `next` selector the page's own "下一页" link or pager script is followed (only when pages > 1).
        URI next = NextPage.find(page, source.next());
        return new ListPage(items, next, provenance, inferred ? selectors : null);
    }

    private record Found(ExtractedItem item, ListPage.Provenance provenance) {}

    private Optional<Found> item(
            Element row, ListSelectors selectors, boolean inferred, SourceDefinition source, Instant now) {
        // Automatic mode takes the row's longest-titled link: rows often lead with a short category link.
        Element link = inferred ? AutomaticList.titleLink(row) : row.selectFirst(SelectorCache.of(selectors.link()));
        if (link == null) {
            return Optional.empty();
        }
        String url = link.absUrl("href");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return Optional.empty();
        }
        Element titleElement = inferred ? link : row.selectFirst(SelectorCache.of(selectors.title()));
        if (titleElement == null) {
            titleElement = link;
        }
        boolean fromAttribute = !titleElement.attr("title").isBlank();
        String title = (fromAttribute ? titleElement.attr("title") : titleElement.text())
                .strip()
                .replaceAll("\\s+", " ");
        if (title.isBlank()) {
            return Optional.empty();
        }
        Optional<ParsedDate> date = date(row, link, selectors, inferred, source, now);
        String titleFrom = fromAttribute ? "title attribute" : inferred ? "inferred" : "selector";
        String dateFrom = date.isEmpty() ? "none" : inferred ? "inferred" : "selector";
        ExtractedItem item = new ExtractedItem(
                null,
                url,
                title,
                null,
                null,
                date.map(ParsedDate::value).orElse(null),
                date.map(ParsedDate::hasTime).orElse(true));
        return Optional.of(new Found(item, new ListPage.Provenance(titleFrom, dateFrom)));
    }

    private Optional<ParsedDate> date(
            Element row,
            Element link,
            ListSelectors selectors,
            boolean inferred,
            SourceDefinition source,
            Instant now) {
        if (selectors.date() != null) {
            Element dateElement = row.selectFirst(SelectorCache.of(selectors.date()));
            if (dateElement != null) {
                return dates.parse(dateElement.text(), source.timezone(), now);
            }
        }
        // Automatic mode: the date is often loose text in the row ("标题 2023-09-09"); keep the title out of it.
        return inferred ? dates.parse(row.text().replace(link.text(), " "), source.timezone(), now) : Optional.empty();
    }
}

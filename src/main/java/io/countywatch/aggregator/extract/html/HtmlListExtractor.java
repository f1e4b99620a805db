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
        // Without a `next` selector the page's own "下一页" link or pager script is followed; only when pages > 1.
        URI next = source.pages() > 1 ? NextPage.find(page, source.next()) : null;
        return new ListPage(items, next, provenance, inferred ? selectors : null);
    }

    private record Found(ExtractedItem item, ListPage.Provenance provenance) {}

    private Optional<Found> item(
            Element row, ListSelectors selectors, boolean inferred, SourceDefinition source, Instant now) {
        // Automatic mode takes the row's longest-titled link: rows often lead with a short category link.
        Element link = inferred ? RowParts.titleLink(row) : row.selectFirst(SelectorCache.of(selectors.link()));
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
        Element dateElement = selectors.date() == null ? null : row.selectFirst(SelectorCache.of(selectors.date()));
        String title = (fromAttribute ? titleElement.attr("title") : textWithout(titleElement, dateElement))
                .strip()
                .replaceAll("\\s+", " ");
        if (title.isBlank()) {
            return Optional.empty();
        }
        Optional<ParsedDate> date = date(row, link, selectors, dateElement, source, now);
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

    /**
     * The date from the date selector's element; without a date selector, from the row's text without the title
     * (dates are often loose text: "标题 2023-09-09"). A date selector that matches nothing gives no date, so that
     * the health shows "no dates" when a template changed; automatic mode follows the same rule, so its selectors
     * pasted into the sources file read the same dates.
     */
    private Optional<ParsedDate> date(
            Element row,
            Element link,
            ListSelectors selectors,
            Element dateElement,
            SourceDefinition source,
            Instant now) {
        if (selectors.date() != null) {
            return dateElement == null ? Optional.empty() : dates.parse(dateElement.text(), source.timezone(), now);
        }
        return dates.parse(row.text().replace(link.text(), " "), source.timezone(), now);
    }

    // Some templates put the date inside the link ("<a><span>标题</span><span>2023-09-18</span></a>").
    private static String textWithout(Element title, Element date) {
        String text = title.text();
        if (date == null || !date.parents().contains(title)) {
            return text;
        }
        int at = text.lastIndexOf(date.text());
        return at < 0
                ? text
                : text.substring(0, at) + text.substring(at + date.text().length());
    }
}

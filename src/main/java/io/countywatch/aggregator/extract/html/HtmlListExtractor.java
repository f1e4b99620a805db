package io.countywatch.aggregator.extract.html;

import io.countywatch.aggregator.config.ListSelectors;
import io.countywatch.aggregator.config.SourceDefinition;
import io.countywatch.aggregator.extract.date.PublishedDateParser;
import io.countywatch.aggregator.item.ExtractedItem;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.stereotype.Component;

/**
 * Extracts items from an HTML list page with the source's CSS selectors: one item per {@code list.item}, its
 * link resolved against the page (and its {@code <base href>}), its title from the {@code title} attribute when
 * the element has one (lists cut long titles in the text but rarely in the attribute).
 */
@Component
public class HtmlListExtractor {

    private final PublishedDateParser dates = new PublishedDateParser();

    public ListPage extract(String html, URI pageUrl, SourceDefinition source, Instant now) {
        ListSelectors selectors = source.list();
        if (selectors == null) {
            throw new UnsupportedOperationException(
                    "source " + source.id() + " has no list: selectors; automatic list detection is not built yet");
        }
        Document page = Jsoup.parse(html, pageUrl.toString());
        List<ExtractedItem> items = new ArrayList<>();
        for (Element row : page.select(selectors.item())) {
            ExtractedItem item = item(row, selectors, source, now);
            if (item != null) {
                items.add(item);
            }
        }
        return new ListPage(items, next(page, source));
    }

    private ExtractedItem item(Element row, ListSelectors selectors, SourceDefinition source, Instant now) {
        Element link = row.selectFirst(selectors.link());
        if (link == null) {
            return null;
        }
        String url = link.absUrl("href");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return null;
        }
        Element titleElement = row.selectFirst(selectors.title());
        String title = titleElement == null ? link.text() : titleOf(titleElement);
        if (title.isBlank()) {
            return null;
        }
        OffsetDateTime published = null;
        boolean hasTime = true;
        if (selectors.date() != null) {
            Element dateElement = row.selectFirst(selectors.date());
            if (dateElement != null) {
                var parsed = dates.parse(dateElement.text(), source.timezone(), now);
                if (parsed.isPresent()) {
                    published = parsed.get().value();
                    hasTime = parsed.get().hasTime();
                }
            }
        }
        return new ExtractedItem(null, url, title, null, null, published, hasTime);
    }

    private static String titleOf(Element element) {
        String attribute = element.attr("title").trim();
        return attribute.isEmpty() ? element.text().trim() : attribute;
    }

    private static URI next(Document page, SourceDefinition source) {
        if (source.next() == null) {
            return null;
        }
        Element next = page.selectFirst(source.next());
        if (next == null) {
            return null;
        }
        String href = next.absUrl("href");
        return href.startsWith("http://") || href.startsWith("https://") ? URI.create(href) : null;
    }
}

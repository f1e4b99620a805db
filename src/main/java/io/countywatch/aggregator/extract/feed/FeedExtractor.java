package io.countywatch.aggregator.extract.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import io.countywatch.aggregator.extract.date.PublishedDateParser;
import io.countywatch.aggregator.extract.html.HtmlSanitizer;
import io.countywatch.aggregator.item.ExtractedItem;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.springframework.stereotype.Component;

/**
 * Turns an RSS 0.9x/1.0/2.0 or Atom 0.3/1.0 document into extracted items with Rome. Dates are read from the
 * raw element text so that a date without an offset is read in the source's time zone, not the JVM's.
 */
@Component
public class FeedExtractor {

    private final SafeXml safeXml = new SafeXml();
    private final PublishedDateParser dates = new PublishedDateParser();
    private final HtmlSanitizer sanitizer = new HtmlSanitizer();

    /** The items of the feed, in document order; throws {@link FeedParseException} for anything that is no feed. */
    public List<ExtractedItem> extract(String xml, URI feedUrl, ZoneId zone, Instant now) {
        Document document = safeXml.parse(xml);
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            feed = input.build(document);
        } catch (FeedException | IllegalArgumentException e) {
            throw new FeedParseException("not an RSS or Atom feed: " + e.getMessage(), e);
        }
        List<Element> rawEntries = RawEntries.of(document);
        List<SyndEntry> entries = feed.getEntries();
        boolean aligned = rawEntries.size() == entries.size();
        List<ExtractedItem> items = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            ExtractedItem item = toItem(entries.get(i), aligned ? rawEntries.get(i) : null, feedUrl, zone, now);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private ExtractedItem toItem(SyndEntry entry, Element raw, URI feedUrl, ZoneId zone, Instant now) {
        String link = link(entry, feedUrl);
        String title = sanitizer.text(entry.getTitle());
        if (link == null && (entry.getUri() == null || entry.getUri().isBlank())) {
            return null; // nothing to point a reader at and nothing to recognise it by
        }
        String html = contentHtml(entry);
        String content = sanitizer.sanitize(html, link == null ? feedUrl.toString() : link);
        String description =
                entry.getDescription() == null ? null : entry.getDescription().getValue();
        String summary = sanitizer.summary(description != null && !description.isBlank() ? description : html);
        if (title.isBlank()) {
            title = summary == null ? link : summary;
        }
        OffsetDateTime published = published(entry, raw, zone, now);
        boolean hasTime = published == null
                || RawEntries.dateText(raw)
                        .map(t -> dates.parse(t, zone, now)
                                .map(io.countywatch.aggregator.extract.date.ParsedDate::hasTime)
                                .orElse(true))
                        .orElse(true);
        String guid = entry.getUri() == null || entry.getUri().isBlank()
                ? null
                : entry.getUri().trim();
        return new ExtractedItem(guid, link == null ? guid : link, title, summary, content, published, hasTime);
    }

    private static String link(SyndEntry entry, URI feedUrl) {
        String link = entry.getLink();
        if ((link == null || link.isBlank()) && entry.getLinks() != null) {
            link = entry.getLinks().stream()
                    .filter(l -> l.getRel() == null || "alternate".equals(l.getRel()))
                    .map(SyndLink::getHref)
                    .findFirst()
                    .orElse(null);
        }
        if (link == null || link.isBlank()) {
            return null;
        }
        try {
            URI resolved = feedUrl.resolve(link.trim());
            String scheme = resolved.getScheme();
            return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme) ? resolved.toString() : null;
        } catch (IllegalArgumentException badLink) {
            return null;
        }
    }

    private static String contentHtml(SyndEntry entry) {
        if (entry.getContents() != null) {
            for (SyndContent content : entry.getContents()) {
                if (content.getValue() != null && !content.getValue().isBlank()) {
                    return content.getValue();
                }
            }
        }
        return entry.getDescription() == null ? null : entry.getDescription().getValue();
    }

    private OffsetDateTime published(SyndEntry entry, Element raw, ZoneId zone, Instant now) {
        var fromText = RawEntries.dateText(raw).flatMap(text -> dates.parse(text, zone, now));
        if (fromText.isPresent()) {
            return fromText.get().value();
        }
        Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
        if (date == null || date.toInstant().isAfter(now.plusSeconds(86_400))) {
            return null;
        }
        return date.toInstant().atZone(zone).toOffsetDateTime();
    }
}

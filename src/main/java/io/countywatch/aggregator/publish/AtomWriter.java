package io.countywatch.aggregator.publish;

import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import io.countywatch.aggregator.item.AlsoAt;
import io.countywatch.aggregator.item.ItemView;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/** Atom 1.0 (RFC 4287) through Rome's wire model, which (unlike SyndFeed) lets us choose every link written. */
final class AtomWriter {

    private static final String ATOM_TYPE = "application/atom+xml";

    byte[] write(FeedDocument doc) {
        var feed = new Feed("atom_1.0");
        feed.setEncoding("UTF-8");
        feed.setId(AtomFeedId.of(doc.selfUrl()));
        feed.setTitle(doc.title());
        feed.setSubtitle(text("text", doc.description()));
        feed.setUpdated(date(doc.updated()));
        feed.setAlternateLinks(List.of(link("alternate", doc.homeUrl(), "text/html", null)));
        feed.setOtherLinks(feedLinks(doc));
        feed.setEntries(doc.items().stream().map(AtomWriter::entry).toList());

        Document xml = jdom(feed);
        Element root = xml.getRootElement();
        // Rome 2.1.0's Atom10Generator writes xml:base but drops Feed.language, so xml:lang goes on by hand.
        root.setAttribute("lang", doc.language(), Namespace.XML_NAMESPACE);
        writeOwnOffsets(root, doc);
        return XmlBytes.of(xml);
    }

    // Rome wrote every date in UTC; each is written again in its own offset (the source's zone).
    private static void writeOwnOffsets(Element root, FeedDocument doc) {
        Namespace atom = root.getNamespace();
        FeedDates.rewrite(root, "updated", atom, FeedDates.rfc3339(doc.updated()));
        List<Element> entries = root.getChildren("entry", atom);
        for (int i = 0; i < entries.size(); i++) {
            ItemView item = doc.items().get(i);
            if (item.publishedAt() != null) {
                FeedDates.rewrite(entries.get(i), "published", atom, FeedDates.rfc3339(item.publishedAt()));
            }
            OffsetDateTime changed = lastChange(item);
            if (changed != null) {
                FeedDates.rewrite(entries.get(i), "updated", atom, FeedDates.rfc3339(changed));
            }
        }
    }

    /**
     * An entry's {@code updated} (RFC 4287: the last significant change): the item's {@code updatedAt} once its
     * title, text or other places changed after it was first fetched; until then its publication, since the fetch
     * time of a story is no change of the story.
     */
    static OffsetDateTime lastChange(ItemView item) {
        OffsetDateTime updated = item.updatedAt();
        boolean changedSinceFetch = updated != null && item.fetchedAt() != null && updated.isAfter(item.fetchedAt());
        if (item.publishedAt() == null) {
            return updated;
        }
        if (!changedSinceFetch || updated.isBefore(item.publishedAt())) {
            return item.publishedAt();
        }
        return updated;
    }

    private static List<Link> feedLinks(FeedDocument doc) {
        var links = new ArrayList<Link>();
        links.add(link("self", doc.selfUrl(), ATOM_TYPE, null));
        if (doc.nextUrl() != null) {
            links.add(link("next", doc.nextUrl(), ATOM_TYPE, null));
        }
        return links;
    }

    private static Entry entry(ItemView item) {
        var entry = new Entry();
        entry.setId("urn:uuid:" + item.id());
        entry.setTitle(item.title());
        entry.setAlternateLinks(List.of(link("alternate", item.url(), null, null)));
        // The same story elsewhere: rel="related" keeps each place machine-readable, titled by its source.
        entry.setOtherLinks(item.alsoAt().stream()
                .map((AlsoAt other) -> link("related", other.url(), null, other.sourceId()))
                .toList());
        entry.setPublished(date(item.publishedAt()));
        entry.setUpdated(date(lastChange(item)));
        if (item.summary() != null) {
            entry.setSummary(text("text", item.summary()));
        }
        // Readers that ignore rel="related" links still show the other places, as a list after the content.
        String html = ItemHtml.withAlsoAt(item);
        if (html != null) {
            entry.setContents(List.of(text("html", html)));
        }
        entry.setCategories(item.tags().stream().map(AtomWriter::category).toList());
        // RFC 4287 wants an author on every entry when the feed has none; a merged feed has no single one.
        entry.setAuthors(List.of(person(item.sourceName() != null ? item.sourceName() : item.sourceId())));
        return entry;
    }

    private static Link link(String rel, String href, String type, String title) {
        var link = new Link();
        link.setRel(rel);
        link.setHref(href);
        link.setType(type);
        link.setTitle(title);
        return link;
    }

    private static Content text(String type, String value) {
        var content = new Content();
        content.setType(type);
        content.setValue(value);
        return content;
    }

    private static Category category(String tag) {
        var category = new Category();
        category.setTerm(tag);
        return category;
    }

    private static Person person(String name) {
        var person = new Person();
        person.setName(name);
        return person;
    }

    private static Date date(OffsetDateTime time) {
        return time == null ? null : Date.from(time.toInstant());
    }

    private static Document jdom(Feed feed) {
        try {
            return new WireFeedOutput().outputJDom(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("atom_1.0: Rome refused the feed: " + e.getMessage(), e);
        }
    }
}

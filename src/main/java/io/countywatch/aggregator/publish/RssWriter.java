package io.countywatch.aggregator.publish;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.rss.Category;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Content;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;
import io.countywatch.aggregator.item.ItemView;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

/** RSS 2.0 through Rome's wire model, which (unlike SyndFeed) lets us choose every element written. */
final class RssWriter {

    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");

    byte[] write(FeedDocument doc) {
        var channel = new Channel("rss_2.0");
        channel.setEncoding("UTF-8");
        channel.setTitle(doc.title());
        channel.setLink(doc.homeUrl());
        channel.setDescription(doc.description());
        channel.setLanguage(doc.language());
        channel.setLastBuildDate(date(doc.updated()));
        channel.setForeignMarkup(atomLinks(doc));
        channel.setItems(doc.items().stream().map(RssWriter::item).toList());

        Document xml = jdom(channel);
        writeOwnOffsets(xml.getRootElement().getChild("channel"), doc);
        // Rome declares xmlns:atom on the atom:link element itself; declared on the root instead, it
        // appears once however many atom:links there are.
        xml.getRootElement().addNamespaceDeclaration(ATOM);
        return XmlBytes.of(xml);
    }

    // Rome wrote every date in UTC ("GMT"); each is written again in its own offset (the source's zone, "+0800").
    private static void writeOwnOffsets(Element channel, FeedDocument doc) {
        FeedDates.rewrite(channel, "lastBuildDate", Namespace.NO_NAMESPACE, FeedDates.rfc822(doc.updated()));
        List<Element> items = channel.getChildren("item");
        for (int i = 0; i < items.size(); i++) {
            OffsetDateTime published = doc.items().get(i).publishedAt();
            if (published != null) {
                FeedDates.rewrite(items.get(i), "pubDate", Namespace.NO_NAMESPACE, FeedDates.rfc822(published));
            }
        }
    }

    // RSS has no self or paging links of its own; atom:link rel="self" is what feed validators ask for,
    // and rel="next" is how RFC 5005 pages an RSS feed.
    private static List<Element> atomLinks(FeedDocument doc) {
        var links = new ArrayList<Element>();
        links.add(atomLink("self", doc.selfUrl()));
        if (doc.nextUrl() != null) {
            links.add(atomLink("next", doc.nextUrl()));
        }
        return links;
    }

    private static Element atomLink(String rel, String href) {
        return new Element("link", ATOM)
                .setAttribute("rel", rel)
                .setAttribute("type", "application/rss+xml")
                .setAttribute("href", href);
    }

    private static Item item(ItemView view) {
        var item = new Item();
        item.setTitle(view.title());
        item.setLink(view.url());
        item.setGuid(guid(view.id()));
        item.setPubDate(date(view.publishedAt()));
        if (view.summary() != null) {
            // RSS readers treat description as HTML; escaping keeps a plain-text "a<b" from turning into a tag.
            var description = new Description();
            description.setType("text/html");
            description.setValue(ItemHtml.escape(view.summary()));
            item.setDescription(description);
        }
        String html = ItemHtml.withAlsoAt(view);
        if (html != null) {
            var content = new Content();
            content.setType(Content.HTML);
            content.setValue(html);
            item.setContent(content);
        }
        item.setCategories(view.tags().stream().map(RssWriter::category).toList());
        // RSS <author> must be an e-mail address, which a government site never gives; dc:creator takes a name.
        if (view.sourceName() != null) {
            DCModule dc = new DCModuleImpl();
            dc.setCreator(view.sourceName());
            item.getModules().add(dc);
        }
        return item;
    }

    // The id is ours, not the site's URL, so it is not a permalink; readers must not open it.
    private static Guid guid(String id) {
        var guid = new Guid();
        guid.setPermaLink(false);
        guid.setValue("urn:uuid:" + id);
        return guid;
    }

    private static Category category(String tag) {
        var category = new Category();
        category.setValue(tag);
        return category;
    }

    private static Date date(OffsetDateTime time) {
        return time == null ? null : Date.from(time.toInstant());
    }

    private static Document jdom(Channel channel) {
        try {
            return new WireFeedOutput().outputJDom(channel);
        } catch (FeedException e) {
            throw new IllegalStateException("rss_2.0: Rome refused the channel: " + e.getMessage(), e);
        }
    }
}

package io.countywatch.aggregator.publish;

import io.countywatch.aggregator.config.SourceDefinition;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import org.jdom2.Document;
import org.jdom2.Element;

/**
 * OPML 2.0 (http://opml.org/spec2.opml) listing the merged feed, every source's feed and every tag feed, so a
 * reader can subscribe to all of them at once. Feeds are listed as RSS, the format every reader takes.
 */
final class OpmlWriter {

    /**
     * @param baseUrl scheme, host and port the reader used, without a trailing slash
     * @param created when the sources file was applied: the list changes only then
     */
    byte[] write(String baseUrl, List<SourceDefinition> sources, Collection<String> tags, Instant created) {
        var head = new Element("head")
                .addContent(new Element("title").setText("县市新闻聚合 · 订阅列表"))
                .addContent(new Element("dateCreated")
                        .setText(DateTimeFormatter.RFC_1123_DATE_TIME.format(created.atOffset(ZoneOffset.UTC))));
        var body = new Element("body");
        body.addContent(feed("全部来源 · All sources", baseUrl + "/feeds/all.rss", baseUrl + "/"));
        var bySource = new Element("outline").setAttribute("text", "来源 · Sources");
        for (SourceDefinition source : sources) {
            bySource.addContent(feed(
                    source.name(),
                    baseUrl + "/feeds/source/" + PathSegment.encode(source.id()) + ".rss",
                    source.url().toString()));
        }
        var byTag = new Element("outline").setAttribute("text", "标签 · Tags");
        for (String tag : tags) {
            byTag.addContent(feed("标签 " + tag, baseUrl + "/feeds/tag/" + PathSegment.encode(tag) + ".rss", null));
        }
        body.addContent(bySource).addContent(byTag);
        var root = new Element("opml")
                .setAttribute("version", "2.0")
                .addContent(head)
                .addContent(body);
        return XmlBytes.of(new Document(root));
    }

    private static Element feed(String title, String xmlUrl, String htmlUrl) {
        var outline = new Element("outline")
                .setAttribute("type", "rss")
                .setAttribute("text", DocumentScrubber.text(title))
                .setAttribute("title", DocumentScrubber.text(title))
                .setAttribute("xmlUrl", xmlUrl);
        if (htmlUrl != null) {
            outline.setAttribute("htmlUrl", htmlUrl);
        }
        return outline;
    }
}

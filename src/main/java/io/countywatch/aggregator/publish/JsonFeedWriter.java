package io.countywatch.aggregator.publish;

import io.countywatch.aggregator.item.AlsoAt;
import io.countywatch.aggregator.item.ItemView;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1), built as a Jackson tree so every key is spelled
 * exactly as the spec spells it. Our own data rides in the {@code _aggregator} extension the spec allows.
 */
final class JsonFeedWriter {

    static final String VERSION = "https://jsonfeed.org/version/1.1";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    byte[] write(FeedDocument doc) {
        ObjectNode feed = MAPPER.createObjectNode();
        feed.put("version", VERSION);
        feed.put("title", doc.title());
        feed.put("home_page_url", doc.homeUrl());
        feed.put("feed_url", doc.selfUrl());
        feed.put("description", doc.description());
        if (doc.nextUrl() != null) {
            feed.put("next_url", doc.nextUrl());
        }
        feed.put("language", doc.language());
        ArrayNode items = feed.putArray("items");
        doc.items().forEach(item -> writeItem(items.addObject(), item));
        return MAPPER.writeValueAsBytes(feed);
    }

    private static void writeItem(ObjectNode json, ItemView item) {
        // The same urn:uuid as the guid and atom:id, so a reader that switches format sees the same items.
        json.put("id", "urn:uuid:" + item.id());
        json.put("url", item.url());
        json.put("title", item.title());
        String html = ItemHtml.withAlsoAt(item);
        if (html != null) {
            json.put("content_html", html);
        } else {
            // The spec requires content_html or content_text; a list-page item may have only its title.
            json.put("content_text", item.summary() != null ? item.summary() : item.title());
        }
        if (item.summary() != null) {
            json.put("summary", item.summary());
        }
        putDate(json, "date_published", item.publishedAt());
        putDate(json, "date_modified", item.updatedAt());
        if (!item.tags().isEmpty()) {
            ArrayNode tags = json.putArray("tags");
            item.tags().forEach(tags::add);
        }
        if (item.sourceName() != null) {
            json.putArray("authors").addObject().put("name", item.sourceName());
        }
        ObjectNode ours = json.putObject("_aggregator");
        ours.put("sourceId", item.sourceId());
        ArrayNode alsoAt = ours.putArray("alsoAt");
        for (AlsoAt other : item.alsoAt()) {
            alsoAt.addObject().put("sourceId", other.sourceId()).put("url", other.url());
        }
    }

    // RFC 3339 in the source's own offset (+08:00 for every county site), whole seconds like the XML feeds.
    private static void putDate(ObjectNode json, String key, OffsetDateTime time) {
        if (time != null) {
            json.put(key, time.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        }
    }
}

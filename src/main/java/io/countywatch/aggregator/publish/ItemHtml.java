package io.countywatch.aggregator.publish;

import io.countywatch.aggregator.item.AlsoAt;
import io.countywatch.aggregator.item.ItemView;

/** The HTML body RSS readers show for an item: its content, then the other places the story was found. */
final class ItemHtml {

    private ItemHtml() {}

    /** The item's content with an "also at" list appended, or null when there is neither. */
    static String withAlsoAt(ItemView item) {
        if (item.alsoAt().isEmpty()) {
            return item.content();
        }
        var html = new StringBuilder();
        if (item.content() != null) {
            html.append(item.content());
        } else if (item.summary() != null) {
            // Readers that prefer content:encoded would otherwise show only the list.
            html.append("<p>").append(escape(item.summary())).append("</p>");
        }
        html.append("<p>另见：</p><ul>");
        for (AlsoAt other : item.alsoAt()) {
            html.append("<li><a href=\"")
                    .append(escape(other.url()))
                    .append("\">")
                    .append(escape(other.sourceId()))
                    .append("</a></li>");
        }
        return html.append("</ul>").toString();
    }

    /** Plain text as HTML text (and attribute values): the five characters HTML gives meaning to. */
    static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

package io.countywatch.aggregator.poll;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Suggested ids and tags for discovered sources: the county's host label and the column's path segment
 * ({@code xiaochang-gzdt} for {@code www.xiaochang.gov.cn/xwzx/gzdt/}), in the id syntax of the sources file.
 */
final class SourceIds {

    private SourceIds() {}

    static String of(URI url, String fallback) {
        String host = url.getHost() == null ? "site" : url.getHost().toLowerCase(Locale.ROOT);
        String label = host.startsWith("www.") ? host.substring(4) : host;
        label = label.contains(".") ? label.substring(0, label.indexOf('.')) : label;
        String column = columnSegment(url.getPath());
        String id = slug(label) + (column.isEmpty() ? "" : "-" + column);
        id = id.isEmpty() || !Character.isLetterOrDigit(id.charAt(0)) ? "source" + id : id;
        return id.length() > 60 ? id.substring(0, 60) : id;
    }

    // "/xwzx/gzdt/index.html" → "gzdt"; "/col/col1425/index.html" → "col1425"; "/news/list.php" → "news"
    private static String columnSegment(String path) {
        if (path == null) {
            return "";
        }
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            String part = parts[i];
            if (part.isEmpty()
                    || part.matches("(?i)(index|default|list|page)(_\\d+)?(\\.\\w+)?")
                    || part.contains(".")) {
                continue;
            }
            String slug = slug(part);
            if (!slug.isEmpty()) {
                return slug;
            }
        }
        return "";
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    }

    static List<String> tags(String columnName) {
        String tag = columnName.replaceAll("[^\\p{L}\\p{N}_-]", "");
        return tag.isEmpty() ? List.of() : List.of(tag);
    }

    /** The sources with ids made unique ("-2", "-3", …) and each URL once. */
    static List<DiscoveryReport.DiscoveredSource> unique(List<DiscoveryReport.DiscoveredSource> found) {
        Set<String> ids = new HashSet<>();
        Set<String> urls = new HashSet<>();
        List<DiscoveryReport.DiscoveredSource> unique = new ArrayList<>();
        for (DiscoveryReport.DiscoveredSource s : found) {
            if (!urls.add(s.url())) {
                continue;
            }
            String id = s.id();
            for (int n = 2; !ids.add(id); n++) {
                id = s.id() + "-" + n;
            }
            unique.add(new DiscoveryReport.DiscoveredSource(
                    id,
                    s.name(),
                    s.url(),
                    s.type(),
                    s.tags(),
                    s.charset(),
                    s.inferred(),
                    s.rows(),
                    s.dated(),
                    s.titlesCut(),
                    s.health()));
        }
        return unique;
    }
}

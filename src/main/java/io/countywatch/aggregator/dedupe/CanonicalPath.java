package io.countywatch.aggregator.dedupe;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The path half of a canonical URL: one spelling for every way a server would answer the same page. */
final class CanonicalPath {

    // Default documents: servers answer "/xwzx/gzdt/" and "/xwzx/gzdt/index.shtml" with the same page.
    private static final Set<String> DIRECTORY_INDEXES =
            Set.of("index.html", "index.htm", "index.shtml", "index.jsp", "index.php", "default.aspx", "default.htm");

    private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");

    private CanonicalPath() {}

    static String of(String rawPath) {
        String path = PercentEncoding.normalize(rawPath, true);
        path = REPEATED_SLASHES.matcher(path).replaceAll("/");
        path = withoutDotSegments(path);
        int lastSlash = path.lastIndexOf('/');
        if (DIRECTORY_INDEXES.contains(path.substring(lastSlash + 1).toLowerCase(Locale.ROOT))) {
            path = path.substring(0, lastSlash + 1);
        }
        return path.isEmpty() ? "/" : path;
    }

    /** RFC 3986 section 5.2.4, for absolute paths: "/a/./b/../c" is "/a/c". */
    private static String withoutDotSegments(String path) {
        if (!path.contains(".")) {
            return path;
        }
        String[] segments = path.split("/", -1);
        Deque<String> kept = new ArrayDeque<>();
        for (int i = 1; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.equals("..")) {
                kept.pollLast();
            }
            if (segment.equals(".") || segment.equals("..")) {
                // A trailing dot segment names a directory, so the path keeps its trailing slash.
                if (last) {
                    kept.addLast("");
                }
            } else {
                kept.addLast(segment);
            }
        }
        return "/" + String.join("/", kept);
    }
}

package io.countywatch.aggregator.config;

import com.google.re2j.PatternSyntaxException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jsoup.select.QueryParser;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The sources file's own value kinds (ids, URLs, selectors, patterns, zones, charsets), each checked with
 * the library that will later use it, so anything the loader accepts cannot fail at poll time.
 */
final class SourceValues {

    // Ids appear in URLs (/feeds/source/{id}.rss), log lines and database keys, hence the plain alphabet.
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    // Tags appear in /feeds/tag/{tag}.rss: any script's letters and digits, but no dot, slash or space.
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}_-]*");

    private static final Pattern USER_AGENT = Pattern.compile("[\\x20-\\x7E]{1,512}");

    private final ValueReader reader;

    SourceValues(ValueReader reader) {
        this.reader = reader;
    }

    Optional<String> id(Node node, String path) {
        return matching(
                node,
                path,
                ID,
                "id must be lowercase letters, digits and '-', starting with a letter or"
                        + " digit, at most 64 characters");
    }

    Optional<String> tag(Node node, String path) {
        return matching(node, path, TAG, "tag must be letters, digits, '-' or '_'");
    }

    Optional<URI> url(Node node, String path) {
        return reader.text(node, path).flatMap(text -> {
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                    return Optional.of(uri);
                }
                reportError(node, path, "url must be an absolute http or https URL, found \"" + text + "\"");
            } catch (URISyntaxException e) {
                reportError(node, path, "invalid URL \"" + text + "\": " + e.getReason() + " at index " + e.getIndex());
            }
            return Optional.empty();
        });
    }

    Optional<SourceType> type(Node node, String path) {
        return reader.text(node, path).flatMap(text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "html" -> Optional.of(SourceType.HTML);
            case "feed" -> Optional.of(SourceType.FEED);
            default -> {
                reportError(node, path, "unknown type \"" + text + "\"; expected html or feed");
                yield Optional.empty();
            }
        });
    }

    Optional<ZoneId> timezone(Node node, String path) {
        return reader.text(node, path).flatMap(text -> {
            try {
                return Optional.of(ZoneId.of(text));
            } catch (DateTimeException e) {
                reportError(node, path, "invalid timezone \"" + text + "\"; use a region id such as Asia/Shanghai");
                return Optional.empty();
            }
        });
    }

    /** "auto", or a charset name kept as written so messages and logs echo the admin's spelling. */
    Optional<String> charset(Node node, String path) {
        return reader.text(node, path).flatMap(text -> {
            if (text.equalsIgnoreCase("auto")) {
                return Optional.of("auto");
            }
            try {
                if (Charset.isSupported(text)) {
                    return Optional.of(text);
                }
            } catch (IllegalCharsetNameException e) {
                // same answer as an unsupported name
            }
            reportError(node, path, "unknown charset \"" + text + "\"; use auto or a name such as gbk, gb18030, utf-8");
            return Optional.empty();
        });
    }

    /**
     * A User-Agent, sent as an HTTP header as written: printable ASCII only, since a line break would end the header
     * and Chinese characters would reach the site garbled.
     */
    Optional<String> userAgent(Node node, String path) {
        return matching(
                node,
                path,
                USER_AGENT,
                "user-agent must be printable ASCII (it is sent as an HTTP header), such as \"CountyNews/1.0"
                        + " (+https://example.org/bot)\"");
    }

    Optional<String> selector(Node node, String path) {
        return reader.text(node, path).flatMap(text -> {
            Optional<String> shape = SelectorShape.problem(text).or(() -> regexProblem(text));
            if (shape.isPresent()) {
                reportError(node, path, "invalid selector " + ValueReader.quote(text) + ": " + shape.get());
                return Optional.empty();
            }
            try {
                QueryParser.parse(text);
                return Optional.of(text);
            } catch (IllegalArgumentException | IllegalStateException e) {
                // jsoup signals a bad query with SelectorParseException (an IllegalStateException).
                reportError(node, path, "invalid selector " + ValueReader.quote(text) + ": " + e.getMessage());
            } catch (StackOverflowError e) {
                // SelectorShape should keep this from happening; if a shape slips through, it is this value's error.
                reportError(node, path, "invalid selector " + ValueReader.quote(text) + ": nested too deeply to check");
            }
            return Optional.empty();
        });
    }

    /** What is wrong with the first regex written inside a selector that has something wrong, in words. */
    private static Optional<String> regexProblem(String selector) {
        return SelectorShape.regexes(selector).stream()
                .flatMap(regex ->
                        RegexShape.problem(regex)
                                .map(problem -> "regex " + ValueReader.quote(regex) + ": " + problem)
                                .stream())
                .findFirst();
    }

    /** A regular expression in RE2 syntax, which the filters use because it runs in linear time on any title. */
    Optional<String> regex(Node node, String path) {
        return reader.text(node, path).flatMap(text -> {
            Optional<String> shape = RegexShape.problem(text);
            if (shape.isPresent()) {
                reportError(node, path, "invalid regex " + ValueReader.quote(text) + ": " + shape.get());
                return Optional.empty();
            }
            try {
                com.google.re2j.Pattern.compile(text);
                return Optional.of(text);
            } catch (PatternSyntaxException e) {
                reportError(node, path, "invalid regex " + ValueReader.quote(text) + ": " + e.getDescription());
            } catch (StackOverflowError e) {
                reportError(node, path, "invalid regex " + ValueReader.quote(text) + ": nested too deeply to check");
            }
            return Optional.empty();
        });
    }

    private Optional<String> matching(Node node, String path, Pattern pattern, String rule) {
        return reader.text(node, path).filter(text -> {
            boolean matches = pattern.matcher(text).matches();
            if (!matches) {
                reportError(node, path, rule + ", found \"" + text + "\"");
            }
            return matches;
        });
    }

    private void reportError(Node node, String path, String message) {
        reader.problems().add(node, path, message);
    }
}

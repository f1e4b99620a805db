package io.countywatch.aggregator.config;

import io.countywatch.aggregator.config.Settings.Origin;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds the entries of {@code sources:} to {@link SourceDefinition}s, layering each over {@code defaults:}
 * and the built-in defaults, and checking what only makes sense per source (ids, selectors, bounds).
 */
final class SourceBinder {

    static final List<String> SOURCE_ONLY_KEYS = List.of("id", "name", "url", "list", "next", "detail");
    private static final List<String> KEYS =
            Stream.concat(SOURCE_ONLY_KEYS.stream(), Settings.KEYS.stream()).toList();
    private static final List<String> LIST_KEYS = List.of("item", "link", "title", "date");
    private static final List<String> DETAIL_KEYS = List.of("title", "content", "date");

    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);
    static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("Asia/Shanghai");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration MIN_INTERVAL_FLOOR = Duration.ofMinutes(1);
    private static final Duration MAX_INTERVAL_CAP = Duration.ofHours(24);
    static final Duration MAX_RECHECK = Duration.ofDays(7);

    private final ValueReader reader;
    private final SourceValues values;
    private final Settings defaults;
    private final IdPlaces ids;

    SourceBinder(ValueReader reader, SourceValues values, Settings defaults, IdPlaces ids) {
        this.reader = reader;
        this.values = values;
        this.defaults = defaults;
        this.ids = ids;
    }

    /** The source at {@code path}, or empty when anything in it is wrong (every problem is reported). */
    Optional<SourceDefinition> bind(Node node, String path) {
        int before = reader.problems().count();
        Optional<MappingFields> parsed = MappingFields.of(node, path, KEYS, Map.of(), reader.problems());
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        MappingFields fields = parsed.get();
        int line = node.getStartMark().getLine() + 1;
        String id = required(fields, line, "id")
                .flatMap(idNode -> uniqueId(idNode, fields.path("id")))
                .orElse(null);
        String name = fields.value("name")
                .flatMap(n -> reader.text(n, fields.path("name")))
                .orElse(id);
        URI url = required(fields, line, "url")
                .flatMap(n -> values.url(n, fields.path("url")))
                .orElse(null);
        Settings settings = Settings.read(fields, values, reader).over(defaults);
        SourceType type = settings.type();
        if (type == null && !settings.origin("type").isPresent()) {
            reader.problems().add(node, fields.path("type"), "missing type; expected html or feed");
        }
        ListSelectors list = fields.value("list")
                .flatMap(n -> list(n, fields.path("list"), fields.keyLine("list")))
                .orElse(null);
        String next = optionalSelector(fields, "next");
        DetailSelectors detail = fields.value("detail")
                .flatMap(n -> detail(n, fields.path("detail")))
                .orElse(null);
        if (type == SourceType.FEED) {
            for (String key : List.of("list", "next")) {
                fields.value(key)
                        .ifPresent(n -> reader.problems().add(n, fields.path(key), "only html sources have " + key));
            }
        }
        Duration interval = orDefault(settings.interval(), DEFAULT_INTERVAL);
        Duration min =
                settings.minInterval() != null ? settings.minInterval() : derivedMin(interval, settings.maxInterval());
        Duration max =
                settings.maxInterval() != null ? settings.maxInterval() : derivedMax(interval, settings.minInterval());
        checkBounds(settings, node, fields, interval, min, max);
        Duration recheck = recheck(settings.recheck(), settings);
        if (recheck != null && type == SourceType.FEED && detail == null) {
            // the stored text of such a feed is the entry's own; a page read would replace it on every re-check
            Settings.Origin at = settings.origin("recheck").orElseThrow();
            reader.problems()
                    .add(at.line(), at.path(), "recheck reads item pages again: a feed source needs detail: for it");
        }
        if (reader.problems().count() > before) {
            return Optional.empty();
        }
        return Optional.of(new SourceDefinition(
                id,
                name,
                url,
                type,
                orDefault(settings.tags(), List.of()),
                interval,
                orDefault(settings.timezone(), DEFAULT_TIMEZONE),
                orDefault(settings.charset(), "auto"),
                orDefault(settings.userAgent(), SourceDefinition.DEFAULT_USER_AGENT),
                orDefault(settings.timeout(), DEFAULT_TIMEOUT),
                list,
                next,
                orDefault(settings.pages(), 1),
                detail,
                orDefault(settings.include(), List.of()),
                orDefault(settings.exclude(), List.of()),
                orDefault(settings.keepParams(), List.of()),
                min,
                max,
                orDefault(settings.robots(), true),
                recheck,
                settings.politeness()));
    }

    /**
     * A re-check window of at most {@link #MAX_RECHECK}: pages edited later than a week after publication are rare,
     * and a longer window would multiply the pages fetched again on every poll.
     */
    private Duration recheck(Duration recheck, Settings settings) {
        if (recheck == null) {
            return null;
        }
        if (recheck.compareTo(MAX_RECHECK) > 0) {
            Settings.Origin at = settings.origin("recheck").orElseThrow();
            reader.problems()
                    .add(
                            at.line(),
                            at.path(),
                            "recheck is at most 7d: pages are read again for edits only while their items are recent");
        }
        return recheck;
    }

    private Optional<String> uniqueId(Node node, String path) {
        return values.id(node, path).filter(id -> {
            int line = node.getStartMark().getLine() + 1;
            Optional<String> first = ids.claim(id, reader.problems().fileName(), line);
            first.ifPresent(place ->
                    reader.problems().add(line, path, "duplicate id \"" + id + "\" (first defined at " + place + ")"));
            return first.isEmpty();
        });
    }

    /** @param line the line of the {@code list:} key, where a missing selector is reported */
    private Optional<ListSelectors> list(Node node, String path, int line) {
        return MappingFields.of(node, path, LIST_KEYS, Map.of(), reader.problems())
                .flatMap(fields -> {
                    Optional<String> item =
                            required(fields, line, "item").flatMap(n -> values.selector(n, fields.path("item")));
                    Optional<String> link =
                            required(fields, line, "link").flatMap(n -> values.selector(n, fields.path("link")));
                    Optional<String> title =
                            required(fields, line, "title").flatMap(n -> values.selector(n, fields.path("title")));
                    String date = fields.value("date")
                            .flatMap(n -> values.selector(n, fields.path("date")))
                            .orElse(null);
                    if (item.isEmpty() || link.isEmpty() || title.isEmpty()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ListSelectors(item.get(), link.get(), title.get(), date));
                });
    }

    // `detail: true` asks for every new item's page with automatic reading (a feed's full text); `false` for none
    private Optional<DetailSelectors> detail(Node node, String path) {
        if (node instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
            return reader.bool(node, path)
                    .filter(Boolean::booleanValue)
                    .map(on -> new DetailSelectors(null, null, null));
        }
        return MappingFields.of(node, path, DETAIL_KEYS, Map.of(), reader.problems())
                .map(fields -> new DetailSelectors(
                        optionalSelector(fields, "title"),
                        optionalSelector(fields, "content"),
                        optionalSelector(fields, "date")));
    }

    private String optionalSelector(MappingFields fields, String key) {
        return fields.value(key)
                .flatMap(n -> values.selector(n, fields.path(key)))
                .orElse(null);
    }

    /** The value of a key that must be given; reports it as missing at {@code line}, where it belongs. */
    private Optional<Node> required(MappingFields fields, int line, String key) {
        Optional<Node> value = fields.value(key);
        if (value.isEmpty()) {
            reader.problems().add(line, fields.path(key), "missing " + key);
        }
        return value;
    }

    private void checkBounds(
            Settings settings, Node node, MappingFields fields, Duration interval, Duration min, Duration max) {
        if (min.compareTo(max) > 0) {
            Origin at = settings.origin("min-interval")
                    .or(() -> settings.origin("max-interval"))
                    .orElseThrow();
            reader.problems()
                    .add(
                            at.line(),
                            at.path(),
                            "min-interval " + DurationParser.format(min) + " is longer than max-interval "
                                    + DurationParser.format(max));
        } else if (interval.compareTo(min) < 0 || interval.compareTo(max) > 0) {
            Origin at = settings.origin("interval")
                    .orElse(new Origin(
                            fields.path("interval"), node.getStartMark().getLine() + 1));
            reader.problems()
                    .add(
                            at.line(),
                            at.path(),
                            "interval " + DurationParser.format(interval)
                                    + " is outside min-interval..max-interval (" + DurationParser.format(min) + ".."
                                    + DurationParser.format(max) + ")");
        }
    }

    /** interval / 4, at least 1 min but never above the interval, nor above an explicit max-interval. */
    static Duration derivedMin(Duration interval, Duration explicitMax) {
        Duration min = shorter(longer(interval.dividedBy(4), MIN_INTERVAL_FLOOR), interval);
        return explicitMax != null ? shorter(min, explicitMax) : min;
    }

    /** interval × 8, at most 24 h but never below the interval, nor below an explicit min-interval. */
    static Duration derivedMax(Duration interval, Duration explicitMin) {
        Duration max = longer(shorter(interval.multipliedBy(8), MAX_INTERVAL_CAP), interval);
        return explicitMin != null ? longer(max, explicitMin) : max;
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }
}

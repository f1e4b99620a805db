package io.countywatch.aggregator.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The settings a source may inherit from {@code defaults:}, as read from one of the two places; a
 * {@code null} field was not given (or was invalid, and already reported). {@link #over} layers a source's
 * settings over the defaults.
 *
 * @param origins where each given setting was written, so cross-field errors point at the right line
 */
record Settings(
        SourceType type,
        List<String> tags,
        Duration interval,
        ZoneId timezone,
        String charset,
        String userAgent,
        Duration timeout,
        Integer pages,
        List<String> include,
        List<String> exclude,
        List<String> keepParams,
        Duration minInterval,
        Duration maxInterval,
        Boolean robots,
        Duration recheck,
        SourcePoliteness politeness,
        Map<String, Origin> origins) {

    /** The keys of this record as spelled in the file; also every key {@code defaults:} accepts. */
    static final List<String> KEYS = List.of(
            "type",
            "tags",
            "interval",
            "timezone",
            "charset",
            "user-agent",
            "timeout",
            "pages",
            "include",
            "exclude",
            "keep-params",
            "min-interval",
            "max-interval",
            "robots",
            "recheck",
            SourcePoliteness.HOST_CONCURRENCY,
            SourcePoliteness.HOST_SPACING,
            SourcePoliteness.DOMAIN_CONCURRENCY,
            SourcePoliteness.DOMAIN_SPACING);

    static final int MAX_PAGES = 50;
    // a higher limit than this is a typo or a load test, not politeness; the global bound defaults to 64 too
    static final int MAX_CONCURRENCY = 64;
    // a longer spacing would starve every source on the host: 1 h between requests is already one poll an hour
    static final Duration MAX_SPACING = Duration.ofHours(1);

    /** Nothing given: the state of a file without {@code defaults:}. */
    static final Settings NONE = new Settings(
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            SourcePoliteness.INHERITED,
            Map.of());

    /** Where a value was written: its key path and 1-based line. */
    record Origin(String path, int line) {}

    static Settings read(MappingFields fields, SourceValues values, ValueReader reader) {
        Map<String, Origin> origins = new HashMap<>();
        for (String key : KEYS) {
            fields.value(key)
                    .ifPresent(node -> origins.put(
                            key,
                            new Origin(fields.path(key), node.getStartMark().getLine() + 1)));
        }
        return new Settings(
                read(fields, "type", values::type),
                read(fields, "tags", (node, path) -> reader.list(node, path, values::tag)),
                read(fields, "interval", reader::duration),
                read(fields, "timezone", values::timezone),
                read(fields, "charset", values::charset),
                read(fields, "user-agent", values::userAgent),
                read(fields, "timeout", reader::duration),
                read(fields, "pages", (node, path) -> reader.integer(node, path, 1, MAX_PAGES)),
                read(fields, "include", (node, path) -> reader.list(node, path, values::regex)),
                read(fields, "exclude", (node, path) -> reader.list(node, path, values::regex)),
                read(fields, "keep-params", reader::texts),
                read(fields, "min-interval", reader::duration),
                read(fields, "max-interval", reader::duration),
                read(fields, "robots", reader::bool),
                read(fields, "recheck", reader::duration),
                politeness(fields, reader),
                Map.copyOf(origins));
    }

    /** These settings where given, else {@code parent}'s. */
    Settings over(Settings parent) {
        Map<String, Origin> merged = new HashMap<>(parent.origins);
        merged.putAll(origins);
        return new Settings(
                first(type, parent.type),
                first(tags, parent.tags),
                first(interval, parent.interval),
                first(timezone, parent.timezone),
                first(charset, parent.charset),
                first(userAgent, parent.userAgent),
                first(timeout, parent.timeout),
                first(pages, parent.pages),
                first(include, parent.include),
                first(exclude, parent.exclude),
                first(keepParams, parent.keepParams),
                first(minInterval, parent.minInterval),
                first(maxInterval, parent.maxInterval),
                first(robots, parent.robots),
                first(recheck, parent.recheck),
                politeness.over(parent.politeness),
                Map.copyOf(merged));
    }

    private static SourcePoliteness politeness(MappingFields fields, ValueReader reader) {
        return new SourcePoliteness(
                read(
                        fields,
                        SourcePoliteness.HOST_CONCURRENCY,
                        (node, path) -> reader.integer(node, path, 1, MAX_CONCURRENCY)),
                read(fields, SourcePoliteness.HOST_SPACING, (node, path) -> reader.spacing(node, path, MAX_SPACING)),
                read(
                        fields,
                        SourcePoliteness.DOMAIN_CONCURRENCY,
                        (node, path) -> reader.integer(node, path, 1, MAX_CONCURRENCY)),
                read(fields, SourcePoliteness.DOMAIN_SPACING, (node, path) -> reader.spacing(node, path, MAX_SPACING)));
    }

    Optional<Origin> origin(String key) {
        return Optional.ofNullable(origins.get(key));
    }

    private static <T> T read(MappingFields fields, String key, BiFunction<Node, String, Optional<T>> reader) {
        return fields.value(key)
                .flatMap(node -> reader.apply(node, fields.path(key)))
                .orElse(null);
    }

    private static <T> T first(T own, T inherited) {
        return own != null ? own : inherited;
    }
}

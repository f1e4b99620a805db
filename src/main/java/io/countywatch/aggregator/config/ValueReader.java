package io.countywatch.aggregator.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads typed values out of YAML nodes. Each method reports what is wrong with the value at its path and
 * returns empty, so one bad value never hides the next.
 */
final class ValueReader {

    private final Problems problems;

    ValueReader(Problems problems) {
        this.problems = problems;
    }

    /** Non-blank text, stripped; numbers and booleans are taken as written, maps and lists are errors. */
    Optional<String> text(Node node, String path) {
        if (!(node instanceof ScalarNode scalar) || Tag.NULL.equals(node.getTag())) {
            problems.add(node, path, "expected a text value, found " + kind(node));
            return Optional.empty();
        }
        if (scalar.getValue().length() > SourcesFileLimits.MAX_VALUE_CHARS) {
            problems.add(
                    node,
                    path,
                    "value is " + scalar.getValue().length() + " characters long; values are limited to "
                            + SourcesFileLimits.MAX_VALUE_CHARS);
            return Optional.empty();
        }
        String value = scalar.getValue().strip();
        if (value.isEmpty()) {
            problems.add(node, path, "must not be empty");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    Optional<Boolean> bool(Node node, String path) {
        return text(node, path).flatMap(value -> {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on":
                    return Optional.of(true);
                case "false", "no", "off":
                    return Optional.of(false);
                default:
                    problems.add(node, path, "expected true or false, found \"" + value + "\"");
                    return Optional.empty();
            }
        });
    }

    Optional<Integer> integer(Node node, String path, int min, int max) {
        return text(node, path).flatMap(value -> {
            try {
                int number = Integer.parseInt(value);
                if (number >= min && number <= max) {
                    return Optional.of(number);
                }
            } catch (NumberFormatException e) {
                // reported below with the allowed range, which is what the admin needs to know
            }
            problems.add(
                    node, path, "expected a whole number from " + min + " to " + max + ", found \"" + value + "\"");
            return Optional.empty();
        });
    }

    Optional<Duration> duration(Node node, String path) {
        return text(node, path).flatMap(value -> {
            Optional<Duration> parsed = DurationParser.parse(value);
            if (parsed.isEmpty()) {
                problems.add(
                        node,
                        path,
                        "invalid duration \"" + value + "\"; write 30s, 10m, 2h, 1d or ISO-8601 like PT15M");
            } else if (parsed.get().isNegative() || parsed.get().isZero()) {
                problems.add(node, path, "duration must be positive, found \"" + value + "\"");
                return Optional.empty();
            }
            return parsed;
        });
    }

    /** A duration from zero (none) to {@code max}, such as the spacing between two requests to one host. */
    Optional<Duration> spacing(Node node, String path, Duration max) {
        return text(node, path).flatMap(value -> {
            Optional<Duration> parsed = DurationParser.parse(value);
            if (parsed.isPresent() && !parsed.get().isNegative() && parsed.get().compareTo(max) <= 0) {
                return parsed;
            }
            problems.add(
                    node,
                    path,
                    parsed.isEmpty()
                            ? "invalid duration \"" + value + "\"; write 500ms, 2s, 1m or ISO-8601 like PT0.5S"
                            : "expected a duration from 0s to " + DurationParser.format(max) + ", found \"" + value
                                    + "\"");
            return Optional.empty();
        });
    }

    /** A list of texts, each passed through {@code check} (which reports and returns empty to reject it). */
    Optional<List<String>> list(Node node, String path, BiFunction<Node, String, Optional<String>> check) {
        if (!(node instanceof SequenceNode sequence)) {
            problems.add(node, path, "expected a list such as [a, b], found " + kind(node));
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        boolean valid = true;
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Optional<String> value = check.apply(sequence.getValue().get(i), path + "[" + i + "]");
            value.ifPresent(values::add);
            valid &= value.isPresent();
        }
        return valid ? Optional.of(values) : Optional.empty();
    }

    Optional<List<String>> texts(Node node, String path) {
        return list(node, path, this::text);
    }

    Problems problems() {
        return problems;
    }

    /** A value in quotes for a message; a long one cut short, so one bad value cannot flood the log and the API. */
    static String quote(String value) {
        return value.length() <= 120
                ? "\"" + value + "\""
                : "\"" + value.substring(0, 100) + "…\" (" + value.length() + " characters)";
    }

    /** Names a node's kind the way an admin thinks of YAML, for "expected …, found …" messages. */
    static String kind(Node node) {
        return switch (node.getNodeId()) {
            case mapping -> "a map";
            case sequence -> "a list";
            default -> Tag.NULL.equals(node.getTag()) ? "nothing" : quote(((ScalarNode) node).getValue());
        };
    }
}

package io.countywatch.aggregator.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every error of one load, so the admin sees them all at once instead of one per restart. */
final class Problems {

    private final String fileName;
    private final List<ConfigError> errors = new ArrayList<>();

    Problems(String fileName) {
        this.fileName = fileName;
    }

    void add(Node node, String key, String message) {
        // SnakeYAML marks are 0-based; editors and admins count from 1.
        add(node.getStartMark().getLine() + 1, key, message);
    }

    void add(int line, String key, String message) {
        ConfigError error = new ConfigError(fileName, line, key, message);
        // A bad value under defaults: can surface once per source inheriting it; say it once.
        if (!errors.contains(error)) {
            errors.add(error);
        }
    }

    String fileName() {
        return fileName;
    }

    /** A collector for the same file, empty. */
    Problems emptyCopy() {
        return new Problems(fileName);
    }

    /** Adds the errors {@code other} collected, in order, each once. */
    void addAll(Problems other) {
        other.errors.forEach(error -> add(error.line(), error.key(), error.message()));
    }

    int count() {
        return errors.size();
    }

    List<ConfigError> list() {
        return List.copyOf(errors);
    }
}

package io.countywatch.aggregator.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The keys of one YAML mapping, checked against the keys allowed at that place. Unknown, duplicate and
 * misplaced keys are reported once here, so the binders only ask for the keys they know.
 */
final class MappingFields {

    private final String path;
    private final Map<String, NodeTuple> tuples = new LinkedHashMap<>();

    private MappingFields(String path) {
        this.path = path;
    }

    /**
     * Reads {@code node} as a mapping; reports a wrong kind and returns empty.
     *
     * @param misplaced keys valid elsewhere but not here, with the reason to show instead of "unknown key"
     */
    static Optional<MappingFields> of(
            Node node, String path, List<String> allowed, Map<String, String> misplaced, Problems problems) {
        if (node.getNodeId() != NodeId.mapping) {
            problems.add(node, path, "expected keys and values (a map), found " + ValueReader.kind(node));
            return Optional.empty();
        }
        MappingFields fields = new MappingFields(path);
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode scalar)) {
                problems.add(keyNode, path, "a key must be plain text, found " + ValueReader.kind(keyNode));
                continue;
            }
            String key = scalar.getValue();
            String keyPath = fields.path(key);
            if (key.equals("<<")) {
                // SnakeYAML's node API does not resolve merge keys, and `defaults:` covers the same need.
                problems.add(keyNode, keyPath, "merge keys (<<) are not supported; use defaults: instead");
            } else if (misplaced.containsKey(key)) {
                problems.add(keyNode, keyPath, misplaced.get(key));
            } else if (!allowed.contains(key)) {
                String hint = NearestKey.among(allowed, key)
                        .map(nearest -> "; did you mean `" + nearest + "`?")
                        .orElse("; expected one of " + String.join(", ", allowed));
                problems.add(keyNode, keyPath, "unknown key" + hint);
            } else if (fields.tuples.containsKey(key)) {
                int first = fields.tuples.get(key).getKeyNode().getStartMark().getLine() + 1;
                problems.add(keyNode, keyPath, "duplicate key (first given at line " + first + ")");
            } else {
                fields.tuples.put(key, tuple);
            }
        }
        return Optional.of(fields);
    }

    /** The value of {@code key}; a key written with no value ({@code date:}) counts as absent. */
    Optional<Node> value(String key) {
        return Optional.ofNullable(tuples.get(key))
                .map(NodeTuple::getValueNode)
                .filter(value -> !Tag.NULL.equals(value.getTag()));
    }

    /** The 1-based line of {@code key}, which must be present. */
    int keyLine(String key) {
        return tuples.get(key).getKeyNode().getStartMark().getLine() + 1;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}

package io.countywatch.aggregator.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.comments.CommentLine;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes a sources file's YAML like SnakeYAML does, except that each entry of the top-level {@code sources:} list is
 * handed to a consumer as soon as it is composed and not kept in the tree. A node with its two marks takes about 200
 * bytes and a source about 28 nodes: a country's 30,000 sources (11 MB of YAML) kept together needed 256–384 MB of heap
 * just to be checked, and a service started with a small heap lost its file watcher to the OutOfMemoryError. One entry
 * at a time it is a few kilobytes.
 *
 * <p>The consumer is made when the list starts, from the {@code defaults:} composed so far. A file that puts
 * {@code defaults:} after the list is told by {@link #defaultsAfterSources()}; its entries were bound without them and
 * the caller composes it again whole. A list with an anchor or a tag is kept whole too (an alias may refer to it).
 */
final class SourcesComposer extends Composer {

    /** Takes one entry of the list and its index; the node is not used after the call. */
    interface Entries {
        void accept(Node entry, int index);
    }

    private final Function<Optional<Node>, Entries> entriesGivenDefaults;
    private boolean documentStarted;
    private boolean documentIsMapping;
    private MappingNode root;
    private String rootKey; // the key of the root mapping whose value is being composed
    private Node defaults;
    private boolean streamed;
    private boolean defaultsAfterSources;

    SourcesComposer(String yaml, LoaderOptions options, Function<Optional<Node>, Entries> entriesGivenDefaults) {
        super(new ParserImpl(new StreamReader(yaml), options), new Resolver(), options);
        this.entriesGivenDefaults = entriesGivenDefaults;
    }

    /** Whether the {@code sources:} list went to the consumer; its node in the tree is then empty. */
    boolean streamed() {
        return streamed;
    }

    /** Whether a {@code defaults:} key followed a streamed list, whose entries were then bound without it. */
    boolean defaultsAfterSources() {
        return defaultsAfterSources;
    }

    // The first node composed is the document's; if it is a mapping, the first keys composed are its keys.
    @Override
    protected Node composeMappingNode(String anchor) {
        documentIsMapping |= !documentStarted;
        documentStarted = true;
        return super.composeMappingNode(anchor);
    }

    @Override
    protected Node composeSequenceNode(String anchor) {
        documentStarted = true;
        return super.composeSequenceNode(anchor);
    }

    @Override
    protected Node composeScalarNode(String anchor, List<CommentLine> blockComments) {
        documentStarted = true;
        return super.composeScalarNode(anchor, blockComments);
    }

    @Override
    protected Node composeKeyNode(MappingNode node) {
        if (root == null && documentIsMapping) {
            root = node;
        }
        Node key = super.composeKeyNode(node);
        if (node == root) {
            rootKey = key instanceof ScalarNode scalar ? scalar.getValue() : null;
            defaultsAfterSources |= streamed && "defaults".equals(rootKey);
        }
        return key;
    }

    @Override
    protected Node composeValueNode(MappingNode node) {
        if (node != root || streamed || !"sources".equals(rootKey) || !startsPlainList()) {
            Node value = super.composeValueNode(node);
            if (node == root && "defaults".equals(rootKey)) {
                defaults = value;
            }
            return value;
        }
        SequenceStartEvent start = (SequenceStartEvent) parser.getEvent();
        Entries entries = entriesGivenDefaults.apply(Optional.ofNullable(defaults));
        streamed = true;
        for (int index = 0; !parser.checkEvent(Event.ID.SequenceEnd); index++) {
            entries.accept(super.composeValueNode(node), index);
        }
        Event end = parser.getEvent();
        return new SequenceNode(Tag.SEQ, true, List.of(), start.getStartMark(), end.getEndMark(), start.getFlowStyle());
    }

    private boolean startsPlainList() {
        return parser.peekEvent() instanceof SequenceStartEvent start
                && start.getAnchor() == null
                && (start.getTag() == null || start.getTag().equals("!"));
    }
}

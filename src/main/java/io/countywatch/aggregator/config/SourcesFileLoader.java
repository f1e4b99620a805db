package io.countywatch.aggregator.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and validates a sources file, or a folder of them (see CONTRACT.md). It works on SnakeYAML's node tree rather than plain
 * maps so every error can name its line, and it reports all errors of the file in one exception.
 */
final class SourcesFileLoader {

    private static final List<String> TOP_KEYS = List.of("defaults", "sources");

    /**
     * The sources of the file, or of every file of the folder ({@link SourcesFolder}), with defaults applied.
     *
     * @throws SourcesFileException listing every problem, when a file is unreadable or invalid
     */
    public SourcesConfig load(Path path) throws SourcesFileException {
        List<Path> files = Files.isDirectory(path) ? folderFiles(path) : List.of(path);
        IdPlaces ids = new IdPlaces();
        List<ConfigError> errors = new ArrayList<>();
        List<SourceDefinition> sources = new ArrayList<>();
        for (Path file : files) {
            Problems problems = new Problems(String.valueOf(file.getFileName()));
            sources.addAll(read(file, problems)
                    .map(text -> sources(text, problems, ids))
                    .orElse(List.of()));
            errors.addAll(problems.list());
        }
        if (!errors.isEmpty()) {
            throw new SourcesFileException(errors);
        }
        return new SourcesConfig(path.toAbsolutePath().normalize(), sources);
    }

    private static List<Path> folderFiles(Path folder) {
        String name = String.valueOf(folder.getFileName());
        List<Path> files;
        try {
            files = SourcesFolder.files(folder);
        } catch (IOException e) {
            throw new SourcesFileException(
                    List.of(new ConfigError(name, 0, "", "cannot list " + folder.toAbsolutePath() + ": " + e)));
        }
        if (files.isEmpty()) {
            throw new SourcesFileException(List.of(new ConfigError(
                    name, 0, "", "the folder " + folder.toAbsolutePath() + " holds no .yml or .yaml file")));
        }
        if (files.size() > SourcesFolder.MAX_FILES) {
            throw new SourcesFileException(List.of(new ConfigError(
                    name,
                    0,
                    "",
                    "the folder holds " + files.size() + " sources files; at most " + SourcesFolder.MAX_FILES)));
        }
        return files;
    }

    private static Optional<String> read(Path file, Problems problems) {
        byte[] bytes;
        try {
            bytes = BoundedFile.read(file, SourcesFileLimits.MAX_FILE_BYTES);
        } catch (NoSuchFileException e) {
            problems.add(0, "", "file not found: " + file.toAbsolutePath());
            return Optional.empty();
        } catch (BoundedFile.Refused e) {
            problems.add(0, "", e.getMessage());
            return Optional.empty();
        } catch (IOException e) {
            problems.add(0, "", "cannot read " + file.toAbsolutePath() + ": " + e);
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(buffer)
                    .toString();
            // Windows editors like to add a BOM; it is not part of the first key.
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text)
                    .filter(content -> linesWithinLimit(content, problems));
        } catch (CharacterCodingException e) {
            // A file saved as GBK by a Chinese-locale editor is the usual cause; point at the first bad line.
            problems.add(lineAt(bytes, buffer.position()), "", "not valid UTF-8; save the file as UTF-8");
            return Optional.empty();
        }
    }

    /** Refuses an overlong line before YAML parsing: a 20 MB value is then one scan instead of a long parse. */
    private static boolean linesWithinLimit(String text, Problems problems) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > SourcesFileLimits.MAX_LINE_CHARS) {
                    problems.add(
                            line,
                            "",
                            "line is " + (i - start) + " characters long; lines are limited to "
                                    + SourcesFileLimits.MAX_LINE_CHARS + " and values to "
                                    + SourcesFileLimits.MAX_VALUE_CHARS);
                    return false;
                }
                line++;
                start = i + 1;
            }
        }
        return true;
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            line += bytes[i] == '\n' ? 1 : 0;
        }
        return line;
    }

    /**
     * Binds each source as the YAML composer reaches it (SourcesComposer), so the node tree of a large file is never
     * held whole; a file with {@code defaults:} after its list is composed a second time, whole, as it must be bound
     * with them.
     */
    private static List<SourceDefinition> sources(String text, Problems problems, IdPlaces ids) {
        IdPlaces before = ids.copy();
        Binding streamed = new Binding(problems.emptyCopy(), ids);
        SourcesComposer composer = new SourcesComposer(text, loaderOptions(), streamed::start);
        Optional<Node> root = compose(composer::getSingleNode, streamed.problems);
        if (composer.defaultsAfterSources()) {
            ids.resetTo(before); // the entries are bound again
            Binding whole = new Binding(problems, ids);
            return compose(() -> new Yaml(loaderOptions()).compose(new StringReader(text)), problems)
                    .map(node -> whole.finish(node, false))
                    .orElse(List.of());
        }
        List<SourceDefinition> sources =
                root.map(node -> streamed.finish(node, composer.streamed())).orElse(List.of());
        problems.addAll(streamed.problems);
        return sources;
    }

    private static Optional<Node> compose(Supplier<Node> composer, Problems problems) {
        try {
            Node root = composer.get();
            if (root == null) {
                problems.add(1, "", "the file is empty; it needs a sources: list");
            }
            return Optional.ofNullable(root);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String context = e.getContext() == null || e.getContextMark() == null
                    ? ""
                    : " (" + e.getContext() + " at line " + (e.getContextMark().getLine() + 1) + ")";
            problems.add(mark == null ? 0 : mark.getLine() + 1, "", "YAML syntax error: " + e.getProblem() + context);
        } catch (YAMLException e) {
            problems.add(0, "", "YAML error: " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * SnakeYAML refuses documents over 3 MB by default, about 8,500 sources; the file's own size cap is the bound here
     * instead, since UTF-8 never has more code points than bytes. Nesting and alias limits keep their safe defaults.
     */
    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(SourcesFileLimits.MAX_FILE_BYTES);
        return options;
    }

    /** One binding of the file's sources: the streamed entries as they come, then the rest of the document. */
    private static final class Binding {

        final Problems problems;
        final ValueReader reader;
        final SourceValues values;
        final IdPlaces ids;
        final List<SourceDefinition> sources = new ArrayList<>();

        Binding(Problems problems, IdPlaces ids) {
            this.problems = problems;
            this.ids = ids;
            this.reader = new ValueReader(problems);
            this.values = new SourceValues(reader);
        }

        /** Where the composer sends the list's entries, bound with the {@code defaults:} composed before the list. */
        SourcesComposer.Entries start(Optional<Node> defaultsNode) {
            return entries(defaults(defaultsNode));
        }

        private SourcesComposer.Entries entries(Settings defaults) {
            SourceBinder binder = new SourceBinder(reader, values, defaults, ids);
            return (entry, index) ->
                    binder.bind(entry, "sources[" + index + "]").ifPresent(sources::add);
        }

        /** The top level's checks, and the list's entries unless they were streamed to {@link #start}. */
        List<SourceDefinition> finish(Node root, boolean streamed) {
            Optional<MappingFields> top = MappingFields.of(root, "", TOP_KEYS, Map.of(), problems);
            if (top.isEmpty()) {
                return List.of();
            }
            // read again when streamed: its problems, if any, are the same and said once (Problems)
            Settings defaults = defaults(top.get().value("defaults"));
            Optional<Node> sourcesNode = top.get().value("sources");
            if (sourcesNode.isEmpty()) {
                problems.add(root, "sources", "missing sources: list");
                return List.of();
            }
            if (!(sourcesNode.get() instanceof SequenceNode sequence)) {
                problems.add(
                        sourcesNode.get(),
                        "sources",
                        "expected a list of sources, found " + ValueReader.kind(sourcesNode.get()));
                return List.of();
            }
            if (!streamed) {
                SourcesComposer.Entries entries = entries(defaults);
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    entries.accept(sequence.getValue().get(i), i);
                }
            }
            return sources;
        }

        private Settings defaults(Optional<Node> node) {
            return node.flatMap(
                            defaults -> MappingFields.of(defaults, "defaults", Settings.KEYS, sourceOnly(), problems))
                    .map(fields -> Settings.read(fields, values, reader))
                    .orElse(Settings.NONE);
        }
    }

    private static Map<String, String> sourceOnly() {
        return SourceBinder.SOURCE_ONLY_KEYS.stream()
                .collect(Collectors.toMap(
                        Function.identity(), key -> key + " can only be given per source, not in defaults"));
    }
}

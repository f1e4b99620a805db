package io.countywatch.aggregator.config;

/**
 * The bounds a sources file must stay within, so that checking it takes bounded time and memory whatever it holds
 * (see the README's sources-file section, which states them). A country's file of 30,000 sources at ~370 bytes each
 * is about 11 MB, well inside the file cap.
 */
final class SourcesFileLimits {

    /** Largest file read, in bytes; also SnakeYAML's code-point limit (UTF-8 has at most one code point per byte). */
    static final int MAX_FILE_BYTES = 32 * 1024 * 1024;

    /** Longest line; a longer one is refused before YAML parsing, so a 20 MB value costs one scan, not a parse. */
    static final int MAX_LINE_CHARS = 8_192;

    /** Longest single value (a selector, a regex, a URL…), including values folded over several lines. */
    static final int MAX_VALUE_CHARS = 4_096;

    /** Deepest nesting of groups in a regex: RE2/J simplifies recursively and overflows the stack at a few thousand. */
    static final int MAX_REGEX_NESTING = 100;

    /**
     * Largest product of nested counted repetitions in a regex, as in RE2's own check: {@code (a{1000}){1000}} expands
     * to a million instructions and compiles for seconds; one more level runs for minutes.
     */
    static final int MAX_REGEX_REPEAT = 1_000;

    /** Most combinators (descendant, {@code >}, {@code +}, {@code ~}) in one selector; each is a level of matching. */
    static final int MAX_SELECTOR_COMBINATORS = 32;

    /** Deepest nesting of parentheses in a selector ({@code :has(…)}, {@code :not(…)}). */
    static final int MAX_SELECTOR_NESTING = 8;

    private SourcesFileLimits() {}
}

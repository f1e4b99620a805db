package io.countywatch.aggregator.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a CSS selector's shape before jsoup parses it: jsoup builds one nested evaluator per combinator and per
 * parenthesis, and matches them recursively, so {@code div } written 20,000 times overflows the stack and a few hundred
 * make every page slow. The bounds are in {@link SourcesFileLimits}; what remains is left to jsoup's parser.
 */
final class SelectorShape {

    // the selector parts whose argument jsoup compiles as a regex (with RE2/J when it is on the class path, as here)
    private static final Pattern REGEX_ARGUMENT =
            Pattern.compile(":matches(?:Own|WholeText|WholeOwnText)?\\(|\\[[^\\]=~]*~=");

    private SelectorShape() {}

    /**
     * The regexes written inside the selector, in {@code :matches(…)} and its kin and in {@code [attr~=…]}, so that
     * they get the same named-feature messages as a regex key: jsoup reports a lookbehind as RE2/J's "invalid named
     * capture".
     */
    static List<String> regexes(String selector) {
        List<String> found = new ArrayList<>();
        Matcher start = REGEX_ARGUMENT.matcher(selector);
        int from = 0;
        while (from < selector.length() && start.find(from)) {
            boolean pseudo = selector.charAt(start.end() - 1) == '(';
            int end = pseudo
                    ? balancedEnd(selector, start.end(), '(', ')')
                    : balancedEnd(selector, start.end(), '[', ']');
            end = end < 0 ? selector.length() : end;
            found.add(selector.substring(start.end(), end).trim());
            from = end;
        }
        return found;
    }

    /**
     * The index of the {@code close} matching the {@code open} just before {@code from}, skipping escaped characters;
     * balanced as jsoup reads it, so {@code [href~=[0-9]+]} holds the whole {@code [0-9]+}.
     */
    private static int balancedEnd(String selector, int from, char open, char close) {
        int depth = 1;
        for (int i = from; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '\\') {
                i++; // an escaped character, such as \( in the regex
            } else if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** What is wrong with the selector's shape, in words, or empty when jsoup may parse it. */
    static Optional<String> problem(String selector) {
        int combinators = 0;
        int depth = 0;
        boolean inCompound = false; // just after part of a compound selector such as div.news
        boolean pending = false; // a combinator seen since, to count once the next compound starts
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '"' || c == '\'' || c == '[') {
                char end = c == '[' ? ']' : c;
                int close = selector.indexOf(end, i + 1);
                i = close < 0 ? selector.length() : close;
                c = 'x'; // a quoted string or attribute test is part of the compound
            }
            if (c == '(') {
                if (++depth > SourcesFileLimits.MAX_SELECTOR_NESTING) {
                    return Optional.of(
                            "parentheses nest more than " + SourcesFileLimits.MAX_SELECTOR_NESTING + " deep");
                }
                inCompound = false;
                pending = false;
            } else if (c == ')') {
                depth--;
                inCompound = true;
            } else if (c == ',') {
                inCompound = false;
                pending = false;
            } else if (Character.isWhitespace(c) || c == '>' || c == '+' || c == '~') {
                pending |= inCompound;
                inCompound = inCompound && Character.isWhitespace(c);
            } else {
                if (pending && ++combinators > SourcesFileLimits.MAX_SELECTOR_COMBINATORS) {
                    return Optional.of("more than " + SourcesFileLimits.MAX_SELECTOR_COMBINATORS
                            + " combinators (descendant, >, +, ~) in one selector");
                }
                pending = false;
                inCompound = true;
            }
        }
        return Optional.empty();
    }
}

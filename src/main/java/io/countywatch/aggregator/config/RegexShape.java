package io.countywatch.aggregator.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Checks a regex's shape before RE2/J compiles it: nesting and counted repetitions within {@link SourcesFileLimits}
 * (RE2/J recurses on the first and expands the second, so a hostile pattern overflows the stack or runs for minutes),
 * and the Perl features RE2 lacks named as such, where RE2/J would say "invalid named capture" for a lookbehind.
 * Anything else wrong is left to RE2/J's own parser.
 */
final class RegexShape {

    private final String regex;
    private final Deque<long[]> groups = new ArrayDeque<>(); // each: the largest repetition product inside
    private int at;
    private long lastGroupProduct; // of the group that just closed, while a quantifier may still follow it
    private boolean afterGroup;
    private boolean afterQuantifier;

    private RegexShape(String regex) {
        this.regex = regex;
    }

    /** What is wrong with the pattern's shape, in words, or empty when RE2/J may compile it. */
    static Optional<String> problem(String regex) {
        return new RegexShape(regex).scan();
    }

    private Optional<String> scan() {
        groups.push(new long[] {1});
        while (at < regex.length()) {
            char c = regex.charAt(at);
            Optional<String> problem = switch (c) {
                case '\\' -> escape();
                case '[' -> characterClass();
                case '(' -> open();
                case ')' -> close();
                case '{' -> counted();
                case '*', '+', '?' -> quantifier(c);
                default -> atom();
            };
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private Optional<String> escape() {
        char next = at + 1 < regex.length() ? regex.charAt(at + 1) : ' ';
        if (next >= '1' && next <= '9') {
            return Optional.of("backreferences (\\" + next + ") are not supported (RE2 syntax)");
        }
        if (next == 'k' && at + 2 < regex.length() && regex.charAt(at + 2) == '<') {
            return Optional.of("named backreferences (\\k<name>) are not supported (RE2 syntax)");
        }
        if (next == 'Q') {
            int end = regex.indexOf("\\E", at + 2);
            at = end < 0 ? regex.length() : end + 2;
        } else {
            at += 2;
        }
        return atomDone();
    }

    private Optional<String> characterClass() {
        int i = at + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++; // a ']' first in the class is a literal
        }
        while (i < regex.length() && regex.charAt(i) != ']') {
            if (regex.startsWith("[:", i)) {
                int end = regex.indexOf(":]", i + 2);
                i = end < 0 ? i + 1 : end + 2;
            } else {
                i += regex.charAt(i) == '\\' ? 2 : 1;
            }
        }
        at = i + 1;
        return atomDone();
    }

    private Optional<String> open() {
        for (String[] feature : UNSUPPORTED_GROUPS) {
            if (regex.startsWith(feature[0], at)) {
                return Optional.of(feature[1] + " is not supported (RE2 syntax)");
            }
        }
        if (groups.size() > SourcesFileLimits.MAX_REGEX_NESTING) {
            return Optional.of("groups nest more than " + SourcesFileLimits.MAX_REGEX_NESTING + " deep");
        }
        groups.push(new long[] {1});
        at++;
        afterGroup = false;
        afterQuantifier = false;
        return Optional.empty();
    }

    private static final String[][] UNSUPPORTED_GROUPS = {
        {"(?<=", "lookbehind"},
        {"(?<!", "negative lookbehind"},
        {"(?=", "lookahead"},
        {"(?!", "negative lookahead"},
        {"(?>", "an atomic group"},
    };

    private Optional<String> close() {
        at++;
        if (groups.size() == 1) {
            return Optional.empty(); // unbalanced: RE2/J says so in its words
        }
        long inside = groups.pop()[0];
        raise(inside);
        lastGroupProduct = inside;
        afterGroup = true;
        afterQuantifier = false;
        return Optional.empty();
    }

    private Optional<String> counted() {
        int end = regex.indexOf('}', at);
        String body = end < 0 ? "" : regex.substring(at + 1, end);
        if (!body.matches("\\d{1,7}(,\\d{0,7})?")) {
            return atom(); // a literal '{', as RE2 reads it
        }
        String[] bounds = body.split(",", -1);
        long count = Long.parseLong(bounds.length > 1 && !bounds[1].isEmpty() ? bounds[1] : bounds[0]);
        count = Math.max(count, Long.parseLong(bounds[0]));
        long product = count * (afterGroup ? lastGroupProduct : 1);
        at = end + 1;
        if (product > SourcesFileLimits.MAX_REGEX_REPEAT) {
            return Optional.of("counted repetitions multiply to " + product + ", more than "
                    + SourcesFileLimits.MAX_REGEX_REPEAT + " (RE2's limit)");
        }
        raise(product);
        return quantified();
    }

    private Optional<String> quantifier(char c) {
        if (c == '+' && afterQuantifier) {
            return Optional.of("possessive quantifiers (such as a*+) are not supported (RE2 syntax)");
        }
        at++;
        return quantified();
    }

    private Optional<String> quantified() {
        // a lazy '?' may follow; a '+' after it would be possessive
        if (at < regex.length() && regex.charAt(at) == '?') {
            at++;
            afterQuantifier = false;
        } else {
            afterQuantifier = true;
        }
        afterGroup = false;
        return Optional.empty();
    }

    private Optional<String> atom() {
        at++;
        return atomDone();
    }

    private Optional<String> atomDone() {
        afterGroup = false;
        afterQuantifier = false;
        return Optional.empty();
    }

    private void raise(long product) {
        long[] current = groups.peek();
        current[0] = Math.max(current[0], product);
    }
}

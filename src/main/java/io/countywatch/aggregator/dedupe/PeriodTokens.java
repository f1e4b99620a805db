package io.countywatch.aggregator.dedupe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Years, months, days, quarters, issue numbers ("第3期") and, in titles, other numbers: the tokens that tell
 * one month's report from the next when the words stay the same. Tokens look like {@code kind:value}
 * ({@code y:2023}, {@code m:8}, {@code m:1-8}, {@code no期:3}, {@code n:120}), kept in the order of the text.
 */
final class PeriodTokens {

    private static final String CN = "一二三四五六七八九十";
    private static final List<Rule> RULES = List.of(
            new Rule("年", "(\\d{4})年(?:(\\d{1,2})[-—–~至到](\\d{1,2})月|(\\d{1,2})月(?:(\\d{1,2})[日号])?)?", (m, out) -> {
                out.add("y:" + Integer.parseInt(m.group(1)));
                if (m.group(2) != null) {
                    out.add("m:" + Integer.parseInt(m.group(2)) + "-" + Integer.parseInt(m.group(3)));
                }
                month(m.group(4), m.group(5), out);
            }),
            new Rule("-/.", "((?:19|20)\\d{2})[-/.](\\d{1,2})(?:[-/.](\\d{1,2}))?(?!\\d)", (m, out) -> {
                out.add("y:" + Integer.parseInt(m.group(1)));
                month(m.group(2), m.group(3), out);
            }),
            new Rule(
                    "月",
                    "(\\d{1,2})[-—–~至到](\\d{1,2})月",
                    (m, out) -> out.add("m:" + Integer.parseInt(m.group(1)) + "-" + Integer.parseInt(m.group(2)))),
            new Rule("月", "(\\d{1,2})月(?:(\\d{1,2})[日号])?", (m, out) -> month(m.group(1), m.group(2), out)),
            new Rule("月", "([" + CN + "]{1,3})月", (m, out) -> out.add("m:" + chinese(m.group(1)))),
            new Rule(
                    "第",
                    "第([\\d" + CN + "百零〇]+)([期季次届号批轮])",
                    (m, out) -> out.add("no" + m.group(2) + ":" + number(m.group(1)))),
            new Rule("期", "(\\d+)期", (m, out) -> out.add("no期:" + Integer.parseInt(m.group(1)))),
            new Rule("季半", "([一二三四上下])(季度|半年)", (m, out) -> out.add("q:" + m.group(1) + m.group(2))));

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    /**
     * First token of a stored token list written in text order. Lists stored before it existed (V3 to V7) are
     * sorted sets: their order says nothing, so they are compared as sets ({@link #conflict}).
     */
    static final String ORDERED = "#";

    private PeriodTokens() {}

    // A long table would make the token list as long as the article; the first numbers are evidence enough.
    static final int MAX_NUMBERS = 60;
    private static final int CUT_SLACK = 10;

    /**
     * Period tokens of a text (NFKC'd or not) in the order they appear, repeats kept; every other number becomes
     * a token too ({@code n:120}). Tokens of one match (a date's year, month and day) keep that order.
     */
    public static List<String> of(String text) {
        List<Found> found = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String rest = withoutWhitespace(TextNormalizer.nfkc(text));
        for (Rule rule : RULES) {
            rest = rule.mayMatch(rest) ? rule.apply(rest, found) : rest;
        }
        Matcher m = NUMBER.matcher(rest);
        for (int count = 0; m.find() && count < MAX_NUMBERS; count++) {
            found.add(new Found(m.start(), "n:" + m.group().replaceFirst("^0+(?=\\d)", "")));
        }
        found.sort(Comparator.comparingInt(Found::at)); // stable: one match's tokens keep their order
        return found.stream().map(Found::token).toList();
    }

    /**
     * True when two token lists disagree: for some kind both have tokens, and neither side's tokens of that kind,
     * in text order, are a subsequence of the other's. So a token only one side has is no evidence (a copy that
     * adds a date line or drops a paragraph still merges), but the same numbers in another order ("第1栏目 第0条"
     * against "第0栏目 第1条"), or a number repeated on one side only, are. A side whose numbers were cut at
     * {@value #MAX_NUMBERS} may lack the other's later ones. Lists stored as sorted sets (no {@link #ORDERED}
     * mark) are compared as sets: neither side's set of that kind may contain the other's.
     */
    public static boolean conflict(String left, String right) {
        if (left.isEmpty() || right.isEmpty()) {
            return false;
        }
        boolean ordered = left.startsWith(ORDERED) && right.startsWith(ORDERED);
        Map<String, List<String>> a = byKind(left);
        Map<String, List<String>> b = byKind(right);
        for (var kind : a.entrySet()) {
            List<String> other = b.get(kind.getKey());
            if (other == null) {
                continue;
            }
            boolean agree = ordered
                    ? within(kind.getValue(), other) || within(other, kind.getValue())
                    : Set.copyOf(other).containsAll(kind.getValue())
                            || Set.copyOf(kind.getValue()).containsAll(other);
            if (!agree) {
                return true;
            }
        }
        return false;
    }

    /** The stored form: {@link #ORDERED}, then the tokens in text order, space separated; empty when none. */
    static String join(List<String> tokens) {
        return tokens.isEmpty() ? "" : ORDERED + " " + String.join(" ", tokens);
    }

    // Whether part is a subsequence of whole. When whole's numbers were cut at MAX_NUMBERS, a copy that added a
    // few numbers early has pushed its original's last ones past the cut, so only part's first ones must be there.
    private static boolean within(List<String> part, List<String> whole) {
        boolean cut = whole.size() >= MAX_NUMBERS && whole.get(0).startsWith("n:");
        int need = cut ? Math.min(part.size(), MAX_NUMBERS - CUT_SLACK) : part.size();
        int i = 0;
        for (int j = 0; j < whole.size() && i < need; j++) {
            if (part.get(i).equals(whole.get(j))) {
                i++;
            }
        }
        return i == need;
    }

    private static Map<String, List<String>> byKind(String tokens) {
        Map<String, List<String>> out = new HashMap<>();
        for (String token : tokens.split(" ")) {
            int colon = token.indexOf(':');
            if (colon > 0) {
                out.computeIfAbsent(token.substring(0, colon), k -> new ArrayList<>())
                        .add(token);
            }
        }
        return out;
    }

    private static String withoutWhitespace(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            // the characters regex \s matches: space, \t, \n, \x0B, \f, \r
            if (ch != ' ' && (ch < '\t' || ch > '\r')) {
                out.append(ch);
            }
        }
        return out.toString();
    }

    private static void month(String month, String day, List<String> out) {
        if (month != null) {
            out.add("m:" + Integer.parseInt(month));
        }
        if (day != null) {
            out.add("d:" + Integer.parseInt(day));
        }
    }

    private static int chinese(String digits) {
        if (digits.length() == 1) {
            return CN.indexOf(digits) + 1;
        }
        int tens = digits.charAt(0) == '十' ? 1 : CN.indexOf(digits.charAt(0)) + 1;
        char last = digits.charAt(digits.length() - 1);
        return tens * 10 + (last == '十' ? 0 : CN.indexOf(last) + 1);
    }

    private static String number(String text) {
        return text.chars().allMatch(Character::isDigit) ? String.valueOf(Long.parseLong(text)) : text;
    }

    private record Found(int at, String token) {}

    /** A pattern, the characters of which a match needs at least one (a cheap test first), and its tokens. */
    private record Rule(String needs, Pattern pattern, BiConsumer<Matcher, List<String>> emit) {
        Rule(String needs, String regex, BiConsumer<Matcher, List<String>> emit) {
            this(needs, Pattern.compile(regex), emit);
        }

        boolean mayMatch(String text) {
            for (int i = 0; i < needs.length(); i++) {
                if (text.indexOf(needs.charAt(i)) >= 0) {
                    return true;
                }
            }
            return false;
        }

        // Emits the tokens of every match and blanks the match, so later (looser) rules do not see it again; the
        // blank is as long as the match, so positions (the tokens' order) stay those of the text.
        String apply(String text, List<Found> out) {
            Matcher m = pattern.matcher(text);
            StringBuilder rest = null;
            List<String> tokens = new ArrayList<>(3);
            while (m.find()) {
                rest = rest == null ? new StringBuilder(text) : rest;
                emit.accept(m, tokens);
                for (String token : tokens) {
                    out.add(new Found(m.start(), token));
                }
                tokens.clear();
                for (int i = m.start(); i < m.end(); i++) {
                    rest.setCharAt(i, ' ');
                }
            }
            return rest == null ? text : rest.toString();
        }
    }
}

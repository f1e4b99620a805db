package io.countywatch.aggregator.dedupe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Years, months, days, quarters, issue numbers ("第3期") and, in titles, other numbers: the tokens that tell
 * one month's report from the next when the words stay the same. Tokens look like {@code kind:value}
 * ({@code y:2023}, {@code m:8}, {@code m:1-8}, {@code no期:3}, {@code n:120}).
 */
public final class PeriodTokens {

    private static final String CN = "一二三四五六七八九十";
    private static final List<Rule> RULES = List.of(
            new Rule("(\\d{4})年(?:(\\d{1,2})[-—–~至到](\\d{1,2})月|(\\d{1,2})月(?:(\\d{1,2})[日号])?)?", (m, out) -> {
                out.add("y:" + Integer.parseInt(m.group(1)));
                if (m.group(2) != null) {
                    out.add("m:" + Integer.parseInt(m.group(2)) + "-" + Integer.parseInt(m.group(3)));
                }
                month(m.group(4), m.group(5), out);
            }),
            new Rule("((?:19|20)\\d{2})[-/.](\\d{1,2})(?:[-/.](\\d{1,2}))?(?!\\d)", (m, out) -> {
                out.add("y:" + Integer.parseInt(m.group(1)));
                month(m.group(2), m.group(3), out);
            }),
            new Rule("(\\d{1,2})[-—–~至到](\\d{1,2})月", (m, out) ->
                    out.add("m:" + Integer.parseInt(m.group(1)) + "-" + Integer.parseInt(m.group(2)))),
            new Rule("(\\d{1,2})月(?:(\\d{1,2})[日号])?", (m, out) -> month(m.group(1), m.group(2), out)),
            new Rule("([" + CN + "]{1,3})月", (m, out) -> out.add("m:" + chinese(m.group(1)))),
            new Rule("第([\\d" + CN + "百零〇]+)([期季次届号批轮])", (m, out) -> out.add("no" + m.group(2) + ":" + number(m.group(1)))),
            new Rule("(\\d+)期", (m, out) -> out.add("no期:" + Integer.parseInt(m.group(1)))),
            new Rule("([一二三四上下])(季度|半年)", (m, out) -> out.add("q:" + m.group(1) + m.group(2))));

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private PeriodTokens() {}

    // A long table would make the token list as long as the article; the first numbers are evidence enough.
    private static final int MAX_NUMBERS = 60;

    /** Period tokens of a text (NFKC'd or not); every other number becomes a token too ({@code n:120}). */
    public static Set<String> of(String text) {
        Set<String> out = new TreeSet<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        String rest = TextNormalizer.nfkc(text).replaceAll("\\s+", "");
        for (Rule rule : RULES) {
            rest = rule.apply(rest, out);
        }
        Matcher m = NUMBER.matcher(rest);
        for (int count = 0; m.find() && count < MAX_NUMBERS; count++) {
            out.add("n:" + m.group().replaceFirst("^0+(?=\\d)", ""));
        }
        return out;
    }

    /**
     * True when two token sets disagree: for some kind both have tokens, and neither side's tokens of that kind
     * contain the other's. A copy that adds a date keeps its original's tokens, so it does not disagree.
     */
    public static boolean conflict(String left, String right) {
        if (left.isEmpty() || right.isEmpty()) {
            return false;
        }
        Map<String, Set<String>> a = byKind(left);
        Map<String, Set<String>> b = byKind(right);
        for (var kind : a.entrySet()) {
            Set<String> other = b.get(kind.getKey());
            if (other != null && !other.containsAll(kind.getValue()) && !kind.getValue().containsAll(other)) {
                return true;
            }
        }
        return false;
    }

    static String join(Set<String> tokens) {
        return String.join(" ", tokens);
    }

    private static Map<String, Set<String>> byKind(String tokens) {
        Map<String, Set<String>> out = new HashMap<>();
        for (String token : tokens.split(" ")) {
            int colon = token.indexOf(':');
            out.computeIfAbsent(token.substring(0, Math.max(colon, 0)), k -> new TreeSet<>()).add(token);
        }
        return out;
    }

    private static void month(String month, String day, Set<String> out) {
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

    private record Rule(Pattern pattern, BiConsumer<Matcher, Set<String>> emit) {
        Rule(String regex, BiConsumer<Matcher, Set<String>> emit) {
            this(Pattern.compile(regex), emit);
        }

        // Emits the tokens of every match and blanks the match, so later (looser) rules do not see it again.
        String apply(String text, Set<String> out) {
            Matcher m = pattern.matcher(text);
            StringBuilder rest = new StringBuilder(text.length());
            boolean any = false;
            while (m.find()) {
                any = true;
                emit.accept(m, out);
                m.appendReplacement(rest, " ");
            }
            m.appendTail(rest);
            return any ? rest.toString() : text;
        }
    }
}

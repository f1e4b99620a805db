package io.countywatch.aggregator.fetch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A parsed robots.txt (RFC 9309): the group for our product token, else the {@code *} group; within it the longest
 * matching Allow or Disallow rule decides, and a tie goes to Allow. Unknown lines are ignored.
 */
final class RobotsTxt {

    static final RobotsTxt ALLOW_ALL = new RobotsTxt(List.of());

    private record Rule(boolean allow, String pattern, Pattern regex) {}

    private record Group(List<String> agents, List<Rule> rules) {}

    private final List<Group> groups;

    private RobotsTxt(List<Group> groups) {
        this.groups = groups;
    }

    static RobotsTxt parse(String text) {
        List<Group> groups = new ArrayList<>();
        List<String> agents = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        boolean inRules = false;
        for (String raw : text.split("\\r?\\n|\\r")) {
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).trim();
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String field = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (field.equals("user-agent")) {
                if (inRules) {
                    groups.add(new Group(List.copyOf(agents), List.copyOf(rules)));
                    agents.clear();
                    rules.clear();
                    inRules = false;
                }
                agents.add(value.toLowerCase(Locale.ROOT));
            } else if ((field.equals("allow") || field.equals("disallow")) && !agents.isEmpty()) {
                inRules = true;
                if (!value.isEmpty()) {
                    rules.add(new Rule(field.equals("allow"), value, compile(value)));
                }
            }
        }
        if (!agents.isEmpty()) {
            groups.add(new Group(List.copyOf(agents), List.copyOf(rules)));
        }
        return new RobotsTxt(List.copyOf(groups));
    }

    /** True when a crawler with this User-Agent may fetch the path (with its query). */
    boolean allows(String userAgent, String pathAndQuery) {
        String product = product(userAgent);
        List<Rule> rules = null;
        int best = -1;
        for (Group group : groups) {
            for (String agent : group.agents()) {
                if (!agent.equals("*") && product.contains(agent) && agent.length() > best) {
                    best = agent.length();
                    rules = group.rules();
                }
            }
        }
        if (rules == null) {
            rules = groups.stream()
                    .filter(g -> g.agents().contains("*"))
                    .flatMap(g -> g.rules().stream())
                    .toList();
        }
        Rule winner = null;
        for (Rule rule : rules) {
            if (rule.regex().matcher(pathAndQuery).lookingAt()
                    && (winner == null
                            || rule.pattern().length() > winner.pattern().length()
                            || (rule.pattern().length() == winner.pattern().length() && rule.allow()))) {
                winner = rule;
            }
        }
        return winner == null || winner.allow();
    }

    // "CountyWatchAggregator/0.1 (+https://…)" → "countywatchaggregator"
    private static String product(String userAgent) {
        String first = userAgent == null ? "" : userAgent.trim().split("[/\\s]", 2)[0];
        return first.toLowerCase(Locale.ROOT);
    }

    // robots patterns know only '*' (any run) and a final '$' (end); everything else is literal
    private static Pattern compile(String pattern) {
        boolean anchored = pattern.endsWith("$");
        String body = anchored ? pattern.substring(0, pattern.length() - 1) : pattern;
        StringBuilder regex = new StringBuilder();
        for (String part : body.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        if (anchored) {
            regex.append('$');
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}

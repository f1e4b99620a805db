package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.ListSelectors;
import java.util.List;

/**
 * Writes discovered sources as a {@code sources.yml} fragment: one entry per usable candidate, its list selectors
 * as automatic mode inferred them (so the entry keeps working if the template drifts from what inference would
 * pick), the charset seen and the health as comments.
 */
final class SourcesFragment {

    private SourcesFragment() {}

    static String of(String site, List<DiscoveryReport.DiscoveredSource> sources) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("# discovered from ").append(site).append(": edit ids, names and tags before adding them\n");
        yaml.append("sources:\n");
        for (DiscoveryReport.DiscoveredSource s : sources) {
            if (!s.usable()) {
                continue;
            }
            yaml.append("  - id: ").append(s.id()).append('\n');
            yaml.append("    name: ").append(quoted(s.name())).append('\n');
            yaml.append("    url: ").append(quoted(s.url())).append('\n');
            yaml.append("    type: ").append(s.type()).append('\n');
            yaml.append("    tags: [")
                    .append(String.join(
                            ", ", s.tags().stream().map(SourcesFragment::quoted).toList()))
                    .append("]\n");
            if (s.type().equals("html")) {
                yaml.append("    charset: auto  # seen: ").append(s.charset()).append('\n');
                yaml.append("    # health: ")
                        .append(s.rows())
                        .append(" rows, ")
                        .append(s.dated())
                        .append(" dated, ")
                        .append(s.titlesCut())
                        .append(" titles cut (")
                        .append(s.health())
                        .append(")\n");
                list(yaml, s.inferred());
            } else {
                yaml.append("    # health: ").append(s.rows()).append(" items in the feed\n");
            }
        }
        return yaml.toString();
    }

    private static void list(StringBuilder yaml, ListSelectors list) {
        yaml.append("    list:\n");
        yaml.append("      item: ").append(quoted(list.item())).append('\n');
        yaml.append("      link: ").append(quoted(list.link())).append('\n');
        yaml.append("      title: ").append(quoted(list.title())).append('\n');
        if (list.date() != null) {
            yaml.append("      date: ").append(quoted(list.date())).append('\n');
        }
    }

    // double-quoted YAML scalars: backslash and quote escaped, nothing else needs it in these values
    static String quoted(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}

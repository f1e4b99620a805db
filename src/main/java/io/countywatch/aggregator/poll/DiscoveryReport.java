package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.ListSelectors;
import java.util.List;

/**
 * What discovering a county site found: its news columns and feeds, each previewed in automatic mode, and a
 * {@code sources.yml} fragment to paste (ids, names and tags are suggestions to edit).
 *
 * @param error why the homepage could not be read, or null
 */
public record DiscoveryReport(
        String site, String siteName, List<DiscoveredSource> sources, String fragment, String error) {

    public DiscoveryReport {
        sources = List.copyOf(sources);
    }

    /**
     * One candidate source with its health on the page as discovery saw it.
     *
     * @param charset the charset the page decoded as, and the evidence ("GB18030 (meta)")
     * @param inferred the selectors automatic mode found, or null for a feed or a page without a list
     * @param dated rows with a date on the list page
     * @param titlesCut rows whose title looks cut ("…"); the detail pages complete them when polled
     * @param health "ok", "no dates", "few rows" or "no list"
     */
    public record DiscoveredSource(
            String id,
            String name,
            String url,
            String type,
            List<String> tags,
            String charset,
            ListSelectors inferred,
            int rows,
            int dated,
            int titlesCut,
            String health) {

        public DiscoveredSource {
            tags = List.copyOf(tags);
        }

        boolean usable() {
            return type.equals("feed") ? rows > 0 : inferred != null && rows > 0;
        }
    }
}

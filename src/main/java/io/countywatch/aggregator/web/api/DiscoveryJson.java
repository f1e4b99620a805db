package io.countywatch.aggregator.web.api;

import io.countywatch.aggregator.poll.DiscoveryReport;
import java.util.List;

/**
 * {@code GET /api/discover} (and {@code discover}): a county site's news columns and feeds, each previewed in
 * automatic mode, and a {@code sources.yml} fragment to paste; {@code error} says why the homepage could not be read.
 */
public record DiscoveryJson(String site, String siteName, List<SourceJson> sources, String fragment, String error) {

    /** One candidate source with its health on the page as discovery saw it. */
    public record SourceJson(
            String id,
            String name,
            String url,
            String type,
            List<String> tags,
            String charset,
            SelectorsJson inferred,
            int rows,
            int dated,
            int titlesCut,
            String health) {}

    public static DiscoveryJson of(DiscoveryReport report) {
        return new DiscoveryJson(
                report.site(),
                report.siteName(),
                report.sources().stream().map(DiscoveryJson::source).toList(),
                report.fragment(),
                report.error());
    }

    private static SourceJson source(DiscoveryReport.DiscoveredSource s) {
        return new SourceJson(
                s.id(),
                s.name(),
                s.url(),
                s.type(),
                s.tags(),
                s.charset(),
                SelectorsJson.of(s.inferred()),
                s.rows(),
                s.dated(),
                s.titlesCut(),
                s.health());
    }
}

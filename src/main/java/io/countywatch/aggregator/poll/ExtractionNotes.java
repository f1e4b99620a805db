package io.countywatch.aggregator.poll;

import io.countywatch.aggregator.config.ListSelectors;
import io.countywatch.aggregator.extract.html.ListPage;
import java.util.List;
import java.util.Map;

/**
 * What extraction learned besides the items, for the detail step and the preview.
 *
 * @param provenance where each item's title and date came from, by canonical URL (empty for feeds)
 * @param inferred the selectors automatic mode found on the first list page, or null
 * @param warnings things an admin should know, e.g. "charset header says ISO-8859-1, page decodes as GB18030"
 */
record ExtractionNotes(Map<String, ListPage.Provenance> provenance, ListSelectors inferred, List<String> warnings) {

    static final ExtractionNotes NONE = new ExtractionNotes(Map.of(), null, List.of());

    ExtractionNotes {
        provenance = Map.copyOf(provenance);
        warnings = List.copyOf(warnings);
    }
}

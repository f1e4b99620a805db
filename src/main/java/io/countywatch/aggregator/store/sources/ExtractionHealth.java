package io.countywatch.aggregator.store.sources;

import java.util.ArrayList;
import java.util.List;

/**
 * What one poll saw of a source's pages, to tell "the site has nothing new" from "our selectors stopped
 * matching".
 *
 * @param found items the list (or feed) yielded after filters
 * @param dated of those, items with a real date: from the list, the detail page, or stored by an earlier poll
 * @param titlesCut list titles that looked cut ("…", "...", "..")
 * @param detailFailures detail pages of new items that could not be fetched or read
 */
public record ExtractionHealth(int found, int dated, int titlesCut, int detailFailures) {

    /** The problems a person should look at, in words: "0 items", "no dates", "3 detail pages failed". */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (found == 0) {
            problems.add("0 items");
        }
        if (found > 0 && dated == 0) {
            problems.add("no dates");
        }
        if (detailFailures > 0) {
            problems.add(detailFailures + " detail pages failed");
        }
        return problems;
    }
}

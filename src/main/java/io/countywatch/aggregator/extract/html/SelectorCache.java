package io.countywatch.aggregator.extract.html;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * The sources' CSS selectors, each parsed once: jsoup parses a selector string again on every {@code select}, which
 * for a list page meant three parses per row. The selectors come from the sources file, so their number is bounded.
 */
final class SelectorCache {

    // far above any sources file; selectors inferred for previews of arbitrary pages could otherwise pile up
    private static final int MOST = 10_000;
    private static final Map<String, Evaluator> PARSED = new ConcurrentHashMap<>();

    private SelectorCache() {}

    static Evaluator of(String selector) {
        Evaluator parsed = PARSED.get(selector);
        if (parsed != null) {
            return parsed;
        }
        return PARSED.size() < MOST
                ? PARSED.computeIfAbsent(selector, QueryParser::parse)
                : QueryParser.parse(selector);
    }
}

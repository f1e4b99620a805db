package io.countywatch.aggregator.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.countywatch.aggregator.config.ListSelectors;
import io.countywatch.aggregator.store.StoreDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HTML corpus through the real poll path (loopback site, {@link SourceExtraction}, {@link DetailEnrichment}):
 * every page in automatic mode and again with the selectors automatic mode inferred pasted back as a {@code list:}
 * block, plus the hand-written templates with their own selectors. Prints one line per page and mode, and holds
 * the real pages to the figures of issue 14 and the hand-written templates to every item exact.
 */
class HtmlCorpusIT {

    static final double MIN_RECALL = 0.98;
    static final double MIN_PRECISION = 0.99;
    static final double MIN_DATES = 0.98;
    static final double MIN_TITLES = 0.99;

    private static StoreDatabase database;

    @BeforeAll
    static void database() {
        database = StoreDatabase.create("corpus", 2);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void automaticModeAndPastedSelectorsHoldOnTheCorpus() {
        CorpusScore realAutomatic = CorpusScore.ZERO;
        CorpusScore realPasted = CorpusScore.ZERO;
        List<String> failures = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        int realPages = 0;
        for (CorpusCase page : CorpusCase.all()) {
            try (CorpusSite site = new CorpusSite(page, database.db())) {
                List<CorpusCase.Expected> expected = page.items();
                if (page.hasOwnSelectors()) {
                    check(page, "selectors", site.poll(CorpusCase.Mode.OWN, null), expected, failures);
                }
                CorpusSite.Polled automatic = site.poll(CorpusCase.Mode.AUTOMATIC, null);
                CorpusScore auto = check(page, "automatic", automatic, expected, failures);
                ListSelectors inferred = automatic.inferred();
                CorpusScore pasted = inferred == null
                        ? CorpusScore.of(expected, List.of())
                        : check(page, "pasted", site.poll(CorpusCase.Mode.PASTED, inferred), expected, failures);
                if (inferred == null) {
                    failures.add(page.name() + ": automatic mode inferred no selectors");
                }
                if (page.real()) {
                    realPages++;
                    if (!templates.contains(page.template())) {
                        templates.add(page.template());
                    }
                    realAutomatic = realAutomatic.plus(auto);
                    realPasted = realPasted.plus(pasted);
                }
            }
        }
        System.out.printf("real pages: %d from %d templates%n", realPages, templates.size());
        System.out.println("real pages, automatic: " + realAutomatic.totals());
        System.out.println("real pages, pasted:    " + realPasted.totals());
        failures.forEach(f -> System.out.println("hand-written template not exact: " + f));

        assertThat(failures)
                .as("hand-written templates must be exact in every mode")
                .isEmpty();
        for (CorpusScore score : List.of(realAutomatic, realPasted)) {
            assertThat(score.recall()).as("row recall").isGreaterThanOrEqualTo(MIN_RECALL);
            assertThat(score.precision()).as("row precision").isGreaterThanOrEqualTo(MIN_PRECISION);
            assertThat(score.dates()).as("dates right").isGreaterThanOrEqualTo(MIN_DATES);
            assertThat(score.titles()).as("titles exact").isGreaterThanOrEqualTo(MIN_TITLES);
            assertThat(score.mojibake()).as("titles with U+FFFD").isZero();
        }
    }

    private static CorpusScore check(
            CorpusCase page,
            String mode,
            CorpusSite.Polled polled,
            List<CorpusCase.Expected> expected,
            List<String> failures) {
        CorpusScore score = CorpusScore.of(expected, polled.items());
        System.out.printf(
                "%-20s %-28s %-9s %s  inferred %s%n",
                page.template(), page.name(), mode, score.row(), polled.inferred());
        if (!page.real()) {
            if (!score.perfect()) {
                failures.add(page.name() + " " + mode + ": " + score.row() + " warnings " + polled.warnings());
            }
            for (int i = 0; i < Math.min(expected.size(), polled.items().size()); i++) {
                String got =
                        CorpusScore.pathAndQuery(polled.items().get(i).item().url());
                if (!got.equals(expected.get(i).url())) {
                    failures.add(page.name() + " " + mode + ": item " + i + " is " + got + ", expected "
                            + expected.get(i).url());
                    break;
                }
                String from = expected.get(i).dateFrom();
                if (from != null && !from.equals(polled.items().get(i).dateFrom())) {
                    failures.add(page.name() + " " + mode + ": item " + i + " date from "
                            + polled.items().get(i).dateFrom() + ", expected " + from);
                }
            }
        } else {
            List<String> order = polled.items().stream()
                    .map(i -> CorpusScore.pathAndQuery(i.item().url()))
                    .filter(u -> expected.stream().anyMatch(e -> e.url().equals(u)))
                    .toList();
            List<String> wanted = expected.stream()
                    .map(CorpusCase.Expected::url)
                    .filter(order::contains)
                    .toList();
            if (!order.equals(wanted)) {
                System.out.println("  (rows out of page order)");
            }
        }
        return score;
    }
}

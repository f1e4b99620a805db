package io.countywatch.aggregator.store.items;

import io.countywatch.aggregator.dedupe.Candidate;
import io.countywatch.aggregator.dedupe.Decision;
import io.countywatch.aggregator.dedupe.TextPrint;
import io.countywatch.aggregator.item.ExtractedItem;
import io.countywatch.aggregator.store.Binds;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import reactor.core.publisher.Mono;

/**
 * Updates a stored item in place with the fields a decision takes from a candidate: the title (with its title
 * print), the text (summary, content and body print), or both. The content hash records what the item's own
 * source last gave, so it moves only when that source is the candidate; another place's fuller body leaves it.
 */
final class ItemUpdate {

    // A text taken from the own source replaces the lookup keys; one from another place adds to them (the item keeps
    // its own article key and stays findable by its old lead). A replaced title leaves its key there, masked
    // (Candidate.formerTitleKey): a copy taken before the correction still finds the item by the old title. With one
    // field taken the keyword terms are left to
    // the V8 trigger, which recomputes them when title or summary changed and the terms did not.
    private static final String UPDATE = """
            UPDATE item SET
                title = CASE WHEN :takeTitle THEN :title ELSE title END,
                title_key = CASE WHEN :takeTitle THEN :tk ELSE title_key END,
                title_length = CASE WHEN :takeTitle THEN :titleLength ELSE title_length END,
                title_periods = CASE WHEN :takeTitle THEN :titlePeriods ELSE title_periods END,
                summary = CASE WHEN :takeText THEN :summary ELSE summary END,
                content = CASE WHEN :takeText THEN :content ELSE content END,
                text_fp = CASE WHEN :takeText THEN :fp ELSE text_fp END,
                simhash = CASE WHEN :takeText THEN :simhash ELSE simhash END,
                body_length = CASE WHEN :takeText THEN :bodyLength ELSE body_length END,
                body_periods = CASE WHEN :takeText THEN :bodyPeriods ELSE body_periods END,
                lead_prints = CASE WHEN :takeText THEN CAST(:leads AS bigint[]) ELSE lead_prints END,
                band_keys = CASE WHEN NOT :takeText AND NOT (:takeTitle AND title_key IS DISTINCT FROM :tk)
                                 -- untouched, so that an update of neither writes the GIN index again
                                 THEN band_keys
                                 ELSE NULLIF(ARRAY(SELECT DISTINCT k FROM unnest(
                                     CASE WHEN NOT :takeText THEN band_keys
                                          WHEN :owner THEN CAST(:keys AS bigint[])
                                          ELSE band_keys || CAST(:keys AS bigint[]) END
                                     || CASE WHEN :takeTitle AND title_key IS DISTINCT FROM :tk AND title_key IS NOT NULL
                                             THEN ARRAY[title_key # :formerMask] ELSE CAST('{}' AS bigint[]) END) k),
                                     CAST('{}' AS bigint[])) END,
                bigrams = CASE WHEN :takeTitle AND :takeText THEN CAST(:bigrams AS int[]) ELSE bigrams END,
                content_hash = CASE WHEN :owner THEN :hash ELSE content_hash END,
                updated_at = :fetched, revision = revision + 1
            WHERE seq = :seq
            RETURNING revision""";

    private ItemUpdate() {}

    /** The item's new revision. */
    static Mono<Integer> apply(DatabaseClient db, long seq, NewItem newItem, Candidate candidate, Decision.Take take) {
        ExtractedItem item = newItem.item();
        TextPrint print = candidate.print();
        GenericExecuteSpec spec = db.sql(UPDATE)
                .bind("seq", seq)
                .bind("takeTitle", take.title())
                .bind("takeText", take.text())
                .bind("owner", take.owner())
                .bind("title", item.title())
                .bind("tk", print.titleKey())
                .bind("titleLength", print.titleLength())
                .bind("titlePeriods", print.titlePeriods())
                .bind("fp", print.fingerprint())
                .bind("simhash", print.simhash())
                .bind("bodyLength", print.bodyLength())
                .bind("bodyPeriods", print.bodyPeriods())
                .bind("hash", candidate.contentHash())
                .bind("fetched", newItem.fetchedAt())
                .bind("formerMask", Candidate.FORMER_TITLE_MASK)
                .bind("bigrams", Bigrams.ofItem(item.title(), item.summary()));
        // a short body has no keys: NULL, which the band index leaves out
        spec = Binds.nullable(
                spec,
                "keys",
                candidate.storedKeys().isEmpty() ? null : candidate.storedKeys().toArray(Long[]::new),
                Long[].class);
        spec = Binds.nullable(
                spec, "leads", print.leads().isEmpty() ? null : print.leads().toArray(Long[]::new), Long[].class);
        spec = Binds.nullable(spec, "summary", item.summary(), String.class);
        spec = Binds.nullable(spec, "content", item.content(), String.class);
        return spec.map(row -> row.get("revision", Integer.class)).one();
    }
}

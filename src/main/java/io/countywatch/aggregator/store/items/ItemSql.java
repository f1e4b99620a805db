package io.countywatch.aggregator.store.items;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/**
 * Builds the page query from the filters that are set, so that each one can use its index: the whole table reads
 * {@code item_published} backwards, one source reads {@code item_source_published}, a tag reads that index once
 * per source carrying the tag, a keyword of two or more characters reads the bigram GIN index. A source's (or a
 * tag's) items include those first stored from another source that it lists too: its places in
 * {@code item_also_at}, read through {@code item_also_at_source_url} (a source lists far fewer of those than of its
 * own).
 */
final class ItemSql {

    private static final String COLUMNS = """
            SELECT i.seq, i.uid, i.title, i.url, i.source_id, s.name AS source_name, s.tags, s.timezone,
                   i.published_at, i.fetched_at, i.updated_at, i.summary, i.content, i.date_origin""";

    private static final String FROM = " FROM item i JOIN source s ON s.id = i.source_id WHERE true";

    // also read by ItemEventRepository, so events carry exactly the item JSON of the API
    static final String SELECT = COLUMNS + FROM;

    private static final String ORDER = " ORDER BY i.published_at DESC, i.seq DESC LIMIT ";

    private final String sql;
    private final Map<String, Object> binds;

    private ItemSql(String sql, Map<String, Object> binds) {
        this.sql = sql;
        this.binds = binds;
    }

    static ItemSql page(ItemQuery query) {
        boolean keyword = query.keyword() != null && !query.keyword().isBlank();
        if ((query.tag() != null || query.sourceId() != null) && !keyword) {
            return listedPage(query);
        }
        StringBuilder sql = new StringBuilder(COLUMNS).append(FROM);
        Map<String, Object> binds = new LinkedHashMap<>();
        if (query.sourceId() != null) {
            sql.append(" AND (i.source_id = :source OR EXISTS (SELECT 1 FROM item_also_at a")
                    .append(" WHERE a.item_seq = i.seq AND a.source_id = :source))");
            binds.put("source", query.sourceId());
        }
        if (query.tag() != null) {
            sql.append(" AND (s.tags @> ARRAY[CAST(:tag AS text)] OR EXISTS (SELECT 1 FROM item_also_at a")
                    .append(" JOIN source t ON t.id = a.source_id")
                    .append(" WHERE a.item_seq = i.seq AND t.tags @> ARRAY[CAST(:tag AS text)]))");
            binds.put("tag", query.tag());
        }
        if (keyword) {
            appendKeyword(sql, binds, query.keyword().trim());
        }
        appendRange(sql, binds, query);
        // one row more than asked tells whether there is a next page
        sql.append(ORDER).append(query.limit() + 1);
        return new ItemSql(sql.toString(), binds);
    }

    /**
     * A source's or a tag's page: tags belong to sources, so it is the newest rows of one or several sources merged,
     * plus their places. Reading each source's newest {@code limit + 1} through {@code item_source_published} and
     * merging them costs (sources in scope) × (limit + 1) index rows at any table size, where a join filtered on
     * the tag could read far down {@code item_published} for a tag whose sources publish rarely.
     */
    private static ItemSql listedPage(ItemQuery query) {
        Map<String, Object> binds = new LinkedHashMap<>();
        String scope;
        if (query.sourceId() != null) {
            scope = "SELECT t.id FROM source t WHERE t.id = :source"
                    + (query.tag() != null ? " AND t.tags @> ARRAY[CAST(:tag AS text)]" : "");
            binds.put("source", query.sourceId());
        } else {
            scope = "SELECT t.id FROM source t WHERE t.tags @> ARRAY[CAST(:tag AS text)]";
        }
        if (query.tag() != null) {
            binds.put("tag", query.tag());
        }
        StringBuilder own = new StringBuilder("SELECT i.seq FROM item i WHERE i.source_id = t.id");
        appendRange(own, binds, query);
        own.append(ORDER).append(query.limit() + 1);
        StringBuilder sql = new StringBuilder(COLUMNS)
                .append(FROM)
                .append(" AND i.seq IN (SELECT x.seq FROM (")
                .append(scope)
                .append(") t CROSS JOIN LATERAL (")
                .append(own)
                .append(") x UNION ALL SELECT a.item_seq FROM (")
                .append(scope)
                .append(") t JOIN item_also_at a ON a.source_id = t.id)");
        appendRange(sql, binds, query);
        sql.append(ORDER).append(query.limit() + 1);
        return new ItemSql(sql.toString(), binds);
    }

    /**
     * ILIKE with a leading wildcard cannot use a b-tree. The bigram GIN index (migration V8, {@link Bigrams}) narrows the rows to
     * those holding every two-character piece of the keyword (most Chinese words are two characters, so trigrams
     * would miss them), and the same ILIKE rechecks them. A single character has no bigram: PostgreSQL filters
     * every row in scope (exact, but a scan).
     */
    private static void appendKeyword(StringBuilder sql, Map<String, Object> binds, String keyword) {
        if (keyword.codePointCount(0, keyword.length()) >= 2) {
            sql.append(" AND i.bigrams @> CAST(:terms AS int[])");
            binds.put("terms", Bigrams.of(keyword));
        }
        sql.append(" AND (i.title ILIKE :keyword OR i.summary ILIKE :keyword)");
        binds.put("keyword", "%" + escapeLike(keyword) + "%");
    }

    private static void appendRange(StringBuilder sql, Map<String, Object> binds, ItemQuery query) {
        if (query.since() != null) {
            sql.append(" AND i.published_at >= :since");
            binds.put("since", query.since());
        }
        if (query.cursor() != null) {
            sql.append(" AND (i.published_at, i.seq) < (:cursorAt, :cursorSeq)");
            binds.put("cursorAt", query.cursor().publishedAt());
            binds.put("cursorSeq", query.cursor().seq());
        }
    }

    GenericExecuteSpec bindTo(DatabaseClient db) {
        return bindTo(db, "");
    }

    /** The query behind {@code prefix}, e.g. {@code EXPLAIN}, so tests can read the plan of the real statement. */
    GenericExecuteSpec bindTo(DatabaseClient db, String prefix) {
        GenericExecuteSpec spec = db.sql(prefix + sql);
        for (var bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

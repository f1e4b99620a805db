package io.countywatch.aggregator.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Builds the page query from the filters that are set, so that each one can use its index. */
final class ItemSql {

    // also read by ItemEventRepository, so events carry exactly the item JSON of the API
    static final String SELECT = """
            SELECT i.seq, i.uid, i.title, i.url, i.source_id, s.name AS source_name, s.tags, s.timezone,
                   i.published_at, i.fetched_at, i.updated_at, i.summary, i.content
            FROM item i JOIN source s ON s.id = i.source_id
            WHERE true""";

    private final String sql;
    private final Map<String, Object> binds;

    private ItemSql(String sql, Map<String, Object> binds) {
        this.sql = sql;
        this.binds = binds;
    }

    static ItemSql page(ItemQuery query) {
        StringBuilder sql = new StringBuilder(SELECT);
        Map<String, Object> binds = new LinkedHashMap<>();
        if (query.sourceId() != null) {
            sql.append(" AND i.source_id = :source");
            binds.put("source", query.sourceId());
        }
        if (query.tag() != null) {
            sql.append(" AND s.tags @> ARRAY[CAST(:tag AS text)]");
            binds.put("tag", query.tag());
        }
        if (query.keyword() != null && !query.keyword().isBlank()) {
            // ILIKE with a leading wildcard is served by the pg_trgm GIN indexes on title and summary.
            sql.append(" AND (i.title ILIKE :keyword OR i.summary ILIKE :keyword)");
            binds.put("keyword", "%" + escapeLike(query.keyword().trim()) + "%");
        }
        if (query.since() != null) {
            sql.append(" AND i.published_at >= :since");
            binds.put("since", query.since());
        }
        if (query.cursor() != null) {
            sql.append(" AND (i.published_at, i.seq) < (:cursorAt, :cursorSeq)");
            binds.put("cursorAt", query.cursor().publishedAt());
            binds.put("cursorSeq", query.cursor().seq());
        }
        // one row more than asked tells whether there is a next page
        sql.append(" ORDER BY i.published_at DESC, i.seq DESC LIMIT ").append(query.limit() + 1);
        return new ItemSql(sql.toString(), binds);
    }

    GenericExecuteSpec bindTo(DatabaseClient db) {
        GenericExecuteSpec spec = db.sql(sql);
        for (var bind : binds.entrySet()) {
            spec = spec.bind(bind.getKey(), bind.getValue());
        }
        return spec;
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}

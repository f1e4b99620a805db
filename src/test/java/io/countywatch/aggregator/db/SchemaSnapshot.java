package io.countywatch.aggregator.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema the migrations build, as SQL a reviewer can read: extensions, sequences, tables (columns,
 * constraints, storage options), indexes, functions and triggers, each section in name order, with no owners,
 * grants, comments or SET lines, so the text changes only when the schema does.
 *
 * <p>Read from the catalogs rather than with {@code pg_dump}: the bundled PostgreSQL binaries ship no
 * {@code pg_dump}, and a system one older than the server (Debian 12 has 15) refuses to dump it.
 */
final class SchemaSnapshot {

    private static final String TABLES = """
            SELECT c.oid, c.relname, coalesce(array_to_string(c.reloptions, ', '), '') AS options
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> 'flyway_schema_history'
            ORDER BY c.relname""";

    private static final String COLUMNS = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, a.attidentity,
                   pg_get_expr(d.adbin, d.adrelid) AS default_value
            FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid = %d AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum""";

    private static final String CONSTRAINTS = """
            SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
            WHERE conrelid = %d AND contype <> 't' ORDER BY contype, conname""";

    private static final String EXTENSIONS =
            "SELECT 'CREATE EXTENSION ' || extname || ';' FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1";

    private static final String SEQUENCES = """
            SELECT 'CREATE SEQUENCE ' || sequencename || ' AS ' || data_type || ';' FROM pg_sequences
            WHERE schemaname = 'public' ORDER BY sequencename""";

    private static final String INDEXES = """
            SELECT indexdef || ';' FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history' ORDER BY tablename, indexname""";

    // Functions an extension brings are the extension's, not ours.
    private static final String FUNCTIONS = """
            SELECT rtrim(pg_get_functiondef(p.oid), E'\\n') || ';' FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND NOT EXISTS (
                SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            ORDER BY p.proname, pg_get_function_identity_arguments(p.oid)""";

    // Internal triggers (foreign keys) are implied by the constraints above.
    private static final String TRIGGERS = """
            SELECT pg_get_triggerdef(t.oid) || ';' FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE NOT t.tgisinternal ORDER BY c.relname, t.tgname""";

    private SchemaSnapshot() {}

    static String of(Connection connection) throws SQLException {
        List<String> sections = new ArrayList<>();
        sections.add("-- Extensions\n" + lines(connection, EXTENSIONS, "\n"));
        sections.add("-- Sequences\n" + lines(connection, SEQUENCES, "\n"));
        sections.add("-- Tables\n" + tables(connection));
        sections.add("-- Indexes\n" + lines(connection, INDEXES, "\n"));
        sections.add("-- Functions\n" + lines(connection, FUNCTIONS, "\n\n"));
        sections.add("-- Triggers\n" + lines(connection, TRIGGERS, "\n"));
        return String.join("\n\n", sections) + "\n";
    }

    private static String tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(TABLES)) {
            while (rs.next()) {
                long oid = rs.getLong("oid");
                String options = rs.getString("options");
                List<String> parts = new ArrayList<>(columns(connection, oid));
                parts.addAll(constraints(connection, oid));
                tables.add("CREATE TABLE " + rs.getString("relname") + " (\n    " + String.join(",\n    ", parts)
                        + "\n)" + (options.isEmpty() ? "" : " WITH (" + options + ")") + ";");
            }
        }
        return String.join("\n\n", tables);
    }

    private static List<String> columns(Connection connection, long table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(COLUMNS.formatted(table))) {
            while (rs.next()) {
                String identity = switch (rs.getString("attidentity")) {
                    case "a" -> " GENERATED ALWAYS AS IDENTITY";
                    case "d" -> " GENERATED BY DEFAULT AS IDENTITY";
                    default -> "";
                };
                String defaultValue = rs.getString("default_value");
                columns.add(rs.getString("attname") + " " + rs.getString("type")
                        + (rs.getBoolean("attnotnull") ? " NOT NULL" : "")
                        + (defaultValue == null ? "" : " DEFAULT " + defaultValue)
                        + identity);
            }
        }
        return columns;
    }

    private static List<String> constraints(Connection connection, long table) throws SQLException {
        List<String> constraints = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(CONSTRAINTS.formatted(table))) {
            while (rs.next()) {
                constraints.add("CONSTRAINT " + rs.getString("conname") + " " + rs.getString("definition"));
            }
        }
        return constraints;
    }

    private static String lines(Connection connection, String sql, String separator) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines.isEmpty() ? "-- none" : String.join(separator, lines);
    }
}

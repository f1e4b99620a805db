-- pg_trgm is no longer used: V1 created it for two trigram indexes, and V7 dropped them (the bigram index serves
-- every keyword). Dropped here so a running database no longer depends on contrib. PostgreSQL decides what is
-- safe: when something an operator added depends on it, or the extension belongs to another role (a managed
-- database whose administrator created it), it stays and a notice says why.
--
-- V1 itself cannot change (Flyway checks the checksum of every applied migration), so a database migrated from
-- empty still needs pg_trgm available for V1; see docs/database.md, "pg_trgm".
DO $$
BEGIN
    DROP EXTENSION IF EXISTS pg_trgm;
EXCEPTION
    WHEN dependent_objects_still_exist OR insufficient_privilege THEN
        RAISE NOTICE 'pg_trgm kept: %', SQLERRM;
END $$;

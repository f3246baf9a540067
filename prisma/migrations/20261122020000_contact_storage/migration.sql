-- Contacts see large waves of inserts, updates and deletes (imports, bulk
-- actions). Vacuum after 2% churn instead of 20%, so the list's deep pages keep
-- their index-only scans; leave 10% of each page free so field edits can stay
-- on the same page (HOT updates) without touching every index.
ALTER TABLE "Contact" SET (
    autovacuum_vacuum_scale_factor = 0.02,
    autovacuum_vacuum_insert_scale_factor = 0.02,
    autovacuum_analyze_scale_factor = 0.02,
    fillfactor = 90
);

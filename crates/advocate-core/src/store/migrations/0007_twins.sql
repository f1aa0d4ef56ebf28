-- Records made separately in two copies that collide on a key (a person's key, a department's
-- name, a tie's ends and kind) are one record: the other copy's row id is remembered as this
-- copy's, so that its later edits to that record land on ours.
CREATE TABLE merged_twin (
    tbl TEXT NOT NULL,
    theirs INTEGER NOT NULL,
    mine INTEGER NOT NULL,
    PRIMARY KEY (tbl, theirs)
);

-- The highest id this replica has given in its band: an id is never given twice, even after
-- the row that had it was removed (another copy may still know the id as that row's).
ALTER TABLE replica_self ADD COLUMN last_id INTEGER NOT NULL DEFAULT 0;

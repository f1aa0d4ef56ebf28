-- Working together: a map's identity (kept by every copy), this copy's replica (its own band of
-- row ids, so rows made in two copies never share an id; a copy is recognised by its path,
-- device and inode), and the log of changesets (every committed edit, as SQLite's session
-- extension records it, with who made it and when).
CREATE TABLE map_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    -- Copies made before this version share the map's creation stamp: they stay one map.
    uuid TEXT NOT NULL
);
INSERT INTO map_identity(id, uuid)
    SELECT 1, 'legacy-' || lower(hex(name || '|' || created_at)) FROM map_info WHERE id = 1;

CREATE TABLE replica_self (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    replica TEXT NOT NULL,
    -- Rows this copy makes get ids from band * 2^32 + 1 up.
    band INTEGER NOT NULL CHECK (band BETWEEN 1 AND 2097150),
    path TEXT,
    device INTEGER,
    inode INTEGER
);
INSERT INTO replica_self(id, replica, band)
    VALUES (1, lower(hex(randomblob(8))), 1 + abs(random() % 2097150));

CREATE TABLE changeset (
    id INTEGER PRIMARY KEY,
    replica TEXT NOT NULL,
    seq INTEGER NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    -- 'edit': an edit's changeset; 'decision': the conflicts a merge decided, as a changeset.
    kind TEXT NOT NULL DEFAULT 'edit' CHECK (kind IN ('edit', 'decision')),
    data BLOB NOT NULL,
    UNIQUE (replica, seq)
);

-- Departments have a function (what they do), which the board of advocates reads to name its
-- seats. NULL: never set, so Advocate guesses it from the department's name.
ALTER TABLE department ADD COLUMN function TEXT CHECK (
    function IS NULL OR function IN (
        'executive', 'it', 'communications', 'marketing', 'hr', 'finance', 'operations', 'sales',
        'l&d', 'other'
    )
);

-- Two people may be linked in several ways at once (a line manager who is also a mentor): one tie
-- of each kind per ordered pair, instead of one tie per pair.
CREATE TABLE tie_by_kind (
    id INTEGER PRIMARY KEY,
    from_person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    to_person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind TEXT NOT NULL REFERENCES tie_kind(name) ON UPDATE CASCADE,
    strength REAL NOT NULL CHECK (strength >= 0 AND strength <= 1),
    notes TEXT NOT NULL DEFAULT '',
    CHECK (from_person <> to_person),
    UNIQUE (from_person, to_person, kind)
);
INSERT INTO tie_by_kind(id, from_person, to_person, kind, strength, notes)
    SELECT id, from_person, to_person, kind, strength, notes FROM tie;
DROP TABLE tie;
ALTER TABLE tie_by_kind RENAME TO tie;
CREATE INDEX tie_to ON tie(to_person);

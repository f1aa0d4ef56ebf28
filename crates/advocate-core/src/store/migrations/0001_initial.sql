-- The first map file: people, departments, influence ties and their kinds, the home team,
-- the goal and its audience, and the engagement log.
CREATE TABLE map_info (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    initiative TEXT NOT NULL DEFAULT '',
    home_department INTEGER REFERENCES department(id) ON DELETE SET NULL,
    audience_department INTEGER REFERENCES department(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE department (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    parent INTEGER REFERENCES department(id) ON DELETE SET NULL,
    colour TEXT
);

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    department INTEGER REFERENCES department(id) ON DELETE SET NULL,
    stance INTEGER NOT NULL DEFAULT 0 CHECK (stance BETWEEN -2 AND 2),
    power INTEGER NOT NULL DEFAULT 3 CHECK (power BETWEEN 1 AND 5),
    interest INTEGER NOT NULL DEFAULT 3 CHECK (interest BETWEEN 1 AND 5),
    decision_maker INTEGER NOT NULL DEFAULT 0 CHECK (decision_maker IN (0, 1)),
    tags TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '',
    attributes TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX person_department ON person(department);

CREATE TABLE tie_kind (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    default_strength REAL NOT NULL CHECK (default_strength >= 0 AND default_strength <= 1)
);

CREATE TABLE tie (
    id INTEGER PRIMARY KEY,
    from_person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    to_person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind TEXT NOT NULL REFERENCES tie_kind(name) ON UPDATE CASCADE,
    strength REAL NOT NULL CHECK (strength >= 0 AND strength <= 1),
    notes TEXT NOT NULL DEFAULT '',
    CHECK (from_person <> to_person),
    UNIQUE (from_person, to_person)
);
CREATE INDEX tie_to ON tie(to_person);

CREATE TABLE home_member (
    person INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE
);

CREATE TABLE audience_member (
    person INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE
);

CREATE TABLE engagement (
    id INTEGER PRIMARY KEY,
    person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    action TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    stance_after INTEGER CHECK (stance_after BETWEEN -2 AND 2)
);
CREATE INDEX engagement_person ON engagement(person);

-- The undo/redo journal: every edit is a step; each entry is the SQL that reverses one row
-- change. Replaying a step's entries in reverse records the opposite direction.
CREATE TABLE undo_step (
    step INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    at TEXT NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE undo_entry (
    seq INTEGER PRIMARY KEY,
    step INTEGER NOT NULL,
    dir TEXT NOT NULL CHECK (dir IN ('undo', 'redo')),
    tbl TEXT NOT NULL,
    row_id INTEGER NOT NULL,
    sql TEXT NOT NULL
);
CREATE INDEX undo_entry_step ON undo_entry(step, dir);
CREATE TABLE undo_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    recording INTEGER NOT NULL DEFAULT 0,
    step INTEGER NOT NULL DEFAULT 0,
    dir TEXT NOT NULL DEFAULT 'undo'
);
INSERT INTO undo_state (id) VALUES (1);

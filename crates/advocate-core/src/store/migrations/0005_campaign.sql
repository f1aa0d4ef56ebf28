-- The campaign: where we need each person (target stances), the actions planned and done
-- (a done action names the engagement entry it produced), the suggestions the user dismissed,
-- and how many days without an engagement make a powerful person neglected.
CREATE TABLE person_target (
    person INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,
    stance INTEGER NOT NULL CHECK (stance BETWEEN -2 AND 2)
);

CREATE TABLE action (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    what TEXT NOT NULL,
    person INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    via INTEGER REFERENCES person(id) ON DELETE SET NULL,
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'done', 'dropped')),
    engagement INTEGER REFERENCES engagement(id) ON DELETE SET NULL,
    suggestion TEXT,
    created TEXT NOT NULL,
    closed TEXT,
    revision INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX action_person ON action(person);
CREATE INDEX action_via ON action(via);
CREATE INDEX action_engagement ON action(engagement);

CREATE TABLE dismissed_suggestion (
    id INTEGER PRIMARY KEY,
    suggestion TEXT NOT NULL UNIQUE,
    inputs TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL
);

ALTER TABLE map_info ADD COLUMN stale_days INTEGER NOT NULL DEFAULT 45 CHECK (stale_days BETWEEN 1 AND 3650);

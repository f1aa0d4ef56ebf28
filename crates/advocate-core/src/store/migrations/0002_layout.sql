-- The layout: where each person and department sits on the drawing, and whether it is pinned.
ALTER TABLE person ADD COLUMN x REAL;
ALTER TABLE person ADD COLUMN y REAL;
ALTER TABLE person ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
ALTER TABLE department ADD COLUMN x REAL;
ALTER TABLE department ADD COLUMN y REAL;
ALTER TABLE department ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));

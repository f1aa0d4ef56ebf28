-- Saved views, shown in turn by the app's Present mode and as slides in the deck: a region of
-- the map (a rectangle in the layout's coordinates, or the whole map when it has none), the
-- layout it was saved in, a highlight (a best path, a board of advocates, people of some
-- stances) and a caption. `key` is the view's lasting id (what imports merge by); `position`
-- orders the sequence.
CREATE TABLE saved_view (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL DEFAULT 0,
    caption TEXT NOT NULL DEFAULT '',
    layout TEXT NOT NULL DEFAULT 'force' CHECK (layout IN ('force', 'department', 'orgchart', 'grid')),
    x0 REAL,
    y0 REAL,
    x1 REAL,
    y1 REAL,
    highlight TEXT NOT NULL DEFAULT 'none' CHECK (highlight IN ('none', 'path', 'board', 'stances')),
    -- A path's ends; no start: from the home team. A person removed leaves the path without
    -- that end (the view then highlights nothing).
    path_from INTEGER REFERENCES person(id) ON DELETE SET NULL,
    path_to INTEGER REFERENCES person(id) ON DELETE SET NULL,
    -- The path passes through no sceptic or blocker (the app's "Avoid sceptics and blockers").
    path_avoid_opposed INTEGER NOT NULL DEFAULT 0 CHECK (path_avoid_opposed IN (0, 1)),
    board_size INTEGER,
    board_include_audience INTEGER NOT NULL DEFAULT 0 CHECK (board_include_audience IN (0, 1)),
    board_balanced INTEGER NOT NULL DEFAULT 0 CHECK (board_balanced IN (0, 1)),
    -- The stances shown, as their values (-2..2) separated by commas: "-1,-2".
    stances TEXT NOT NULL DEFAULT ''
);
CREATE INDEX saved_view_path_from ON saved_view(path_from);
CREATE INDEX saved_view_path_to ON saved_view(path_to);

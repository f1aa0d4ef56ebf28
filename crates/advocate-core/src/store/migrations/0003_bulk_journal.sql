-- Large imports journal their inserted rows as one range per table instead of one entry a row.
ALTER TABLE undo_state ADD COLUMN bulk INTEGER NOT NULL DEFAULT 0;

//! The schema, as an ordered list of migration steps.
//!
//! `PRAGMA user_version` holds the number of steps applied; opening a store
//! applies the missing ones in order, each in its own transaction. Steps are
//! append-only: a released step is never edited, a change is a new step.

/// Migration steps, applied in order. Step `i` brings the schema from
/// version `i` to version `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: the whole first schema.
    r#"
CREATE TABLE documents (
    id                   INTEGER PRIMARY KEY,
    hash                 TEXT NOT NULL UNIQUE,
    path                 TEXT NOT NULL,
    url                  TEXT,
    title                TEXT,
    published            TEXT,            -- ISO date
    published_source     TEXT,            -- given | inferred
    published_confidence REAL,
    sources              TEXT NOT NULL,   -- JSON array of strings
    warnings             TEXT NOT NULL,   -- JSON array of strings
    text                 TEXT NOT NULL,
    ingested_at          TEXT NOT NULL    -- RFC 3339, UTC
);
CREATE INDEX documents_path ON documents(path);

CREATE TABLE sentences (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL,
    UNIQUE (document_id, idx)
);

CREATE TABLE entities (
    id          INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,        -- Entity::id, the index events point at
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,           -- PER | ORG | GPE | LOC
    actor       TEXT,
    sector      TEXT,
    kb          TEXT,
    UNIQUE (document_id, idx)
);
CREATE INDEX entities_actor_name ON entities(actor, name);

CREATE TABLE mentions (
    id          INTEGER PRIMARY KEY,
    entity_id   INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,        -- position in Entity::mentions
    sentence    INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id, ord);

CREATE TABLE dates (
    id              INTEGER PRIMARY KEY,
    document_id     INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord             INTEGER NOT NULL,    -- position in Analysis::dates
    sentence        INTEGER NOT NULL,
    start_char      INTEGER NOT NULL,
    end_char        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    value_from      TEXT,
    value_to        TEXT,
    value_precision TEXT,
    relative        INTEGER NOT NULL,
    UNIQUE (document_id, ord)
);

CREATE TABLE events (
    id                 INTEGER PRIMARY KEY,
    document_id        INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx                INTEGER NOT NULL, -- position in Analysis::events
    type               TEXT NOT NULL,
    mode               TEXT,
    source_code        TEXT NOT NULL,
    source_name        TEXT NOT NULL,
    source_entity      INTEGER,
    target_code        TEXT,             -- NULL: no target
    target_name        TEXT,
    target_entity      INTEGER,
    date_from          TEXT,             -- NULL: no date
    date_to            TEXT,
    date_precision     TEXT,
    date_basis         TEXT,
    place_name         TEXT,             -- NULL: no place
    place_country      TEXT,
    place_lat          REAL,
    place_lon          REAL,
    modality           TEXT NOT NULL,
    cameo              TEXT NOT NULL,
    goldstein          REAL,
    quad_class         INTEGER NOT NULL,
    reported_by_code   TEXT,             -- NULL: not a reported event
    reported_by_name   TEXT,
    reported_by_entity INTEGER,
    evidence_sentence  TEXT NOT NULL,
    evidence_start     INTEGER NOT NULL,
    evidence_end       INTEGER NOT NULL,
    evidence_folded    TEXT NOT NULL,    -- sukien_text::fold(evidence_sentence)
    UNIQUE (document_id, idx)
);
CREATE INDEX events_source_code ON events(source_code);
CREATE INDEX events_target_code ON events(target_code);
CREATE INDEX events_date_from ON events(date_from);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_document ON events(document_id);

CREATE TABLE event_mentions (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    ord         INTEGER NOT NULL,
    sentence    INTEGER NOT NULL,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    trigger     TEXT NOT NULL
);
CREATE INDEX event_mentions_event ON event_mentions(event_id, ord);

-- Full-text search over documents; rowid = documents.id. Diacritics are kept
-- in `title`/`text` (exact search) and removed in `folded` (fold() output),
-- because unicode61's own folding leaves đ alone.
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, folded,
    tokenize = 'unicode61 remove_diacritics 0'
);
-- Documents arrive one transaction at a time: merge index segments less
-- eagerly than the default (4) so that each small commit stays cheap.
INSERT INTO documents_fts(documents_fts, rank) VALUES('automerge', 16);
-- Rows are added by Store::insert (the folded column needs Rust); deletions
-- of documents, however made, are followed here.
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    DELETE FROM documents_fts WHERE rowid = old.id;
END;
"#,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_applies_on_a_fresh_database() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for step in MIGRATIONS {
            conn.execute_batch(step).unwrap();
        }
    }
}

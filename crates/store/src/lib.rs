//! The SQLite store of sukien: analysed articles ([`Analysis`]) with their
//! sentences, entities, dates and events, and the queries the CLI asks.
//!
//! One database file, WAL mode (readers are not blocked by a writer),
//! foreign keys on, schema versioned by `PRAGMA user_version` (see
//! [`schema`]). A document is written in one transaction, whole or not at
//! all; its SHA-256 `hash` is its identity, so ingesting the same text twice
//! is a no-op.
//!
//! Offsets are stored as the model has them: character offsets into the
//! document's normalised text.

mod convert;
mod insert;
mod query;
mod schema;

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use sukien_model::{Event, EventType, Modality};

pub use sukien_model::Analysis;

/// Errors of the store. Messages say what went wrong and with what.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("JSON error in a stored column: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot create the folder of the database {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("the database has schema version {found}, newer than this sukien knows ({supported}); use a newer sukien")]
    NewerSchema { found: i64, supported: i64 },
    #[error("{what} = {value} does not fit in the database")]
    OutOfRange { what: &'static str, value: String },
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error(
        "document key `{key}` is ambiguous: it matches {matches} documents; give more of the hash"
    )]
    Ambiguous { key: String, matches: usize },
}

/// The open store.
pub struct Store {
    conn: Connection,
}

/// Which events [`Store::events`] returns. The default returns them all.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// Every code must be the event's source or target code: two codes give
    /// the dyad in both directions.
    pub actors: Vec<String>,
    /// Any of these types (none: any type).
    pub types: Vec<EventType>,
    /// Keep events whose date range overlaps `[since, until]`; when either
    /// is set, events without a date are left out.
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub modality: Option<Modality>,
    /// A document key, as [`Store::analysis`] takes it. A key that matches
    /// no document gives no events.
    pub document: Option<String>,
    /// Accent- and case-insensitive substring of the evidence sentence.
    pub text: Option<String>,
    pub limit: Option<usize>,
    pub offset: usize,
}

/// The document an event comes from, in short.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRef {
    pub id: i64,
    pub path: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventRow {
    /// Row id of the event in the store.
    pub id: i64,
    pub document: DocumentRef,
    pub event: Event,
}

/// One actor as the whole store knows it: the entities sharing
/// (actor code, canonical name, type) across all documents.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRow {
    /// Actor code of the entity; empty when the entity has none.
    pub code: String,
    pub name: String,
    /// Entity type: `GPE`, `ORG`, `PER` or `LOC`.
    pub kind: String,
    /// Mentions of these entities, all documents together.
    pub mentions: u64,
    /// Documents where they appear.
    pub documents: u64,
    /// Events whose source is one of these entities (by entity index) or,
    /// for GPE/ORG, whose source code and name are this code and name.
    pub events_as_source: u64,
    /// The same for targets.
    pub events_as_target: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DocumentRow {
    pub id: i64,
    pub hash: String,
    pub path: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// `given` or `inferred`.
    pub published_source: Option<String>,
    pub sentences: u64,
    pub entities: u64,
    pub events: u64,
}

/// Rows in each table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub documents: u64,
    pub sentences: u64,
    pub entities: u64,
    pub mentions: u64,
    pub events: u64,
    pub event_mentions: u64,
}

/// Writers wait this long for each other before giving up with "busy".
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

impl Store {
    /// Opens the database at `path`, creating it (and its folder) if needed,
    /// and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: path.display().to_string(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        // journal_mode answers with a row, so it is read, not just set.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // One transaction per document means many small commits: a larger
        // page cache keeps the indexes' hot pages in memory between them.
        conn.pragma_update(None, "cache_size", -32_768)?;
        Store::setup(conn)
    }

    /// A private, temporary store (tests, one-off analyses).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Store::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.set_prepared_statement_cache_capacity(64);
        migrate(&mut conn)?;
        Ok(Store { conn })
    }

    /// Whether a document with this hash is stored.
    pub fn contains(&self, hash: &str) -> Result<bool, StoreError> {
        let found = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE hash = ?1")?
            .query_row([hash], |_| Ok(()))
            .optional()?;
        Ok(found.is_some())
    }

    /// Inserts one analysed document and everything in it in ONE
    /// transaction; returns `Ok(false)` without writing if a document with
    /// the same hash exists.
    pub fn insert(&mut self, a: &Analysis) -> Result<bool, StoreError> {
        let tx = self.conn.transaction()?;
        let inserted = insert::insert_document(&tx, a)?;
        if inserted {
            tx.commit()?;
        }
        // Not inserted: dropping `tx` rolls back (nothing was written anyway).
        Ok(inserted)
    }

    /// Events matching `f`, ordered by date (undated last), document, then
    /// position in the document.
    pub fn events(&self, f: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        query::events(&self.conn, f)
    }

    /// Every actor (entities grouped by actor code, canonical name and
    /// type), most mentioned first.
    pub fn actors(&self) -> Result<Vec<ActorRow>, StoreError> {
        query::actors(&self.conn)
    }

    /// Every document, in ingestion order.
    pub fn documents(&self) -> Result<Vec<DocumentRow>, StoreError> {
        query::documents(&self.conn)
    }

    /// One document rebuilt as a full [`Analysis`].
    ///
    /// `key` is tried as a document id (digits), then as a hash prefix (at
    /// least 6 hex digits; [`StoreError::Ambiguous`] when it fits several),
    /// then as the path as ingested (the latest ingested document wins when
    /// a path was ingested with different contents).
    pub fn analysis(&self, key: &str) -> Result<Option<Analysis>, StoreError> {
        match query::resolve_document(&self.conn, key)? {
            Some(id) => query::analysis(&self.conn, id).map(Some),
            None => Ok(None),
        }
    }

    /// Rows in each table.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            // Table names come from the fixed list below, never from input.
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
            convert::to_u64(n, "row count")
        };
        Ok(Counts {
            documents: count("documents")?,
            sentences: count("sentences")?,
            entities: count("entities")?,
            mentions: count("mentions")?,
            events: count("events")?,
            event_mentions: count("event_mentions")?,
        })
    }

    /// Schema version of the open database (number of migration steps).
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

/// Applies the migration steps the database lacks, one transaction each.
///
/// The version is re-read under a write lock, so two processes opening a
/// new database at once do not both apply a step.
fn migrate(conn: &mut Connection) -> Result<(), StoreError> {
    let supported = schema::MIGRATIONS.len() as i64;
    let read_version = |c: &Connection| -> Result<i64, StoreError> {
        Ok(c.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    };
    let found = read_version(conn)?;
    if found < 0 {
        return Err(StoreError::Corrupt(format!(
            "schema version {found} is negative"
        )));
    }
    if found > supported {
        return Err(StoreError::NewerSchema { found, supported });
    }
    if found == supported {
        return Ok(());
    }
    loop {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = read_version(&tx)?;
        if version > supported {
            return Err(StoreError::NewerSchema {
                found: version,
                supported,
            });
        }
        let index = usize::try_from(version)
            .map_err(|_| StoreError::Corrupt(format!("schema version {version} is negative")))?;
        let Some(step) = schema::MIGRATIONS.get(index) else {
            return Ok(tx.commit()?);
        };
        tx.execute_batch(step)?;
        // PRAGMA takes no bound parameters; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", version + 1))?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests;

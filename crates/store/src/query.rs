//! Reading: events under a filter, actors, documents, whole analyses. All
//! values from the user are bound parameters; only fixed SQL fragments are
//! put together.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};
use sukien_model::{
    Analysis, DateMention, DateRange, Entity, Event, EventActor, EventMention, Evidence, Mention,
    Place, Published, Sentence,
};
use sukien_text::fold;

use crate::convert::{
    date_text, opt_parse_date, opt_to_usize, parse_date, parse_entity_type, parse_event_type,
    parse_modality, parse_precision, parse_published_source, parse_sentence_kind, to_i64, to_u64,
    to_usize,
};
use crate::{ActorRow, DocumentRef, DocumentRow, EventFilter, EventRow, StoreError};

/// The document id a key names: a row id (digits), a hash prefix (at least
/// 6 hex digits) or a path as ingested, tried in that order.
pub(crate) fn resolve_document(conn: &Connection, key: &str) -> Result<Option<i64>, StoreError> {
    if !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(id) = key.parse::<i64>() {
            let found = conn
                .prepare_cached("SELECT id FROM documents WHERE id = ?1")?
                .query_row([id], |r| r.get::<_, i64>(0))
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
    }
    if key.len() >= 6 && key.bytes().all(|b| b.is_ascii_hexdigit()) {
        // Only hex digits, so the pattern has no LIKE wildcards but the
        // trailing one; LIKE is case-insensitive for ASCII.
        let mut stmt =
            conn.prepare_cached("SELECT id FROM documents WHERE hash LIKE ?1 || '%' LIMIT 2")?;
        let ids = stmt
            .query_map([key], |r| r.get::<_, i64>(0))?
            .collect::<Result<Vec<_>, _>>()?;
        match ids.len() {
            0 => {}
            1 => return Ok(ids.first().copied()),
            _ => {
                let matches: i64 = conn.query_row(
                    "SELECT COUNT(*) FROM documents WHERE hash LIKE ?1 || '%'",
                    [key],
                    |r| r.get(0),
                )?;
                return Err(StoreError::Ambiguous {
                    key: key.to_string(),
                    matches: usize::try_from(matches).unwrap_or(usize::MAX),
                });
            }
        }
    }
    Ok(conn
        .prepare_cached("SELECT id FROM documents WHERE path = ?1 ORDER BY id DESC LIMIT 1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

pub(crate) fn events(conn: &Connection, f: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
    let mut sql = String::from(
        "SELECT e.*, d.path AS d_path, d.url AS d_url, d.title AS d_title, d.published AS d_published
         FROM events e JOIN documents d ON d.id = e.document_id
         WHERE 1 = 1",
    );
    let mut args: Vec<Value> = Vec::new();
    for code in &f.actors {
        sql.push_str(" AND (e.source_code = ? OR e.target_code = ?)");
        args.push(Value::Text(code.clone()));
        args.push(Value::Text(code.clone()));
    }
    if !f.types.is_empty() {
        let marks = vec!["?"; f.types.len()].join(", ");
        sql.push_str(&format!(" AND e.type IN ({marks})"));
        args.extend(f.types.iter().map(|t| Value::Text(t.as_str().to_string())));
    }
    // Overlap of [date_from, date_to] with [since, until]; NULL dates fail
    // both comparisons, so undated events drop out.
    if let Some(since) = f.since {
        sql.push_str(" AND e.date_to >= ?");
        args.push(Value::Text(date_text(since)));
    }
    if let Some(until) = f.until {
        sql.push_str(" AND e.date_from <= ?");
        args.push(Value::Text(date_text(until)));
    }
    if let Some(m) = f.modality {
        sql.push_str(" AND e.modality = ?");
        args.push(Value::Text(m.as_str().to_string()));
    }
    if let Some(key) = &f.document {
        match resolve_document(conn, key)? {
            Some(id) => {
                sql.push_str(" AND e.document_id = ?");
                args.push(Value::Integer(id));
            }
            None => return Ok(Vec::new()),
        }
    }
    if let Some(text) = &f.text {
        let needle = fold(text);
        if !needle.is_empty() {
            // instr, not LIKE: no wildcards to escape in the user's text.
            sql.push_str(" AND instr(e.evidence_folded, ?) > 0");
            args.push(Value::Text(needle));
        }
    }
    sql.push_str(
        " ORDER BY e.date_from IS NULL, e.date_from, e.document_id, e.idx LIMIT ? OFFSET ?",
    );
    // LIMIT -1: no limit.
    args.push(Value::Integer(match f.limit {
        Some(n) => to_i64(n, "limit")?,
        None => -1,
    }));
    args.push(Value::Integer(to_i64(f.offset, "offset")?));

    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args.iter()))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let id: i64 = row.get("id")?;
        let document = DocumentRef {
            id: row.get("document_id")?,
            path: row.get("d_path")?,
            url: row.get("d_url")?,
            title: row.get("d_title")?,
            published: opt_parse_date(row.get("d_published")?, "documents.published")?,
        };
        let event = event_from_row(conn, row)?;
        out.push(EventRow {
            id,
            document,
            event,
        });
    }
    Ok(out)
}

/// An event from a row of `events` (selected with `*`), with its mentions.
fn event_from_row(conn: &Connection, row: &Row<'_>) -> Result<Event, StoreError> {
    let id: i64 = row.get("id")?;
    let date = match (
        row.get::<_, Option<String>>("date_from")?,
        row.get::<_, Option<String>>("date_to")?,
        row.get::<_, Option<String>>("date_precision")?,
    ) {
        (Some(from), Some(to), Some(p)) => Some(DateRange {
            from: parse_date(&from, "events.date_from")?,
            to: parse_date(&to, "events.date_to")?,
            precision: parse_precision(&p)?,
        }),
        (None, _, _) => None,
        _ => {
            return Err(StoreError::Corrupt(format!(
                "event {id} has a partial date"
            )))
        }
    };
    let place = match row.get::<_, Option<String>>("place_name")? {
        Some(name) => Some(Place {
            name,
            country: row.get("place_country")?,
            lat: row.get("place_lat")?,
            lon: row.get("place_lon")?,
        }),
        None => None,
    };
    let quad_class: i64 = row.get("quad_class")?;
    let mut mentions = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT sentence, start_char, end_char, trigger FROM event_mentions WHERE event_id = ?1 ORDER BY ord",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(m) = rows.next()? {
        mentions.push(EventMention {
            sentence: to_usize(m.get(0)?, "event_mentions.sentence")?,
            start: to_usize(m.get(1)?, "event_mentions.start_char")?,
            end: to_usize(m.get(2)?, "event_mentions.end_char")?,
            trigger: m.get(3)?,
        });
    }
    Ok(Event {
        kind: parse_event_type(&row.get::<_, String>("type")?)?,
        mode: row.get("mode")?,
        source: EventActor {
            code: row.get("source_code")?,
            name: row.get("source_name")?,
            entity: opt_to_usize(row.get("source_entity")?, "events.source_entity")?,
        },
        target: actor_from_row(row, "target")?,
        date,
        date_basis: row.get("date_basis")?,
        place,
        modality: parse_modality(&row.get::<_, String>("modality")?)?,
        cameo: row.get("cameo")?,
        // NaN is stored as NULL by SQLite; give it back as NaN.
        goldstein: row
            .get::<_, Option<f64>>("goldstein")?
            .map_or(f32::NAN, |g| g as f32),
        quad_class: u8::try_from(quad_class)
            .map_err(|_| StoreError::Corrupt(format!("event {id} has quad class {quad_class}")))?,
        reported_by: actor_from_row(row, "reported_by")?,
        evidence: Evidence {
            sentence: row.get("evidence_sentence")?,
            start: to_usize(row.get("evidence_start")?, "events.evidence_start")?,
            end: to_usize(row.get("evidence_end")?, "events.evidence_end")?,
        },
        mentions,
    })
}

/// The optional actor stored in columns `{prefix}_code/_name/_entity`.
fn actor_from_row(row: &Row<'_>, prefix: &str) -> Result<Option<EventActor>, StoreError> {
    let code: Option<String> = row.get(format!("{prefix}_code").as_str())?;
    let Some(code) = code else { return Ok(None) };
    Ok(Some(EventActor {
        code,
        name: row
            .get::<_, Option<String>>(format!("{prefix}_name").as_str())?
            .unwrap_or_default(),
        entity: opt_to_usize(
            row.get(format!("{prefix}_entity").as_str())?,
            "event actor entity",
        )?,
    }))
}

/// Entities grouped by (actor code or '', canonical name, type). An event
/// counts for a group when its source (target) entity index points at one of
/// the group's entities in the event's document or, for GPE/ORG groups, when
/// its source (target) code and name are the group's; an event matching
/// both ways counts once (UNION removes the duplicate).
const ACTORS_SQL: &str = "
WITH g AS (
    SELECT COALESCE(en.actor, '') AS code, en.name AS name, en.type AS type,
           COUNT(m.id) AS mentions, COUNT(DISTINCT en.document_id) AS documents
    FROM entities en LEFT JOIN mentions m ON m.entity_id = en.id
    GROUP BY 1, 2, 3
),
src AS (
    SELECT ev.id AS event_id, COALESCE(en.actor, '') AS code, en.name AS name, en.type AS type
    FROM events ev JOIN entities en ON en.document_id = ev.document_id AND en.idx = ev.source_entity
    UNION
    SELECT ev.id, g.code, g.name, g.type
    FROM events ev JOIN g ON g.code = ev.source_code AND g.name = ev.source_name
    WHERE g.type IN ('GPE', 'ORG')
),
tgt AS (
    SELECT ev.id AS event_id, COALESCE(en.actor, '') AS code, en.name AS name, en.type AS type
    FROM events ev JOIN entities en ON en.document_id = ev.document_id AND en.idx = ev.target_entity
    UNION
    SELECT ev.id, g.code, g.name, g.type
    FROM events ev JOIN g ON g.code = ev.target_code AND g.name = ev.target_name
    WHERE g.type IN ('GPE', 'ORG')
),
sc AS (SELECT code, name, type, COUNT(*) AS n FROM src GROUP BY 1, 2, 3),
tc AS (SELECT code, name, type, COUNT(*) AS n FROM tgt GROUP BY 1, 2, 3)
SELECT g.code, g.name, g.type, g.mentions, g.documents, COALESCE(sc.n, 0), COALESCE(tc.n, 0)
FROM g
LEFT JOIN sc ON sc.code = g.code AND sc.name = g.name AND sc.type = g.type
LEFT JOIN tc ON tc.code = g.code AND tc.name = g.name AND tc.type = g.type
ORDER BY g.mentions DESC, g.documents DESC, g.code, g.name, g.type";

pub(crate) fn actors(conn: &Connection) -> Result<Vec<ActorRow>, StoreError> {
    let mut stmt = conn.prepare_cached(ACTORS_SQL)?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(ActorRow {
            code: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
            mentions: to_u64(r.get(3)?, "mentions")?,
            documents: to_u64(r.get(4)?, "documents")?,
            events_as_source: to_u64(r.get(5)?, "events as source")?,
            events_as_target: to_u64(r.get(6)?, "events as target")?,
        });
    }
    Ok(out)
}

pub(crate) fn documents(conn: &Connection) -> Result<Vec<DocumentRow>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT d.id, d.hash, d.path, d.url, d.title, d.published, d.published_source,
             (SELECT COUNT(*) FROM sentences s WHERE s.document_id = d.id),
             (SELECT COUNT(*) FROM entities en WHERE en.document_id = d.id),
             (SELECT COUNT(*) FROM events ev WHERE ev.document_id = d.id)
         FROM documents d ORDER BY d.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(DocumentRow {
            id: r.get(0)?,
            hash: r.get(1)?,
            path: r.get(2)?,
            url: r.get(3)?,
            title: r.get(4)?,
            published: opt_parse_date(r.get(5)?, "documents.published")?,
            published_source: r.get(6)?,
            sentences: to_u64(r.get(7)?, "sentences")?,
            entities: to_u64(r.get(8)?, "entities")?,
            events: to_u64(r.get(9)?, "events")?,
        });
    }
    Ok(out)
}

/// The document with row id `doc`, rebuilt whole. The caller has checked
/// that it exists.
pub(crate) fn analysis(conn: &Connection, doc: i64) -> Result<Analysis, StoreError> {
    let mut a = conn
        .prepare_cached(
            "SELECT hash, path, url, title, published, published_source, published_confidence,
                 sources, warnings, text
             FROM documents WHERE id = ?1",
        )?
        .query_row([doc], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<f64>>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, String>(9)?,
            ))
        })
        .map(
            |(hash, path, url, title, published, source, confidence, sources, warnings, text)| {
                let published = match (published, source) {
                    (Some(date), Some(source)) => Some(Published {
                        date: parse_date(&date, "documents.published")?,
                        source: parse_published_source(&source)?,
                        confidence: confidence.map_or(f32::NAN, |c| c as f32),
                    }),
                    (None, _) => None,
                    (Some(_), None) => {
                        return Err(StoreError::Corrupt(format!(
                            "document {doc} has a publication date without its source"
                        )))
                    }
                };
                Ok::<_, StoreError>(Analysis {
                    hash,
                    path,
                    url,
                    title,
                    published,
                    sources: serde_json::from_str(&sources)?,
                    text,
                    sentences: Vec::new(),
                    entities: Vec::new(),
                    dates: Vec::new(),
                    events: Vec::new(),
                    warnings: serde_json::from_str(&warnings)?,
                })
            },
        )??;

    let mut stmt = conn.prepare_cached(
        "SELECT idx, start_char, end_char, kind, text FROM sentences WHERE document_id = ?1 ORDER BY idx",
    )?;
    let mut rows = stmt.query([doc])?;
    while let Some(r) = rows.next()? {
        a.sentences.push(Sentence {
            index: to_usize(r.get(0)?, "sentences.idx")?,
            start: to_usize(r.get(1)?, "sentences.start_char")?,
            end: to_usize(r.get(2)?, "sentences.end_char")?,
            kind: parse_sentence_kind(&r.get::<_, String>(3)?)?,
            text: r.get(4)?,
        });
    }

    let mut stmt = conn.prepare_cached(
        "SELECT id, idx, name, type, actor, sector, kb FROM entities WHERE document_id = ?1 ORDER BY idx",
    )?;
    let mut mention_stmt = conn.prepare_cached(
        "SELECT sentence, start_char, end_char, text FROM mentions WHERE entity_id = ?1 ORDER BY ord",
    )?;
    let mut rows = stmt.query([doc])?;
    while let Some(r) = rows.next()? {
        let row_id: i64 = r.get(0)?;
        let mut mentions = Vec::new();
        let mut mrows = mention_stmt.query([row_id])?;
        while let Some(m) = mrows.next()? {
            mentions.push(Mention {
                sentence: to_usize(m.get(0)?, "mentions.sentence")?,
                start: to_usize(m.get(1)?, "mentions.start_char")?,
                end: to_usize(m.get(2)?, "mentions.end_char")?,
                text: m.get(3)?,
            });
        }
        a.entities.push(Entity {
            id: to_usize(r.get(1)?, "entities.idx")?,
            name: r.get(2)?,
            kind: parse_entity_type(&r.get::<_, String>(3)?)?,
            actor: r.get(4)?,
            sector: r.get(5)?,
            kb: r.get(6)?,
            mentions,
        });
    }

    let mut stmt = conn.prepare_cached(
        "SELECT sentence, start_char, end_char, text, value_from, value_to, value_precision, relative
         FROM dates WHERE document_id = ?1 ORDER BY ord",
    )?;
    let mut rows = stmt.query([doc])?;
    while let Some(r) = rows.next()? {
        let value = match (
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
        ) {
            (Some(from), Some(to), Some(p)) => Some(DateRange {
                from: parse_date(&from, "dates.value_from")?,
                to: parse_date(&to, "dates.value_to")?,
                precision: parse_precision(&p)?,
            }),
            (None, _, _) => None,
            _ => {
                return Err(StoreError::Corrupt(format!(
                    "a date of document {doc} has a partial value"
                )))
            }
        };
        a.dates.push(DateMention {
            sentence: to_usize(r.get(0)?, "dates.sentence")?,
            start: to_usize(r.get(1)?, "dates.start_char")?,
            end: to_usize(r.get(2)?, "dates.end_char")?,
            text: r.get(3)?,
            value,
            relative: r.get(7)?,
        });
    }

    let mut stmt =
        conn.prepare_cached("SELECT * FROM events WHERE document_id = ?1 ORDER BY idx")?;
    let mut rows = stmt.query([doc])?;
    while let Some(r) = rows.next()? {
        a.events.push(event_from_row(conn, r)?);
    }
    Ok(a)
}

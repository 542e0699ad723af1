//! Writing one analysed document. The caller owns the transaction.

use rusqlite::{params, Connection};
use sukien_model::{Analysis, EventActor};
use sukien_text::fold;

use crate::convert::{date_text, opt_to_i64, to_i64};
use crate::StoreError;

/// Writes `a` and everything in it; `Ok(false)` (nothing written) when a
/// document with its hash is already stored.
pub(crate) fn insert_document(conn: &Connection, a: &Analysis) -> Result<bool, StoreError> {
    let published = a.published.as_ref();
    // ON CONFLICT DO NOTHING rather than a check first: also right when
    // another process stores the same document between check and insert.
    let added = conn
        .prepare_cached(
            "INSERT INTO documents (hash, path, url, title, published, published_source,
                 published_confidence, sources, warnings, text, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT(hash) DO NOTHING",
        )?
        .execute(params![
            a.hash,
            a.path,
            a.url,
            a.title,
            published.map(|p| date_text(p.date)),
            published.map(|p| p.source.as_str()),
            published.map(|p| f64::from(p.confidence)),
            serde_json::to_string(&a.sources)?,
            serde_json::to_string(&a.warnings)?,
            a.text,
            chrono::Utc::now().to_rfc3339(),
        ])?;
    if added == 0 {
        return Ok(false);
    }
    let doc = conn.last_insert_rowid();

    conn.prepare_cached(
        "INSERT INTO documents_fts (rowid, title, text, folded) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        doc,
        a.title,
        a.text,
        // The title is folded too, so a folded search finds it.
        match &a.title {
            Some(t) => format!("{}\n{}", fold(t), fold(&a.text)),
            None => fold(&a.text),
        },
    ])?;

    let mut sentence = conn.prepare_cached(
        "INSERT INTO sentences (document_id, idx, start_char, end_char, kind, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for s in &a.sentences {
        sentence.execute(params![
            doc,
            to_i64(s.index, "sentence index")?,
            to_i64(s.start, "sentence start")?,
            to_i64(s.end, "sentence end")?,
            s.kind.as_str(),
            s.text,
        ])?;
    }

    let mut entity = conn.prepare_cached(
        "INSERT INTO entities (document_id, idx, name, type, actor, sector, kb)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut mention = conn.prepare_cached(
        "INSERT INTO mentions (entity_id, ord, sentence, start_char, end_char, text)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for e in &a.entities {
        entity.execute(params![
            doc,
            to_i64(e.id, "entity id")?,
            e.name,
            e.kind.as_str(),
            e.actor,
            e.sector,
            e.kb,
        ])?;
        let entity_row = conn.last_insert_rowid();
        for (ord, m) in e.mentions.iter().enumerate() {
            mention.execute(params![
                entity_row,
                to_i64(ord, "mention position")?,
                to_i64(m.sentence, "mention sentence")?,
                to_i64(m.start, "mention start")?,
                to_i64(m.end, "mention end")?,
                m.text,
            ])?;
        }
    }

    let mut date = conn.prepare_cached(
        "INSERT INTO dates (document_id, ord, sentence, start_char, end_char, text,
             value_from, value_to, value_precision, relative)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for (ord, d) in a.dates.iter().enumerate() {
        date.execute(params![
            doc,
            to_i64(ord, "date position")?,
            to_i64(d.sentence, "date sentence")?,
            to_i64(d.start, "date start")?,
            to_i64(d.end, "date end")?,
            d.text,
            d.value.map(|v| date_text(v.from)),
            d.value.map(|v| date_text(v.to)),
            d.value.map(|v| v.precision.as_str()),
            d.relative,
        ])?;
    }

    let mut event = conn.prepare_cached(
        "INSERT INTO events (document_id, idx, type, mode,
             source_code, source_name, source_entity,
             target_code, target_name, target_entity,
             date_from, date_to, date_precision, date_basis,
             place_name, place_country, place_lat, place_lon,
             modality, cameo, goldstein, quad_class,
             reported_by_code, reported_by_name, reported_by_entity,
             evidence_sentence, evidence_start, evidence_end, evidence_folded)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                 ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)",
    )?;
    let mut event_mention = conn.prepare_cached(
        "INSERT INTO event_mentions (event_id, ord, sentence, start_char, end_char, trigger)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for (idx, ev) in a.events.iter().enumerate() {
        let (target_code, target_name, target_entity) =
            actor_columns(ev.target.as_ref(), "target entity")?;
        let (reporter_code, reporter_name, reporter_entity) =
            actor_columns(ev.reported_by.as_ref(), "reported_by entity")?;
        let place = ev.place.as_ref();
        event.execute(params![
            doc,
            to_i64(idx, "event position")?,
            ev.kind.as_str(),
            ev.mode,
            ev.source.code,
            ev.source.name,
            opt_to_i64(ev.source.entity, "source entity")?,
            target_code,
            target_name,
            target_entity,
            ev.date.map(|d| date_text(d.from)),
            ev.date.map(|d| date_text(d.to)),
            ev.date.map(|d| d.precision.as_str()),
            ev.date_basis,
            place.map(|p| p.name.as_str()),
            place.and_then(|p| p.country.as_deref()),
            place.and_then(|p| p.lat),
            place.and_then(|p| p.lon),
            ev.modality.as_str(),
            ev.cameo,
            f64::from(ev.goldstein),
            ev.quad_class,
            reporter_code,
            reporter_name,
            reporter_entity,
            ev.evidence.sentence,
            to_i64(ev.evidence.start, "evidence start")?,
            to_i64(ev.evidence.end, "evidence end")?,
            fold(&ev.evidence.sentence),
        ])?;
        let event_row = conn.last_insert_rowid();
        for (ord, m) in ev.mentions.iter().enumerate() {
            event_mention.execute(params![
                event_row,
                to_i64(ord, "event mention position")?,
                to_i64(m.sentence, "event mention sentence")?,
                to_i64(m.start, "event mention start")?,
                to_i64(m.end, "event mention end")?,
                m.trigger,
            ])?;
        }
    }
    Ok(true)
}

type ActorColumns<'a> = (Option<&'a str>, Option<&'a str>, Option<i64>);

/// The three columns of an optional event actor; all NULL when absent.
fn actor_columns<'a>(
    actor: Option<&'a EventActor>,
    what: &'static str,
) -> Result<ActorColumns<'a>, StoreError> {
    Ok(match actor {
        Some(a) => (
            Some(a.code.as_str()),
            Some(a.name.as_str()),
            opt_to_i64(a.entity, what)?,
        ),
        None => (None, None, None),
    })
}

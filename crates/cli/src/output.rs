//! Listing formats of `events`, `actors` and `docs`: aligned table, JSON
//! (one object per line, for other programs) and CSV with a header row.

use std::io::Write;

use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};
use sukien_model::{DateRange, EventActor, Precision};
use sukien_store::{ActorRow, DocumentRow, EventRow};

use crate::{Failure, ListFormat};

/// Width assumed when the terminal does not say (`COLUMNS`).
const DEFAULT_WIDTH: usize = 120;
/// The last (free-text) column never gets narrower than this.
const MIN_LAST_WIDTH: usize = 20;
/// Actor cells in the events table are cut to this many characters.
const ACTOR_WIDTH: usize = 20;

/// Writes to stdout; a write error (closed pipe) becomes a [`Failure`].
pub fn write_out(s: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn date_str(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// A date range the way a reader writes it: `2023-01-29`, `2023-01`,
/// `2023`, or `2023-01-29..2023-01-30`.
pub fn range_str(r: &DateRange) -> String {
    let (f, t) = (r.from, r.to);
    let whole_month = f.day() == 1
        && (f.year(), f.month()) == (t.year(), t.month())
        && t.succ_opt().is_none_or(|n| n.day() == 1);
    let whole_year =
        f.ordinal() == 1 && f.year() == t.year() && t.succ_opt().is_none_or(|n| n.ordinal() == 1);
    if r.from == r.to {
        r.from.to_string()
    } else if r.precision == Precision::Month && whole_month {
        r.from.format("%Y-%m").to_string()
    } else if r.precision == Precision::Year && whole_year {
        r.from.format("%Y").to_string()
    } else {
        format!("{}..{}", r.from, r.to)
    }
}

/// [`range_str`] for a table cell: a range within one month keeps only
/// the day of its end (`2024-04-08..14`).
fn short_range_str(r: &DateRange) -> String {
    let full = range_str(r);
    if full.contains("..") && (r.from.year(), r.from.month()) == (r.to.year(), r.to.month()) {
        format!("{}..{:02}", r.from, r.to.day())
    } else {
        full
    }
}

fn actor_json(a: &EventActor) -> Value {
    json!({ "code": a.code, "name": a.name })
}

/// The JSON object of one event (the fields the export format promises).
pub fn event_json(row: &EventRow) -> Value {
    let e = &row.event;
    json!({
        "id": row.id,
        "document": {
            "id": row.document.id,
            "path": row.document.path,
            "url": row.document.url,
            "title": row.document.title,
            "published": row.document.published.map(|d| d.to_string()),
        },
        "type": e.kind.as_str(),
        "mode": e.mode,
        "source": actor_json(&e.source),
        "target": e.target.as_ref().map(actor_json),
        "date": e.date.map(|d| json!({
            "from": d.from.to_string(),
            "to": d.to.to_string(),
            "precision": d.precision.as_str(),
        })),
        "date_basis": e.date_basis,
        "place": e.place,
        "modality": e.modality.as_str(),
        "reported_by": e.reported_by.as_ref().map(actor_json),
        "cameo": e.cameo,
        "goldstein": e.goldstein,
        "quad_class": e.quad_class,
        "evidence": {
            "sentence": e.evidence.sentence,
            "start": e.evidence.start,
            "end": e.evidence.end,
        },
        "mentions": e.mentions,
    })
}

pub fn document_json(d: &DocumentRow) -> Value {
    json!({
        "id": d.id,
        "hash": d.hash,
        "path": d.path,
        "url": d.url,
        "title": d.title,
        "published": d.published.map(|p| p.to_string()),
        "published_source": d.published_source,
        "sentences": d.sentences,
        "entities": d.entities,
        "events": d.events,
    })
}

pub fn actor_row_json(a: &ActorRow) -> Value {
    json!({
        // An entity without an actor code has an empty code in the store.
        "code": if a.code.is_empty() { None } else { Some(&a.code) },
        "name": a.name,
        "type": a.kind,
        "mentions": a.mentions,
        "documents": a.documents,
        "events_as_source": a.events_as_source,
        "events_as_target": a.events_as_target,
    })
}

fn json_lines(values: impl Iterator<Item = Value>) -> String {
    let mut s = String::new();
    for v in values {
        s.push_str(&v.to_string());
        s.push('\n');
    }
    s
}

fn csv_text(header: &[&str], rows: &[Vec<String>]) -> Result<String, Failure> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let fail = |e: csv::Error| Failure::runtime(format!("cannot write CSV: {e}"));
    w.write_record(header).map_err(fail)?;
    for r in rows {
        w.write_record(r).map_err(fail)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Failure::runtime(format!("cannot write CSV: {e}")))?;
    String::from_utf8(bytes).map_err(|e| Failure::runtime(format!("cannot write CSV: {e}")))
}

/// Cuts `s` to `width` characters, marking the cut with `…`; newlines become spaces.
pub fn truncate(s: &str, width: usize) -> String {
    let flat: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() <= width {
        return flat;
    }
    let mut out: String = flat.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Cuts `s` to `width` characters from the left: the end of a path is what tells files apart.
pub fn truncate_left(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n <= width {
        return s.to_string();
    }
    let keep = width.saturating_sub(1);
    let mut out = String::from("…");
    out.extend(s.chars().skip(n - keep));
    out
}

/// Aligned columns; the LAST column is cut so that lines fit `width`.
pub fn table(header: &[&str], rows: &[Vec<String>], width: usize) -> String {
    let n = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, cell) in r.iter().enumerate().take(n) {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    if n > 0 {
        let fixed: usize = widths[..n - 1].iter().map(|w| w + 2).sum();
        let last = width.saturating_sub(fixed).max(MIN_LAST_WIDTH);
        widths[n - 1] = widths[n - 1].min(last);
    }
    let mut out = String::new();
    let mut line = |cells: &[String]| {
        let mut l = String::new();
        for (i, cell) in cells.iter().enumerate().take(n) {
            let cell = truncate(cell, widths[i]);
            if i + 1 == n {
                l.push_str(&cell);
            } else {
                let pad = widths[i] - cell.chars().count();
                l.push_str(&cell);
                l.push_str(&" ".repeat(pad + 2));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>());
    for r in rows {
        line(r);
    }
    out
}

/// A table followed by a line that counts its rows.
fn counted_table(header: &[&str], cells: &[Vec<String>], noun: &str) -> String {
    let mut t = table(header, cells, terminal_width());
    t.push_str(&format!("{} {noun}\n", cells.len()));
    t
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&w| w >= 40)
        .unwrap_or(DEFAULT_WIDTH)
}

fn actor_cell(a: Option<&EventActor>) -> String {
    match a {
        None => "-".to_string(),
        Some(a) if a.name.is_empty() || a.name == a.code => a.code.clone(),
        Some(a) => format!("{} ({})", a.code, a.name),
    }
}

pub fn events(rows: &[EventRow], format: ListFormat) -> Result<(), Failure> {
    let text = match format {
        ListFormat::Json => json_lines(rows.iter().map(event_json)),
        ListFormat::Table => {
            let header = [
                "ID", "DATE", "TYPE", "SOURCE", "TARGET", "MODALITY", "DOC", "EVIDENCE",
            ];
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let e = &r.event;
                    vec![
                        r.id.to_string(),
                        e.date
                            .as_ref()
                            .map(short_range_str)
                            .unwrap_or_else(|| "-".into()),
                        e.kind.as_str().to_string(),
                        truncate(&actor_cell(Some(&e.source)), ACTOR_WIDTH),
                        truncate(&actor_cell(e.target.as_ref()), ACTOR_WIDTH),
                        e.modality.as_str().to_string(),
                        r.document.id.to_string(),
                        e.evidence.sentence.clone(),
                    ]
                })
                .collect();
            counted_table(&header, &cells, "events")
        }
        ListFormat::Csv => {
            let header = [
                "id",
                "document_id",
                "document_path",
                "document_url",
                "document_title",
                "published",
                "type",
                "mode",
                "source_code",
                "source_name",
                "target_code",
                "target_name",
                "date_from",
                "date_to",
                "date_precision",
                "place",
                "modality",
                "cameo",
                "goldstein",
                "quad_class",
                "evidence",
            ];
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| {
                    let e = &r.event;
                    vec![
                        r.id.to_string(),
                        r.document.id.to_string(),
                        r.document.path.clone(),
                        r.document.url.clone().unwrap_or_default(),
                        r.document.title.clone().unwrap_or_default(),
                        date_str(r.document.published),
                        e.kind.as_str().to_string(),
                        e.mode.clone().unwrap_or_default(),
                        e.source.code.clone(),
                        e.source.name.clone(),
                        e.target
                            .as_ref()
                            .map(|t| t.code.clone())
                            .unwrap_or_default(),
                        e.target
                            .as_ref()
                            .map(|t| t.name.clone())
                            .unwrap_or_default(),
                        date_str(e.date.map(|d| d.from)),
                        date_str(e.date.map(|d| d.to)),
                        e.date
                            .map(|d| d.precision.as_str().to_string())
                            .unwrap_or_default(),
                        e.place.as_ref().map(|p| p.name.clone()).unwrap_or_default(),
                        e.modality.as_str().to_string(),
                        e.cameo.clone(),
                        e.goldstein.to_string(),
                        e.quad_class.to_string(),
                        e.evidence.sentence.clone(),
                    ]
                })
                .collect();
            csv_text(&header, &cells)?
        }
    };
    write_out(&text)
}

pub fn actors(rows: &[ActorRow], format: ListFormat) -> Result<(), Failure> {
    let cells = || -> Vec<Vec<String>> {
        rows.iter()
            .map(|a| {
                vec![
                    a.code.clone(),
                    a.kind.clone(),
                    a.mentions.to_string(),
                    a.documents.to_string(),
                    a.events_as_source.to_string(),
                    a.events_as_target.to_string(),
                    a.name.clone(),
                ]
            })
            .collect()
    };
    let text = match format {
        ListFormat::Json => json_lines(rows.iter().map(actor_row_json)),
        ListFormat::Table => {
            let header = [
                "CODE",
                "TYPE",
                "MENTIONS",
                "DOCS",
                "AS SOURCE",
                "AS TARGET",
                "NAME",
            ];
            counted_table(&header, &cells(), "actors")
        }
        ListFormat::Csv => {
            let header = [
                "code",
                "type",
                "mentions",
                "documents",
                "events_as_source",
                "events_as_target",
                "name",
            ];
            csv_text(&header, &cells())?
        }
    };
    write_out(&text)
}

pub fn documents(rows: &[DocumentRow], format: ListFormat) -> Result<(), Failure> {
    let text = match format {
        ListFormat::Json => json_lines(rows.iter().map(document_json)),
        ListFormat::Table => {
            let header = [
                "ID",
                "PUBLISHED",
                "SOURCE",
                "SENTS",
                "ENTS",
                "EVENTS",
                "PATH",
                "TITLE",
            ];
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|d| {
                    vec![
                        d.id.to_string(),
                        d.published
                            .map(|p| p.to_string())
                            .unwrap_or_else(|| "-".into()),
                        d.published_source.clone().unwrap_or_else(|| "-".into()),
                        d.sentences.to_string(),
                        d.entities.to_string(),
                        d.events.to_string(),
                        truncate_left(&d.path, 40),
                        d.title.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            counted_table(&header, &cells, "documents")
        }
        ListFormat::Csv => {
            let header = [
                "id",
                "hash",
                "path",
                "url",
                "title",
                "published",
                "published_source",
                "sentences",
                "entities",
                "events",
            ];
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|d| {
                    vec![
                        d.id.to_string(),
                        d.hash.clone(),
                        d.path.clone(),
                        d.url.clone().unwrap_or_default(),
                        d.title.clone().unwrap_or_default(),
                        date_str(d.published),
                        d.published_source.clone().unwrap_or_default(),
                        d.sentences.to_string(),
                        d.entities.to_string(),
                        d.events.to_string(),
                    ]
                })
                .collect();
            csv_text(&header, &cells)?
        }
    };
    write_out(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_print_at_their_precision() {
        let r = |a: &str, b: &str, p| DateRange {
            from: d(a),
            to: d(b),
            precision: p,
        };
        assert_eq!(
            range_str(&r("2023-01-29", "2023-01-29", Precision::Day)),
            "2023-01-29"
        );
        assert_eq!(
            range_str(&r("2023-02-01", "2023-02-28", Precision::Month)),
            "2023-02"
        );
        assert_eq!(
            range_str(&r("2024-01-01", "2024-12-31", Precision::Year)),
            "2024"
        );
        assert_eq!(
            range_str(&r("2023-01-29", "2023-01-30", Precision::Day)),
            "2023-01-29..2023-01-30"
        );
        let span = r("2023-01-29", "2023-01-30", Precision::Day);
        assert_eq!(short_range_str(&span), "2023-01-29..30");
        let span = r("2023-01-29", "2023-02-01", Precision::Week);
        assert_eq!(short_range_str(&span), "2023-01-29..2023-02-01");
    }

    #[test]
    fn truncation_counts_characters_not_bytes() {
        assert_eq!(truncate("Bình Nhưỡng", 20), "Bình Nhưỡng");
        assert_eq!(truncate("Bình Nhưỡng", 6), "Bình …");
        assert_eq!(truncate("a\nb", 5), "a b");
        assert_eq!(truncate_left("dir/Hà Nội.txt", 8), "…Nội.txt");
        assert_eq!(truncate_left("a.txt", 8), "a.txt");
    }

    #[test]
    fn table_aligns_and_cuts_the_last_column() {
        let rows = vec![
            vec!["1".to_string(), "Hà Nội".to_string(), "x".repeat(100)],
            vec!["22".to_string(), "Huế".to_string(), "short".to_string()],
        ];
        let t = table(&["ID", "PLACE", "TEXT"], &rows, 50);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "ID  PLACE   TEXT");
        assert!(lines[1].chars().count() <= 50, "{}", lines[1]);
        assert!(lines[1].ends_with('…'));
        assert_eq!(lines[2], "22  Huế     short");
    }
}

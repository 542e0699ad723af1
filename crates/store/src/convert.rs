//! Conversions between model values and column values. Every conversion that
//! can fail says which value failed; none panics.

use chrono::NaiveDate;
use sukien_model::{EntityType, EventType, Modality, Precision, PublishedSource, SentenceKind};

use crate::StoreError;

/// A count or offset, as SQLite's signed 64-bit integer.
pub(crate) fn to_i64(v: usize, what: &'static str) -> Result<i64, StoreError> {
    i64::try_from(v).map_err(|_| StoreError::OutOfRange {
        what,
        value: v.to_string(),
    })
}

pub(crate) fn opt_to_i64(v: Option<usize>, what: &'static str) -> Result<Option<i64>, StoreError> {
    v.map(|v| to_i64(v, what)).transpose()
}

pub(crate) fn to_usize(v: i64, what: &str) -> Result<usize, StoreError> {
    usize::try_from(v)
        .map_err(|_| StoreError::Corrupt(format!("{what} = {v} is not a valid offset or index")))
}

pub(crate) fn opt_to_usize(v: Option<i64>, what: &str) -> Result<Option<usize>, StoreError> {
    v.map(|v| to_usize(v, what)).transpose()
}

pub(crate) fn to_u64(v: i64, what: &str) -> Result<u64, StoreError> {
    u64::try_from(v).map_err(|_| StoreError::Corrupt(format!("{what} = {v} is negative")))
}

/// Dates are stored as ISO `YYYY-MM-DD` text, so that they sort and compare
/// as text (for years 0–9999, which is all news needs).
pub(crate) fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_date(s: &str, what: &str) -> Result<NaiveDate, StoreError> {
    s.parse::<NaiveDate>()
        .map_err(|e| StoreError::Corrupt(format!("{what} = `{s}` is not a date: {e}")))
}

pub(crate) fn opt_parse_date(
    s: Option<String>,
    what: &str,
) -> Result<Option<NaiveDate>, StoreError> {
    s.map(|s| parse_date(&s, what)).transpose()
}

pub(crate) fn parse_precision(s: &str) -> Result<Precision, StoreError> {
    Precision::parse(s).ok_or_else(|| StoreError::Corrupt(format!("unknown date precision `{s}`")))
}

pub(crate) fn parse_sentence_kind(s: &str) -> Result<SentenceKind, StoreError> {
    Ok(match s {
        "title" => SentenceKind::Title,
        "body" => SentenceKind::Body,
        "caption" => SentenceKind::Caption,
        "boilerplate" => SentenceKind::Boilerplate,
        _ => return Err(StoreError::Corrupt(format!("unknown sentence kind `{s}`"))),
    })
}

pub(crate) fn parse_entity_type(s: &str) -> Result<EntityType, StoreError> {
    Ok(match s {
        "PER" => EntityType::PER,
        "ORG" => EntityType::ORG,
        "GPE" => EntityType::GPE,
        "LOC" => EntityType::LOC,
        _ => return Err(StoreError::Corrupt(format!("unknown entity type `{s}`"))),
    })
}

pub(crate) fn parse_published_source(s: &str) -> Result<PublishedSource, StoreError> {
    Ok(match s {
        "given" => PublishedSource::Given,
        "inferred" => PublishedSource::Inferred,
        _ => {
            return Err(StoreError::Corrupt(format!(
                "unknown publication date source `{s}`"
            )))
        }
    })
}

pub(crate) fn parse_event_type(s: &str) -> Result<EventType, StoreError> {
    // EventType::parse is case-insensitive; the store writes upper case only.
    EventType::parse(s).ok_or_else(|| StoreError::Corrupt(format!("unknown event type `{s}`")))
}

pub(crate) fn parse_modality(s: &str) -> Result<Modality, StoreError> {
    Modality::parse(s).ok_or_else(|| StoreError::Corrupt(format!("unknown modality `{s}`")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precisions_round_trip() {
        for p in [
            Precision::Day,
            Precision::Week,
            Precision::Month,
            Precision::Quarter,
            Precision::Year,
            Precision::Decade,
        ] {
            assert_eq!(parse_precision(p.as_str()).unwrap(), p);
        }
        assert!(parse_precision("fortnight").is_err());
    }

    #[test]
    fn dates_round_trip_and_sort_as_text() {
        let a = NaiveDate::from_ymd_opt(2024, 1, 9).unwrap();
        let b = NaiveDate::from_ymd_opt(2024, 10, 1).unwrap();
        assert_eq!(parse_date(&date_text(a), "d").unwrap(), a);
        assert!(date_text(a) < date_text(b));
        assert!(parse_date("2024-13-01", "d").is_err());
    }

    #[test]
    fn out_of_range_values_are_errors_not_panics() {
        assert!(to_i64(usize::MAX, "x").is_err());
        assert!(to_usize(-1, "x").is_err());
        assert!(to_u64(-1, "x").is_err());
        for k in ["title", "body", "caption", "boilerplate"] {
            assert_eq!(parse_sentence_kind(k).unwrap().as_str(), k);
        }
        for k in ["PER", "ORG", "GPE", "LOC"] {
            assert_eq!(parse_entity_type(k).unwrap().as_str(), k);
        }
        assert!(parse_entity_type("NORP").is_err());
    }
}

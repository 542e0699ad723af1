//! Vietnamese temporal expressions for news text.
//!
//! * [`tag`] finds date expressions (`ngày 29/1`, `tháng 9.2023`, `năm ngoái`,
//!   `từ 15 đến 17/1`, `kéo dài 3 ngày`) and normalises them against the
//!   publication date.
//! * [`infer_publication`] guesses the publication date of an undated
//!   article from its URL and the dates its text mentions.
//! * [`parse_date_arg`] reads dates as users and metadata write them.
//!
//! All offsets are byte offsets into the (already normalised) text.

mod infer;
mod lex;
mod parse;
mod tagger;

use chrono::NaiveDate;
pub use sukien_model::{DateRange, Precision};

pub use infer::{infer_publication, InferredDate};
pub use parse::parse_date_arg;

/// What a time expression denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeKind {
    /// One day, week, month, … (`ngày 29/1`, `năm ngoái`).
    Point,
    /// An explicit span (`từ 15 đến 17/1`, `1950 - 1953`, `hai năm qua`).
    Range,
    /// A length of time (`kéo dài 3 ngày`): no value unless anchored.
    Duration,
}

/// A date expression found in text.
#[derive(Debug, Clone, PartialEq)]
pub struct TimeExpr {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    pub text: String,
    /// The calendar span; None when a relative form has no anchor, or for
    /// a bare duration.
    pub value: Option<DateRange>,
    /// The value depends on the anchor (`năm ngoái`, `29/1` without year).
    pub relative: bool,
    pub kind: TimeKind,
    /// For durations (`kéo dài 3 ngày` = 3); months count 30 days, years 365.
    pub duration_days: Option<u32>,
}

/// Finds date expressions in one sentence (or any text) and normalises
/// them against `anchor` (the publication date).
///
/// Matches are non-overlapping and leftmost-longest. A day and month
/// without a year take the year that puts them on or before the anchor
/// (up to a few days after it), unless a future marker (`sẽ`, `dự kiến`,
/// `kế hoạch`, `sắp`) precedes them in the same sentence: then the next
/// occurrence wins.
pub fn tag(text: &str, anchor: Option<NaiveDate>) -> Vec<TimeExpr> {
    tagger::scan(text)
        .into_iter()
        .map(|r| {
            let (value, relative) = tagger::resolve(&r.val, anchor, r.future);
            TimeExpr {
                start: r.start,
                end: r.end,
                text: text[r.start..r.end].to_string(),
                value,
                relative,
                kind: r.val.kind(),
                duration_days: r.val.duration_days(),
            }
        })
        .collect()
}

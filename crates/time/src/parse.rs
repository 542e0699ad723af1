//! Dates as users and metadata write them.

use chrono::{DateTime, NaiveDateTime};
use sukien_model::{DateRange, Precision};

use crate::tagger::{month_range, year_range, ymd};

/// Parses `2023-01-29`, `2023-01`, `2023`, `20201001`, `29/01/2023`,
/// `29-01-2023`, `01/2023`, RFC 3339 / RFC 2822 datetimes and
/// `2023-01-29 10:30[:00]` into a range with its precision. Datetimes keep
/// the calendar date as written (its own offset), not UTC.
pub fn parse_date_arg(s: &str) -> Option<DateRange> {
    let s = s.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return day(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return day(dt.date_naive());
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, f) {
            return day(dt.date());
        }
    }
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    if digits(s) {
        return match s.len() {
            4 => year_range(s.parse().ok()?),
            6 => month_range(s[..4].parse().ok()?, s[4..].parse().ok()?),
            8 => day(ymd(
                s[..4].parse().ok()?,
                s[4..6].parse().ok()?,
                s[6..].parse().ok()?,
            )?),
            // Dantri-style timestamps: YYYYMMDDhhmmss…
            12..=20 => day(ymd(
                s[..4].parse().ok()?,
                s[4..6].parse().ok()?,
                s[6..8].parse().ok()?,
            )?),
            _ => None,
        };
    }
    let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
    if !parts.iter().all(|p| digits(p)) {
        return None;
    }
    let n = |p: &str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => day(ymd(y.parse().ok()?, n(m)?, n(d)?)?),
        [d, m, y] if y.len() == 4 && d.len() <= 2 => day(ymd(y.parse().ok()?, n(m)?, n(d)?)?),
        [y, m] if y.len() == 4 && m.len() <= 2 => month_range(y.parse().ok()?, n(m)?),
        [m, y] if y.len() == 4 && m.len() <= 2 => month_range(y.parse().ok()?, n(m)?),
        _ => None,
    }
}

fn day(d: chrono::NaiveDate) -> Option<DateRange> {
    Some(DateRange {
        from: d,
        to: d,
        precision: Precision::Day,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<(String, String, Precision)> {
        parse_date_arg(s).map(|r| (r.from.to_string(), r.to.to_string(), r.precision))
    }

    #[test]
    fn formats() {
        let d = |a: &str| Some((a.to_string(), a.to_string(), Precision::Day));
        assert_eq!(p("2023-01-29"), d("2023-01-29"));
        assert_eq!(p("20201001"), d("2020-10-01"));
        assert_eq!(p("29/01/2023"), d("2023-01-29"));
        assert_eq!(p("29-1-2023"), d("2023-01-29"));
        assert_eq!(p("2023-01-29T23:30:00+07:00"), d("2023-01-29"));
        assert_eq!(p("Sun, 29 Jan 2023 10:00:00 +0700"), d("2023-01-29"));
        assert_eq!(p("2023-01-29 10:30:00"), d("2023-01-29"));
        assert_eq!(p("20201001163534963"), d("2020-10-01"));
        assert_eq!(
            p("2023-01"),
            Some(("2023-01-01".into(), "2023-01-31".into(), Precision::Month))
        );
        assert_eq!(
            p("01/2023"),
            Some(("2023-01-01".into(), "2023-01-31".into(), Precision::Month))
        );
        assert_eq!(
            p("2023"),
            Some(("2023-01-01".into(), "2023-12-31".into(), Precision::Year))
        );
        assert_eq!(p("2023-02-30"), None);
        assert_eq!(p("hôm qua"), None);
        assert_eq!(p(""), None);
        assert_eq!(p("202"), None);
    }
}

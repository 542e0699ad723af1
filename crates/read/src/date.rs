//! Lenient parsing of the publication dates found in article metadata.

use chrono::{DateTime, NaiveDate};

/// Years outside this range are treated as noise (phone numbers, ids) rather than dates.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// Parses a publication date as it appears in metadata.
///
/// Accepts compact `20201001` (also with a time part such as `20201001163534`),
/// ISO `2023-01-29` (also followed by a time), RFC 3339 and RFC 2822 date-times
/// (the date is taken in the offset given, i.e. the local date of the publisher),
/// and day-first `29/01/2023`, `29-1-2023`, `29.01.2023` anywhere in the string
/// (as in Vietnamese bylines such as `Chủ nhật, 29/1/2023, 10:30 (GMT+7)`).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(dt.date_naive());
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(dt.date_naive());
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        // Compact dates, optionally with hhmm or hhmmss appended.
        if matches!(s.len(), 8 | 12 | 14) {
            return ymd(
                s[..4].parse().ok()?,
                s[4..6].parse().ok()?,
                s[6..8].parse().ok()?,
            );
        }
        return None;
    }
    scan_numeric_date(s)
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    if !YEARS.contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// Finds the first `Y-M-D` or `D/M/Y` group of three digit runs joined by the same separator.
fn scan_numeric_date(s: &str) -> Option<NaiveDate> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_run = bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit());
        if starts_run {
            if let Some(date) = date_at(bytes, i) {
                return Some(date);
            }
        }
        i += 1;
    }
    None
}

fn digit_run(bytes: &[u8], start: usize) -> (u32, usize) {
    let mut value: u32 = 0;
    let mut end = start;
    while end < bytes.len() && bytes[end].is_ascii_digit() && end - start < 9 {
        value = value * 10 + u32::from(bytes[end] - b'0');
        end += 1;
    }
    (value, end)
}

fn date_at(bytes: &[u8], start: usize) -> Option<NaiveDate> {
    let (a, a_end) = digit_run(bytes, start);
    let sep = *bytes.get(a_end)?;
    if !matches!(sep, b'/' | b'-' | b'.') {
        return None;
    }
    let (b, b_end) = digit_run(bytes, a_end + 1);
    if b_end == a_end + 1 || bytes.get(b_end) != Some(&sep) {
        return None;
    }
    let (c, c_end) = digit_run(bytes, b_end + 1);
    if c_end == b_end + 1 || bytes.get(c_end).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (a_len, b_len, c_len) = (a_end - start, b_end - a_end - 1, c_end - b_end - 1);
    let year = |v: u32| i32::try_from(v).ok();
    match (a_len, b_len, c_len) {
        (4, 1..=2, 1..=2) => ymd(year(a)?, b, c),
        (1..=2, 1..=2, 4) => ymd(year(c)?, b, a),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn accepted_forms() {
        assert_eq!(parse_date("20201001"), d(2020, 10, 1));
        assert_eq!(parse_date("20201001163534"), d(2020, 10, 1));
        assert_eq!(parse_date("2023-01-29"), d(2023, 1, 29));
        assert_eq!(parse_date(" 2023-01-29T23:30:00+07:00 "), d(2023, 1, 29));
        assert_eq!(parse_date("2023-01-29T10:00:00"), d(2023, 1, 29));
        assert_eq!(parse_date("2023-01-29 10:00"), d(2023, 1, 29));
        assert_eq!(
            parse_date("Sun, 29 Jan 2023 10:00:00 +0700"),
            d(2023, 1, 29)
        );
        assert_eq!(parse_date("29/01/2023"), d(2023, 1, 29));
        assert_eq!(
            parse_date("Chủ nhật, 29/1/2023, 10:30 (GMT+7)"),
            d(2023, 1, 29)
        );
        assert_eq!(parse_date("29.01.2023"), d(2023, 1, 29));
        assert_eq!(parse_date("2023/1/9"), d(2023, 1, 9));
    }

    #[test]
    fn rejected_forms() {
        for s in [
            "",
            "  ",
            "2023-01",
            "99999999",
            "31/02/2023",
            "29/01-2023",
            "hôm qua",
            "1234",
            "12/12/12",
        ] {
            assert_eq!(parse_date(s), None, "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC*") {
            let _ = parse_date(&s);
        }
    }
}

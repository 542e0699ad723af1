//! Table-driven checks: tests/expressions.tsv holds
//! `text, anchor, span, from, to, precision` (`-` = none; span `NONE` =
//! nothing may be tagged).

use chrono::NaiveDate;
use sukien_time::{tag, Precision, TimeKind};

fn precision(s: &str) -> Option<Precision> {
    Precision::parse(s)
}

#[test]
fn expression_table() {
    let table = include_str!("expressions.tsv");
    let mut rows = 0;
    let mut failures = Vec::new();
    for (n, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        rows += 1;
        let anchor = NaiveDate::parse_from_str(cols[1], "%Y-%m-%d").ok();
        let got = tag(cols[0], anchor);
        let show = |g: &[sukien_time::TimeExpr]| {
            g.iter()
                .map(|e| {
                    format!(
                        "{:?}={:?}",
                        e.text,
                        e.value
                            .map(|v| (v.from.to_string(), v.to.to_string(), v.precision))
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        if cols[2] == "NONE" {
            if !got.is_empty() {
                failures.push(format!(
                    "line {}: {:?} expected nothing, got {}",
                    n + 1,
                    cols[0],
                    show(&got)
                ));
            }
            continue;
        }
        let Some(e) = got.iter().find(|e| e.text == cols[2]) else {
            failures.push(format!(
                "line {}: {:?} no span {:?}; got {}",
                n + 1,
                cols[0],
                cols[2],
                show(&got)
            ));
            continue;
        };
        let want = if cols[3] == "-" {
            None
        } else {
            Some((cols[3].to_string(), cols[4].to_string(), precision(cols[5])))
        };
        let have = e
            .value
            .map(|v| (v.from.to_string(), v.to.to_string(), Some(v.precision)));
        if want != have {
            failures.push(format!(
                "line {}: {:?}: want {want:?}, got {have:?}",
                n + 1,
                cols[0]
            ));
        }
    }
    for f in &failures {
        println!("{f}");
    }
    println!("{rows} rows, {} failures", failures.len());
    assert!(rows >= 150, "only {rows} rows");
    assert!(failures.is_empty());
}

#[test]
fn kinds_and_durations() {
    let d = NaiveDate::from_ymd_opt(2023, 1, 30);
    let e = tag("thăm Hàn Quốc trong hai ngày, từ ngày 29/1.", d);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].kind, TimeKind::Range);
    let e = tag("chuyến thăm kéo dài 3 ngày", d);
    assert_eq!(
        (e[0].kind, e[0].duration_days, e[0].value),
        (TimeKind::Duration, Some(3), None)
    );
    let e = tag("sau 5 năm ba tháng", d);
    assert_eq!(e[0].duration_days, Some(5 * 365 + 90));
    let e = tag("1950 - 1953", None);
    assert_eq!(e[0].kind, TimeKind::Range);
    let e = tag("năm ngoái", d);
    assert!(e[0].relative);
    let e = tag("năm 2020", d);
    assert!(!e[0].relative);
    let e = tag("ngày 29/1", None);
    assert!(e[0].relative && e[0].value.is_none());
}

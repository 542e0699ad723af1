//! Table-driven tests of event coding through the whole pipeline, on short
//! texts written for the purpose (`coding_cases.txt`).

use chrono::NaiveDate;
use sukien_core::Pipeline;
use sukien_model::Analysis;
use sukien_read::{Format, RawDocument};

struct Case {
    line: usize,
    text: String,
    date: NaiveDate,
    want: Vec<String>,
    not: Vec<String>,
}

fn cases() -> Vec<Case> {
    let src = include_str!("coding_cases.txt");
    let mut out = Vec::new();
    let mut cur: Option<Case> = None;
    for (i, line) in src.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        if line.is_empty() {
            out.extend(cur.take());
            continue;
        }
        let (key, value) = line.split_once(':').unwrap_or_else(|| panic!("line {}: expected `key: value`", i + 1));
        let value = value.trim().to_string();
        let case = cur.get_or_insert_with(|| Case {
            line: i + 1,
            text: String::new(),
            date: NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
            want: Vec::new(),
            not: Vec::new(),
        });
        match key {
            "text" => case.text = value,
            "date" => case.date = value.parse().unwrap_or_else(|_| panic!("line {}: bad date", i + 1)),
            "want" => case.want.push(value),
            "not" => case.not.push(value),
            k => panic!("line {}: unknown key {k}", i + 1),
        }
    }
    out.extend(cur);
    out
}

fn compact(a: &Analysis) -> Vec<(String, String, String, String, String)> {
    a.events
        .iter()
        .map(|e| {
            (
                e.kind.to_string(),
                e.source.code.clone(),
                e.target.as_ref().map(|t| t.code.clone()).unwrap_or_else(|| "-".into()),
                e.date.map(|d| d.from.to_string()).unwrap_or_else(|| "-".into()),
                e.modality.as_str().to_string(),
            )
        })
        .collect()
}

#[test]
fn coding_cases() {
    let pipeline = Pipeline::new();
    let mut failures = Vec::new();
    for case in cases() {
        let doc = RawDocument {
            published: Some(case.date),
            text: case.text.clone(),
            ..RawDocument::empty(format!("case@{}", case.line), Format::Text)
        };
        let got = compact(&pipeline.analyze(&doc));
        for w in &case.want {
            let f: Vec<&str> = w.split_whitespace().collect();
            let hit = got.iter().any(|g| {
                g.0 == f[0] && g.1 == f[1] && g.2 == f[2] && (f.len() < 4 || g.3 == f[3]) && (f.len() < 5 || g.4 == f[4])
            });
            if !hit {
                failures.push(format!("line {}: missing `{w}` in {got:?}\n  {}", case.line, case.text));
            }
        }
        for n in &case.not {
            let f: Vec<&str> = n.split_whitespace().collect();
            let hit = got
                .iter()
                .any(|g| g.0 == f[0] && (f[1] == "-" || g.1 == f[1]) && (f[2] == "-" || g.2 == f[2]) && (f.len() < 4 || g.4 == f[3]));
            if hit {
                failures.push(format!("line {}: unwanted `{n}` in {got:?}\n  {}", case.line, case.text));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

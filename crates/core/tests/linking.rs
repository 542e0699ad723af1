//! Mention → actor cases through the whole pipeline: which knowledge-base
//! entry, actor, sector and type a mention resolves to in context. The cases
//! are short texts written for this project from public facts, a file per
//! region in `tests/linking/` (format in `tests/linking/README.md`).
//! `LINKING_ONLY=russia` runs the files whose name contains `russia`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use sukien_core::Pipeline;
use sukien_model::{Analysis, Entity};
use sukien_read::{Format, RawDocument};

/// What a resolved mention must (or must not) be.
#[derive(Debug)]
struct Expect {
    line: usize,
    negated: bool,
    mention: String,
    fields: Vec<(String, String)>,
}

#[derive(Debug)]
struct Case {
    file: String,
    line: usize,
    text: String,
    date: Option<NaiveDate>,
    expects: Vec<Expect>,
}

fn parse(file: &str, src: &str) -> Result<Vec<Case>, String> {
    let mut out = Vec::new();
    let mut cur: Option<Case> = None;
    for (i, line) in src.lines().enumerate() {
        let (n, line) = (i + 1, line.trim());
        if line.starts_with('#') {
            continue;
        }
        if line.is_empty() {
            out.extend(cur.take());
            continue;
        }
        let (key, value) = line.split_once(':').ok_or_else(|| format!("{file}:{n}: expected `key: value`"))?;
        let value = value.trim();
        let case = cur.get_or_insert_with(|| Case { file: file.to_string(), line: n, text: String::new(), date: None, expects: Vec::new() });
        match key.trim() {
            "text" => case.text = value.to_string(),
            "date" => case.date = Some(value.parse().map_err(|_| format!("{file}:{n}: bad date `{value}`"))?),
            k @ ("is" | "not") => {
                let (mention, want) = value.split_once("=>").ok_or_else(|| format!("{file}:{n}: expected `MENTION => field=value; …`"))?;
                let mut fields = Vec::new();
                for part in want.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                    let (f, v) = part.split_once('=').ok_or_else(|| format!("{file}:{n}: expected field=value, found `{part}`"))?;
                    let f = f.trim();
                    if !matches!(f, "kb" | "actor" | "sector" | "type") {
                        return Err(format!("{file}:{n}: unknown field `{f}` (kb, actor, sector, type)"));
                    }
                    fields.push((f.to_string(), v.trim().to_string()));
                }
                if fields.is_empty() {
                    return Err(format!("{file}:{n}: nothing expected"));
                }
                case.expects.push(Expect { line: n, negated: k == "not", mention: sukien_text::normalize(mention.trim()), fields });
            }
            k => return Err(format!("{file}:{n}: unknown key `{k}` (text, date, is, not)")),
        }
    }
    out.extend(cur);
    for c in &out {
        if c.text.is_empty() || c.expects.is_empty() {
            return Err(format!("{}:{}: a case needs `text:` and at least one `is:` or `not:`", c.file, c.line));
        }
    }
    Ok(out)
}

fn value<'a>(e: &'a Entity, field: &str) -> Option<&'a str> {
    match field {
        "kb" => e.kb.as_deref(),
        "actor" => e.actor.as_deref(),
        "sector" => e.sector.as_deref(),
        "type" => Some(e.kind.as_str()),
        _ => None,
    }
}

/// The entity whose mention overlaps most of the first occurrence of
/// `mention` in the text (the shortest such mention on a tie).
fn resolve<'a>(a: &'a Analysis, mention: &str) -> Option<(&'a Entity, &'a str)> {
    let at = a.text.find(mention)?;
    // mention offsets count characters
    let start = a.text[..at].chars().count();
    let end = start + mention.chars().count();
    a.entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
        .filter(|(_, m)| m.start < end && start < m.end)
        .max_by_key(|(_, m)| (m.end.min(end) - m.start.max(start), std::cmp::Reverse(m.end - m.start)))
        .map(|(e, m)| (e, m.text.as_str()))
}

fn describe(e: &Entity) -> String {
    format!(
        "kb={}; actor={}; sector={}; type={}",
        e.kb.as_deref().unwrap_or("-"),
        e.actor.as_deref().unwrap_or("-"),
        e.sector.as_deref().unwrap_or("-"),
        e.kind.as_str()
    )
}

fn case_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/linking");
    let only = std::env::var("LINKING_ONLY").unwrap_or_default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains(&only)))
        .collect();
    files.sort();
    files
}

#[test]
fn linking_cases() {
    let pipeline = Pipeline::new();
    let (mut checked, mut failures) = (0, Vec::new());
    for path in case_files() {
        let name = path.file_name().unwrap_or_default().to_string_lossy().to_string();
        let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let cases = parse(&name, &src).unwrap_or_else(|e| panic!("{e}"));
        for case in cases {
            let doc = RawDocument {
                published: case.date,
                text: case.text.clone(),
                ..RawDocument::empty(format!("{}:{}", case.file, case.line), Format::Text)
            };
            let a = pipeline.analyze(&doc);
            for x in &case.expects {
                checked += 1;
                let found = resolve(&a, &x.mention);
                let ok = match (found, x.negated) {
                    (Some((e, _)), false) => x.fields.iter().all(|(f, v)| value(e, f) == Some(v.as_str())),
                    (None, false) => false,
                    (Some((e, _)), true) => !x.fields.iter().all(|(f, v)| value(e, f) == Some(v.as_str())),
                    (None, true) => true,
                };
                if !ok {
                    let got = found.map_or("no entity".to_string(), |(e, m)| format!("`{m}`: {}", describe(e)));
                    failures.push(format!(
                        "{}:{}: {} `{}` => {:?}; got {got}",
                        case.file,
                        x.line,
                        if x.negated { "not" } else { "is" },
                        x.mention,
                        x.fields
                    ));
                }
            }
        }
    }
    println!("{checked} mention cases checked, {} failed", failures.len());
    assert!(failures.is_empty(), "{} of {checked} linking cases failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_case_format_is_checked() {
    assert!(parse("x", "text: a\nis: a => kb=A\n").is_ok());
    assert!(parse("x", "text: a\nis: a => colour=red\n").unwrap_err().contains("x:2"));
    assert!(parse("x", "text: a\nis: a\n").is_err());
    assert!(parse("x", "date: 2024-01-01\nis: a => kb=A\n").is_err());
    assert!(parse("x", "text: a\ndate: 2024-13-01\n").unwrap_err().contains("bad date"));
}

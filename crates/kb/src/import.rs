//! Importing PETRARCH / Phoenix actor dictionaries into the project's block
//! format (`data/README.md`), so that users extend the knowledge base
//! without rebuilding: `sukien kb import Phoenix.Countries.actors.txt -o
//! phoenix.txt`, then `sukien --kb phoenix.txt …`.
//!
//! A Phoenix record is one or more phrase lines (`VLADIMIR_PUTIN_`, then
//! `+PUTIN_` synonyms) followed by tab-indented date restrictions
//! (`[RUSGOV 991231-080507]`). The code is a country (first three letters)
//! and an agent (`GOV`, `MIL`, `ELI` …). Each person becomes a block with an
//! actor, a sector and one dated role per restriction that is an office;
//! English title phrases (`PRESIDENT_PUTIN_`) are dropped, since they never
//! occur in Vietnamese text. Records already in the knowledge base, country
//! records and records without dates are skipped and counted.

use chrono::NaiveDate;

use crate::{Kb, Office};

/// What an import produced.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Imported {
    /// The blocks, in the project's format.
    pub text: String,
    pub people: usize,
    pub roles: usize,
    /// Records whose name the knowledge base already has.
    pub known: usize,
    /// Country records (`AFGHANISTAN_ [AFG]`): the knowledge base has every state.
    pub countries: usize,
    /// Records with no date restriction and no code (nothing to import).
    pub without_dates: usize,
    /// Lines that could not be read, as `line N: message`.
    pub problems: Vec<String>,
}

/// One dated code of a record.
#[derive(Debug, Clone, PartialEq)]
struct Restriction {
    code: String,
    from: Option<NaiveDate>,
    /// Inclusive in Phoenix; made exclusive when written.
    to: Option<NaiveDate>,
}

#[derive(Debug, Default)]
struct Record {
    line: usize,
    phrases: Vec<String>,
    code: Option<String>,
    restrictions: Vec<Restriction>,
}

/// English words of titles and descriptions: a phrase with one of them is
/// not a name.
const NOT_NAME_WORDS: &[&str] = &[
    "PRESIDENT",
    "PRIME",
    "MINISTER",
    "SECRETARY",
    "GENERAL",
    "KING",
    "QUEEN",
    "PRINCE",
    "PRINCESS",
    "LEADER",
    "CHAIRMAN",
    "CHIEF",
    "DEPUTY",
    "FOREIGN",
    "DEFENSE",
    "DEFENCE",
    "SPOKESMAN",
    "SPOKESWOMAN",
    "AMBASSADOR",
    "SENATOR",
    "GOVERNOR",
    "MAYOR",
    "COMMANDER",
    "OF",
    "THE",
    "FORMER",
    "PARTY",
    "ARMY",
    "GOVERNMENT",
    "MR",
    "MRS",
    "MS",
    "DR",
    "SIR",
    "LORD",
    "SHEIKH",
    "EMIR",
    "SULTAN",
    "CROWN",
    "VICE",
    "HEAD",
    "STATE",
    "REPUBLIC",
    "FEDERATION",
    "FEDERATED",
    "OFFICIAL",
    "AND",
];

/// Reads a Phoenix actor dictionary and writes its people as blocks, leaving
/// out what `known` already has.
pub fn import_phoenix(source: &str, known: &Kb) -> Imported {
    let mut out = Imported::default();
    let records = read_records(source, &mut out.problems);
    // forms already written, as the recogniser compares them
    let mut used = std::collections::HashSet::new();
    let canonical = |n: &str| -> String {
        n.to_lowercase()
            .split(|c: char| c.is_whitespace() || c == '-' || c == '.')
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    for record in records {
        if record.code.as_deref().is_some_and(|c| c.len() == 3) {
            out.countries += 1;
            continue;
        }
        let restrictions: Vec<&Restriction> = record
            .restrictions
            .iter()
            .filter(|r| r.from.is_some() || r.to.is_some())
            .collect();
        if restrictions.is_empty() {
            out.without_dates += 1;
            continue;
        }
        let names: Vec<String> = record.phrases.iter().filter_map(|p| name_of(p)).collect();
        let Some(key) = names.first().cloned() else {
            out.without_dates += 1;
            continue;
        };
        let taken = |n: &String| {
            known.find_person_by_name(n).is_some()
                || known.by_key(n).is_some()
                || known
                    .recognize(n, NaiveDate::MIN)
                    .iter()
                    .any(|r| r.end - r.start == n.len())
        };
        if taken(&key) || names.iter().any(|n| known.find_person_by_name(n).is_some()) {
            out.known += 1;
            continue;
        }
        if !used.insert(canonical(&key)) {
            out.problems.push(format!(
                "line {}: `{key}` again; the first record kept",
                record.line
            ));
            continue;
        }
        // the latest dated code says whom the person belongs to now
        let latest = restrictions
            .iter()
            .max_by_key(|r| r.from.or(r.to))
            .map(|r| r.code.as_str())
            .unwrap_or_default();
        let (actor, sector) = split_code(latest);
        let aliases: Vec<&String> = names[1..]
            .iter()
            .filter(|n| used.insert(canonical(n)))
            .filter(|n| {
                known
                    .recognize(n, NaiveDate::MIN)
                    .iter()
                    .all(|r| r.end - r.start < n.len())
            })
            .collect();
        let mut block = format!("[{key}] PER\nactor: {actor}\n");
        if !sector.is_empty() {
            block.push_str(&format!("sector: {sector}\n"));
        }
        if !aliases.is_empty() {
            let list: Vec<&str> = aliases.iter().map(|a| a.as_str()).collect();
            block.push_str(&format!("alias: {}\n", list.join("; ")));
        }
        for r in &restrictions {
            let (of, agent) = split_code(&r.code);
            let Some(office) = office_of(agent) else {
                continue;
            };
            let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            // Phoenix's last day is inclusive, ours is the first day out
            let to = r.to.and_then(|d| d.succ_opt());
            block.push_str(&format!(
                "role: {} {of} {}..{}\n",
                office.as_str(),
                day(r.from),
                day(to)
            ));
            out.roles += 1;
        }
        block.push_str(&format!(
            "note: imported from a Phoenix dictionary (line {}, {})\n\n",
            record.line, latest
        ));
        out.text.push_str(&block);
        out.people += 1;
    }
    out
}

fn split_code(code: &str) -> (&str, &str) {
    if code.len() >= 6 && code.is_char_boundary(3) && code.is_char_boundary(6) {
        (&code[..3], &code[3..6])
    } else {
        (code, "")
    }
}

/// The office a Phoenix agent code stands for, if it is one.
fn office_of(agent: &str) -> Option<Office> {
    match agent {
        "GOV" | "JUD" => Some(Office::Official),
        "MIL" => Some(Office::Military),
        "LEG" => Some(Office::Legislator),
        _ => None,
    }
}

/// `BORIS_N._YELTSIN_` → `Boris N. Yeltsin`; `None` for a title phrase or a
/// single word.
fn name_of(phrase: &str) -> Option<String> {
    let words: Vec<&str> = phrase
        .split(['_', ' '])
        .map(|w| w.trim_matches(','))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 || words.len() > 5 {
        return None;
    }
    if words
        .iter()
        .any(|w| NOT_NAME_WORDS.contains(&w.trim_end_matches('.').to_uppercase().as_str()))
    {
        return None;
    }
    if !words.iter().all(|w| {
        w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
    }) {
        return None;
    }
    let title = |w: &str| -> String {
        let mut out = String::with_capacity(w.len());
        let mut start = true;
        for c in w.chars() {
            if start {
                out.extend(c.to_uppercase());
            } else {
                out.extend(c.to_lowercase());
            }
            start = matches!(c, '-' | '\'' | '.');
        }
        out
    };
    Some(words.iter().map(|w| title(w)).collect::<Vec<_>>().join(" "))
}

/// Parses `YYMMDD` or `YYYYMMDD` (two-digit years up to 30 are 20xx).
fn parse_day(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, rest[..2].parse().ok()?, rest[2..].parse().ok()?)
}

/// `[RUSGOV 991231-080507]`, `[RUSGOV >080508]`, `[EGYGOV > 140608]`, `[RUSELI]`.
fn parse_restriction(body: &str) -> Result<Restriction, String> {
    let body = body.trim();
    let (code, when) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
    if code.is_empty()
        || !code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Err(format!("`{code}` is not an actor code"));
    }
    let when: String = when.chars().filter(|c| !c.is_whitespace()).collect();
    let bad = || format!("cannot read the dates `{when}`");
    let (from, to) = if when.is_empty() {
        (None, None)
    } else if let Some(d) = when.strip_prefix('>') {
        (Some(parse_day(d).ok_or_else(bad)?), None)
    } else if let Some(d) = when.strip_prefix('<') {
        (None, Some(parse_day(d).ok_or_else(bad)?))
    } else {
        let (a, b) = when.split_once('-').ok_or_else(bad)?;
        let (a, b) = (parse_day(a).ok_or_else(bad)?, parse_day(b).ok_or_else(bad)?);
        if b < a {
            return Err(format!("the dates `{when}` end before they start"));
        }
        (Some(a), Some(b))
    };
    Ok(Restriction {
        code: code.to_string(),
        from,
        to,
    })
}

fn read_records(source: &str, problems: &mut Vec<String>) -> Vec<Record> {
    let mut records = Vec::new();
    let mut cur = Record::default();
    // a phrase line after restrictions starts a new record
    let mut dated = false;
    for (i, raw) in source.lines().enumerate() {
        let n = i + 1;
        let line = raw.split('#').next().unwrap_or("");
        // `;` also starts a comment in TABARI-era files
        let line = line.split(';').next().unwrap_or("");
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with(['\t', ' ']);
        let trimmed = line.trim();
        if indented && trimmed.starts_with('[') {
            let Some(body) = trimmed.strip_prefix('[').and_then(|t| t.split(']').next()) else {
                problems.push(format!("line {n}: unclosed `[`"));
                continue;
            };
            match parse_restriction(body) {
                Ok(r) => cur.restrictions.push(r),
                Err(e) => problems.push(format!("line {n}: {e}")),
            }
            dated = true;
            continue;
        }
        let (phrase, inline) = match trimmed.split_once('[') {
            Some((p, rest)) => (p.trim(), rest.split(']').next().map(str::trim)),
            None => (trimmed, None),
        };
        let phrase = phrase.trim_start_matches('+').trim();
        let synonym = trimmed.starts_with('+');
        if (dated || inline.is_some() || (!synonym && cur.code.is_some()))
            && !cur.phrases.is_empty()
        {
            records.push(std::mem::take(&mut cur));
            dated = false;
        }
        if cur.phrases.is_empty() {
            cur.line = n;
        }
        if let Some(code) = inline.filter(|c| !c.is_empty()) {
            cur.code = Some(code.split_whitespace().next().unwrap_or(code).to_string());
        }
        if !phrase.is_empty() {
            cur.phrases.push(phrase.to_string());
        }
    }
    if !cur.phrases.is_empty() {
        records.push(cur);
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sample in the Phoenix layout, written for this test\n\
RURITANIA_  [RUR]\n+RURITANIAN_\n\n\
ANNA_MARIA_KOVAC_  # note\n+ANNA_KOVAC_\n+PRESIDENT_ANNA_KOVAC_\n+KOVAC_\n\
\t[RURELI 700101-991231]\n\t[RURGOV 20000101-20041231]\n\t[RURGOV >090301]\n\t[RURELI]\n\
PETER_NOVAK_\nPETER_J._NOVAK\n\t[RURMIL 010101-031231]\n\
\t[RURGOV 050101-040101]\n\
SOMEONE_UNDATED_\n";

    fn kb() -> Kb {
        Kb::load(&[]).0
    }

    #[test]
    fn people_with_dated_offices() {
        let out = import_phoenix(SAMPLE, &kb());
        assert_eq!(out.countries, 1);
        assert_eq!(out.people, 2, "{}", out.text);
        assert_eq!(out.without_dates, 1);
        assert!(
            out.text
                .contains("[Anna Maria Kovac] PER\nactor: RUR\nsector: GOV\nalias: Anna Kovac\n"),
            "{}",
            out.text
        );
        assert!(out
            .text
            .contains("role: Official RUR 2000-01-01..2005-01-01\n"));
        assert!(out.text.contains("role: Official RUR 2009-03-01..\n"));
        assert!(!out.text.contains("President"));
        assert!(out.text.contains("[Peter Novak] PER\nactor: RUR\nsector: MIL\nalias: Peter J. Novak\nrole: Military RUR 2001-01-01..2004-01-01\n"));
        assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
        assert!(out.problems[0].contains("end before they start"));
    }

    #[test]
    fn the_output_loads_as_a_knowledge_base_file() {
        let out = import_phoenix(SAMPLE, &kb());
        let (kb, errors) = Kb::load(&[("phoenix.txt", &out.text)]);
        assert!(errors.is_empty(), "{errors:?}");
        let anna = kb.by_key("Anna Maria Kovac").unwrap();
        let on = NaiveDate::from_ymd_opt(2003, 6, 1).unwrap();
        assert_eq!(
            kb.offices_of(anna, on),
            vec![(Office::Official, "RUR".to_string())]
        );
        assert!(kb
            .offices_of(anna, NaiveDate::from_ymd_opt(2007, 1, 1).unwrap())
            .is_empty());
    }

    #[test]
    fn names_and_dates() {
        assert_eq!(
            name_of("BORIS_N._YELTSIN").as_deref(),
            Some("Boris N. Yeltsin")
        );
        assert_eq!(name_of("PRESIDENT_YELTSIN"), None);
        assert_eq!(name_of("YELTSIN_"), None);
        assert_eq!(parse_day("991231"), NaiveDate::from_ymd_opt(1999, 12, 31));
        assert_eq!(parse_day("080507"), NaiveDate::from_ymd_opt(2008, 5, 7));
        assert_eq!(parse_day("20121207"), NaiveDate::from_ymd_opt(2012, 12, 7));
        assert_eq!(parse_day("991331"), None);
        assert!(parse_restriction("EGYGOV > 140608").is_ok());
        assert!(parse_restriction("egy 1").is_err());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "(\\PC|\t|\n|\\[|\\]|\\+|_|-|>|<|[0-9]){0,300}") {
            let _ = import_phoenix(&s, &kb());
        }
    }
}

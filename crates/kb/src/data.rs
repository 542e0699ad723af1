//! Parsers for the plain-text data files (format in `data/README.md`).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sukien_model::EntityType;

use crate::{Entity, EntityId, How, Office, Role};

/// A problem in a data file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// One surface form of an entity and how it refers to it.
#[derive(Debug, Clone)]
pub(crate) struct AliasEntry {
    pub entity: EntityId,
    pub text: String,
    pub how: How,
    /// Where it was written, for collision messages.
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TitleKind {
    /// A title naming an office (`Ngoại trưởng`).
    Office(Office),
    /// `ông`, `bà`: marks a following name, names no office.
    Honorific,
}

#[derive(Debug, Clone)]
pub(crate) struct TitleEntry {
    pub text: String,
    pub kind: TitleKind,
    /// May be followed by a few lower-case words before its body or country
    /// (`Chủ tịch Ủy ban đối ngoại Duma Quốc gia`).
    pub complement: bool,
    /// The state or organisation the title names by itself, when no
    /// country follows (`Nhật hoàng`, `Người phát ngôn Điện Kremlin`).
    pub actor: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct BodyEntry {
    pub text: String,
    pub sector: Option<String>,
    pub kind: EntityType,
    /// Says nothing without a following country (`quan chức`, `sân bay`).
    pub needs_country: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    pub aliases: Vec<AliasEntry>,
    pub titles: Vec<TitleEntry>,
    pub bodies: Vec<BodyEntry>,
    pub blockers: Vec<String>,
    pub not_names: Vec<String>,
}

#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub entities: Vec<Entity>,
    pub lexicon: Lexicon,
}

struct Ctx<'a> {
    file: &'a str,
    errors: &'a mut Vec<DataError>,
}

impl Ctx<'_> {
    fn err(&mut self, line: usize, message: impl Into<String>) {
        self.errors.push(DataError {
            file: self.file.to_string(),
            line,
            message: message.into(),
        });
    }
}

/// The format of a data file, from its name: `places.txt`, `places-asia.txt`
/// and `data/places/seas.txt` are all places; anything else is blocks.
fn format_of(file: &str) -> &'static str {
    const LINE_FORMATS: [&str; 6] = [
        "states", "places", "titles", "bodies", "blockers", "notnames",
    ];
    let path = std::path::Path::new(file);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or(file);
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("");
    LINE_FORMATS
        .into_iter()
        .find(|f| name.starts_with(f) || folder == *f)
        .unwrap_or("blocks")
}

/// Parses every file; the file name picks the format.
pub(crate) fn parse_all(files: &[(&str, &str)]) -> (Parsed, Vec<DataError>) {
    let mut parsed = Parsed::default();
    let mut errors = Vec::new();
    let mut keys: HashMap<String, (String, usize)> = HashMap::new();
    for (file, text) in files {
        let mut cx = Ctx {
            file,
            errors: &mut errors,
        };
        let before = parsed.entities.len();
        match format_of(file) {
            "states" => parse_states(text, &mut parsed, &mut cx),
            "places" => parse_places(text, &mut parsed, &mut cx),
            "titles" => parse_titles(text, &mut parsed.lexicon, &mut cx),
            "bodies" => parse_bodies(text, &mut parsed.lexicon, &mut cx),
            "blockers" => {
                for (_, line) in lines(text) {
                    parsed.lexicon.blockers.push(norm(line));
                }
            }
            "notnames" => {
                for (n, line) in lines(text) {
                    if line.contains(' ') {
                        cx.err(n, "one word a line");
                        continue;
                    }
                    parsed.lexicon.not_names.push(norm(line));
                }
            }
            _ => parse_blocks(text, &mut parsed, &mut cx),
        }
        // Keys are unique across all files.
        for e in &parsed.entities[before..] {
            let line = parsed
                .lexicon
                .aliases
                .iter()
                .find(|a| a.entity == e.id)
                .map_or(0, |a| a.line);
            if let Some((f0, l0)) = keys.get(&e.key) {
                errors.push(DataError {
                    file: file.to_string(),
                    line,
                    message: format!("duplicate key {:?} (first at {f0}:{l0})", e.key),
                });
            } else {
                keys.insert(e.key.clone(), (file.to_string(), line));
            }
        }
    }
    (parsed, errors)
}

/// Non-empty, non-comment lines with 1-based numbers, trimmed.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

fn norm(s: &str) -> String {
    sukien_text::normalize(s.trim())
}

fn split_list(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(';')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(norm)
}

fn parse_kind(s: &str) -> Option<EntityType> {
    match s {
        "PER" => Some(EntityType::PER),
        "ORG" => Some(EntityType::ORG),
        "GPE" => Some(EntityType::GPE),
        "LOC" => Some(EntityType::LOC),
        _ => None,
    }
}

fn parse_coords(s: &str) -> Result<(f64, f64), String> {
    let (a, b) = s
        .split_once(',')
        .ok_or_else(|| format!("coordinates {s:?} are not `lat, lon`"))?;
    let lat: f64 = a
        .trim()
        .parse()
        .map_err(|_| format!("bad latitude {a:?}"))?;
    let lon: f64 = b
        .trim()
        .parse()
        .map_err(|_| format!("bad longitude {b:?}"))?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!("coordinates {s:?} out of range"));
    }
    Ok((lat, lon))
}

/// `YYYY-MM-DD`, `YYYY-MM` (first of the month) or `YYYY` (1 January).
fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| format!("bad date {s:?}"));
    let (y, m, d) = match parts.as_slice() {
        [y] => (num(y)?, 1, 1),
        [y, m] => (num(y)?, num(m)?, 1),
        [y, m, d] => (num(y)?, num(m)?, num(d)?),
        _ => return Err(format!("bad date {s:?}")),
    };
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| format!("no such date {s:?}"))
}

/// `Office OF FROM..TO`, dates optional on either side.
fn parse_role(s: &str) -> Result<Role, String> {
    let mut it = s.split_whitespace();
    let office = it.next().ok_or("empty role")?;
    let office = Office::parse(office).ok_or_else(|| format!("unknown office {office:?}"))?;
    let of = it
        .next()
        .ok_or("role lacks the actor code it belongs to")?
        .to_string();
    let span = it.next().unwrap_or("..");
    if it.next().is_some() {
        return Err(format!("trailing words in role {s:?}"));
    }
    let (a, b) = span
        .split_once("..")
        .ok_or_else(|| format!("role period {span:?} is not FROM..TO"))?;
    let from = if a.is_empty() {
        None
    } else {
        Some(parse_date(a)?)
    };
    let to = if b.is_empty() {
        None
    } else {
        Some(parse_date(b)?)
    };
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err(format!("role ends before it starts: {span}"));
        }
    }
    Ok(Role {
        office,
        of,
        from,
        to,
    })
}

fn all_caps(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !s.chars().any(|c| c.is_lowercase())
}

fn new_entity(parsed: &Parsed, key: &str, name: &str, kind: EntityType) -> Entity {
    Entity::bare(parsed.entities.len() as EntityId, key, name, kind)
}

/// Adds a surface form to `e` (kept in `e.aliases`) and to the lexicon.
fn add_alias(lex: &mut Lexicon, e: &mut Entity, text: String, how: How, file: &str, line: usize) {
    if text.is_empty() || e.aliases.contains(&text) {
        return;
    }
    let how = if how == How::Name && all_caps(&text) {
        How::Abbreviation
    } else {
        how
    };
    e.aliases.push(text.clone());
    lex.aliases.push(AliasEntry {
        entity: e.id,
        text,
        how,
        file: file.to_string(),
        line,
    });
}

/// `CODE | English name | aliases | Capital; capital aliases @ lat, lon`
fn parse_states(text: &str, parsed: &mut Parsed, cx: &mut Ctx) {
    for (n, line) in lines(text) {
        let f: Vec<&str> = line.split('|').map(str::trim).collect();
        if f.len() < 3 || f.len() > 5 {
            cx.err(
                n,
                format!("expected 3 to 5 `|`-separated fields, found {}", f.len()),
            );
            continue;
        }
        let code = f[0];
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            cx.err(
                n,
                format!("state code {code:?} is not three capital letters"),
            );
            continue;
        }
        let mut st = new_entity(parsed, code, f[1], EntityType::GPE);
        st.actor = Some(code.to_string());
        st.sector = Some("GOV".to_string());
        // the fifth field: the state's centre, where events in the state are placed
        if let Some(c) = f.get(4).filter(|c| !c.is_empty()) {
            match parse_coords(c) {
                Ok(c) => st.coords = Some(c),
                Err(m) => cx.err(n, m),
            }
        }
        let mut demonyms = Vec::new();
        for a in std::iter::once(norm(f[1])).chain(split_list(f[2])) {
            // Demonyms from short, fully capitalised names: `người Nga`.
            let words: Vec<&str> = a.split(' ').collect();
            if words.len() <= 3
                && !all_caps(&a)
                && words
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            {
                demonyms.push(format!("người {a}"));
            }
            add_alias(&mut parsed.lexicon, &mut st, a, How::Name, cx.file, n);
        }
        for d in demonyms {
            add_alias(&mut parsed.lexicon, &mut st, d, How::Demonym, cx.file, n);
        }
        let capital = f.get(3).filter(|c| !c.is_empty()).map(|c| {
            let (names, coords) = match c.split_once('@') {
                Some((a, b)) => (a, Some(b.trim())),
                None => (*c, None),
            };
            (names, coords)
        });
        parsed.entities.push(st);
        if let Some((names, coords)) = capital {
            let names: Vec<String> = split_list(names).collect();
            let Some(first) = names.first() else {
                cx.err(n, "capital field has no name");
                continue;
            };
            let mut cap = new_entity(parsed, &format!("{code}.capital"), first, EntityType::GPE);
            cap.actor = Some(code.to_string());
            cap.metonym_for = Some(code.to_string());
            if let Some(c) = coords {
                match parse_coords(c) {
                    Ok(c) => cap.coords = Some(c),
                    Err(m) => cx.err(n, m),
                }
            }
            for a in names {
                add_alias(&mut parsed.lexicon, &mut cap, a, How::Metonym, cx.file, n);
            }
            parsed.entities.push(cap);
        }
    }
}

/// `Name | KIND | STATE or - | lat, lon or - [| aliases]`
fn parse_places(text: &str, parsed: &mut Parsed, cx: &mut Ctx) {
    for (n, line) in lines(text) {
        let f: Vec<&str> = line.split('|').map(str::trim).collect();
        if f.len() != 4 && f.len() != 5 {
            cx.err(
                n,
                format!("expected 4 or 5 `|`-separated fields, found {}", f.len()),
            );
            continue;
        }
        let Some(kind) = parse_kind(f[1]) else {
            cx.err(n, format!("unknown kind {:?}", f[1]));
            continue;
        };
        let mut e = new_entity(parsed, f[0], f[0], kind);
        if f[2] != "-" {
            e.actor = Some(f[2].to_string());
        }
        if f[3] != "-" {
            match parse_coords(f[3]) {
                Ok(c) => e.coords = Some(c),
                Err(m) => cx.err(n, m),
            }
        }
        for a in std::iter::once(norm(f[0])).chain(split_list(f.get(4).copied().unwrap_or(""))) {
            add_alias(&mut parsed.lexicon, &mut e, a, How::Name, cx.file, n);
        }
        parsed.entities.push(e);
    }
}

/// Blocks: `[Key] KIND` then `field: value` lines.
fn parse_blocks(text: &str, parsed: &mut Parsed, cx: &mut Ctx) {
    let mut current: Option<Entity> = None;
    let finish = |parsed: &mut Parsed, e: Option<Entity>| {
        if let Some(e) = e {
            parsed.entities.push(e);
        }
    };
    for (n, line) in lines(text) {
        if let Some(rest) = line.strip_prefix('[') {
            let done = current.take();
            finish(parsed, done);
            let Some((key, kind)) = rest.split_once(']') else {
                cx.err(n, "header lacks `]`");
                continue;
            };
            let key = norm(key);
            let Some(kind) = parse_kind(kind.trim()) else {
                cx.err(
                    n,
                    format!("unknown kind {:?} (PER, ORG, GPE, LOC)", kind.trim()),
                );
                continue;
            };
            let mut e = new_entity(parsed, &key, &key, kind);
            if kind != EntityType::PER
                && key
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            {
                // Organisation keys that are codes are their own actor.
                e.actor = Some(key.clone());
            }
            // Blocks of people: the key is the canonical name and an alias.
            if kind == EntityType::PER {
                add_alias(
                    &mut parsed.lexicon,
                    &mut e,
                    key.clone(),
                    How::Name,
                    cx.file,
                    n,
                );
            }
            current = Some(e);
            continue;
        }
        let Some(e) = current.as_mut() else {
            cx.err(n, "field before the first `[Key] KIND` header");
            continue;
        };
        let Some((field, value)) = line.split_once(':') else {
            cx.err(n, "expected `field: value`");
            continue;
        };
        let value = value.trim();
        match field.trim() {
            "name" => {
                e.name = norm(value);
                if e.kind != EntityType::PER {
                    add_alias(&mut parsed.lexicon, e, norm(value), How::Name, cx.file, n);
                }
            }
            "actor" => {
                e.actor = if value == "-" {
                    None
                } else {
                    Some(value.to_string())
                }
            }
            "sector" => {
                e.sector = if value == "-" {
                    None
                } else {
                    Some(value.to_string())
                }
            }
            "alias" => {
                for a in split_list(value) {
                    add_alias(&mut parsed.lexicon, e, a, How::Name, cx.file, n);
                }
            }
            "short" => {
                for a in split_list(value) {
                    add_alias(&mut parsed.lexicon, e, a, How::Short, cx.file, n);
                }
            }
            "metonym" => {
                e.metonym_for = Some(value.to_string());
                e.actor = Some(value.to_string());
            }
            "seat" => {
                // Forms naming the body by its building: `Điện Kremlin`.
                for a in split_list(value) {
                    add_alias(&mut parsed.lexicon, e, a, How::Metonym, cx.file, n);
                }
            }
            "coords" => match parse_coords(value) {
                Ok(c) => e.coords = Some(c),
                Err(m) => cx.err(n, m),
            },
            "role" => match parse_role(value) {
                Ok(r) => e.roles.push(r),
                Err(m) => cx.err(n, m),
            },
            "note" => {}
            other => cx.err(n, format!("unknown field {other:?}")),
        }
    }
    finish(parsed, current);
}

/// `phrase | Office or Honorific | flags`
fn parse_titles(text: &str, lex: &mut Lexicon, cx: &mut Ctx) {
    for (n, line) in lines(text) {
        let f: Vec<&str> = line.split('|').map(str::trim).collect();
        if f.len() < 2 || f.len() > 3 {
            cx.err(n, "expected `phrase | Office[@CODE] [| +]`");
            continue;
        }
        // `HeadOfState@JPN`: the title implies its state
        let (office, actor) = match f[1].split_once('@') {
            Some((o, a)) if !a.trim().is_empty() => (o.trim(), Some(a.trim().to_string())),
            _ => (f[1], None),
        };
        let kind = if office == "Honorific" {
            TitleKind::Honorific
        } else if let Some(o) = Office::parse(office) {
            TitleKind::Office(o)
        } else {
            cx.err(n, format!("unknown office {:?}", f[1]));
            continue;
        };
        let complement = match f.get(2) {
            None | Some(&"") => false,
            Some(&"+") => true,
            Some(x) => {
                cx.err(n, format!("unknown flag {x:?}"));
                continue;
            }
        };
        lex.titles.push(TitleEntry {
            text: norm(f[0]),
            kind,
            complement,
            actor,
        });
    }
}

/// `phrase | SECTOR or - | KIND` or `ministry | field | SECTOR | Office`.
fn parse_bodies(text: &str, lex: &mut Lexicon, cx: &mut Ctx) {
    for (n, line) in lines(text) {
        let f: Vec<&str> = line.split('|').map(str::trim).collect();
        let sector = |s: &str| if s == "-" { None } else { Some(s.to_string()) };
        if f.first() == Some(&"ministry") {
            if f.len() != 4 {
                cx.err(n, "expected `ministry | field | SECTOR | Office`");
                continue;
            }
            let Some(office) = Office::parse(f[3]) else {
                cx.err(n, format!("unknown office {:?}", f[3]));
                continue;
            };
            let field = norm(f[1]);
            lex.bodies.push(BodyEntry {
                text: format!("Bộ {field}"),
                sector: sector(f[2]),
                kind: EntityType::ORG,
                needs_country: false,
            });
            let titles = [
                (format!("Bộ trưởng {field}"), office),
                (format!("Thứ trưởng {field}"), Office::DeputyMinister),
                (format!("Thứ trưởng Bộ {field}"), Office::DeputyMinister),
                // only the foreign ministry's is *the* spokesperson
                (
                    format!("Người phát ngôn Bộ {field}"),
                    if office == Office::ForeignMinister {
                        Office::Spokesperson
                    } else {
                        Office::Official
                    },
                ),
            ];
            for (text, office) in titles {
                lex.titles.push(TitleEntry {
                    text,
                    kind: TitleKind::Office(office),
                    complement: false,
                    actor: None,
                });
            }
            continue;
        }
        if f.len() != 3 {
            cx.err(n, "expected `phrase | SECTOR | KIND`");
            continue;
        }
        let (kind_text, plus) = match f[2].strip_suffix('+') {
            Some(k) => (k, true),
            None => (f[2], false),
        };
        let Some(kind) = parse_kind(kind_text) else {
            cx.err(n, format!("unknown kind {:?}", f[2]));
            continue;
        };
        let needs_country = plus || kind == EntityType::LOC;
        lex.bodies.push(BodyEntry {
            text: norm(f[0]),
            sector: sector(f[1]),
            kind,
            needs_country,
        });
    }
}

/// Aliases written for two different entities (a data error: one surface
/// form must mean one thing).
pub(crate) fn alias_collisions(lex: &Lexicon, fold: impl Fn(&str) -> String) -> Vec<DataError> {
    let mut seen: HashMap<String, &AliasEntry> = HashMap::new();
    let mut out = Vec::new();
    let mut reported = HashSet::new();
    for a in &lex.aliases {
        let k = fold(&a.text);
        match seen.get(&k) {
            Some(first) if first.entity != a.entity => {
                if reported.insert(k.clone()) {
                    out.push(DataError {
                        file: a.file.clone(),
                        line: a.line,
                        message: format!(
                            "alias {:?} also names another entity ({}:{})",
                            a.text, first.file, first.line
                        ),
                    });
                }
            }
            Some(_) => {}
            None => {
                seen.insert(k, a);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_roles() {
        assert_eq!(
            parse_date("2024-05"),
            Ok(NaiveDate::from_ymd_opt(2024, 5, 1).unwrap())
        );
        assert!(parse_date("2024-02-30").is_err());
        let r = parse_role("DefenceMinister RUS 2012-11-06..2024-05-12").unwrap();
        assert_eq!(r.office, Office::DefenceMinister);
        assert!(r.holds_on(NaiveDate::from_ymd_opt(2023, 7, 26).unwrap()));
        assert!(!r.holds_on(NaiveDate::from_ymd_opt(2024, 5, 12).unwrap()));
        assert!(parse_role("Boss RUS ..").is_err());
        assert!(parse_role("HeadOfState RUS 2020..2010").is_err());
    }

    #[test]
    fn errors_name_file_and_line() {
        let (_, errs) = crate::Kb::load(&[
            ("orgs.txt", "# c\n[X] ORG\nbogus: 1\n"),
            ("states.txt", "\nABCD | x | y\n"),
        ]);
        let msgs: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert!(
            msgs.iter().any(|m| m.starts_with("orgs.txt:3:")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter().any(|m| m.starts_with("states.txt:2:")),
            "{msgs:?}"
        );
    }
}

//! The `gold/1` answer-key format and its loader.

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::de::{self, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sukien_model::{EntityType, EventType};

use crate::EvalError;

/// The only schema this version reads.
pub const GOLD_SCHEMA: &str = "gold/1";

/// A whole answer key.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Gold {
    pub schema: String,
    /// Free text for readers of the file.
    #[serde(default)]
    pub about: Option<String>,
    pub documents: Vec<GoldDocument>,
}

/// The key for one article.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldDocument {
    /// Article path, relative to the folder that holds the gold file's folder.
    pub file: String,
    /// Window in which the publication date is right (inclusive).
    pub published: GoldDate,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub events: Vec<GoldEvent>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldEntity {
    /// Canonical (English) name.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Code of the state or organisation it belongs to; `None` for null.
    #[serde(default)]
    pub actor: Option<String>,
    /// Surface forms in the text.
    #[serde(default)]
    pub mentions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldEvent {
    pub id: String,
    /// `false`: acceptable to find, never a miss, never a false positive.
    pub required: bool,
    /// Any of these actor codes is right.
    #[serde(deserialize_with = "one_or_many")]
    pub source: Vec<String>,
    /// `None`: no recipient (JSON null or absent). Otherwise any code listed is right.
    #[serde(default, deserialize_with = "opt_one_or_many")]
    pub target: Option<Vec<String>>,
    /// Any of these types is right.
    #[serde(rename = "type", deserialize_with = "one_or_many")]
    pub kind: Vec<EventType>,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub modality: Option<String>,
    /// `None`: the text gives no time, any date (or none) agrees.
    #[serde(default)]
    pub date: Option<GoldDate>,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub persons: Vec<String>,
    #[serde(default)]
    pub evidence: Option<String>,
}

impl GoldEvent {
    /// CONSULT with mode `meet` is symmetric: who met whom has no direction.
    pub fn is_symmetric_meet(&self) -> bool {
        self.kind.contains(&EventType::CONSULT)
            && self
                .mode
                .as_deref()
                .is_some_and(|m| m.trim().eq_ignore_ascii_case("meet"))
    }
}

/// A gold date or range, resolved to the days it covers (both ends
/// inclusive). `"2023-01"` covers the whole month, `"2023"` the whole year;
/// `{"from": A, "to": B}` runs from the first day of A to the last day of B.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldDate {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// As written in the key (`2023-01`, `2023-01-29..2023-01-30`), for display.
    pub text: String,
}

impl GoldDate {
    /// Parses one end: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub fn parse(text: &str) -> Option<GoldDate> {
        let (from, to) = parse_partial_date(text.trim())?;
        Some(GoldDate {
            from,
            to,
            text: text.trim().to_string(),
        })
    }

    /// Joins two ends into a range, `None` if it runs backwards.
    pub fn range(from: &str, to: &str) -> Option<GoldDate> {
        let (a, _) = parse_partial_date(from.trim())?;
        let (_, b) = parse_partial_date(to.trim())?;
        (a <= b).then(|| GoldDate {
            from: a,
            to: b,
            text: format!("{}..{}", from.trim(), to.trim()),
        })
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

impl fmt::Display for GoldDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for GoldDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// First and last day of a `YYYY-MM-DD`, `YYYY-MM` or `YYYY` string.
fn parse_partial_date(s: &str) -> Option<(NaiveDate, NaiveDate)> {
    let parts: Vec<&str> = s.split('-').collect();
    let all_digits = parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    if !all_digits || parts[0].len() != 4 {
        return None;
    }
    let year: i32 = parts[0].parse().ok()?;
    match parts.as_slice() {
        [_] => Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )),
        [_, m] if m.len() == 2 => {
            let month: u32 = m.parse().ok()?;
            let first = NaiveDate::from_ymd_opt(year, month, 1)?;
            let next = if month == 12 {
                NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, month + 1, 1)?
            };
            Some((first, next.pred_opt()?))
        }
        [_, m, d] if m.len() == 2 && d.len() == 2 => {
            let day = NaiveDate::from_ymd_opt(year, m.parse().ok()?, d.parse().ok()?)?;
            debug_assert_eq!(day.year(), year);
            Some((day, day))
        }
        _ => None,
    }
}

const DATE_FORMS: &str = "\"YYYY-MM-DD\", \"YYYY-MM\", \"YYYY\" or {\"from\": .., \"to\": ..}";

impl<'de> Deserialize<'de> for GoldDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = GoldDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a date: {DATE_FORMS}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<GoldDate, E> {
                GoldDate::parse(v)
                    .ok_or_else(|| E::custom(format!("bad date {v:?}: expected {DATE_FORMS}")))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<GoldDate, A::Error> {
                let (mut from, mut to): (Option<String>, Option<String>) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "from" => from = Some(map.next_value()?),
                        "to" => to = Some(map.next_value()?),
                        other => return Err(de::Error::unknown_field(other, &["from", "to"])),
                    }
                }
                let from = from.ok_or_else(|| de::Error::missing_field("from"))?;
                let to = to.ok_or_else(|| de::Error::missing_field("to"))?;
                for end in [&from, &to] {
                    if parse_partial_date(end.trim()).is_none() {
                        return Err(de::Error::custom(format!(
                            "bad date {end:?}: expected \"YYYY-MM-DD\", \"YYYY-MM\" or \"YYYY\""
                        )));
                    }
                }
                GoldDate::range(&from, &to).ok_or_else(|| {
                    de::Error::custom(format!(
                        "date range runs backwards: from {from:?} to {to:?}"
                    ))
                })
            }
        }
        d.deserialize_any(DateVisitor)
    }
}

/// A string or a non-empty list of strings, each deserialised as `T`.
struct OneOrMany<T>(Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a non-empty list of strings")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                let one = T::deserialize(v.into_deserializer())?;
                Ok(OneOrMany(vec![one]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<T>()? {
                    items.push(item);
                }
                if items.is_empty() {
                    return Err(de::Error::custom(
                        "empty list: give at least one value, or null",
                    ));
                }
                Ok(OneOrMany(items))
            }
        }
        d.deserialize_any(ListVisitor(PhantomData))
    }
}

fn one_or_many<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    OneOrMany::<T>::deserialize(d).map(|l| l.0)
}

fn opt_one_or_many<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Vec<T>>, D::Error> {
    Option::<OneOrMany<T>>::deserialize(d).map(|o| o.map(|l| l.0))
}

/// Reads and checks a gold file.
pub fn load_gold(path: &Path) -> Result<Gold, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse_gold(&text, path)
}

/// Parses gold text; `path` only names the source in errors.
pub fn parse_gold(text: &str, path: &Path) -> Result<Gold, EvalError> {
    let json_error = |e: serde_json::Error| EvalError::Json {
        path: path.to_path_buf(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    };
    // The schema first, so a key in another format is reported as such
    // rather than as whatever shape mismatch it happens to hit first.
    #[derive(Deserialize)]
    struct SchemaOnly {
        schema: Option<serde_json::Value>,
    }
    let head: SchemaOnly = serde_json::from_str(text).map_err(json_error)?;
    match head.schema {
        Some(serde_json::Value::String(s)) if s == GOLD_SCHEMA => {}
        other => {
            let found = match other {
                None => "none".to_string(),
                Some(v) => v.to_string(),
            };
            return Err(EvalError::Schema {
                path: path.to_path_buf(),
                found,
            });
        }
    }
    let gold: Gold = serde_json::from_str(text).map_err(json_error)?;
    validate(&gold, path)?;
    Ok(gold)
}

/// Checks what serde cannot: ids unique within a document, no empty names.
fn validate(gold: &Gold, path: &Path) -> Result<(), EvalError> {
    let invalid = |message: String| EvalError::Invalid {
        path: path.to_path_buf(),
        message,
    };
    for (i, doc) in gold.documents.iter().enumerate() {
        if doc.file.trim().is_empty() {
            return Err(invalid(format!("document {i}: empty `file`")));
        }
        let mut ids = HashSet::new();
        for ev in &doc.events {
            if ev.id.trim().is_empty() {
                return Err(invalid(format!("{}: an event has an empty `id`", doc.file)));
            }
            if !ids.insert(ev.id.as_str()) {
                return Err(invalid(format!(
                    "{}: event id {:?} appears twice",
                    doc.file, ev.id
                )));
            }
            if ev
                .source
                .iter()
                .chain(ev.target.iter().flatten())
                .any(|c| c.trim().is_empty())
            {
                return Err(invalid(format!(
                    "{}: event {}: empty actor code",
                    doc.file, ev.id
                )));
            }
        }
        if let Some(e) = doc.entities.iter().find(|e| e.name.trim().is_empty()) {
            return Err(invalid(format!(
                "{}: an entity has an empty `name` (mentions {:?})",
                doc.file, e.mentions
            )));
        }
    }
    Ok(())
}

/// Folder the gold's `file` paths are relative to: `root` when given, else
/// the folder that holds the gold file's folder (`shared/gold/seeds.json`
/// → `shared`).
pub fn files_root(gold_path: &Path, root: Option<&Path>) -> PathBuf {
    if let Some(r) = root {
        return r.to_path_buf();
    }
    let dir = match gold_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        // `gold/x.json` → `.`; `./x.json` or `x.json` → `..`
        _ if dir == Path::new(".") => PathBuf::from(".."),
        _ => PathBuf::from("."),
    }
}

/// The article path of every gold document, in order (see [`files_root`]).
pub fn resolve_files(gold: &Gold, gold_path: &Path, root: Option<&Path>) -> Vec<PathBuf> {
    let base = files_root(gold_path, root);
    gold.documents.iter().map(|d| base.join(&d.file)).collect()
}

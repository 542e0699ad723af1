//! The data model shared by sukien's stages: what the pipeline produces for
//! one article, what the store keeps and what `analyze`, `eval` and the
//! exports read.
//!
//! Offsets: every `start`/`end` in this crate counts **characters** (Unicode
//! scalar values), end exclusive, into [`Analysis::text`], the normalised text
//! of the article (NFC, one tone-mark convention). `Sentence::start` and the
//! offsets of mentions inside it are all document offsets, never
//! sentence-relative.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One article after the whole pipeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Hex SHA-256 of the normalised text: the document's identity.
    pub hash: String,
    /// Where it came from, as given on the command line (`-` for stdin),
    /// with `:LINE` for a JSON Lines record.
    pub path: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<Published>,
    /// `Nguồn: <url>` lines and the like: where the article says it came from.
    pub sources: Vec<String>,
    /// Normalised full text; all offsets point into it.
    pub text: String,
    pub sentences: Vec<Sentence>,
    pub entities: Vec<Entity>,
    pub dates: Vec<DateMention>,
    pub events: Vec<Event>,
    /// Things the pipeline noticed but went on with (a contradicted
    /// publication date, an over-long sentence …).
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishedSource {
    /// From the input's metadata (`# date =`, JSON `published`, HTML meta).
    Given,
    /// Worked out from the text (dates it mentions, URL, dateline).
    Inferred,
}

impl PublishedSource {
    pub fn as_str(self) -> &'static str {
        match self {
            PublishedSource::Given => "given",
            PublishedSource::Inferred => "inferred",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Published {
    pub date: NaiveDate,
    pub source: PublishedSource,
    /// 0..=1; 1 for given dates.
    pub confidence: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SentenceKind {
    Title,
    Body,
    /// Photo captions: entities count, events are still read from them.
    Caption,
    /// Page furniture (`Bình luận (0)`, `Video đang HOT`, `Nguồn: …`): kept
    /// for offsets, never read for entities or events.
    Boilerplate,
}

impl SentenceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SentenceKind::Title => "title",
            SentenceKind::Body => "body",
            SentenceKind::Caption => "caption",
            SentenceKind::Boilerplate => "boilerplate",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentence {
    pub index: usize,
    pub start: usize,
    pub end: usize,
    pub kind: SentenceKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    PER,
    ORG,
    GPE,
    LOC,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::PER => "PER",
            EntityType::ORG => "ORG",
            EntityType::GPE => "GPE",
            EntityType::LOC => "LOC",
        }
    }
}

/// A thing named in the article, with all its mentions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Index in `Analysis::entities`.
    pub id: usize,
    /// Canonical name (English, as the knowledge base has it, or the most
    /// complete form in the text for people the knowledge base lacks).
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Actor code of the state or organisation it belongs to (`RUS`, `NATO`).
    pub actor: Option<String>,
    /// CAMEO-style sector (`GOV`, `MIL`, `LEG`, `MED` …), when known.
    pub sector: Option<String>,
    /// Knowledge-base key, when linked to the knowledge base.
    pub kb: Option<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Quarter => "quarter",
            Precision::Year => "year",
            Precision::Decade => "decade",
        }
    }

    pub fn parse(s: &str) -> Option<Precision> {
        [Precision::Day, Precision::Week, Precision::Month, Precision::Quarter, Precision::Year, Precision::Decade]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

/// A span of days, both ends inclusive, with the precision the text gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRange {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub precision: Precision,
}

/// A date expression found in the text and its normalised value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// `None` when it cannot be placed (no anchor for a relative form).
    pub value: Option<DateRange>,
    /// Resolved against the publication date (`năm ngoái`, `16.1`).
    pub relative: bool,
}

/// The 16 PLOVER event types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EventType {
    AGREE,
    CONSULT,
    SUPPORT,
    CONCEDE,
    COOPERATE,
    AID,
    RETREAT,
    REQUEST,
    ACCUSE,
    REJECT,
    THREATEN,
    PROTEST,
    SANCTION,
    MOBILIZE,
    COERCE,
    ASSAULT,
}

impl EventType {
    pub const ALL: [EventType; 16] = [
        EventType::AGREE,
        EventType::CONSULT,
        EventType::SUPPORT,
        EventType::CONCEDE,
        EventType::COOPERATE,
        EventType::AID,
        EventType::RETREAT,
        EventType::REQUEST,
        EventType::ACCUSE,
        EventType::REJECT,
        EventType::THREATEN,
        EventType::PROTEST,
        EventType::SANCTION,
        EventType::MOBILIZE,
        EventType::COERCE,
        EventType::ASSAULT,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EventType::AGREE => "AGREE",
            EventType::CONSULT => "CONSULT",
            EventType::SUPPORT => "SUPPORT",
            EventType::CONCEDE => "CONCEDE",
            EventType::COOPERATE => "COOPERATE",
            EventType::AID => "AID",
            EventType::RETREAT => "RETREAT",
            EventType::REQUEST => "REQUEST",
            EventType::ACCUSE => "ACCUSE",
            EventType::REJECT => "REJECT",
            EventType::THREATEN => "THREATEN",
            EventType::PROTEST => "PROTEST",
            EventType::SANCTION => "SANCTION",
            EventType::MOBILIZE => "MOBILIZE",
            EventType::COERCE => "COERCE",
            EventType::ASSAULT => "ASSAULT",
        }
    }

    pub fn parse(s: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// PLOVER quad class: 1 verbal cooperation, 2 material cooperation,
    /// 3 verbal conflict, 4 material conflict.
    pub fn quad_class(self) -> u8 {
        use EventType::*;
        match self {
            AGREE | CONSULT | SUPPORT | CONCEDE => 1,
            COOPERATE | AID | RETREAT => 2,
            REQUEST | ACCUSE | REJECT | THREATEN => 3,
            PROTEST | SANCTION | MOBILIZE | COERCE | ASSAULT => 4,
        }
    }
}

impl std::fmt::Display for EventType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the article presents the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Reported as fact.
    Asserted,
    /// Claimed by someone, not established (`được cho là`, `cáo buộc`).
    Alleged,
    /// Future or intended (`sẽ`, `dự kiến`, `kế hoạch`).
    Planned,
    /// Conditional (`nếu`).
    Hypothetical,
    /// Said not to have happened (`không`, `chưa`).
    Negated,
    /// Claimed by someone and denied by the actor (`bác bỏ`, `phủ nhận`).
    Denied,
}

impl Modality {
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Alleged => "alleged",
            Modality::Planned => "planned",
            Modality::Hypothetical => "hypothetical",
            Modality::Negated => "negated",
            Modality::Denied => "denied",
        }
    }

    pub fn parse(s: &str) -> Option<Modality> {
        [
            Modality::Asserted,
            Modality::Alleged,
            Modality::Planned,
            Modality::Hypothetical,
            Modality::Negated,
            Modality::Denied,
        ]
        .into_iter()
        .find(|m| m.as_str() == s)
    }
}

/// One side of an event: a state or organisation code and, when the text
/// names one, the entity that acted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventActor {
    /// State (ISO 3166-1 alpha-3) or organisation code.
    pub code: String,
    /// Name of the acting entity (person, body or state).
    pub name: String,
    /// Index into `Analysis::entities`.
    pub entity: Option<usize>,
}

/// One place where the article reports the event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventMention {
    pub sentence: usize,
    /// The trigger word(s): `hội đàm`, `chuyến thăm`.
    pub start: usize,
    pub end: usize,
    pub trigger: String,
}

/// The sentence that carries the event, with its document offsets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub sentence: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub name: String,
    /// State the place belongs to.
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// One event as one article reports it (all its mentions merged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: EventType,
    pub mode: Option<String>,
    pub source: EventActor,
    pub target: Option<EventActor>,
    pub date: Option<DateRange>,
    /// How the date was found: `text` (an expression in the sentence or its
    /// context) or `published` (no expression; the publication date).
    pub date_basis: Option<String>,
    pub place: Option<Place>,
    pub modality: Modality,
    pub cameo: String,
    pub goldstein: f32,
    pub quad_class: u8,
    /// Who said so, for reported events (`Mỹ cáo buộc …`: the accuser).
    pub reported_by: Option<EventActor>,
    pub evidence: Evidence,
    pub mentions: Vec<EventMention>,
}

/// Converts byte offsets in a string to character offsets, in O(log n).
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// Byte offset of every character, plus the length at the end.
    starts: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        starts.push(text.len());
        CharIndex { starts }
    }

    /// Character offset of a byte offset (a byte offset inside a character
    /// maps to that character).
    pub fn char_of(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of a character offset (clamped to the end).
    pub fn byte_of(&self, ch: usize) -> usize {
        self.starts[ch.min(self.starts.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_round_trips() {
        let s = "Bình Nhưỡng";
        let ix = CharIndex::new(s);
        for (ci, (b, _)) in s.char_indices().enumerate() {
            assert_eq!(ix.char_of(b), ci);
            assert_eq!(ix.byte_of(ci), b);
        }
        assert_eq!(ix.char_of(s.len()), s.chars().count());
    }

    #[test]
    fn event_type_names_parse() {
        for t in EventType::ALL {
            assert_eq!(EventType::parse(t.as_str()), Some(t));
        }
        assert_eq!(EventType::parse("consult"), Some(EventType::CONSULT));
    }
}

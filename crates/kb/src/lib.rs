//! The actor knowledge base of sukien and the mention recognizer.
//!
//! The knowledge base (states, organisations, news outlets, government bodies,
//! people with dated offices, places, titles) is written as plain text under
//! `data/` (format in `data/README.md`), compiled into the binary and parsed
//! once. [`Kb::recognize`] finds mentions of its entries in one normalized
//! Vietnamese sentence, including phrases built from a title, a country and a
//! personal name (`Ngoại trưởng Nga Sergei Lavrov`).

mod data;
pub mod import;
mod names;
mod recognize;

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
pub use sukien_model::EntityType;

pub use data::DataError;

/// Index of an entity in the knowledge base.
pub type EntityId = u32;

/// An office a person holds, or the office a title word names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Office {
    HeadOfState,
    HeadOfGovernment,
    /// Paramount leader (party general secretary, supreme leader); lookups
    /// fall back to head of state, then head of government.
    Leader,
    ForeignMinister,
    DefenceMinister,
    /// The foreign ministry's spokesperson (`Người phát ngôn Bộ Ngoại giao`).
    Spokesperson,
    /// Who speaks for a head of state or government: the Kremlin's or the
    /// White House's press secretary, a government spokesperson.
    PressSecretary,
    SecretaryGeneral,
    Ambassador,
    /// A minister of another portfolio, or a minister without a known one.
    Minister,
    DeputyMinister,
    /// A general, admiral or other commander.
    Military,
    /// A member or officer of a legislature.
    Legislator,
    /// Any other official (committee chair, director, adviser, secretary).
    Official,
    /// `người đồng cấp`: the same office as the other party; the caller resolves it.
    Counterpart,
}

impl Office {
    pub fn as_str(self) -> &'static str {
        match self {
            Office::HeadOfState => "HeadOfState",
            Office::HeadOfGovernment => "HeadOfGovernment",
            Office::Leader => "Leader",
            Office::ForeignMinister => "ForeignMinister",
            Office::DefenceMinister => "DefenceMinister",
            Office::Spokesperson => "Spokesperson",
            Office::PressSecretary => "PressSecretary",
            Office::SecretaryGeneral => "SecretaryGeneral",
            Office::Ambassador => "Ambassador",
            Office::Minister => "Minister",
            Office::DeputyMinister => "DeputyMinister",
            Office::Military => "Military",
            Office::Legislator => "Legislator",
            Office::Official => "Official",
            Office::Counterpart => "Counterpart",
        }
    }

    pub fn parse(s: &str) -> Option<Office> {
        const ALL: [Office; 15] = [
            Office::HeadOfState,
            Office::HeadOfGovernment,
            Office::Leader,
            Office::ForeignMinister,
            Office::DefenceMinister,
            Office::Spokesperson,
            Office::PressSecretary,
            Office::SecretaryGeneral,
            Office::Ambassador,
            Office::Minister,
            Office::DeputyMinister,
            Office::Military,
            Office::Legislator,
            Office::Official,
            Office::Counterpart,
        ];
        ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// A dated office held by a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub office: Office,
    /// Actor code of the state or organisation the office belongs to.
    pub of: String,
    /// First day in office; `None` = before the data's horizon (2000).
    pub from: Option<NaiveDate>,
    /// Day the office ended (exclusive); `None` = still in office.
    pub to: Option<NaiveDate>,
}

impl Role {
    pub fn holds_on(&self, on: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= on) && self.to.is_none_or(|t| on < t)
    }
}

/// One entry of the knowledge base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    /// Stable key: ISO alpha-3 for states, the code for organisations, the
    /// canonical English name for people and places.
    pub key: String,
    /// Canonical English name.
    pub name: String,
    pub kind: EntityType,
    /// Code of the state or organisation this entity belongs to (itself for
    /// states and organisations).
    pub actor: Option<String>,
    /// CAMEO-style sector (GOV, MIL, LEG, MED, COP, REB, IGO, INS, ...).
    pub sector: Option<String>,
    /// Surface forms (normalized), as written in the data.
    pub aliases: Vec<String>,
    pub roles: Vec<Role>,
    /// (latitude, longitude).
    pub coords: Option<(f64, f64)>,
    /// A capital or seat of power used for its government: the state code.
    pub metonym_for: Option<String>,
}

impl Entity {
    /// An entity with a key, a name and a kind, and nothing else yet.
    pub fn bare(id: EntityId, key: &str, name: &str, kind: EntityType) -> Entity {
        Entity {
            id,
            key: key.to_string(),
            name: name.to_string(),
            kind,
            actor: None,
            sector: None,
            aliases: Vec::new(),
            roles: Vec::new(),
            coords: None,
            metonym_for: None,
        }
    }
}

/// How a reference was recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum How {
    /// A full name or alias.
    Name,
    /// A person's surname alone.
    Short,
    /// A capital or seat of power standing for its government.
    Metonym,
    /// `người Nga`.
    Demonym,
    /// An all-capitals abbreviation (`NATO`, `LHQ`).
    Abbreviation,
    /// A title with a country and no name; the entity is the office holder.
    Title,
    /// A generic body (`Bộ Ngoại giao`, `quân đội`, `sân bay quốc tế`) with
    /// the country or place that follows it.
    Body,
    /// A title or honorific followed by a capitalised name not in the KB,
    /// or a Vietnamese personal name known by its family name.
    UnknownName,
    /// A name not in the KB typed by the word before it (`Công ty`,
    /// `tỉnh`, `sông`).
    Cue,
}

/// A recognized mention in a sentence. Offsets are byte offsets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    /// The whole phrase, e.g. `Bộ trưởng Quốc phòng Nga Sergei Shoigu`.
    pub start: usize,
    pub end: usize,
    pub kind: EntityType,
    pub entity: Option<EntityId>,
    pub actor: Option<String>,
    pub sector: Option<String>,
    pub office: Option<Office>,
    /// Span of a personal name inside the phrase.
    pub name: Option<(usize, usize)>,
    pub how: How,
}

/// A holder of an office with the dates (from, to-exclusive).
type Tenure = (EntityId, Option<NaiveDate>, Option<NaiveDate>);

/// The knowledge base with its compiled recognizer.
pub struct Kb {
    entities: Vec<Entity>,
    by_key: HashMap<String, EntityId>,
    /// Actor code → the state or organisation entity for it.
    states: HashMap<String, EntityId>,
    /// (actor code, office) → holders with their dates.
    holders: HashMap<(String, Office), Vec<Tenure>>,
    /// Canonical spelling of a person's name → person.
    person_names: HashMap<String, EntityId>,
    matcher: recognize::Matcher,
}

impl std::fmt::Debug for Kb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kb")
            .field("entities", &self.entities.len())
            .field("patterns", &self.matcher.pattern_count())
            .finish()
    }
}

/// The data files compiled into the binary, as (file name, text).
pub const BUILTIN_DATA: &[(&str, &str)] = &[
    ("states.txt", include_str!("../data/states.txt")),
    ("orgs.txt", include_str!("../data/orgs.txt")),
    ("media.txt", include_str!("../data/media.txt")),
    (
        "people/russia.txt",
        include_str!("../data/people/russia.txt"),
    ),
    (
        "people/ukraine.txt",
        include_str!("../data/people/ukraine.txt"),
    ),
    (
        "people/koreas.txt",
        include_str!("../data/people/koreas.txt"),
    ),
    (
        "people/china-japan.txt",
        include_str!("../data/people/china-japan.txt"),
    ),
    (
        "people/vietnam-mainland-southeast-asia.txt",
        include_str!("../data/people/vietnam-mainland-southeast-asia.txt"),
    ),
    (
        "people/maritime-asia-oceania-india.txt",
        include_str!("../data/people/maritime-asia-oceania-india.txt"),
    ),
    (
        "people/americas.txt",
        include_str!("../data/people/americas.txt"),
    ),
    (
        "people/europe.txt",
        include_str!("../data/people/europe.txt"),
    ),
    (
        "people/middle-east-africa.txt",
        include_str!("../data/people/middle-east-africa.txt"),
    ),
    (
        "people/international.txt",
        include_str!("../data/people/international.txt"),
    ),
    ("places.txt", include_str!("../data/places.txt")),
    (
        "places/vietnam.txt",
        include_str!("../data/places/vietnam.txt"),
    ),
    ("titles.txt", include_str!("../data/titles.txt")),
    ("bodies.txt", include_str!("../data/bodies.txt")),
    ("blockers.txt", include_str!("../data/blockers.txt")),
    ("notnames.txt", include_str!("../data/notnames.txt")),
];

static BUILTIN: OnceLock<(Kb, Vec<DataError>)> = OnceLock::new();

fn builtin_pair() -> &'static (Kb, Vec<DataError>) {
    BUILTIN.get_or_init(|| Kb::load(BUILTIN_DATA))
}

impl Kb {
    /// The knowledge base compiled into the binary, parsed on first use.
    /// Lines with errors are skipped (see [`Kb::builtin_errors`]).
    pub fn builtin() -> &'static Kb {
        &builtin_pair().0
    }

    /// Errors found while parsing the builtin data (empty for shipped data).
    pub fn builtin_errors() -> &'static [DataError] {
        &builtin_pair().1
    }

    /// Builds a knowledge base from data files given as (file name, text);
    /// the file name picks the format (see `data/README.md`). Bad lines are
    /// skipped and reported.
    pub fn load(files: &[(&str, &str)]) -> (Kb, Vec<DataError>) {
        let (parsed, mut errors) = data::parse_all(files);
        let kb = Kb::build(parsed, &mut errors);
        (kb, errors)
    }

    fn build(parsed: data::Parsed, errors: &mut Vec<DataError>) -> Kb {
        let entities = parsed.entities;
        let mut by_key = HashMap::new();
        let mut states = HashMap::new();
        let mut holders: HashMap<(String, Office), Vec<_>> = HashMap::new();
        let mut person_names = HashMap::new();
        for e in &entities {
            by_key.insert(e.key.clone(), e.id);
            if matches!(e.kind, EntityType::GPE | EntityType::ORG)
                && e.metonym_for.is_none()
                && e.actor.as_deref() == Some(e.key.as_str())
            {
                states.entry(e.key.clone()).or_insert(e.id);
            }
            if e.kind == EntityType::PER {
                for r in &e.roles {
                    holders
                        .entry((r.of.clone(), r.office))
                        .or_default()
                        .push((e.id, r.from, r.to));
                }
                for a in e.aliases.iter().chain(std::iter::once(&e.name)) {
                    person_names.entry(canonical_person_name(a)).or_insert(e.id);
                }
            }
        }
        let matcher = recognize::Matcher::build(&entities, &parsed.lexicon, errors);
        Kb {
            entities,
            by_key,
            states,
            holders,
            person_names,
            matcher,
        }
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        // Ids come from this Kb; an out-of-range id is a caller bug, but we
        // must not panic: fall back to the first entity.
        self.entities
            .get(id as usize)
            .or_else(|| self.entities.first())
            .unwrap_or_else(|| empty_entity())
    }

    pub fn get(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id as usize)
    }

    pub fn by_key(&self, key: &str) -> Option<EntityId> {
        self.by_key.get(key).copied()
    }

    /// The state or organisation entity for an actor code.
    pub fn state(&self, code: &str) -> Option<EntityId> {
        self.states.get(code).copied()
    }

    /// Who held `office` for `country` (an actor code) on `on`. `Leader`
    /// falls back to head of state, then head of government.
    pub fn office_holder(&self, country: &str, office: Office, on: NaiveDate) -> Option<EntityId> {
        let chain: &[Office] = match office {
            Office::Leader => &[
                Office::Leader,
                Office::HeadOfState,
                Office::HeadOfGovernment,
            ],
            _ => std::slice::from_ref(match office {
                Office::HeadOfState => &Office::HeadOfState,
                _ => return self.holder_exact(country, office, on),
            }),
        };
        chain.iter().find_map(|&o| {
            self.holder_exact(country, o, on).filter(|&id| {
                // a head of state who belongs to another state (the British
                // monarch for Canada) does not lead it: its government does
                office != Office::Leader
                    || o != Office::HeadOfState
                    || self
                        .entity(id)
                        .actor
                        .as_deref()
                        .is_none_or(|a| a == country)
            })
        })
    }

    fn holder_exact(&self, country: &str, office: Office, on: NaiveDate) -> Option<EntityId> {
        self.holders
            .get(&(country.to_string(), office))?
            .iter()
            .find(|(_, from, to)| from.is_none_or(|f| f <= on) && to.is_none_or(|t| on < t))
            .map(|(id, _, _)| *id)
    }

    /// The offices `person` held on `on`, with the actor code they belong to.
    pub fn offices_of(&self, person: EntityId, on: NaiveDate) -> Vec<(Office, String)> {
        self.get(person)
            .map(|e| {
                e.roles
                    .iter()
                    .filter(|r| r.holds_on(on))
                    .map(|r| (r.office, r.of.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Up to `n` entities with a name or alias closest to `name` in spelling
    /// (case and diacritics aside), closest first, for "did you mean".
    pub fn closest_names(&self, name: &str, n: usize) -> Vec<(EntityId, String)> {
        let wanted = sukien_text::fold(name);
        let mut scored: Vec<(usize, EntityId, &str)> = self
            .entities
            .iter()
            .flat_map(|e| {
                std::iter::once(e.name.as_str())
                    .chain(e.aliases.iter().map(String::as_str))
                    .map(move |a| (e.id, a))
            })
            .map(|(id, a)| (strsim::levenshtein(&wanted, &sukien_text::fold(a)), id, a))
            .filter(|(d, _, a)| *d <= (a.chars().count() / 3).max(1))
            .collect();
        scored.sort();
        let mut out: Vec<(EntityId, String)> = Vec::new();
        for (_, id, a) in scored {
            if out.len() == n {
                break;
            }
            if !out.iter().any(|(o, _)| *o == id) {
                out.push((id, a.to_string()));
            }
        }
        out
    }

    /// A person by any spelling of their name: case, diacritics, hyphen or
    /// space (`Kim Jong-un` = `kim jong un`) and `-ei`/`-ey`, `-i`/`-y`
    /// endings (`Sergei` = `Sergey`, `Dmitry` = `Dmitri`) do not matter.
    pub fn find_person_by_name(&self, name: &str) -> Option<EntityId> {
        self.person_names.get(&canonical_person_name(name)).copied()
    }

    /// All mentions of KB entries (and of unknown titled names) in one
    /// normalized sentence: sorted, non-overlapping byte spans.
    pub fn recognize(&self, sentence: &str, on: NaiveDate) -> Vec<Reference> {
        recognize::recognize(self, sentence, on)
    }

    pub fn entities(&self) -> impl Iterator<Item = &Entity> {
        self.entities.iter()
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Number of distinct surface patterns in the recognizer.
    pub fn pattern_count(&self) -> usize {
        self.matcher.pattern_count()
    }
}

fn empty_entity() -> &'static Entity {
    static EMPTY: OnceLock<Entity> = OnceLock::new();
    EMPTY.get_or_init(|| Entity::bare(0, "", "", EntityType::LOC))
}

/// Spelling-tolerant key for personal names: folded (lower case, no
/// diacritics), hyphens as spaces, single spaces, and word endings `ey`→`ei`,
/// `y`→`i` so transliteration variants meet.
pub(crate) fn canonical_person_name(name: &str) -> String {
    let folded = sukien_text::fold(&sukien_text::normalize(name));
    let mut out = String::with_capacity(folded.len());
    for word in folded
        .split(|c: char| c == '-' || c.is_whitespace() || c == '.')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        if let Some(stem) = word.strip_suffix("ey") {
            out.push_str(stem);
            out.push_str("ei");
        } else if let Some(stem) = word.strip_suffix('y').filter(|s| s.len() > 1) {
            out.push_str(stem);
            out.push('i');
        } else {
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests;

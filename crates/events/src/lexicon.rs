//! The predicate lexicon (`data/predicates.txt`), the CAMEO table
//! (`data/cameo.txt`) and the blocker list (`data/blockers.txt`), parsed once
//! into plain structures keyed by first syllable.

use std::collections::HashMap;

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

use sukien_model::EventType;

/// One entry of the predicate lexicon.
#[derive(Debug, Clone)]
pub struct Predicate {
    pub syllables: Vec<String>,
    pub kind: EventType,
    pub mode: Option<String>,
    pub cameo: String,
    pub goldstein: f32,
    pub noun: bool,
    pub recip: bool,
    pub comp: bool,
    pub direct: bool,
    pub claim: bool,
    pub attr: bool,
    pub dest: bool,
    pub towho: bool,
    pub monadic: bool,
    pub lone: Option<EventType>,
    pub ctx: Vec<Vec<String>>,
}

/// A list of phrases matched syllable by syllable.
#[derive(Debug)]
pub struct PhraseSet<T> {
    by_first: FxHashMap<String, Vec<(Vec<String>, T)>>,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet { by_first: FxHashMap::default() }
    }
}

impl<T> PhraseSet<T> {
    pub fn insert(&mut self, phrase: &str, value: T) {
        let syllables: Vec<String> = phrase.split_whitespace().map(str::to_lowercase).collect();
        if syllables.is_empty() {
            return;
        }
        let list = self.by_first.entry(syllables[0].clone()).or_default();
        list.push((syllables, value));
        // Longest first, so the first hit is the longest.
        list.sort_by_key(|entry| std::cmp::Reverse(entry.0.len()));
    }

    /// The longest phrase starting at token `at`, with its length in tokens.
    pub fn longest_at(&self, words: &[String], at: usize) -> Option<(usize, &T)> {
        let list = self.by_first.get(words.get(at)?)?;
        list.iter()
            .find(|(syl, _)| words.len() >= at + syl.len() && syl.iter().zip(&words[at..]).all(|(a, b)| a == b))
            .map(|(syl, v)| (syl.len(), v))
    }

    /// Every phrase starting at token `at`, longest first.
    pub fn all_at(&self, words: &[String], at: usize) -> Vec<(usize, &T)> {
        let Some(list) = words.get(at).and_then(|w| self.by_first.get(w)) else {
            return Vec::new();
        };
        list.iter()
            .filter(|(syl, _)| words.len() >= at + syl.len() && syl.iter().zip(&words[at..]).all(|(a, b)| a == b))
            .map(|(syl, v)| (syl.len(), v))
            .collect()
    }
}

pub struct Lexicon {
    pub predicates: PhraseSet<Predicate>,
    pub blockers: PhraseSet<()>,
}

/// An error in one of the lexicon files, with its line.
#[derive(Debug, Clone, PartialEq)]
pub struct LexiconError {
    pub file: &'static str,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LexiconError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

const PREDICATES: &str = include_str!("../data/predicates.txt");
const CAMEO: &str = include_str!("../data/cameo.txt");
const BLOCKERS: &str = include_str!("../data/blockers.txt");

fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())).filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

pub fn parse_cameo(text: &str) -> Result<HashMap<String, f32>, LexiconError> {
    let mut out = HashMap::new();
    for (line, l) in data_lines(text) {
        let fields: Vec<&str> = l.split('|').map(str::trim).collect();
        let err = |message: String| LexiconError { file: "cameo.txt", line, message };
        if fields.len() < 2 {
            return Err(err("expected `code | goldstein | meaning`".into()));
        }
        let score: f32 = fields[1].parse().map_err(|_| err(format!("bad Goldstein score `{}`", fields[1])))?;
        out.insert(fields[0].to_string(), score);
    }
    Ok(out)
}

pub fn parse_predicates(text: &str, cameo: &HashMap<String, f32>) -> Result<Vec<Predicate>, LexiconError> {
    let mut out = Vec::new();
    for (line, l) in data_lines(text) {
        let err = |message: String| LexiconError { file: "predicates.txt", line, message };
        let fields: Vec<&str> = l.split('|').map(str::trim).collect();
        if fields.len() < 4 {
            return Err(err("expected `phrase | TYPE | mode | CAMEO | flags`".into()));
        }
        let kind = EventType::parse(fields[1]).ok_or_else(|| err(format!("unknown event type `{}`", fields[1])))?;
        let goldstein = *cameo.get(fields[3]).ok_or_else(|| err(format!("CAMEO code `{}` not in cameo.txt", fields[3])))?;
        let mut p = Predicate {
            syllables: fields[0].split_whitespace().map(str::to_lowercase).collect(),
            kind,
            mode: (fields[2] != "-" && !fields[2].is_empty()).then(|| fields[2].to_string()),
            cameo: fields[3].to_string(),
            goldstein,
            noun: false,
            recip: false,
            comp: false,
            direct: false,
            claim: false,
            attr: false,
            dest: false,
            towho: false,
            monadic: false,
            lone: None,
            ctx: Vec::new(),
        };
        for flag in fields.get(4).unwrap_or(&"").split(',').map(str::trim).filter(|f| !f.is_empty()) {
            match flag {
                "noun" => p.noun = true,
                "recip" => p.recip = true,
                "comp" => p.comp = true,
                "direct" => p.direct = true,
                "claim" => p.claim = true,
                "attr" => p.attr = true,
                "dest" => p.dest = true,
                "towho" => p.towho = true,
                "monadic" => p.monadic = true,
                f if f.starts_with("lone=") => {
                    p.lone = Some(EventType::parse(&f[5..]).ok_or_else(|| err(format!("unknown event type in `{f}`")))?)
                }
                f if f.starts_with("ctx=") => {
                    p.ctx = f[4..].split('/').map(|w| w.split_whitespace().map(str::to_lowercase).collect()).collect()
                }
                f => return Err(err(format!("unknown flag `{f}`"))),
            }
        }
        if p.syllables.is_empty() {
            return Err(err("empty phrase".into()));
        }
        out.push(p);
    }
    Ok(out)
}

impl Lexicon {
    /// Parses the lexicon files shipped in the crate.
    pub fn parse_builtin() -> Result<Lexicon, LexiconError> {
        let cameo = parse_cameo(CAMEO)?;
        let mut predicates = PhraseSet::default();
        for p in parse_predicates(PREDICATES, &cameo)? {
            let phrase = p.syllables.join(" ");
            predicates.insert(&phrase, p);
        }
        let mut blockers = PhraseSet::default();
        for (_, l) in data_lines(BLOCKERS) {
            blockers.insert(l, ());
        }
        Ok(Lexicon { predicates, blockers })
    }

    /// The built-in lexicon; its files are checked by the tests, so a parse
    /// error here is a build defect and yields an empty lexicon.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            Lexicon::parse_builtin().unwrap_or_else(|_| Lexicon { predicates: PhraseSet::default(), blockers: PhraseSet::default() })
        })
    }
}

/// The Goldstein score of a CAMEO code in the shipped table.
pub fn goldstein(code: &str) -> Option<f32> {
    static TABLE: OnceLock<HashMap<String, f32>> = OnceLock::new();
    TABLE.get_or_init(|| parse_cameo(CAMEO).unwrap_or_default()).get(code).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicon_parses() {
        let lex = Lexicon::parse_builtin().expect("lexicon parses");
        let words: Vec<String> = "đã hội đàm với".split(' ').map(String::from).collect();
        let (len, p) = lex.predicates.longest_at(&words, 1).expect("hội đàm");
        assert_eq!(len, 2);
        assert_eq!(p.kind, EventType::CONSULT);
        assert_eq!(goldstein("057"), Some(8.0));
    }

    #[test]
    fn errors_name_the_line() {
        let cameo = parse_cameo("040 | 1.0 | consult").unwrap();
        let e = parse_predicates("# c\ngặp | MEET | meet | 040 |", &cameo).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().contains("unknown event type"));
        let e = parse_predicates("gặp | CONSULT | meet | 999 |", &cameo).unwrap_err();
        assert!(e.to_string().contains("999"));
    }
}

//! The project's lexicon of Vietnamese words with their usual tags.
//!
//! Written by the project (`data/lexicon/*.txt`: `word<TAB>UPOS`, `#`
//! comments), compiled into the library. The segmenter reads its words of
//! two to four syllables, the tagger every word's tag. The models do not obey
//! it: they see which lexicon words cover, start or end at each point and
//! learn how far to trust that, so a missing or extra word costs little.

use std::sync::OnceLock;

use crate::hash;
use crate::units::{key_hash, Unit};
use crate::upos::Upos;

/// Words longer than this many syllables are not looked up.
pub const MAX_SYLLABLES: usize = 4;

const SEQUENCE: u8 = 250;

/// A lexicon line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LexiconError {
    /// The lexicon file, as the build names it in `# file:` lines.
    pub file: String,
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Lexicon {
    entries: hash::HashMap<Entry>,
    fingerprint: u64,
}

/// A listed word: its tag, and which lexicon file lists it (the models learn
/// how far to trust each file: a list of names is surer than one of
/// everyday compounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub tag: Upos,
    pub source: u8,
}

/// The key of a sequence of unit keys.
#[inline]
pub fn sequence_key(keys: impl IntoIterator<Item = u64>) -> u64 {
    let mut h = hash::feature(SEQUENCE, &[]);
    for k in keys {
        h = hash::combine(h, k);
    }
    h
}

impl Lexicon {
    /// Reads a lexicon; bad lines are returned, the good ones are kept.
    pub fn parse(text: &str) -> (Lexicon, Vec<LexiconError>) {
        let mut lex = Lexicon::default();
        let mut errors = Vec::new();
        let mut file = "lexicon";
        let mut first_line = 0;
        let mut source: u8 = 0;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if let Some(name) = line.strip_prefix("# file: ") {
                (file, first_line) = (name, n + 1);
                source = source.saturating_add(1);
                continue;
            }
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: &str| LexiconError {
                file: file.to_string(),
                line: n + 1 - first_line,
                message: message.to_string(),
            };
            let Some((word, tag)) = line.split_once('\t') else {
                errors.push(err("expected `word<TAB>UPOS`"));
                continue;
            };
            let Some(tag) = Upos::parse(tag.trim()) else {
                errors.push(err(&format!("unknown tag `{}`", tag.trim())));
                continue;
            };
            let syllables: Vec<&str> = word.split_whitespace().collect();
            if !(1..=MAX_SYLLABLES).contains(&syllables.len()) {
                errors.push(err("a word needs 1 to 4 syllables"));
                continue;
            }
            let k = sequence_key(syllables.iter().map(|s| key_hash(s)));
            if lex.entries.insert(k, Entry { tag, source }).is_none() {
                let value = hash::combine(tag.index() as u64, u64::from(source));
                lex.fingerprint = lex.fingerprint.wrapping_add(hash::combine(k, value));
            }
        }
        (lex, errors)
    }

    /// The lexicon compiled into the library.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| {
            Lexicon::parse(include_str!(concat!(env!("OUT_DIR"), "/lexicon.txt"))).0
        })
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A value that changes when the set of words or their tags changes (and
    /// not with comments or order): models record the lexicon they learnt with.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The tag of the word made of these unit keys, if it is listed.
    pub fn get(&self, keys: &[u64]) -> Option<Upos> {
        if keys.is_empty() {
            return None;
        }
        self.entries
            .get(&sequence_key(keys.iter().copied()))
            .map(|e| e.tag)
    }

    /// The tag of the word with this [`sequence_key`], if it is listed.
    #[inline]
    pub fn get_key(&self, key: u64) -> Option<Upos> {
        self.entry(key).map(|e| e.tag)
    }

    /// The entry of the word with this [`sequence_key`], if it is listed.
    #[inline]
    pub fn entry(&self, key: u64) -> Option<Entry> {
        self.entries.get(&key).copied()
    }

    /// Calls `found(start, len, entry)` for every listed word among `units`.
    pub fn each_match(&self, units: &[Unit], mut found: impl FnMut(usize, usize, Entry)) {
        if self.entries.is_empty() {
            return;
        }
        each_sequence(units, |start, len, key| {
            if let Some(&entry) = self.entries.get(&key) {
                found(start, len, entry);
            }
        });
    }
}

/// Calls `visit(start, len, key)` for every run of 2 to [`MAX_SYLLABLES`]
/// units that does not cross a line break, with its [`sequence_key`].
pub fn each_sequence(units: &[Unit], mut visit: impl FnMut(usize, usize, u64)) {
    for start in 0..units.len() {
        let mut h = hash::combine(sequence_key([]), units[start].key);
        for len in 2..=MAX_SYLLABLES.min(units.len() - start) {
            let u = &units[start + len - 1];
            if u.line_break {
                break;
            }
            h = hash::combine(h, u.key);
            visit(start, len, h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::units;

    #[test]
    fn parses_and_matches_whatever_the_case_and_tone_placement() {
        let (lex, errors) =
            Lexicon::parse("# c\nhoà bình\tNOUN\nbộ trưởng\tNOUN\nxấu\tADJ\nx\tFOO\nno tab\n");
        assert_eq!(lex.len(), 3);
        assert_eq!(errors.iter().map(|e| e.line).collect::<Vec<_>>(), [5, 6]);
        let text = "Bộ trưởng nói về Hòa Bình";
        let mut found = Vec::new();
        lex.each_match(&units(text), |s, l, e| found.push((s, l, e.tag.as_str())));
        assert_eq!(found, [(0, 2, "NOUN"), (4, 2, "NOUN")]);
    }

    #[test]
    fn fingerprint_ignores_order_and_comments() {
        let a = Lexicon::parse("a b\tNOUN\nc d\tVERB\n").0;
        let b = Lexicon::parse("# x\nc d\tVERB\na b\tNOUN\n").0;
        let c = Lexicon::parse("a b\tNOUN\nc d\tNOUN\n").0;
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), c.fingerprint());
    }

    #[test]
    fn builtin_lexicon_has_no_bad_lines() {
        let (_, errors) = Lexicon::parse(include_str!(concat!(env!("OUT_DIR"), "/lexicon.txt")));
        assert!(errors.is_empty(), "{errors:?}");
    }
}

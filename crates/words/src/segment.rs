//! The word segmenter: for every gap between two units, join or split.
//!
//! Pointwise prediction in the manner of KyTea and vaporetto, made greedy
//! left to right so that a gap also sees how long the word on its left
//! already is. Features: the units around the gap (up to two on each side,
//! their keys and shapes, alone and in n-grams), whether white space
//! separates them, which words of the lexicon and of the training
//! vocabulary cover the gap, end just before it or start just after it (and
//! which lexicon file lists them), whether training saw the two units joined
//! or split, and where forward and backward longest matching put the gap.

use std::ops::Range;
use std::sync::OnceLock;

use crate::hash;
use crate::lexicon::{each_sequence, sequence_key, Lexicon, MAX_SYLLABLES};
use crate::perceptron::{read_table, write_table, ModelError, ModelKind, Trainer, Weights};
use crate::units::{units, Shape, Unit};

/// Lexicon facts about one gap (between unit `g` and `g + 1`).
#[derive(Debug, Clone, Copy, Default)]
struct GapLexicon {
    /// Bit `(len - 2) * 3 + offset`: a listed word of `len` units covers the
    /// gap, which is its `offset`-th inner gap.
    inside: u16,
    /// Length and tag of the longest listed word covering the gap.
    longest: u8,
    longest_tag: u8,
    longest_source: u8,
    /// Longest listed word ending with unit `g` / starting with unit `g + 1`.
    ends_left: u8,
    starts_right: u8,
    /// The same three facts for words of the training treebank.
    known_inside: u16,
    known_ends_left: u8,
    known_starts_right: u8,
    /// What training says of the two units around the gap ([`JOINED`], [`SPLIT`]).
    pair: u8,
    /// Whether forward and backward longest matching over the lexicon and
    /// the vocabulary put the gap inside a word (bits 1 and 2).
    matching: u8,
}

/// Longest matching over the known words, forward (`backward == false`) or
/// backward: marks with `bit` the gaps inside the words it picks.
/// `known[start]` has bit `len` set when units `start..start + len` make a
/// known word.
fn longest_matching(known: &[u8], backward: bool, bit: u8, out: &mut [GapLexicon]) {
    let n = known.len();
    let mut i = 0;
    while i < n {
        let room = n - i;
        let mut len = 1;
        for l in (2..=MAX_SYLLABLES.min(room)).rev() {
            let start = if backward { n - i - l } else { i };
            if known[start] & (1 << l) != 0 {
                len = l;
                break;
            }
        }
        let start = if backward { n - i - len } else { i };
        for gap in &mut out[start..start + len - 1] {
            gap.matching |= bit;
        }
        i += len;
    }
}

/// What training says of unit sequences, by [`sequence_key`]: bit
/// [`JOINED`] when the sequence was one word, bit [`SPLIT`] when its two
/// units (pairs only) stood in two adjacent words.
pub type Vocabulary = hash::HashMap<u8>;
pub const JOINED: u8 = 1;
pub const SPLIT: u8 = 2;

fn gap_lexicon(
    lexicon: &Lexicon,
    seen: impl Fn(u64) -> u8,
    units: &[Unit],
    out: &mut Vec<GapLexicon>,
) {
    out.clear();
    out.resize(units.len().saturating_sub(1), GapLexicon::default());
    // one look-up per unit sequence, in both lists
    let mut known = vec![0u8; units.len()];
    each_sequence(units, |start, len, key| {
        let bits = seen(key);
        if len == 2 {
            out[start].pair = bits;
        }
        let entry = lexicon.entry(key);
        if bits & JOINED != 0 || entry.is_some() {
            known[start] |= 1 << len;
        }
        if bits & JOINED != 0 {
            for offset in 0..len - 1 {
                out[start + offset].known_inside |= 1 << ((len - 2) * 3 + offset);
            }
            if start > 0 {
                let g = &mut out[start - 1];
                g.known_starts_right = g.known_starts_right.max(len as u8);
            }
            if let Some(g) = out.get_mut(start + len - 1) {
                g.known_ends_left = g.known_ends_left.max(len as u8);
            }
        }
        if let Some(entry) = entry {
            for offset in 0..len - 1 {
                let g = &mut out[start + offset];
                g.inside |= 1 << ((len - 2) * 3 + offset);
                if len as u8 > g.longest {
                    g.longest = len as u8;
                    g.longest_tag = entry.tag.index() as u8;
                    g.longest_source = entry.source;
                }
            }
            if start > 0 {
                let g = &mut out[start - 1];
                g.starts_right = g.starts_right.max(len as u8);
            }
            if let Some(g) = out.get_mut(start + len - 1) {
                g.ends_left = g.ends_left.max(len as u8);
            }
        }
    });
    longest_matching(&known, false, 1, out);
    longest_matching(&known, true, 2, out);
}

const BOS: u64 = 0x5eed_0000_0000_0001;
const EOS: u64 = 0x5eed_0000_0000_0002;

/// The features of the gap after unit `g`; `run` is the number of units
/// already joined into the word that unit `g` ends (0 if it starts one).
fn gap_features(units: &[Unit], lex: &[GapLexicon], g: usize, run: usize, out: &mut Vec<u64>) {
    use hash::feature as f;
    out.clear();
    let key = |i: isize| -> u64 {
        if i < 0 {
            BOS
        } else {
            units.get(i as usize).map_or(EOS, |u| u.key)
        }
    };
    let shape = |i: isize| -> u64 {
        if i < 0 {
            0
        } else {
            units.get(i as usize).map_or(9, |u| u.shape.code())
        }
    };
    let i = g as isize;
    let (l2, l1, r1, r2) = (key(i - 1), key(i), key(i + 1), key(i + 2));
    let (sl2, sl1, sr1, sr2) = (shape(i - 1), shape(i), shape(i + 1), shape(i + 2));
    let glued = u64::from(!units[g + 1].spaced);
    let run = run.min(3) as u64;
    out.extend_from_slice(&[
        f(0, &[]),
        f(21, &[l1, r1, glued]),
        f(1, &[l1]),
        f(2, &[r1]),
        f(3, &[l2]),
        f(4, &[r2]),
        f(5, &[l1, r1]),
        f(6, &[l2, l1]),
        f(7, &[r1, r2]),
        f(8, &[l2, l1, r1]),
        f(9, &[l1, r1, r2]),
        f(10, &[sl2, sl1, sr1, sr2]),
        f(11, &[sl1, sr1, glued]),
        f(12, &[glued, l1]),
        f(13, &[glued, r1]),
        f(14, &[l1, sr1]),
        f(15, &[sl1, r1]),
        f(16, &[run]),
        f(17, &[run, l1, r1]),
        f(18, &[key(i - 2)]),
        f(19, &[key(i + 3)]),
        f(20, &[run, sl1, sr1]),
    ]);
    let x = lex[g];
    let inside = u64::from(x.inside != 0);
    // one feature per set bit of an `inside` mask
    let bits = |template: u8, mask: u16, out: &mut Vec<u64>| {
        out.extend(
            (0..(MAX_SYLLABLES - 1) * 3)
                .filter(|b| mask & (1 << b) != 0)
                .map(|b| f(template, &[b as u64])),
        );
    };
    bits(30, x.inside, out);
    out.push(f(
        31,
        &[inside, u64::from(x.ends_left), u64::from(x.starts_right)],
    ));
    out.push(f(32, &[u64::from(x.longest), u64::from(x.longest_tag)]));
    out.push(f(33, &[inside, l1]));
    out.push(f(34, &[inside, r1]));
    out.push(f(35, &[inside, sl1, sr1]));
    out.push(f(36, &[inside, run, u64::from(x.longest)]));
    out.push(f(
        37,
        &[
            u64::from(x.longest_source),
            u64::from(x.longest),
            u64::from(x.longest_tag),
        ],
    ));
    let known = u64::from(x.known_inside != 0);
    bits(40, x.known_inside, out);
    out.push(f(
        41,
        &[
            known,
            u64::from(x.known_ends_left),
            u64::from(x.known_starts_right),
        ],
    ));
    out.push(f(42, &[known, inside]));
    out.push(f(43, &[known, l1, r1]));
    out.push(f(44, &[u64::from(x.pair), inside]));
    out.push(f(45, &[u64::from(x.pair), u64::from(x.longest_source)]));
    out.push(f(46, &[u64::from(x.matching)]));
    out.push(f(47, &[u64::from(x.matching), inside, known]));
    out.push(f(48, &[u64::from(x.matching), l1]));
    out.push(f(49, &[u64::from(x.matching), r1]));
}

/// Gaps that never join, whatever the model says.
fn forced_split(units: &[Unit], g: usize) -> bool {
    let (a, b) = (&units[g], &units[g + 1]);
    b.line_break || a.shape == Shape::Link || b.shape == Shape::Link
}

/// Word ranges from join decisions.
fn words_from_joins(units: &[Unit], joins: &[bool]) -> Vec<Range<usize>> {
    let mut words = Vec::with_capacity(units.len());
    let mut start = 0;
    for (i, u) in units.iter().enumerate() {
        if i == 0 || !joins[i - 1] {
            start = u.start;
        }
        if i + 1 == units.len() || !joins[i] {
            words.push(start..u.end);
        }
    }
    words
}

/// A trained segmenter.
pub struct Segmenter {
    weights: Weights,
    lexicon: &'static Lexicon,
    vocabulary: Vocabulary,
}

static BUILTIN_MODEL: &[u8] = include_bytes!("../model/segmenter.bin");

impl Segmenter {
    pub fn new(weights: Weights, lexicon: &'static Lexicon, vocabulary: Vocabulary) -> Segmenter {
        Segmenter {
            weights,
            lexicon,
            vocabulary,
        }
    }

    /// Reads a model file: the weights, then the training vocabulary (a
    /// count, then sorted keys and their bits, little-endian).
    pub fn from_bytes(bytes: &[u8], lexicon: &'static Lexicon) -> Result<Segmenter, ModelError> {
        let (weights, used) = Weights::from_bytes_prefix(bytes, ModelKind::Segmenter)?;
        let vocabulary = read_table(&bytes[used..])?;
        Ok(Segmenter::new(weights, lexicon, vocabulary))
    }

    /// The model trained on UD-VTB, with the built-in lexicon.
    pub fn builtin() -> &'static Segmenter {
        static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
        SEGMENTER.get_or_init(|| {
            // the committed model is checked by a test; an unreadable one
            // degrades to one word per unit rather than failing every caller
            Segmenter::from_bytes(BUILTIN_MODEL, Lexicon::builtin()).unwrap_or_else(|_| {
                Segmenter::new(
                    Weights::default(),
                    Lexicon::builtin(),
                    Vocabulary::default(),
                )
            })
        })
    }

    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.weights.to_bytes(ModelKind::Segmenter);
        write_table(&self.vocabulary, &mut out);
        out
    }

    /// The words of `text`, as byte ranges in order. Every character that is
    /// not white space is in exactly one word; words hold white space only
    /// inside (`bộ trưởng`).
    pub fn segment(&self, text: &str) -> Vec<Range<usize>> {
        self.segment_units(text).1
    }

    /// The units of `text` and its words, for callers that go on to tag the
    /// words ([`crate::Tagger::tag_units`]) without cutting units again.
    pub fn segment_units(&self, text: &str) -> (Vec<Unit>, Vec<Range<usize>>) {
        let units = units(text);
        let joins = self.joins(&units);
        let words = words_from_joins(&units, &joins);
        (units, words)
    }

    /// Whether `word` (a range of `text`) is a word the segmenter knows: one
    /// unit, or listed in the lexicon, or seen in training. A word it made
    /// up (`tấn công bằng`) is less sure than one it knows (`thăm dò`).
    pub fn is_known(&self, text: &str, word: Range<usize>) -> bool {
        text.get(word)
            .is_some_and(|slice| self.is_known_units(&units(slice)))
    }

    /// [`Segmenter::is_known`] for a word given as its units.
    pub fn is_known_units(&self, units: &[Unit]) -> bool {
        if units.len() < 2 {
            return true;
        }
        let key = sequence_key(units.iter().map(|x| x.key));
        self.lexicon.get_key(key).is_some()
            || self.vocabulary.get(&key).is_some_and(|b| b & JOINED != 0)
    }

    /// For every gap between units, whether it is inside a word.
    pub fn joins(&self, units: &[Unit]) -> Vec<bool> {
        let mut joins = vec![false; units.len().saturating_sub(1)];
        if self.weights.is_empty() {
            return joins;
        }
        let mut lex = Vec::new();
        gap_lexicon(
            self.lexicon,
            |k| self.vocabulary.get(&k).copied().unwrap_or(0),
            units,
            &mut lex,
        );
        let mut features = Vec::with_capacity(64);
        let mut run = 0;
        for (g, join) in joins.iter_mut().enumerate() {
            if !forced_split(units, g) {
                gap_features(units, &lex, g, run, &mut features);
                *join = self.weights.sum(&features) > 0.0;
            }
            run = if *join { run + 1 } else { 0 };
        }
        joins
    }
}

/// A training sentence: its text and its gold words as byte ranges.
/// Examples of one `group` (a sentence and its variants) share a fold.
pub struct Example<'a> {
    pub text: &'a str,
    pub words: &'a [Range<usize>],
    pub group: usize,
}

/// Folds for the training vocabulary: a sentence sees only the words of the
/// other folds, as a new sentence sees only words of the training data, so
/// the model learns how far to trust the vocabulary on unseen text.
const FOLDS: usize = 10;

/// The sequence keys of the multi-syllable words among `units` (with
/// [`JOINED`]) and of the unit pairs split by a word boundary ([`SPLIT`]).
fn word_keys(units: &[Unit], gold: &[bool]) -> Vec<(u64, u8)> {
    let mut keys = Vec::new();
    let mut start = 0;
    for i in 0..units.len() {
        if i + 1 == units.len() || !gold[i] {
            let len = i + 1 - start;
            if (2..=MAX_SYLLABLES).contains(&len)
                && !units[start + 1..=i].iter().any(|u| u.line_break)
            {
                keys.push((sequence_key(units[start..=i].iter().map(|u| u.key)), JOINED));
            }
            if i + 1 < units.len() && !units[i + 1].line_break {
                keys.push((sequence_key([units[i].key, units[i + 1].key]), SPLIT));
            }
            start = i + 1;
        }
    }
    keys
}

/// Gold join decisions: a gap joins when both units lie in one word.
pub fn gold_joins(units: &[Unit], words: &[Range<usize>]) -> Vec<bool> {
    let mut word_of = Vec::with_capacity(units.len());
    let mut w = 0;
    for u in units {
        while w < words.len() && words[w].end <= u.start {
            w += 1;
        }
        word_of.push(if w < words.len() && words[w].start <= u.start {
            w
        } else {
            usize::MAX - word_of.len()
        });
    }
    word_of.windows(2).map(|p| p[0] == p[1]).collect()
}

/// Trains a segmenter on examples, `epochs` passes in an order shuffled by
/// `seed`.
pub fn train(
    examples: &[Example],
    lexicon: &'static Lexicon,
    epochs: usize,
    seed: u64,
) -> Segmenter {
    let gold: Vec<(Vec<Unit>, Vec<bool>)> = examples
        .iter()
        .map(|e| {
            let u = units(e.text);
            let g = gold_joins(&u, e.words);
            (u, g)
        })
        .collect();
    // per key and fold: how often joined, how often split
    let mut counts: hash::HashMap<[[u32; 2]; FOLDS]> = hash::HashMap::default();
    for (e, (u, g)) in examples.iter().zip(&gold) {
        for (k, bit) in word_keys(u, g) {
            counts.entry(k).or_default()[e.group % FOLDS][usize::from(bit == SPLIT)] += 1;
        }
    }
    let bits_of = |c: &[[u32; 2]; FOLDS], skip: Option<usize>| -> u8 {
        let mut sum = [0u32; 2];
        for (f, x) in c.iter().enumerate() {
            if Some(f) != skip {
                sum[0] += x[0];
                sum[1] += x[1];
            }
        }
        (if sum[0] > 0 { JOINED } else { 0 }) | (if sum[1] > 0 { SPLIT } else { 0 })
    };
    let known_in_other_folds =
        |k: u64, fold: usize| counts.get(&k).map_or(0, |c| bits_of(c, Some(fold)));
    let prepared: Vec<(&Vec<Unit>, &Vec<bool>, Vec<GapLexicon>)> = examples
        .iter()
        .zip(&gold)
        .map(|(e, (u, g))| {
            let fold = e.group % FOLDS;
            let mut lex = Vec::new();
            gap_lexicon(lexicon, |k| known_in_other_folds(k, fold), u, &mut lex);
            (u, g, lex)
        })
        .collect();
    let mut trainer = Trainer::new(1);
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = crate::Lcg(seed);
    let mut features = Vec::with_capacity(64);
    let mut score = [0f64];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (u, gold, lex) = &prepared[s];
            let mut run = 0;
            for g in 0..gold.len() {
                let mut joined = false;
                if !forced_split(u, g) {
                    gap_features(u, lex, g, run, &mut features);
                    trainer.scores(&features, &mut score);
                    let y = if gold[g] { 1.0 } else { -1.0 };
                    if score[0] * y <= 0.0 {
                        trainer.update(&features, 0, y);
                    }
                    trainer.tick();
                    joined = score[0] > 0.0;
                }
                run = if joined { run + 1 } else { 0 };
            }
        }
    }
    let vocabulary = counts.iter().map(|(k, c)| (*k, bits_of(c, None))).collect();
    Segmenter::new(
        trainer.average(1e-4, lexicon.fingerprint()),
        lexicon,
        vocabulary,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_joins_follow_word_ranges() {
        let text = "bộ trưởng nói 10.000";
        let u = units(text);
        let words = [0..14, 15..19, 20..26];
        assert_eq!(gold_joins(&u, &words), [true, false, false, true, true]);
        assert_eq!(words_from_joins(&u, &gold_joins(&u, &words)), words);
    }

    #[test]
    fn an_empty_model_splits_every_unit() {
        let s = Segmenter::new(
            Weights::default(),
            Lexicon::builtin(),
            Vocabulary::default(),
        );
        assert_eq!(s.segment(" Hà  Nội. "), [1..4, 6..11, 11..12]);
        assert!(s.segment("").is_empty());
    }
}

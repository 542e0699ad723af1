//! The part-of-speech tagger: UPOS tags for words, left to right.
//!
//! A greedy averaged perceptron in the manner of Collins (2002) and
//! Honnibal's tagger. Features: the word, its first and last syllables,
//! its length and shape, the words around it, the two tags before it, and
//! the tag the lexicon gives it.

use std::ops::Range;
use std::sync::OnceLock;

use crate::hash;
use crate::lexicon::{sequence_key, Lexicon};
use crate::perceptron::{read_table, write_table, ModelError, ModelKind, Trainer, Weights};
use crate::units::{units, word_units, Unit};
use crate::upos::{Upos, UPOS};

/// What the tagger knows of one word.
#[derive(Debug, Clone, Copy)]
struct WordInfo {
    key: u64,
    first: u64,
    last: u64,
    syllables: u64,
    shape: u64,
    lexicon: u64,
    /// The set of tags the word had in training (a bit per tag), 0 if unseen.
    seen: u64,
}

/// Tags seen per word in training, by word key: a bit per tag.
pub type TagDictionary = hash::HashMap<u32>;

const NONE: u64 = 0x7a6_0000_0000_0001;

fn word_infos(
    text: &str,
    all: &[Unit],
    words: &[Range<usize>],
    lexicon: &Lexicon,
    seen: &TagDictionary,
) -> Vec<WordInfo> {
    let mut keys = Vec::new();
    words
        .iter()
        .zip(word_units(all, words))
        .map(|(w, inner)| {
            let inner: &[Unit] = &all[inner];
            keys.clear();
            keys.extend(inner.iter().map(|u| u.key));
            let (first, last) = (inner.first(), inner.last());
            let shape = match (first, last) {
                (Some(a), Some(b)) => a.shape.code() * 16 + b.shape.code(),
                _ => 0,
            };
            let key = match keys.len() {
                0 => hash::string(&text[w.clone()]),
                1 => keys[0],
                _ => sequence_key(keys.iter().copied()),
            };
            WordInfo {
                key,
                seen: seen.get(&key).map_or(0, |&m| u64::from(m)),
                first: first.map_or(NONE, |u| u.key),
                last: last.map_or(NONE, |u| u.key),
                syllables: keys.len().min(4) as u64,
                shape,
                lexicon: lexicon.get(&keys).map_or(NONE, |t| t.index() as u64),
            }
        })
        .collect()
}

const START: u64 = 0x57a7_0000_0000_0001;
const END: u64 = 0x57a7_0000_0000_0002;

fn word_features(words: &[WordInfo], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    use hash::feature as f;
    out.clear();
    let key = |j: isize| -> u64 {
        if j < 0 {
            START
        } else {
            words.get(j as usize).map_or(END, |w| w.key)
        }
    };
    let w = words[i];
    let j = i as isize;
    let next = words.get(i + 1);
    out.extend_from_slice(&[
        f(0, &[]),
        f(1, &[w.key]),
        f(2, &[w.first]),
        f(3, &[w.last]),
        f(4, &[w.syllables, w.shape]),
        f(5, &[key(j - 1)]),
        f(6, &[key(j + 1)]),
        f(7, &[key(j - 2)]),
        f(8, &[key(j + 2)]),
        f(9, &[p1]),
        f(10, &[p1, p2]),
        f(11, &[p1, w.key]),
        f(12, &[w.key, key(j + 1)]),
        f(13, &[key(j - 1), w.key]),
        f(14, &[w.lexicon, w.syllables]),
        f(15, &[w.shape, w.first]),
        f(16, &[u64::from(i == 0), w.shape]),
        f(17, &[w.key, next.map_or(0, |n| n.shape)]),
        f(18, &[next.map_or(NONE, |n| n.lexicon)]),
        f(19, &[p1, key(j + 1)]),
        f(20, &[w.shape, w.last]),
        f(21, &[p1, w.lexicon]),
        f(22, &[key(j - 1), p1]),
        f(23, &[w.key, key(j - 1), key(j + 1)]),
        f(24, &[p1, w.first]),
        f(25, &[w.last, key(j + 1)]),
        f(26, &[key(j + 1), key(j + 2)]),
        f(27, &[w.key, p1, p2]),
        f(28, &[w.seen]),
        f(29, &[next.map_or(0, |n| n.seen)]),
        f(30, &[if i > 0 { words[i - 1].seen } else { 0 }]),
        f(31, &[p1, w.seen]),
        f(32, &[w.seen, next.map_or(0, |n| n.seen)]),
        f(33, &[if i > 0 { words[i - 1].lexicon } else { NONE }]),
        f(34, &[w.lexicon, next.map_or(NONE, |n| n.lexicon)]),
        f(35, &[w.lexicon, w.seen]),
    ]);
}

fn best(scores: &[f32]) -> usize {
    let mut b = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[b] {
            b = i;
        }
    }
    b
}

/// A trained tagger.
pub struct Tagger {
    weights: Weights,
    lexicon: &'static Lexicon,
    seen: TagDictionary,
}

static BUILTIN_MODEL: &[u8] = include_bytes!("../model/tagger.bin");

impl Tagger {
    pub fn new(weights: Weights, lexicon: &'static Lexicon, seen: TagDictionary) -> Tagger {
        Tagger {
            weights,
            lexicon,
            seen,
        }
    }

    /// Reads a model file: the weights, then the tag dictionary (a count,
    /// then key and tag mask per word, little-endian).
    pub fn from_bytes(bytes: &[u8], lexicon: &'static Lexicon) -> Result<Tagger, ModelError> {
        let (weights, used) = Weights::from_bytes_prefix(bytes, ModelKind::Tagger)?;
        let seen = read_table(&bytes[used..])?;
        Ok(Tagger::new(weights, lexicon, seen))
    }

    /// The model trained on UD-VTB, with the built-in lexicon.
    pub fn builtin() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| {
            Tagger::from_bytes(BUILTIN_MODEL, Lexicon::builtin()).unwrap_or_else(|_| {
                Tagger::new(
                    Weights::default(),
                    Lexicon::builtin(),
                    TagDictionary::default(),
                )
            })
        })
    }

    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.weights.to_bytes(ModelKind::Tagger);
        write_table(&self.seen, &mut out);
        out
    }

    /// One tag per word of `text` (byte ranges, as the segmenter gives them).
    pub fn tag(&self, text: &str, words: &[Range<usize>]) -> Vec<Upos> {
        self.tag_units(text, &units(text), words)
    }

    /// [`Tagger::tag`] with the text's units already cut
    /// ([`crate::Segmenter::segment_units`]).
    pub fn tag_units(&self, text: &str, units: &[Unit], words: &[Range<usize>]) -> Vec<Upos> {
        let infos = word_infos(text, units, words, self.lexicon, &self.seen);
        let mut tags = Vec::with_capacity(words.len());
        let mut features = Vec::with_capacity(32);
        let mut scores = vec![0f32; UPOS.len()];
        let (mut p1, mut p2) = (START, START);
        for i in 0..infos.len() {
            word_features(&infos, i, p1, p2, &mut features);
            scores.iter_mut().for_each(|s| *s = 0.0);
            if self.weights.classes() == UPOS.len() {
                features
                    .iter()
                    .for_each(|&f| self.weights.add(f, &mut scores));
            }
            let t = best(&scores);
            tags.push(Upos::from_index(t).unwrap_or(Upos::NOUN));
            (p2, p1) = (p1, t as u64);
        }
        tags
    }
}

/// A tagged training sentence.
pub struct Example<'a> {
    pub text: &'a str,
    pub words: &'a [Range<usize>],
    pub tags: &'a [Upos],
}

/// Trains a tagger, `epochs` passes in an order shuffled by `seed`.
pub fn train(examples: &[Example], lexicon: &'static Lexicon, epochs: usize, seed: u64) -> Tagger {
    // The tag dictionary is built with folds, as the segmenter's vocabulary:
    // a sentence sees the tags its words had in the other folds only.
    const FOLDS: usize = 10;
    let empty = TagDictionary::default();
    let keyed: Vec<Vec<WordInfo>> = examples
        .iter()
        .map(|e| word_infos(e.text, &units(e.text), e.words, lexicon, &empty))
        .collect();
    let mut folds: Vec<TagDictionary> = vec![TagDictionary::default(); FOLDS];
    let mut all = TagDictionary::default();
    for (s, (infos, e)) in keyed.iter().zip(examples).enumerate() {
        for (w, t) in infos.iter().zip(e.tags) {
            *folds[s % FOLDS].entry(w.key).or_default() |= 1 << t.index();
            *all.entry(w.key).or_default() |= 1 << t.index();
        }
    }
    let prepared: Vec<Vec<WordInfo>> = keyed
        .into_iter()
        .enumerate()
        .map(|(s, mut infos)| {
            for w in &mut infos {
                let other: u32 = (0..FOLDS)
                    .filter(|f| *f != s % FOLDS)
                    .filter_map(|f| folds[f].get(&w.key))
                    .fold(0, |a, m| a | m);
                w.seen = u64::from(other);
            }
            infos
        })
        .collect();
    let mut trainer = Trainer::new(UPOS.len());
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = crate::Lcg(seed);
    let mut features = Vec::with_capacity(32);
    let mut scores = vec![0f64; UPOS.len()];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (infos, gold) = (&prepared[s], examples[s].tags);
            let (mut p1, mut p2) = (START, START);
            for (i, truth) in gold.iter().enumerate().take(infos.len()) {
                word_features(infos, i, p1, p2, &mut features);
                trainer.scores(&features, &mut scores);
                let mut guess = 0;
                for (c, s) in scores.iter().enumerate() {
                    if *s > scores[guess] {
                        guess = c;
                    }
                }
                let truth = truth.index();
                if guess != truth {
                    trainer.update(&features, truth, 1.0);
                    trainer.update(&features, guess, -1.0);
                }
                trainer.tick();
                (p2, p1) = (p1, guess as u64);
            }
        }
    }
    Tagger::new(trainer.average(1e-3, lexicon.fingerprint()), lexicon, all)
}

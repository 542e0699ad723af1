//! The part-of-speech tagger: UPOS tags for words.
//!
//! Two greedy averaged perceptrons in the manner of Collins (2002) and
//! Honnibal's tagger, one reading left to right and one right to left, their
//! scores summed per word. Features: the word, its first and last syllables,
//! its length and shape, the words around it, the two tags already given on
//! the reader's side, the tag the lexicon gives it and the tags it had in
//! training. Sentences of another annotation convention (UD-VTB's dev file)
//! are learnt through convention-private copies of every feature.

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
    /// The lexicon's tags of the first and last syllables as words of their
    /// own (for unseen compounds).
    parts: u64,
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
                parts: if keys.len() > 1 {
                    let tag = |k: &u64| {
                        lexicon
                            .get(std::slice::from_ref(k))
                            .map_or(31, |t| t.index() as u64)
                    };
                    tag(&keys[0]) * 32 + tag(&keys[keys.len() - 1])
                } else {
                    NONE
                },
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
        f(36, &[w.parts, w.lexicon]),
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

/// A trained tagger: two greedy taggers, one reading left to right and one
/// right to left, whose scores are summed (each sees the tags it has
/// already given on its own side).
pub struct Tagger {
    forward: Weights,
    backward: Weights,
    lexicon: &'static Lexicon,
    seen: TagDictionary,
}

static BUILTIN_MODEL: &[u8] = include_bytes!("../model/tagger.bin");

impl Tagger {
    pub fn new(
        forward: Weights,
        backward: Weights,
        lexicon: &'static Lexicon,
        seen: TagDictionary,
    ) -> Tagger {
        Tagger {
            forward,
            backward,
            lexicon,
            seen,
        }
    }

    /// Reads a model file: the forward and the backward weights, then the
    /// tag dictionary (a count, then key and tag mask per word,
    /// little-endian).
    pub fn from_bytes(bytes: &[u8], lexicon: &'static Lexicon) -> Result<Tagger, ModelError> {
        let (forward, used) = Weights::from_bytes_prefix(bytes, ModelKind::Tagger)?;
        let (backward, more) = Weights::from_bytes_prefix(&bytes[used..], ModelKind::Tagger)?;
        let seen = read_table(&bytes[used + more..])?;
        Ok(Tagger::new(forward, backward, lexicon, seen))
    }

    /// The model trained on UD-VTB, with the built-in lexicon.
    pub fn builtin() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| {
            Tagger::from_bytes(BUILTIN_MODEL, Lexicon::builtin()).unwrap_or_else(|_| {
                Tagger::new(
                    Weights::default(),
                    Weights::default(),
                    Lexicon::builtin(),
                    TagDictionary::default(),
                )
            })
        })
    }

    /// The forward weights (their lexicon fingerprint is the model's).
    pub fn weights(&self) -> &Weights {
        &self.forward
    }

    /// How many features the two directions have.
    pub fn features(&self) -> usize {
        self.forward.len() + self.backward.len()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.forward.to_bytes(ModelKind::Tagger);
        out.extend(self.backward.to_bytes(ModelKind::Tagger));
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
        let mut infos = word_infos(text, units, words, self.lexicon, &self.seen);
        let n = UPOS.len();
        let mut forward = vec![0f32; infos.len() * n];
        greedy(&self.forward, &infos, &mut forward);
        infos.reverse();
        let mut backward = vec![0f32; infos.len() * n];
        greedy(&self.backward, &infos, &mut backward);
        forward
            .chunks_mut(n)
            .zip(backward.chunks(n).rev())
            .map(|(sum, b)| {
                sum.iter_mut().zip(b).for_each(|(s, b)| *s += b);
                Upos::from_index(best(sum)).unwrap_or(Upos::NOUN)
            })
            .collect()
    }
}

/// Tags `words` greedily in their order with `weights`, writing each word's
/// class scores to its row of `scores` (all zero on entry).
fn greedy(weights: &Weights, words: &[WordInfo], scores: &mut [f32]) {
    if weights.classes() != UPOS.len() {
        return;
    }
    let mut features = Vec::with_capacity(40);
    let (mut p1, mut p2) = (START, START);
    for (i, row) in scores.chunks_mut(UPOS.len()).enumerate().take(words.len()) {
        word_features(words, i, p1, p2, &mut features);
        features.iter().for_each(|&f| weights.add(f, row));
        (p2, p1) = (p1, best(row) as u64);
    }
}

/// A tagged training sentence.
pub struct Example<'a> {
    pub text: &'a str,
    pub words: &'a [Range<usize>],
    pub tags: &'a [Upos],
    /// The annotation convention of its tags (0 is the one the tagger
    /// learns to output; see [`crate::conllu::Convention`]).
    pub convention: u8,
}

/// The key of a feature's copy private to one annotation convention.
fn in_convention(feature: u64, convention: u8) -> u64 {
    hash::combine(feature, 0xc04e_0000 + u64::from(convention))
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
    let conventions: Vec<u8> = examples.iter().map(|e| e.convention).collect();
    let gold: Vec<&[Upos]> = examples.iter().map(|e| e.tags).collect();
    let forward = train_direction(&prepared, &gold, &conventions, epochs, seed, lexicon);
    let reversed: Vec<Vec<WordInfo>> = prepared
        .into_iter()
        .map(|mut w| {
            w.reverse();
            w
        })
        .collect();
    let reversed_gold: Vec<Vec<Upos>> = gold
        .iter()
        .map(|g| g.iter().rev().copied().collect())
        .collect();
    let reversed_gold: Vec<&[Upos]> = reversed_gold.iter().map(|g| g.as_slice()).collect();
    let backward = train_direction(
        &reversed,
        &reversed_gold,
        &conventions,
        epochs,
        seed,
        lexicon,
    );
    Tagger::new(forward, backward, lexicon, all)
}

/// Trains one greedy direction on prepared sentences (in the order the
/// tagger reads them).
fn train_direction(
    sentences: &[Vec<WordInfo>],
    gold: &[&[Upos]],
    conventions: &[u8],
    epochs: usize,
    seed: u64,
    lexicon: &Lexicon,
) -> Weights {
    let mut trainer = Trainer::new(UPOS.len());
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = crate::Lcg(seed);
    let mut features = Vec::with_capacity(80);
    let mut scores = vec![0f64; UPOS.len()];
    // Every feature also gets a copy private to the example's convention
    // (Daumé's "frustratingly easy" domain adaptation): what the conventions
    // share is learnt from all examples, where they differ the private
    // copies take it up. The primary copies are folded in afterwards.
    let several = conventions.iter().any(|c| *c != 0);
    let mut general: hash::HashMap<()> = hash::HashMap::default();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (infos, gold) = (&sentences[s], gold[s]);
            let (mut p1, mut p2) = (START, START);
            for (i, truth) in gold.iter().enumerate().take(infos.len()) {
                word_features(infos, i, p1, p2, &mut features);
                if several {
                    let n = features.len();
                    for k in 0..n {
                        general.insert(features[k], ());
                        features.push(in_convention(features[k], conventions[s]));
                    }
                }
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
    let weights = trainer.average(1e-3, lexicon.fingerprint());
    if several {
        weights.fold(general.keys().map(|&f| (f, in_convention(f, 0))))
    } else {
        weights
    }
}

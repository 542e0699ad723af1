//! Vietnamese word segmentation and part-of-speech tagging.
//!
//! Vietnamese writes a space between syllables, not words: `bộ trưởng`
//! (minister) is one word of two syllables, and `ký` (sign) inside `thư ký`
//! (secretary) is no verb. This crate joins syllables into words
//! ([`Segmenter`]) and gives each word a Universal Dependencies tag
//! ([`Tagger`]). Both are averaged perceptrons trained by [`segment::train`]
//! and [`tag::train`] on the UD Vietnamese VTB treebank (CC BY-SA 4.0), with
//! a lexicon the project wrote ([`Lexicon`]); the trained models are
//! committed in `model/` and compiled in.

pub mod conllu;
pub mod evaluate;
pub mod hash;
pub mod lexicon;
pub mod perceptron;
pub mod score;
pub mod segment;
pub mod tag;
pub mod units;
pub mod upos;

use std::ops::Range;

pub use lexicon::Lexicon;
pub use perceptron::ModelError;
pub use segment::Segmenter;
pub use tag::Tagger;
pub use units::{word_units, Unit};
pub use upos::Upos;

/// A word: its byte range in the text and its tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    pub upos: Upos,
}

/// Segments and tags `text` with the built-in models.
pub fn words(text: &str) -> Vec<Word> {
    let (units, ranges) = Segmenter::builtin().segment_units(text);
    let tags = Tagger::builtin().tag_units(text, &units, &ranges);
    ranges
        .into_iter()
        .zip(tags)
        .map(|(range, upos)| Word { range, upos })
        .collect()
}

/// A small deterministic generator for shuffling training data.
pub(crate) struct Lcg(pub u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

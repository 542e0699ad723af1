//! Scoring the segmenter and the tagger on treebank sentences, and training
//! both from a UD treebank folder.

use std::path::{Path, PathBuf};

use crate::conllu::{read_conllu, TreebankSentence};
use crate::score::{span_keys, Counts};
use crate::{segment, tag, Lexicon, Segmenter, Tagger};

/// Word segmentation counts of `segmenter` on `sentences` (their text as the
/// treebank gives it).
pub fn segmentation(segmenter: &Segmenter, sentences: &[TreebankSentence]) -> Counts {
    let mut c = Counts::default();
    for s in sentences {
        c.add(
            &span_keys(&s.words),
            &span_keys(&segmenter.segment(&s.text)),
        );
    }
    c
}

/// Tagging scores: accuracy on the gold words, and the F1 of (word, tag)
/// pairs on the segmenter's own words.
#[derive(Debug, Clone, Copy, Default)]
pub struct TaggingScores {
    pub gold_words_accuracy: f64,
    pub own_words: Counts,
}

pub fn tagging(
    tagger: &Tagger,
    segmenter: &Segmenter,
    sentences: &[TreebankSentence],
) -> TaggingScores {
    let (mut right, mut all) = (0, 0);
    let mut own = Counts::default();
    for s in sentences {
        let (units, words) = segmenter.segment_units(&s.text);
        let tags = tagger.tag_units(&s.text, &units, &s.words);
        right += tags.iter().zip(&s.tags).filter(|(a, b)| a == b).count();
        all += s.tags.len();
        let tags = tagger.tag_units(&s.text, &units, &words);
        let pairs =
            |w: &[std::ops::Range<usize>], t: &[crate::Upos]| -> Vec<(usize, usize, usize)> {
                w.iter()
                    .zip(t)
                    .map(|(r, t)| (r.start, r.end, t.index()))
                    .collect()
            };
        own.add(&pairs(&s.words, &s.tags), &pairs(&words, &tags));
    }
    TaggingScores {
        gold_words_accuracy: if all == 0 {
            0.0
        } else {
            right as f64 / all as f64
        },
        own_words: own,
    }
}

/// Where a UD treebank folder keeps its train, dev and test files.
pub struct Treebank {
    pub train: PathBuf,
    pub dev: PathBuf,
    pub test: PathBuf,
}

impl Treebank {
    /// Finds the `*-ud-{train,dev,test}.conllu` files in `dir`.
    pub fn find(dir: &Path) -> Result<Treebank, String> {
        let pick = |part: &str| -> Result<PathBuf, String> {
            let suffix = format!("-ud-{part}.conllu");
            std::fs::read_dir(dir)
                .map_err(|e| format!("{}: {e}", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().ends_with(&suffix))
                })
                .ok_or_else(|| format!("{}: no *{suffix} file", dir.display()))
        };
        Ok(Treebank {
            train: pick("train")?,
            dev: pick("dev")?,
            test: pick("test")?,
        })
    }
}

/// Reads a CoNLL-U file; the error names the file and line.
pub fn read_file(path: &Path) -> Result<Vec<TreebankSentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    read_conllu(&text).map_err(|e| format!("{}:{}", path.display(), e))
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainOptions {
    pub segmenter_epochs: usize,
    pub tagger_epochs: usize,
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            segmenter_epochs: 8,
            tagger_epochs: 8,
            seed: 20_241_122,
        }
    }
}

/// Trains a segmenter on treebank sentences, each also as news prints it.
pub fn train_segmenter(
    sentences: &[TreebankSentence],
    lexicon: &'static Lexicon,
    o: TrainOptions,
) -> Segmenter {
    let printed: Vec<(usize, TreebankSentence)> = sentences
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, s.as_printed()?)))
        .collect();
    let examples: Vec<segment::Example> = sentences
        .iter()
        .enumerate()
        .chain(printed.iter().map(|(i, s)| (*i, s)))
        .map(|(group, s)| segment::Example {
            text: &s.text,
            words: &s.words,
            group,
        })
        .collect();
    segment::train(&examples, lexicon, o.segmenter_epochs, o.seed)
}

pub fn train_tagger(
    sentences: &[TreebankSentence],
    lexicon: &'static Lexicon,
    o: TrainOptions,
) -> Tagger {
    let examples: Vec<tag::Example> = sentences
        .iter()
        .map(|s| tag::Example {
            text: &s.text,
            words: &s.words,
            tags: &s.tags,
            convention: s.convention.index(),
        })
        .collect();
    tag::train(&examples, lexicon, o.tagger_epochs, o.seed)
}

/// An empty lexicon, for the lexicon-free baseline.
pub fn no_lexicon() -> &'static Lexicon {
    static EMPTY: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    EMPTY.get_or_init(Lexicon::default)
}

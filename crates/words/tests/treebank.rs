//! Scores of the built-in models on the UD-VTB test file, read from
//! `../shared/corpora/ud-vtb` (skipped with a message when it is absent).
//! The floors are the figures the committed models reach, so a change that
//! makes them worse fails here; BENCHMARKS.md has the full comparison.

use std::path::Path;

use sukien_words::evaluate::{read_file, segmentation, tagging, Treebank};
use sukien_words::{Segmenter, Tagger};

#[test]
fn built_in_models_on_the_ud_vtb_test_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/ud-vtb");
    let Ok(files) = Treebank::find(&dir) else {
        eprintln!("skipped: no UD-VTB treebank at {}", dir.display());
        return;
    };
    let test = read_file(&files.test).expect("test file reads");
    let seg = segmentation(Segmenter::builtin(), &test);
    let tags = tagging(Tagger::builtin(), Segmenter::builtin(), &test);
    eprintln!(
        "UD-VTB test: word F1 {:.2}, UPOS on gold words {:.2}, UPOS F1 on own words {:.2}",
        100.0 * seg.f1(),
        100.0 * tags.gold_words_accuracy,
        100.0 * tags.own_words.f1()
    );
    assert!(
        seg.f1() >= WORD_F1_FLOOR,
        "word F1 {:.4} fell below {WORD_F1_FLOOR}",
        seg.f1()
    );
    assert!(
        tags.gold_words_accuracy >= UPOS_FLOOR,
        "UPOS {:.4} fell below {UPOS_FLOOR}",
        tags.gold_words_accuracy
    );
}

const WORD_F1_FLOOR: f64 = 0.97;
const UPOS_FLOOR: f64 = 0.92;

//! Cross-validates the tagger on the primary-convention training file, with
//! and without the other-convention file added, for tuning without the test
//! file: `cargo run --release -p sukien-words --example tagger_cv -- TRAIN DEV [FOLDS]`
//! (`EPOCHS=n` and `VARIANT=i` narrow a run).

use std::path::Path;

use sukien_words::conllu::{Convention, TreebankSentence};
use sukien_words::evaluate::{read_file, train_tagger, TrainOptions};
use sukien_words::Lexicon;

fn accuracy(tagger: &sukien_words::Tagger, sentences: &[&TreebankSentence]) -> (usize, usize) {
    let (mut right, mut all) = (0, 0);
    for s in sentences {
        let tags = tagger.tag(&s.text, &s.words);
        right += tags.iter().zip(&s.tags).filter(|(a, b)| a == b).count();
        all += s.tags.len();
    }
    (right, all)
}

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let (train, dev, folds) = match args.as_slice() {
        [_, t, d] => (t, d, 5),
        [_, t, d, k] => (t, d, k.parse().map_err(|_| "FOLDS is a number")?),
        _ => return Err("usage: tagger_cv TRAIN.conllu DEV.conllu [FOLDS]".into()),
    };
    let train = read_file(Path::new(train))?;
    let dev = read_file(Path::new(dev))?;
    let flat: Vec<TreebankSentence> = dev
        .iter()
        .cloned()
        .map(|mut s| {
            s.convention = Convention::Primary;
            s
        })
        .collect();
    let variants: [(&str, Option<&[TreebankSentence]>); 3] = [
        ("train only", None),
        ("+ dev, one convention", Some(&flat)),
        ("+ dev, two conventions", Some(&dev)),
    ];
    let mut o = TrainOptions::default();
    if let Some(e) = std::env::var("EPOCHS").ok().and_then(|e| e.parse().ok()) {
        o.tagger_epochs = e;
    }
    // VARIANT=2 runs only the third (the one `sukien train --with-dev` uses)
    let only: Option<usize> = std::env::var("VARIANT").ok().and_then(|e| e.parse().ok());
    for (v, (name, extra)) in variants.into_iter().enumerate() {
        if only.is_some_and(|o| o != v) {
            continue;
        }
        let (mut right, mut all) = (0, 0);
        // contiguous folds: neighbouring sentences share an article and its
        // words, so interleaved folds would hide how unseen words fare
        let fold = |i: usize| i * folds / train.len();
        for k in 0..folds {
            let held: Vec<&TreebankSentence> = train
                .iter()
                .enumerate()
                .filter(|(i, _)| fold(*i) == k)
                .map(|x| x.1)
                .collect();
            let mut rest: Vec<TreebankSentence> = train
                .iter()
                .enumerate()
                .filter(|(i, _)| fold(*i) != k)
                .map(|x| x.1.clone())
                .collect();
            rest.extend(extra.unwrap_or(&[]).iter().cloned());
            let tagger = train_tagger(&rest, Lexicon::builtin(), o);
            let (r, a) = accuracy(&tagger, &held);
            right += r;
            all += a;
        }
        println!("{name:26} {:.2}", 100.0 * right as f64 / all as f64);
    }
    Ok(())
}

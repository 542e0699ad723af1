//! Prints the tagger's most frequent confusions on the first 280 sentences
//! of the training file (gold words), trained on the rest and the dev file, split
//! into words seen and unseen in training, for error analysis:
//! `cargo run --release -p sukien-words --example tagger_errors -- TRAIN DEV`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use sukien_words::evaluate::{read_file, train_tagger, TrainOptions};
use sukien_words::Lexicon;

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let [_, train, dev_file] = args.as_slice() else {
        return Err("usage: tagger_errors TRAIN.conllu DEV.conllu".into());
    };
    let (held, mut train): (Vec<_>, Vec<_>) = read_file(Path::new(train))?
        .into_iter()
        .enumerate()
        .partition(|(i, _)| i % 1400 < 280);
    let dev: Vec<_> = held.into_iter().map(|x| x.1).collect();
    let mut train: Vec<_> = train.drain(..).map(|x| x.1).collect();
    train.extend(read_file(Path::new(dev_file))?);
    let tagger = train_tagger(&train, Lexicon::builtin(), TrainOptions::default());
    let seen: HashSet<String> = train
        .iter()
        .flat_map(|s| (0..s.words.len()).map(move |i| s.word(i).to_lowercase()))
        .collect();
    let mut confusions: HashMap<(bool, &str, &str), usize> = HashMap::new();
    let mut totals: HashMap<bool, (usize, usize)> = HashMap::new();
    let mut examples: HashMap<(bool, &str, &str), Vec<String>> = HashMap::new();
    for s in &dev {
        let tags = tagger.tag(&s.text, &s.words);
        for (i, (p, g)) in tags.iter().zip(&s.tags).enumerate() {
            let known = seen.contains(&s.word(i).to_lowercase());
            let t = totals.entry(known).or_default();
            t.0 += 1;
            if p != g {
                t.1 += 1;
                *confusions
                    .entry((known, g.as_str(), p.as_str()))
                    .or_default() += 1;
                let e = examples.entry((known, g.as_str(), p.as_str())).or_default();
                if e.len() < 6 {
                    e.push(s.word(i).to_string());
                }
            }
        }
    }
    for (known, (n, wrong)) in &totals {
        println!(
            "known={known}: {n} words, {wrong} wrong ({:.2}%)",
            100.0 * *wrong as f64 / *n as f64
        );
    }
    let mut c: Vec<_> = confusions.into_iter().collect();
    c.sort_by_key(|x| std::cmp::Reverse(x.1));
    for ((known, g, p), n) in c.iter().take(40) {
        println!(
            "{n:5} known={known} gold {g:6} tagged {p:6} e.g. {:?}",
            examples[&(*known, *g, *p)]
        );
    }
    Ok(())
}

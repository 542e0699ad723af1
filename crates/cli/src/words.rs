//! `sukien train`, `sukien segment` and `sukien tag`: the word layer on its own.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use sukien_model::CharIndex;
use sukien_words::conllu::Convention;
use sukien_words::evaluate::{self, TrainOptions, Treebank};
use sukien_words::{Lexicon, Segmenter, Tagger};

use crate::{CmdResult, Failure};

/// `sukien train`: trains both models on the treebank's train file, scores
/// them on dev (and on test when asked), and writes them to `out`.
pub fn train(
    treebank: &Path,
    out: Option<&Path>,
    no_lexicon: bool,
    with_dev: bool,
    epochs: usize,
    test: bool,
) -> CmdResult {
    let files = Treebank::find(treebank).map_err(Failure::runtime)?;
    let mut train = evaluate::read_file(&files.train).map_err(Failure::runtime)?;
    let dev = evaluate::read_file(&files.dev).map_err(Failure::runtime)?;
    if with_dev {
        train.extend(dev.iter().cloned());
    }
    let lexicon = if no_lexicon {
        evaluate::no_lexicon()
    } else {
        Lexicon::builtin()
    };
    let options = TrainOptions {
        segmenter_epochs: epochs,
        tagger_epochs: epochs,
        ..TrainOptions::default()
    };
    eprintln!(
        "training on {} sentences of {}{} with a lexicon of {} words",
        train.len(),
        files.train.display(),
        if with_dev { " and dev" } else { "" },
        lexicon.len()
    );
    let started = Instant::now();
    let segmenter = evaluate::train_segmenter(&train, lexicon, options);
    let tagger = evaluate::train_tagger(&train, lexicon, options);
    eprintln!(
        "trained in {:.1} s: segmenter {} features, tagger {} features",
        started.elapsed().as_secs_f64(),
        segmenter.weights().len(),
        tagger.features()
    );
    let mut sets = if with_dev {
        Vec::new()
    } else {
        vec![("dev", dev)]
    };
    if test {
        sets.push((
            "test",
            evaluate::read_file(&files.test).map_err(Failure::runtime)?,
        ));
    }
    for (name, sentences) in &sets {
        let other = sentences
            .iter()
            .filter(|s| s.convention != Convention::Primary)
            .count();
        if other * 2 > sentences.len() {
            eprintln!(
                "note: {other} of {} {name} sentences follow another tagging convention than train's; their UPOS scores understate the tagger",
                sentences.len()
            );
        }
        let seg = evaluate::segmentation(&segmenter, sentences);
        let tags = evaluate::tagging(&tagger, &segmenter, sentences);
        println!(
            "{name}: words P {:.2} R {:.2} F1 {:.2} | UPOS accuracy on gold words {:.2} | UPOS F1 on own words {:.2}",
            100.0 * seg.precision(),
            100.0 * seg.recall(),
            100.0 * seg.f1(),
            100.0 * tags.gold_words_accuracy,
            100.0 * tags.own_words.f1()
        );
    }
    if let Some(dir) = out {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::runtime(format!("{}: {e}", dir.display())))?;
        for (name, bytes) in [
            ("segmenter.bin", segmenter.to_bytes()),
            ("tagger.bin", tagger.to_bytes()),
        ] {
            let path = dir.join(name);
            write_atomically(&path, &bytes)?;
            eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes through a temporary file and a rename, so a failed run leaves the
/// old model in place.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes)
        .and_then(|_| std::fs::rename(&tmp, path))
        .map_err(|e| Failure::runtime(format!("{}: {e}", path.display())))
}

/// `sukien segment` / `sukien tag`: one sentence per input line.
pub fn run_lines(with_tags: bool, json: bool, eval: Option<&PathBuf>) -> CmdResult {
    let segmenter = Segmenter::builtin();
    let tagger = Tagger::builtin();
    if let Some(path) = eval {
        let sentences = evaluate::read_file(path).map_err(Failure::runtime)?;
        let seg = evaluate::segmentation(segmenter, &sentences);
        println!(
            "{}: {} sentences, words P {:.2} R {:.2} F1 {:.2}",
            path.display(),
            sentences.len(),
            100.0 * seg.precision(),
            100.0 * seg.recall(),
            100.0 * seg.f1()
        );
        if with_tags {
            let t = evaluate::tagging(tagger, segmenter, &sentences);
            println!(
                "UPOS accuracy on gold words {:.2}, UPOS F1 on own words {:.2}",
                100.0 * t.gold_words_accuracy,
                100.0 * t.own_words.f1()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut bad_lines = 0;
    for (n, line) in stdin.split(b'\n').enumerate() {
        let bytes = line?;
        let line = match std::str::from_utf8(&bytes) {
            Ok(s) => s.trim_end_matches('\r'),
            Err(e) => {
                eprintln!(
                    "error: line {}: not UTF-8 (byte {})",
                    n + 1,
                    e.valid_up_to()
                );
                bad_lines += 1;
                writeln!(out)?;
                continue;
            }
        };
        let (units, words) = segmenter.segment_units(line);
        let tags = if with_tags {
            tagger.tag_units(line, &units, &words)
        } else {
            Vec::new()
        };
        if json {
            let chars = CharIndex::new(line);
            let items: Vec<serde_json::Value> = words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let (start, end) = (chars.char_of(w.start), chars.char_of(w.end));
                    let mut v = serde_json::json!({ "text": &line[w.clone()], "start": start, "end": end });
                    if let Some(t) = tags.get(i) {
                        v["upos"] = serde_json::Value::from(t.as_str());
                    }
                    v
                })
                .collect();
            writeln!(out, "{}", serde_json::json!({ "words": items }))?;
        } else {
            let printed: Vec<String> = words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let word: String = line[w.clone()]
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join("_");
                    match tags.get(i) {
                        Some(t) => format!("{word}/{t}"),
                        None => word,
                    }
                })
                .collect();
            writeln!(out, "{}", printed.join(" "))?;
        }
    }
    out.flush()?;
    Ok(if bad_lines > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

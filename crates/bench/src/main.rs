//! `segbench`: scores and times sukien's word segmenter side by side with
//! the peers (pyvi, underthesea) on the same UD-VTB test sentences, in one
//! run, and prints one table.
//!
//! Every tool runs in its own process with the same protocol (one JSON
//! object: timings, peak memory, the words), so memory and speed are
//! measured alike: the peers through `benchsuite/segment/peers.py` with the
//! Python given by `--python` (or `SUKIEN_PEERS_PYTHON`), sukien through this
//! binary's hidden `--worker` mode. A peer that is not installed is skipped
//! with a message. Speed is one core: each process is single-threaded.
//!
//! cargo run --release -p sukien-bench -- --python /path/to/venv/bin/python

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use sukien_words::evaluate::{self, TrainOptions, Treebank};
use sukien_words::score::{content_spans, span_keys, Counts};
use sukien_words::Segmenter;

use sukien_bench::{cpu, peak_rss_kb, run_tool};

/// What one tool's process reports.
#[derive(Serialize, Deserialize)]
struct Run {
    tool: String,
    version: String,
    load_seconds: f64,
    /// Seconds for one pass over all sentences.
    seconds: f64,
    peak_rss_kb: u64,
    words: Vec<Vec<String>>,
}

struct Options {
    treebank: PathBuf,
    python: String,
    script: PathBuf,
    min_seconds: f64,
}

fn main() -> ExitCode {
    sukien_bench::exit_with(run())
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut o = Options {
        treebank: PathBuf::from("../shared/corpora/ud-vtb"),
        python: std::env::var("SUKIEN_PEERS_PYTHON").unwrap_or_else(|_| "python3".into()),
        script: PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../benchsuite/segment/peers.py"
        )),
        min_seconds: 2.0,
    };
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--worker" => {
                let (file, min) = (value()?, value()?);
                return worker(
                    Path::new(&file),
                    min.parse().map_err(|_| "bad --worker seconds")?,
                );
            }
            "--treebank" => o.treebank = PathBuf::from(value()?),
            "--python" => o.python = value()?,
            "--peers-script" => o.script = PathBuf::from(value()?),
            "--min-seconds" => {
                o.min_seconds = value()?
                    .parse()
                    .map_err(|_| "--min-seconds: not a number")?
            }
            "-h" | "--help" => {
                println!(
                    "segbench [--treebank DIR] [--python PYTHON] [--peers-script FILE] [--min-seconds S]\n\
                     Scores and times sukien, pyvi and underthesea on the UD-VTB test sentences."
                );
                return Ok(());
            }
            other => return Err(format!("unknown argument {other} (see --help)")),
        }
    }
    bench(&o)
}

/// The sukien side of the protocol: segments the sentences in `file`,
/// repeating passes for at least `min_seconds`, and prints a [`Run`].
fn worker(file: &Path, min_seconds: f64) -> Result<(), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let sentences: Vec<&str> = text.lines().collect();
    let started = Instant::now();
    let segmenter = Segmenter::builtin();
    for s in sentences.iter().take(20) {
        segmenter.segment(s);
    }
    let load_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut passes = 0;
    let mut count = 0usize;
    while passes == 0 || started.elapsed().as_secs_f64() < min_seconds {
        for s in &sentences {
            count += segmenter.segment(s).len();
        }
        passes += 1;
    }
    let seconds = started.elapsed().as_secs_f64() / passes as f64;
    std::hint::black_box(count);
    let words = sentences
        .iter()
        .map(|s| {
            segmenter
                .segment(s)
                .into_iter()
                .map(|r| s[r].to_string())
                .collect()
        })
        .collect();
    let run = Run {
        tool: "sukien".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        load_seconds,
        seconds,
        peak_rss_kb: peak_rss_kb(),
        words,
    };
    println!(
        "{}",
        serde_json::to_string(&run).map_err(|e| e.to_string())?
    );
    Ok(())
}

fn score(gold: &[Vec<std::ops::Range<usize>>], run: &Run) -> (Counts, usize) {
    let mut c = Counts::default();
    let mut misaligned = 0;
    for (g, words) in gold.iter().zip(&run.words) {
        let p = content_spans(words.iter().map(String::as_str));
        if g.last().map(|r| r.end) != p.last().map(|r| r.end) {
            misaligned += 1;
        }
        c.add(&span_keys(g), &span_keys(&p));
    }
    (c, misaligned)
}

fn bench(o: &Options) -> Result<(), String> {
    let files = Treebank::find(&o.treebank)?;
    let test = evaluate::read_file(&files.test)?;
    let gold: Vec<Vec<std::ops::Range<usize>>> = test
        .iter()
        .map(|s| content_spans((0..s.words.len()).map(|i| s.word(i))))
        .collect();
    let n_words: usize = gold.iter().map(Vec::len).sum();
    let sentences_file =
        std::env::temp_dir().join(format!("sukien-segbench-{}.txt", std::process::id()));
    let lines: Vec<&str> = test.iter().map(|s| s.text.as_str()).collect();
    std::fs::write(&sentences_file, lines.join("\n") + "\n").map_err(|e| e.to_string())?;
    eprintln!(
        "{} test sentences, {} gold words, from {}",
        test.len(),
        n_words,
        files.test.display()
    );

    let mut runs = Vec::new();
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut me = Command::new(exe);
    me.arg("--worker")
        .arg(&sentences_file)
        .arg(o.min_seconds.to_string());
    runs.extend(run_tool::<Run>(me, "sukien")?);
    for peer in ["pyvi", "underthesea"] {
        let mut cmd = Command::new(&o.python);
        cmd.arg(&o.script).arg(peer).arg(&sentences_file);
        runs.extend(run_tool::<Run>(cmd, peer)?);
    }
    let _ = std::fs::remove_file(&sentences_file);

    // What the model learns without the lexicon: trained here, in process.
    let train = evaluate::read_file(&files.train)?;
    let baseline =
        evaluate::train_segmenter(&train, evaluate::no_lexicon(), TrainOptions::default());
    let started = Instant::now();
    let words: Vec<Vec<String>> = lines
        .iter()
        .map(|s| {
            baseline
                .segment(s)
                .into_iter()
                .map(|r| s[r].to_string())
                .collect()
        })
        .collect();
    runs.push(Run {
        tool: "sukien baseline".into(),
        version: "(no lexicon, train only)".into(),
        load_seconds: 0.0,
        seconds: started.elapsed().as_secs_f64(),
        peak_rss_kb: 0,
        words,
    });

    println!(
        "word segmentation, UD-VTB test ({} sentences, {} words), {}",
        test.len(),
        n_words,
        cpu()
    );
    println!(
        "{:<36} {:>8} {:>7} {:>7} {:>12} {:>12} {:>10} {:>8}",
        "tool", "word F1", "P", "R", "sentences/s", "words/s", "peak MB", "load s"
    );
    let mut fastest_peer: f64 = 0.0;
    let mut best_peer_f1: f64 = 0.0;
    let mut sukien: Option<(f64, f64)> = None;
    for r in &runs {
        let (c, misaligned) = score(&gold, r);
        let sps = test.len() as f64 / r.seconds;
        let wps = c.predicted as f64 / r.seconds;
        let mem = if r.peak_rss_kb > 0 {
            format!("{:.1}", r.peak_rss_kb as f64 / 1024.0)
        } else {
            "-".into()
        };
        println!(
            "{:<36} {:>8.2} {:>7.2} {:>7.2} {:>12.0} {:>12.0} {:>10} {:>8.2}",
            format!("{} {}", r.tool, r.version),
            100.0 * c.f1(),
            100.0 * c.precision(),
            100.0 * c.recall(),
            sps,
            wps,
            mem,
            r.load_seconds
        );
        if misaligned > 0 {
            println!(
                "  ({} sentences where {} changed the text; their words count as wrong)",
                misaligned, r.tool
            );
        }
        match r.tool.as_str() {
            "sukien" => sukien = Some((c.f1(), sps)),
            "pyvi" | "underthesea" => {
                fastest_peer = fastest_peer.max(sps);
                best_peer_f1 = best_peer_f1.max(c.f1());
            }
            _ => {}
        }
    }
    if let (Some((f1, sps)), true) = (sukien, fastest_peer > 0.0) {
        println!(
            "sukien: {:.1}x the fastest peer's sentences/s; F1 {:+.2} against the best peer",
            sps / fastest_peer,
            100.0 * (f1 - best_peer_f1)
        );
    }
    Ok(())
}

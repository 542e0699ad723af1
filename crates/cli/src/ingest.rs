//! `sukien ingest`: read → analyse (worker threads) → store (one writer).
//!
//! One thread reads inputs, `jobs` threads analyse, and the calling thread
//! writes, so SQLite sees a single writer and each document is its own
//! transaction. Results are written in input order (a small reorder buffer),
//! so ids and listings do not depend on thread timing.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use sukien_core::Pipeline;
use sukien_model::Analysis;
use sukien_store::Store;

use crate::CmdResult;

/// What one input became.
enum Outcome {
    Analysed(Box<Analysis>),
    /// A one-line message, "location: message".
    Failed(String),
}

#[derive(Default)]
struct Stats {
    documents: u64,
    new: u64,
    already: u64,
    events: u64,
    errors: u64,
    bytes: u64,
}

impl Stats {
    fn summary(&self, elapsed: Duration) -> String {
        let secs = elapsed.as_secs_f64().max(1e-6);
        format!(
            "ingested {} documents ({} new, {} already stored), {} events; {} errors; {:.1} docs/s, {:.2} MB/s",
            self.documents,
            self.new,
            self.already,
            self.events,
            self.errors,
            self.documents as f64 / secs,
            self.bytes as f64 / 1e6 / secs,
        )
    }
}

/// A progress line is worth it only for a person watching many inputs.
fn progress_bar(paths: &[PathBuf]) -> ProgressBar {
    let many = paths.len() > 1 || paths.iter().any(|p| p.is_dir());
    if !(many && std::io::stderr().is_terminal()) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {pos} documents [{elapsed}] {wide_msg}")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

pub fn run(store: &mut Store, kb: &'static sukien_kb::Kb, paths: &[PathBuf], jobs: Option<usize>) -> CmdResult {
    let threads = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1);
    let pipeline = Pipeline::with_kb(kb);
    let bar = progress_bar(paths);
    let started = Instant::now();
    let mut stats = Stats::default();

    // Bounded queues keep memory flat on large corpora.
    let (raw_tx, raw_rx) = mpsc::sync_channel(threads * 4);
    let raw_rx = Mutex::new(raw_rx);
    let (out_tx, out_rx) = mpsc::sync_channel::<(usize, Outcome)>(threads * 4);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for (i, item) in sukien_read::read_inputs(paths).enumerate() {
                if raw_tx.send((i, item)).is_err() {
                    break;
                }
            }
        });

        for _ in 0..threads {
            let out_tx = out_tx.clone();
            let (raw_rx, pipeline) = (&raw_rx, &pipeline);
            scope.spawn(move || loop {
                // Hold the lock only to take the next input.
                let next = match raw_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => break,
                };
                let Ok((i, item)) = next else { break };
                let outcome = match item {
                    Ok(raw) => match catch_unwind(AssertUnwindSafe(|| pipeline.analyze(&raw))) {
                        Ok(a) => Outcome::Analysed(Box::new(a)),
                        // The pipeline promises not to panic; if it does, that input fails alone.
                        Err(_) => Outcome::Failed(format!(
                            "{}: internal error while analysing",
                            raw.origin
                        )),
                    },
                    Err(e) => Outcome::Failed(e.to_string()),
                };
                if out_tx.send((i, outcome)).is_err() {
                    break;
                }
            });
        }
        drop(out_tx);

        let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
        let mut next = 0;
        for (i, outcome) in out_rx {
            pending.insert(i, outcome);
            while let Some(outcome) = pending.remove(&next) {
                next += 1;
                write(store, outcome, &mut stats, &bar);
            }
        }
        // Only reachable if a worker died between taking and sending an input.
        for (_, outcome) in std::mem::take(&mut pending) {
            write(store, outcome, &mut stats, &bar);
        }
    });

    bar.finish_and_clear();
    eprintln!("{}", stats.summary(started.elapsed()));
    Ok(if stats.errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn write(store: &mut Store, outcome: Outcome, stats: &mut Stats, bar: &ProgressBar) {
    match outcome {
        Outcome::Failed(message) => {
            stats.errors += 1;
            bar.suspend(|| eprintln!("error: {message}"));
        }
        Outcome::Analysed(a) => match store.insert(&a) {
            Ok(inserted) => {
                stats.documents += 1;
                stats.bytes += a.text.len() as u64;
                if inserted {
                    stats.new += 1;
                    stats.events += a.events.len() as u64;
                } else {
                    stats.already += 1;
                }
                bar.inc(1);
            }
            Err(e) => {
                stats.errors += 1;
                bar.suspend(|| eprintln!("error: {}: {e}", a.path));
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_has_every_count() {
        let s = Stats {
            documents: 5,
            new: 3,
            already: 2,
            events: 12,
            errors: 1,
            bytes: 2_000_000,
        };
        assert_eq!(
            s.summary(Duration::from_secs(2)),
            "ingested 5 documents (3 new, 2 already stored), 12 events; 1 errors; 2.5 docs/s, 1.00 MB/s"
        );
    }
}

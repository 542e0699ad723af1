//! Analysis throughput on one core, without storage:
//! `cargo run --release -p sukien-core --example throughput -- ../shared/corpora/unc [ROUNDS]`.

use std::time::Instant;

use sukien_core::Pipeline;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "../shared/corpora/unc".into());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let docs: Vec<_> = sukien_read::read_inputs(&[dir.clone().into()]).filter_map(Result::ok).collect();
    if docs.is_empty() {
        eprintln!("no documents read from {dir}");
        std::process::exit(1);
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let pipeline = Pipeline::new();
    let mut best = f64::MAX;
    let mut events = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        events = docs.iter().map(|d| pipeline.analyze(d).events.len()).sum::<usize>();
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} documents, {:.1} MB, {} events: best of {rounds} rounds {:.3} s = {:.0} docs/s, {:.2} MB/s on one core",
        docs.len(),
        bytes as f64 / 1e6,
        events,
        best,
        docs.len() as f64 / best,
        bytes as f64 / 1e6 / best
    );
}

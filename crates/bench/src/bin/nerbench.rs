//! `nerbench`: scores and times sukien's named-entity recognition side by
//! side with underthesea's `ner` on the annotated sentences of
//! `benchsuite/ner/sentences.txt`, and prints one table.
//!
//! sukien runs in this process through the whole pipeline
//! ([`Pipeline::analyze_text`], one sentence a document), as users see it:
//! every entity mention is a predicted span, its type with GPE scored as
//! LOC. A mention that holds a title (`Ngoại trưởng Nga Sergei Lavrov`) is
//! scored by its personal-name part (`Sergei Lavrov`) when the knowledge
//! base's reference for it has one, as the gold annotates only the name.
//! The peer runs in its own process through `benchsuite/ner/peers.py` with
//! the Python given by `--python` (or `SUKIEN_PEERS_PYTHON`); when it is not
//! installed it is skipped with a message. Its MISC entities are not scored
//! (the gold has none).
//!
//! Scores are exact match of span and type; precision, recall and F1 per
//! type and micro-averaged over PER, ORG and LOC. Speed is one core.
//!
//! cargo run --release -p sukien-bench --bin nerbench -- --python /path/to/venv/bin/python

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::time::Instant;

use serde::Deserialize;
use sukien_bench::{cpu, peak_rss_kb, prf, run_tool};
use sukien_core::Pipeline;
use sukien_kb::{EntityType, Kb};
use sukien_model::{Analysis, CharIndex};

const TYPES: [&str; 3] = ["PER", "ORG", "LOC"];

/// An entity: character span in the normalised sentence and type.
type Span = (usize, usize, String);

struct Gold {
    line: usize,
    text: String,
    entities: Vec<Span>,
}

/// What the peer's process reports.
#[derive(Deserialize)]
struct PeerRun {
    tool: String,
    version: String,
    load_seconds: f64,
    seconds: f64,
    peak_rss_kb: u64,
    entities: Vec<Vec<(usize, usize, String)>>,
    #[serde(default)]
    unaligned: usize,
}

struct Run {
    name: String,
    seconds: f64,
    load_seconds: f64,
    peak_rss_kb: u64,
    predicted: Vec<Vec<Span>>,
    note: Option<String>,
}

struct Options {
    sentences: PathBuf,
    python: String,
    script: PathBuf,
    min_seconds: f64,
    errors: Option<String>,
}

fn main() -> ExitCode {
    sukien_bench::exit_with(run())
}

fn run() -> Result<(), String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../benchsuite/ner");
    let mut o = Options {
        sentences: PathBuf::from(format!("{dir}/sentences.txt")),
        python: std::env::var("SUKIEN_PEERS_PYTHON").unwrap_or_else(|_| "python3".into()),
        script: PathBuf::from(format!("{dir}/peers.py")),
        min_seconds: 2.0,
        errors: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--sentences" => o.sentences = PathBuf::from(value()?),
            "--python" => o.python = value()?,
            "--peers-script" => o.script = PathBuf::from(value()?),
            "--min-seconds" => {
                o.min_seconds = value()?
                    .parse()
                    .map_err(|_| "--min-seconds: not a number")?
            }
            "--errors" => o.errors = Some(value()?),
            "-h" | "--help" => {
                println!(
                    "nerbench [--sentences FILE] [--python PYTHON] [--peers-script FILE] [--min-seconds S] [--errors TOOL]\n\
                     Scores and times sukien and underthesea on the annotated sentences of benchsuite/ner.\n\
                     --errors TOOL (sukien or underthesea) also lists, per sentence, the entities TOOL missed (-) and the wrong ones (+)."
                );
                return Ok(());
            }
            other => return Err(format!("unknown argument {other} (see --help)")),
        }
    }
    bench(&o)
}

/// Reads `[TYPE text]` annotated sentences (see the file's header).
fn read_gold(path: &PathBuf) -> Result<Vec<Gold>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |m: &str| format!("{}:{line_no}: {m}", path.display());
        let mut plain = String::new();
        let mut chars = 0usize;
        let mut entities = Vec::new();
        let mut open: Option<(usize, String)> = None;
        let mut rest = line;
        while let Some(c) = rest.chars().next() {
            if c == '[' {
                if open.is_some() {
                    return Err(bad("nested `[`"));
                }
                let (kind, after) = rest[1..]
                    .split_once(' ')
                    .ok_or_else(|| bad("`[` without a type"))?;
                if !TYPES.contains(&kind) {
                    return Err(bad(&format!("unknown type {kind}")));
                }
                open = Some((chars, kind.to_string()));
                rest = after;
                continue;
            }
            if c == ']' {
                let (start, kind) = open.take().ok_or_else(|| bad("`]` without `[`"))?;
                if start == chars {
                    return Err(bad("empty entity"));
                }
                entities.push((start, chars, kind));
                rest = &rest[1..];
                continue;
            }
            plain.push(c);
            chars += 1;
            rest = &rest[c.len_utf8()..];
        }
        if open.is_some() {
            return Err(bad("`[` not closed"));
        }
        let normalized = sukien_text::normalize(&plain);
        if normalized.chars().count() != chars {
            return Err(bad("normalisation changes the length of this sentence"));
        }
        if normalized != plain {
            eprintln!(
                "note: {}:{line_no}: the sentence is not in normalised form; scored after normalisation",
                path.display()
            );
        }
        out.push(Gold {
            line: line_no,
            text: normalized,
            entities,
        });
    }
    Ok(out)
}

fn scored_type(kind: EntityType) -> &'static str {
    match kind {
        EntityType::PER => "PER",
        EntityType::ORG => "ORG",
        EntityType::GPE | EntityType::LOC => "LOC",
    }
}

/// The entity spans of one analysed sentence, each person's mention narrowed
/// to the personal name when the knowledge base's reference marks one inside
/// it (`Ngoại trưởng Nga Sergei Lavrov` → `Sergei Lavrov`).
fn sukien_spans(kb: &Kb, a: &Analysis, on: chrono::NaiveDate) -> Vec<Span> {
    // (char start, char end) of a reference -> its name's char span
    let mut names: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
    for s in &a.sentences {
        let ix = CharIndex::new(&s.text);
        for r in kb.recognize(&s.text, on) {
            // organisations named by a cue (`UBND tỉnh Nghệ An`) mark
            // their name part too: only a person's is scored alone
            if r.kind != EntityType::PER {
                continue;
            }
            if let Some((ns, ne)) = r.name.filter(|&(ns, ne)| ns < ne) {
                let c = |b: usize| s.start + ix.char_of(b);
                names.insert((c(r.start), c(r.end)), (c(ns), c(ne)));
            }
        }
    }
    let mut out = BTreeSet::new();
    for e in &a.entities {
        for m in &e.mentions {
            let name = names
                .get(&(m.start, m.end))
                .filter(|_| e.kind == EntityType::PER);
            let (start, end) = name.copied().unwrap_or((m.start, m.end));
            out.insert((start, end, scored_type(e.kind).to_string()));
        }
    }
    out.into_iter().collect()
}

/// sukien over all sentences, timed over repeated passes for at least
/// `min_seconds`.
fn run_sukien(gold: &[Gold], min_seconds: f64) -> Run {
    let started = Instant::now();
    let pipeline = Pipeline::new();
    let kb = Kb::builtin();
    for g in gold.iter().take(20) {
        pipeline.analyze_text("-", &g.text);
    }
    let load_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut passes = 0;
    let mut count = 0usize;
    while passes == 0 || started.elapsed().as_secs_f64() < min_seconds {
        for g in gold {
            count += pipeline.analyze_text("-", &g.text).entities.len();
        }
        passes += 1;
    }
    let seconds = started.elapsed().as_secs_f64() / passes as f64;
    std::hint::black_box(count);
    // the date the pipeline anchors office holders on when a text has none
    let today = chrono::Local::now().date_naive();
    let predicted = gold
        .iter()
        .map(|g| sukien_spans(kb, &pipeline.analyze_text("-", &g.text), today))
        .collect();
    Run {
        name: format!("sukien {}", env!("CARGO_PKG_VERSION")),
        seconds,
        load_seconds,
        peak_rss_kb: peak_rss_kb(),
        predicted,
        note: None,
    }
}

/// Starts the peer's process and reads its report; `None` when the peer is
/// not installed.
fn run_peer(o: &Options, tool: &str, file: &PathBuf) -> Result<Option<Run>, String> {
    let mut cmd = Command::new(&o.python);
    cmd.arg(&o.script).arg(tool).arg(file);
    let Some(r) = run_tool::<PeerRun>(cmd, tool)? else {
        return Ok(None);
    };
    let predicted = r
        .entities
        .into_iter()
        .map(|es| {
            let set: BTreeSet<Span> = es
                .into_iter()
                .filter(|e| TYPES.contains(&e.2.as_str()))
                .collect();
            set.into_iter().collect()
        })
        .collect();
    Ok(Some(Run {
        name: format!("{} {}", r.tool, r.version),
        seconds: r.seconds,
        load_seconds: r.load_seconds,
        peak_rss_kb: r.peak_rss_kb,
        predicted,
        note: (r.unaligned > 0).then(|| {
            format!(
                "{} of its tokens could not be placed in the sentence",
                r.unaligned
            )
        }),
    }))
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: usize,
    gold: usize,
    predicted: usize,
    /// Wrong predictions that overlap a gold entity of their type: right
    /// entity, other boundaries (`tỉnh Nghệ An` for `Nghệ An`).
    near: usize,
}

impl Counts {
    fn precision(&self) -> f64 {
        prf(self.tp, self.predicted, self.gold).0
    }
    fn recall(&self) -> f64 {
        prf(self.tp, self.predicted, self.gold).1
    }
    fn f1(&self) -> f64 {
        prf(self.tp, self.predicted, self.gold).2
    }
}

/// Counts per type, and over all types.
fn score(gold: &[Gold], run: &Run) -> (BTreeMap<&'static str, Counts>, Counts) {
    let mut per: BTreeMap<&'static str, Counts> =
        TYPES.iter().map(|t| (*t, Counts::default())).collect();
    for (g, p) in gold.iter().zip(&run.predicted) {
        for t in TYPES {
            let gs: BTreeSet<&Span> = g.entities.iter().filter(|e| e.2 == t).collect();
            let ps: BTreeSet<&Span> = p.iter().filter(|e| e.2 == t).collect();
            let c = per.get_mut(t).expect("a type");
            c.gold += gs.len();
            c.predicted += ps.len();
            c.tp += gs.intersection(&ps).count();
            c.near += ps
                .difference(&gs)
                .filter(|p| gs.iter().any(|g| g.0 < p.1 && p.0 < g.1))
                .count();
        }
    }
    let mut all = Counts::default();
    for c in per.values() {
        all.near += c.near;
        all.tp += c.tp;
        all.gold += c.gold;
        all.predicted += c.predicted;
    }
    (per, all)
}

fn show(text: &str, e: &Span) -> String {
    let s: String = text.chars().skip(e.0).take(e.1 - e.0).collect();
    format!("[{} {s}]", e.2)
}

fn print_errors(gold: &[Gold], run: &Run) {
    println!("\nerrors of {} (- missed, + wrong):", run.name);
    for (g, p) in gold.iter().zip(&run.predicted) {
        let gs: BTreeSet<&Span> = g.entities.iter().collect();
        let ps: BTreeSet<&Span> = p.iter().collect();
        if gs == ps {
            continue;
        }
        println!("line {}: {}", g.line, g.text);
        for e in gs.difference(&ps) {
            println!("  - {}", show(&g.text, e));
        }
        for e in ps.difference(&gs) {
            println!("  + {}", show(&g.text, e));
        }
    }
}

fn bench(o: &Options) -> Result<(), String> {
    let gold = read_gold(&o.sentences)?;
    if gold.is_empty() {
        return Err(format!("{}: no sentences", o.sentences.display()));
    }
    let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
    for e in gold.iter().flat_map(|g| &g.entities) {
        *by_type.entry(e.2.as_str()).or_default() += 1;
    }
    let n_gold: usize = by_type.values().sum();

    let mut runs = vec![run_sukien(&gold, o.min_seconds)];
    let file = std::env::temp_dir().join(format!("sukien-nerbench-{}.txt", std::process::id()));
    let lines: Vec<&str> = gold.iter().map(|g| g.text.as_str()).collect();
    std::fs::write(&file, lines.join("\n") + "\n").map_err(|e| e.to_string())?;
    let peer = run_peer(o, "underthesea", &file);
    let _ = std::fs::remove_file(&file);
    runs.extend(peer?);

    println!(
        "named entities, {} ({} sentences, {} entities: PER {}, ORG {}, LOC {}), exact span and type, {}",
        o.sentences.file_name().and_then(|f| f.to_str()).unwrap_or("?"),
        gold.len(),
        n_gold,
        by_type.get("PER").unwrap_or(&0),
        by_type.get("ORG").unwrap_or(&0),
        by_type.get("LOC").unwrap_or(&0),
        cpu()
    );
    println!(
        "{:<20} {:<5} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5} {:>5} {:>12} {:>8} {:>7}",
        "tool",
        "type",
        "P",
        "R",
        "F1",
        "gold",
        "pred",
        "ok",
        "near",
        "sentences/s",
        "peak MB",
        "load s"
    );
    for r in &runs {
        let (per, all) = score(&gold, r);
        for t in TYPES {
            let c = per[t];
            println!(
                "{:<20} {:<5} {:>6.1} {:>6.1} {:>6.1} {:>5} {:>5} {:>5} {:>5}",
                r.name,
                t,
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.gold,
                c.predicted,
                c.tp,
                c.near
            );
        }
        let mem = if r.peak_rss_kb > 0 {
            format!("{:.1}", r.peak_rss_kb as f64 / 1024.0)
        } else {
            "-".into()
        };
        println!(
            "{:<20} {:<5} {:>6.1} {:>6.1} {:>6.1} {:>5} {:>5} {:>5} {:>5} {:>12.0} {:>8} {:>7.2}",
            r.name,
            "micro",
            100.0 * all.precision(),
            100.0 * all.recall(),
            100.0 * all.f1(),
            all.gold,
            all.predicted,
            all.tp,
            all.near,
            gold.len() as f64 / r.seconds,
            mem,
            r.load_seconds
        );
        if let Some(n) = &r.note {
            println!("  ({}: {n})", r.name);
        }
    }
    println!("(ok: exact span and type; near: wrong only in its boundaries, overlapping a gold entity of its type)");
    if let Some(tool) = &o.errors {
        match runs
            .iter()
            .find(|r| r.name.split(' ').next() == Some(tool.as_str()))
        {
            Some(r) => print_errors(&gold, r),
            None => eprintln!("--errors: no run of {tool}"),
        }
    }
    Ok(())
}

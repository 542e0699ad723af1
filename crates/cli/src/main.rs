//! `sukien`: turns Vietnamese news articles into event data and queries it.
//!
//! The binary is thin on purpose: reading is `sukien_read`, analysis
//! `sukien_core`, storage `sukien_store`, scoring `sukien_eval`. This crate
//! parses arguments, moves data between them and formats output.

mod eval;
mod ingest;
mod kb;
mod output;
mod show;
mod words;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use sukien_model::{EventType, Modality};
use sukien_store::{EventFilter, Store};

/// Exit code for a bad command line (clap uses the same).
const EXIT_USAGE: u8 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "sukien",
    version,
    about = "Turns Vietnamese news articles into event data (who did what to whom, when, where), coded with PLOVER",
    long_about = "Turns Vietnamese news articles into event data (who did what to whom, when, where), \
                  coded with the PLOVER ontology.\n\n\
                  Typical use:\n  \
                  sukien ingest articles/            # analyse and store\n  \
                  sukien events --actor RUS --type CONSULT --since 2023-01\n  \
                  sukien show 3                      # one article, annotated\n  \
                  sukien analyze < article.txt       # one article to JSON, nothing stored"
)]
struct Cli {
    /// Database file (SQLite); created and migrated on first use.
    #[arg(
        long,
        global = true,
        env = "SUKIEN_DB",
        default_value = "sukien.db",
        value_name = "PATH"
    )]
    db: PathBuf,

    /// Knowledge-base file (or folder of them) to add to the built-in one, in
    /// the format of crates/kb/data/README.md (`sukien kb import` writes it);
    /// repeatable.
    #[arg(long, global = true, value_name = "PATH")]
    kb: Vec<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Read, analyse and store articles.
    ///
    /// Inputs are plain text files (with optional `# url =`, `# date =`, `# title =`
    /// header lines), HTML pages, JSON Lines (one article per line: `text`, `url`,
    /// `title`, `published`) and folders of them (read recursively); `-` reads
    /// standard input. Articles already stored (same text) are skipped. A bad input
    /// is reported on one line and the others go on; the exit code is 1 if any
    /// input failed.
    Ingest {
        /// Files, folders, or `-` for standard input.
        #[arg(required = true, value_name = "PATHS")]
        paths: Vec<PathBuf>,
        /// Analysis threads (default: the number of cores).
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
    },
    /// List stored events, filtered.
    ///
    /// Filters combine with AND; several --actor codes must all take part
    /// (as source or target), several --type values mean any of them.
    Events {
        /// Actor code that must be the source or the target (RUS, PRK, NATO …); repeatable.
        #[arg(long = "actor", value_name = "CODE")]
        actors: Vec<String>,
        /// PLOVER event type (CONSULT, AGREE, ACCUSE …); repeatable.
        #[arg(long = "type", value_name = "TYPE")]
        types: Vec<String>,
        /// Events dated on or after this date: YYYY, YYYY-MM or YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        since: Option<String>,
        /// Events dated on or before this date: YYYY, YYYY-MM or YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        until: Option<String>,
        /// asserted, alleged, planned, hypothetical, negated or denied.
        #[arg(long, value_name = "M")]
        modality: Option<String>,
        /// Only this document: id, hash prefix or path as ingested.
        #[arg(long = "doc", value_name = "KEY")]
        doc: Option<String>,
        /// Words the evidence sentence contains (accents and case ignored).
        #[arg(long, value_name = "Q")]
        text: Option<String>,
        /// At most this many events.
        #[arg(long, value_name = "N")]
        limit: Option<usize>,
        /// Skip this many events first.
        #[arg(long, value_name = "N", default_value_t = 0)]
        offset: usize,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// List the actors (people, organisations, states, places) of all stored articles.
    Actors {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// List the stored articles.
    Docs {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Show one stored article with entities, dates and event triggers marked.
    ///
    /// Marks: [name]{TYPE CODE} for entities, ⟦date⟧{value} for dates,
    /// ‹trigger›{EVENT} for event triggers; the events follow the text.
    Show {
        /// Document id (as `sukien docs` lists it), hash prefix, or path as ingested.
        #[arg(value_name = "DOC")]
        doc: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Score the analysis against a gold answer key (no database involved).
    ///
    /// Each gold document's file is analysed afresh; unreadable files count as
    /// missing. Prints a table, or the report as JSON with --json.
    Eval {
        /// Gold file (`gold/1` JSON).
        #[arg(value_name = "GOLD")]
        gold: PathBuf,
        /// Folder the gold's `file` paths are relative to (default: the folder above the gold file's folder).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Analyse articles and print the analysis as JSON; stores nothing.
    ///
    /// Reads standard input when no path is given. One article gives one JSON
    /// object; several give a JSON array.
    Analyze {
        /// Files or folders; `-` (the default) is standard input.
        #[arg(value_name = "PATHS")]
        paths: Vec<PathBuf>,
    },
    /// Train the word segmenter and part-of-speech tagger on a UD treebank.
    ///
    /// Trains on the treebank's train file, prints word F1 and UPOS scores on
    /// dev (and test with --test; test is never used for training), and with
    /// --out writes segmenter.bin and tagger.bin there (the built-in models
    /// live in crates/words/model/).
    Train {
        /// Folder holding *-ud-train.conllu, *-ud-dev.conllu and *-ud-test.conllu.
        #[arg(long, value_name = "DIR", default_value = "../shared/corpora/ud-vtb")]
        treebank: PathBuf,
        /// Folder to write the models to.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Train without the lexicon (the baseline that shows what the model learns).
        #[arg(long)]
        no_lexicon: bool,
        /// Train on train and dev together (after tuning on dev); dev is then not scored.
        #[arg(long)]
        with_dev: bool,
        /// Passes over the training data.
        #[arg(long, default_value_t = 8, value_name = "N")]
        epochs: usize,
        /// Also score on the test file.
        #[arg(long)]
        test: bool,
    },
    /// Look names up in the knowledge base, or import actor dictionaries into it.
    Kb {
        #[command(subcommand)]
        command: KbCommand,
    },
    /// Split sentences into words: one sentence per line on standard input,
    /// words joined with `_` (or JSON with character offsets) on standard output.
    Segment {
        /// One JSON object per line: words with text and character offsets.
        #[arg(long)]
        json: bool,
        /// Instead, score the segmenter on a CoNLL-U file.
        #[arg(long, value_name = "CONLLU")]
        eval: Option<PathBuf>,
    },
    /// Split sentences into words and tag them (UPOS): `bộ_trưởng/NOUN nói/VERB`.
    Tag {
        /// One JSON object per line: words with text, offsets and tag.
        #[arg(long)]
        json: bool,
        /// Instead, score the segmenter and tagger on a CoNLL-U file.
        #[arg(long, value_name = "CONLLU")]
        eval: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum KbCommand {
    /// Show what a name, title or phrase resolves to, and why.
    ///
    /// `sukien kb lookup "Ngoại trưởng Nga" --date 2024-06-19` names the
    /// office holder on that day; a name the base lacks gets the closest
    /// spellings it has.
    Lookup {
        /// The name or phrase, as Vietnamese text writes it.
        #[arg(value_name = "NAME", required = true, num_args = 1..)]
        name: Vec<String>,
        /// Day for offices and titles (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Convert a PETRARCH/Phoenix actor dictionary into a knowledge-base file.
    ///
    /// People become entries with their actor, sector and dated offices;
    /// people the base already has, country records and undated records are
    /// left out. Load the result with `sukien --kb FILE …`.
    Import {
        /// The actor dictionary (e.g. Phoenix.Countries.actors.txt).
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Where to write the knowledge-base file (default: standard output).
        #[arg(short, long, value_name = "OUT")]
        out: Option<PathBuf>,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ListFormat {
    /// Aligned columns for people.
    Table,
    /// One JSON object per line.
    Json,
    /// Comma-separated with a header row.
    Csv,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ShowFormat {
    /// The text with marks, then the events.
    Text,
    /// The stored analysis as JSON.
    Json,
}

/// A failure that ends the command: its message and exit code.
#[derive(Debug)]
struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: EXIT_USAGE,
        }
    }
    fn runtime(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 1,
        }
    }
}

impl From<sukien_store::StoreError> for Failure {
    fn from(e: sukien_store::StoreError) -> Failure {
        Failure::runtime(e.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::runtime(e.to_string())
    }
}

type CmdResult = Result<ExitCode, Failure>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // A closed pipe (`sukien events | head`) is not an error worth a message.
        Err(f) if f.message.contains("Broken pipe") => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("error: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}

fn run(cli: Cli) -> CmdResult {
    let open_store =
        || Store::open(&cli.db).map_err(|e| Failure::runtime(format!("{}: {e}", cli.db.display())));
    match cli.command {
        Command::Ingest { ref paths, jobs } => {
            let kb = kb::active(&cli.kb)?;
            let mut store = open_store()?;
            ingest::run(&mut store, kb, paths, jobs)
        }
        Command::Events {
            ref actors,
            ref types,
            ref since,
            ref until,
            ref modality,
            ref doc,
            ref text,
            limit,
            offset,
            format,
        } => {
            let filter = EventFilter {
                actors: actors.iter().map(|a| a.trim().to_uppercase()).collect(),
                types: types
                    .iter()
                    .map(|t| parse_type(t))
                    .collect::<Result<_, _>>()?,
                since: since
                    .as_deref()
                    .map(|s| parse_date("--since", s))
                    .transpose()?
                    .map(|r| r.from),
                until: until
                    .as_deref()
                    .map(|s| parse_date("--until", s))
                    .transpose()?
                    .map(|r| r.to),
                modality: modality.as_deref().map(parse_modality).transpose()?,
                document: doc.clone(),
                text: text.clone(),
                limit,
                offset,
            };
            let store = open_store()?;
            let rows = store.events(&filter)?;
            output::events(&rows, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Actors { format } => {
            let store = open_store()?;
            output::actors(&store.actors()?, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Docs { format } => {
            let store = open_store()?;
            output::documents(&store.documents()?, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { ref doc, format } => {
            let store = open_store()?;
            let analysis = store.analysis(doc)?.ok_or_else(|| {
                Failure::runtime(format!(
                    "no stored document matches '{doc}' (see `sukien docs`)"
                ))
            })?;
            show::run(&analysis, format)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            ref gold,
            ref root,
            json,
        } => eval::run(kb::active(&cli.kb)?, gold, root.as_deref(), json),
        Command::Analyze { ref paths } => analyze(kb::active(&cli.kb)?, paths),
        Command::Train {
            ref treebank,
            ref out,
            no_lexicon,
            with_dev,
            epochs,
            test,
        } => words::train(treebank, out.as_deref(), no_lexicon, with_dev, epochs, test),
        Command::Kb {
            command: KbCommand::Lookup { ref name, ref date, json },
        } => kb::lookup(kb::active(&cli.kb)?, &name.join(" "), date.as_deref(), json),
        Command::Kb {
            command: KbCommand::Import { ref file, ref out },
        } => kb::import(kb::active(&cli.kb)?, file, out.as_deref()),
        Command::Segment { json, ref eval } => words::run_lines(false, json, eval.as_ref()),
        Command::Tag { json, ref eval } => words::run_lines(true, json, eval.as_ref()),
    }
}

/// `--since`/`--until` values: a year, a month or a day.
fn parse_date(flag: &str, value: &str) -> Result<sukien_model::DateRange, Failure> {
    sukien_time::parse_date_arg(value).ok_or_else(|| {
        Failure::usage(format!(
            "{flag}: cannot read '{value}' as a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
        ))
    })
}

fn parse_type(value: &str) -> Result<EventType, Failure> {
    EventType::parse(value).ok_or_else(|| {
        let all: Vec<&str> = EventType::ALL.iter().map(|t| t.as_str()).collect();
        Failure::usage(format!(
            "--type: unknown event type '{value}' (one of {})",
            all.join(", ")
        ))
    })
}

fn parse_modality(value: &str) -> Result<Modality, Failure> {
    Modality::parse(&value.trim().to_lowercase()).ok_or_else(|| {
        Failure::usage(format!(
            "--modality: unknown modality '{value}' (one of asserted, alleged, planned, hypothetical, negated, denied)"
        ))
    })
}

/// `sukien analyze`: every readable input to pretty JSON; nothing stored.
fn analyze(kb: &'static sukien_kb::Kb, paths: &[PathBuf]) -> CmdResult {
    let stdin = [PathBuf::from("-")];
    let paths = if paths.is_empty() { &stdin[..] } else { paths };
    let pipeline = sukien_core::Pipeline::with_kb(kb);
    let mut analyses = Vec::new();
    let mut failed = false;
    for item in sukien_read::read_inputs(paths) {
        match item {
            Ok(raw) => analyses.push(pipeline.analyze(&raw)),
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
            }
        }
    }
    let json = match analyses.as_slice() {
        [] => return Err(Failure::runtime("no article could be read")),
        [one] => serde_json::to_string_pretty(one),
        many => serde_json::to_string_pretty(many),
    }
    .map_err(|e| Failure::runtime(format!("cannot write JSON: {e}")))?;
    output::write_out(&format!("{json}\n"))?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn unknown_type_and_modality_are_usage_errors() {
        assert_eq!(parse_type("consult").ok(), Some(EventType::CONSULT));
        let e = parse_type("MEET").unwrap_err();
        assert_eq!(e.code, EXIT_USAGE);
        assert!(e.message.starts_with("--type: unknown event type 'MEET'"));
        assert_eq!(parse_modality("Alleged").ok(), Some(Modality::Alleged));
        assert_eq!(parse_modality("maybe").unwrap_err().code, EXIT_USAGE);
    }
}

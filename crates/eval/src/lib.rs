//! Scoring of sukien's analyses against hand-made answer keys (`gold/1`,
//! see `shared/gold/README.md`): event precision, recall and F1 per article
//! and micro-averaged, entity recall, and publication-date accuracy.
//!
//! ```no_run
//! # use std::path::Path;
//! let gold = sukien_eval::load_gold(Path::new("gold/seeds.json"))?;
//! let files = sukien_eval::resolve_files(&gold, Path::new("gold/seeds.json"), None);
//! # let analyses: Vec<sukien_model::Analysis> = Vec::new();
//! let systems: Vec<Option<&sukien_model::Analysis>> = analyses.iter().map(Some).collect();
//! let report = sukien_eval::score(&gold, &systems);
//! print!("{}", report.to_table(&gold, &systems));
//! # let _ = files;
//! # Ok::<(), sukien_eval::EvalError>(())
//! ```

use std::path::PathBuf;

mod gold;
mod score;
mod table;

pub use gold::{
    files_root, load_gold, parse_gold, resolve_files, Gold, GoldDate, GoldDocument, GoldEntity,
    GoldEvent, GOLD_SCHEMA,
};
pub use score::{
    date_agrees, entity_found, event_matches, match_events, name_key, score, score_document,
    DocReport, Report, Totals,
};

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read gold file {}: {source}", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Bad JSON, or JSON that is not a gold/1 key; `message` names the problem.
    #[error("{}:{line}:{column}: not a valid gold file: {message}", .path.display())]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}: unsupported gold schema {found} (this version reads \"gold/1\")", .path.display())]
    Schema { path: PathBuf, found: String },
    #[error("{}: invalid gold file: {message}", .path.display())]
    Invalid { path: PathBuf, message: String },
}

#[cfg(test)]
mod tests;

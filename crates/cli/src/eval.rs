//! `sukien eval`: analyse the files of a gold key afresh and score them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sukien_core::Pipeline;
use sukien_model::{Analysis, Modality};

use crate::output::write_out;
use crate::{CmdResult, Failure};

pub fn run(kb: &'static sukien_kb::Kb, gold_path: &Path, root: Option<&Path>, json: bool) -> CmdResult {
    let gold = sukien_eval::load_gold(gold_path).map_err(|e| Failure::runtime(e.to_string()))?;
    let files = sukien_eval::resolve_files(&gold, gold_path, root);
    let pipeline = Pipeline::with_kb(kb);
    let analyses: Vec<Option<Analysis>> =
        files.iter().map(|f| analyse_file(&pipeline, f)).collect();
    let systems: Vec<Option<&Analysis>> = analyses.iter().map(Option::as_ref).collect();
    let report = sukien_eval::score(&gold, &systems);
    let text = if json {
        let mut s = serde_json::to_string_pretty(&report)
            .map_err(|e| Failure::runtime(format!("cannot write JSON: {e}")))?;
        s.push('\n');
        s
    } else {
        report.to_table(&gold, &systems)
    };
    write_out(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// The first article of `file`, analysed and reduced to reported events;
/// `None` (with a message) when it cannot be read.
fn analyse_file(pipeline: &Pipeline, file: &PathBuf) -> Option<Analysis> {
    for item in sukien_read::read_inputs(std::slice::from_ref(file)) {
        match item {
            Ok(raw) => return Some(reported_only(pipeline.analyze(&raw))),
            Err(e) => eprintln!("error: {e}"),
        }
    }
    eprintln!(
        "error: {}: no article read; counted as missing",
        file.display()
    );
    None
}

/// Gold keys list events that happened or were claimed to. Hypothetical and
/// negated events are not reported events (PLOVER drops negated events), so
/// they would only count as false positives: they are removed before scoring.
fn reported_only(mut a: Analysis) -> Analysis {
    a.events
        .retain(|e| !matches!(e.modality, Modality::Hypothetical | Modality::Negated));
    a
}

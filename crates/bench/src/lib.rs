//! What the bench binaries (`segbench`, `nerbench`) share: running a peer
//! tool in its own process and reading its JSON report, and describing the
//! machine.

use std::process::{Command, ExitCode};

use serde::de::DeserializeOwned;

/// Peak resident memory of this process, from Linux's /proc (0 elsewhere).
pub fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The CPU's model name, for the table's heading.
pub fn cpu() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

/// Runs one tool's process and reads the JSON report it prints; `Ok(None)`,
/// with a message, when the tool cannot start or is not installed.
pub fn run_tool<T: DeserializeOwned>(mut cmd: Command, name: &str) -> Result<Option<T>, String> {
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) => {
            eprintln!("skipping {name}: cannot start {:?}: {e}", cmd.get_program());
            return Ok(None);
        }
    };
    if !out.status.success() {
        let msg = String::from_utf8_lossy(&out.stderr);
        eprintln!(
            "skipping {name}: {}",
            msg.lines().last().unwrap_or("failed")
        );
        return Ok(None);
    }
    serde_json::from_slice(&out.stdout)
        .map(Some)
        .map_err(|e| format!("{name}: bad report: {e}"))
}

/// Precision, recall and F1 of `correct` items among `predicted` and `gold`.
pub fn prf(correct: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let c = sukien_words::score::Counts {
        gold,
        predicted,
        correct,
    };
    (c.precision(), c.recall(), c.f1())
}

/// A binary's exit: success, or the error on standard error and failure.
pub fn exit_with(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

//! `sukien kb lookup`, `sukien kb import` and `--kb` files, run as a user runs them.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sukien")).args(args).output().expect("sukien runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

#[test]
fn lookup_resolves_a_title_by_date_and_says_why() {
    let out = run(&["kb", "lookup", "Ngoại trưởng Nga", "--date", "2024-06-19"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("Sergei Lavrov"), "{text}");
    assert!(text.contains("ForeignMinister"), "{text}");
    let out = run(&["kb", "lookup", "Bình Nhưỡng", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["found"][0]["entity"]["stands_for"], "PRK");
}

#[test]
fn lookup_of_an_unknown_name_suggests_spellings_and_fails() {
    let out = run(&["kb", "lookup", "Sergei Lavrof"]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("did you mean") && text.contains("Lavrov"), "{text}");
    let out = run(&["kb", "lookup", "x", "--date", "yesterday"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["kb", "lookup", " "]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_user_file_extends_the_base_and_its_bad_lines_are_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("mine.txt");
    std::fs::write(
        &file,
        "[Nguyễn Văn Thử] PER\nactor: VNM\nalias: Văn Thử\nrole: Ambassador VNM 2020-01-01..\n\n[Bad] PER\nbogus: 1\n",
    )
    .expect("write");
    let out = run(&["--kb", file.to_str().unwrap(), "kb", "lookup", "Nguyễn Văn Thử"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("Ambassador VNM"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mine.txt:7"), "{err}");
    let bad = dir.path().join("latin1.txt");
    std::fs::write(&bad, b"[X] PER\n\xff\n").expect("write");
    let out = run(&["--kb", bad.to_str().unwrap(), "kb", "lookup", "Nga"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("latin1.txt: not UTF-8 at byte 8"));
    let out = run(&["--kb", "/nonexistent/kb.txt", "kb", "lookup", "Nga"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/kb.txt"));
}

#[test]
fn phoenix_import_then_use() {
    let phoenix = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ontology/phoenix/Phoenix.Countries.actors.txt");
    if !phoenix.is_file() {
        eprintln!("skipped: {} is absent", phoenix.display());
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let out_file = dir.path().join("phoenix.txt");
    let out = run(&["kb", "import", phoenix.to_str().unwrap(), "-o", out_file.to_str().unwrap()]);
    // the dictionary has a few unreadable lines (dates that end before they start): named, left out
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("people with"), "{err}");
    assert!(err.contains("line "), "{err}");
    assert_eq!(out.status.code(), Some(1));
    let out = run(&["--kb", out_file.to_str().unwrap(), "kb", "lookup", "Alan Garcia", "--date", "1987-06-01"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = stdout(&out);
    assert!(text.contains("* Official PER 1985-07-28..1990-07-29"), "{text}");
}

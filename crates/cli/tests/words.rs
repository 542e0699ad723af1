//! `sukien segment`, `sukien tag` and `sukien train` run as a user runs them.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sukien"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sukien starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("sukien runs")
}

fn treebank() -> Option<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpora/ud-vtb");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: no UD-VTB treebank at {}", dir.display());
        None
    }
}

#[test]
fn segment_joins_syllables_with_underscores() {
    let out = run(
        &["segment"],
        "Bộ trưởng Ngoại giao Nga hội đàm tại Bình Nhưỡng.\nthư ký\n".as_bytes(),
    );
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    for w in ["Bộ_trưởng", "hội_đàm", "Bình_Nhưỡng", "."] {
        assert!(
            lines[0].split(' ').any(|x| x == w),
            "{w} not in {}",
            lines[0]
        );
    }
    assert_eq!(lines[1], "thư_ký");
}

#[test]
fn segment_json_gives_character_offsets() {
    let text = "Ông Lavrov thăm Triều Tiên";
    let out = run(&["segment", "--json"], format!("{text}\n").as_bytes());
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let chars: Vec<char> = text.chars().collect();
    for w in v["words"].as_array().unwrap() {
        let (s, e) = (
            w["start"].as_u64().unwrap() as usize,
            w["end"].as_u64().unwrap() as usize,
        );
        let slice: String = chars[s..e].iter().collect();
        assert_eq!(slice, w["text"].as_str().unwrap());
    }
}

#[test]
fn tag_prints_word_slash_tag_and_bad_lines_fail_alone() {
    let mut input = "Nga phóng tên lửa.\n".as_bytes().to_vec();
    input.extend_from_slice(b"\xff\xfe bad\n");
    input.extend_from_slice("Hai bên ký hiệp định.\n".as_bytes());
    let out = run(&["tag"], &input);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a line that is not UTF-8 makes the exit code 1"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("line 2"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "one output line per input line: {stdout}");
    assert!(lines[0].ends_with("./PUNCT"), "{}", lines[0]);
    assert!(lines[2].contains("hiệp_định/NOUN"), "{}", lines[2]);
}

#[test]
fn segment_eval_scores_the_treebank_test_file() {
    let Some(dir) = treebank() else { return };
    let test = dir.join("vi_vtb-ud-test.conllu");
    let out = run(&["tag", "--eval", test.to_str().unwrap()], b"");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("800 sentences") && stdout.contains("F1") && stdout.contains("UPOS"),
        "{stdout}"
    );
}

#[test]
fn train_without_out_only_scores() {
    let Some(dir) = treebank() else { return };
    let out = run(
        &[
            "train",
            "--treebank",
            dir.to_str().unwrap(),
            "--epochs",
            "1",
            "--no-lexicon",
        ],
        b"",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("dev: words P"), "{stdout}");
}

#[test]
fn train_reports_a_missing_treebank() {
    let out = run(&["train", "--treebank", "/nonexistent/ud"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/ud"));
}

//! End-to-end tests: they run the built `sukien` binary with a temporary database.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles");
const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// Documents in examples/articles: two text files, three JSON Lines records, one HTML page.
const EXAMPLE_DOCUMENTS: usize = 6;

fn sukien(db: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sukien"));
    cmd.arg("--db").arg(db).args(args);
    cmd.env_remove("SUKIEN_DB").env("COLUMNS", "120");
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run sukien");
    if let Some(input) = stdin {
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(input.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("wait for sukien")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn assert_fields(v: &Value, fields: &[&str]) {
    for f in fields {
        assert!(v.get(f).is_some(), "field `{f}` missing in {v}");
    }
}

fn csv_rows(o: &Output) -> (Vec<String>, usize) {
    let text = stdout(o);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r
        .headers()
        .expect("CSV header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .collect::<Result<Vec<_>, _>>()
        .expect("CSV records")
        .len();
    (header, rows)
}

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(SHARED);
    if p.join("gold/seeds.json").is_file() {
        Some(p)
    } else {
        eprintln!("skipped: {SHARED} (the shared reference folder) is absent");
        None
    }
}

#[test]
fn ingest_examples_then_list_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub/sukien.db");

    let first = sukien(&db, &["ingest", EXAMPLES], None);
    let err = stderr(&first);
    assert!(first.status.success(), "ingest failed: {err}");
    let summary = format!(
        "ingested {EXAMPLE_DOCUMENTS} documents ({EXAMPLE_DOCUMENTS} new, 0 already stored)"
    );
    assert!(err.contains(&summary), "summary line: {err}");
    assert!(err.contains("0 errors"), "{err}");

    // docs
    let docs = json_lines(&sukien(&db, &["docs", "--format", "json"], None));
    assert_eq!(docs.len(), EXAMPLE_DOCUMENTS);
    for d in &docs {
        assert_fields(
            d,
            &[
                "id",
                "path",
                "url",
                "title",
                "published",
                "published_source",
                "sentences",
                "entities",
                "events",
            ],
        );
        assert!(d["sentences"].as_u64().unwrap() > 0, "{d}");
        let source = &d["published_source"];
        assert!(
            source.is_null() || source == "given" || source == "inferred",
            "{d}"
        );
    }
    // The JSON Lines records and the HTML page carry their dates.
    let given = docs
        .iter()
        .filter(|d| d["published_source"] == "given")
        .count();
    assert!(given >= 5, "documents with a given date: {given}");
    let (header, rows) = csv_rows(&sukien(&db, &["docs", "--format", "csv"], None));
    assert_eq!(header[0], "id");
    assert_eq!(rows, EXAMPLE_DOCUMENTS);
    let table = sukien(&db, &["docs"], None);
    assert!(table.status.success());
    assert!(stdout(&table).starts_with("ID "), "{}", stdout(&table));

    // events
    let events = json_lines(&sukien(&db, &["events", "--format", "json"], None));
    assert!(!events.is_empty(), "no events in the example articles");
    for e in &events {
        assert_fields(
            e,
            &[
                "id",
                "document",
                "type",
                "mode",
                "source",
                "target",
                "date",
                "place",
                "modality",
                "cameo",
                "goldstein",
                "quad_class",
                "evidence",
                "mentions",
            ],
        );
        assert_fields(&e["document"], &["path", "url", "title", "published"]);
        assert_fields(&e["source"], &["code", "name"]);
        assert_fields(&e["evidence"], &["sentence", "start", "end"]);
        assert!(
            e["target"].is_null() || e["target"].get("code").is_some(),
            "{e}"
        );
        assert!(
            e["date"].is_null() || e["date"].get("precision").is_some(),
            "{e}"
        );
        assert!(e["mentions"].is_array());
    }
    let (header, rows) = csv_rows(&sukien(&db, &["events", "--format", "csv"], None));
    assert_eq!(header[0], "id");
    assert_eq!(rows, events.len());
    let table = stdout(&sukien(&db, &["events"], None));
    assert!(
        table.lines().all(|l| l.chars().count() <= 120),
        "table wider than COLUMNS:\n{table}"
    );
    assert!(
        table.ends_with(&format!("{} events\n", events.len())),
        "{table}"
    );

    // actors
    let actors = json_lines(&sukien(&db, &["actors", "--format", "json"], None));
    assert!(!actors.is_empty());
    for a in &actors {
        assert_fields(
            a,
            &[
                "code",
                "name",
                "type",
                "mentions",
                "documents",
                "events_as_source",
                "events_as_target",
            ],
        );
    }
    let (header, rows) = csv_rows(&sukien(&db, &["actors", "--format", "csv"], None));
    assert_eq!(header[0], "code");
    assert_eq!(rows, actors.len());
    assert!(sukien(&db, &["actors"], None).status.success());

    // show: by id, as text and as JSON
    let id = docs[0]["id"].to_string();
    let shown = sukien(&db, &["show", &id], None);
    assert!(shown.status.success(), "{}", stderr(&shown));
    assert!(stdout(&shown).contains("events"));
    let analysis: Value = serde_json::from_str(&stdout(&sukien(
        &db,
        &["show", &id, "--format", "json"],
        None,
    )))
    .unwrap();
    assert_fields(
        &analysis,
        &["hash", "text", "sentences", "entities", "dates", "events"],
    );
    let missing = sukien(&db, &["show", "999999"], None);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).starts_with("error: "),
        "{}",
        stderr(&missing)
    );

    // Ingesting again adds nothing.
    let second = sukien(&db, &["ingest", EXAMPLES], None);
    let err = stderr(&second);
    assert!(second.status.success(), "{err}");
    let summary = format!("({} new, {EXAMPLE_DOCUMENTS} already stored), 0 events", 0);
    assert!(err.contains(&summary), "{err}");
    assert_eq!(
        json_lines(&sukien(&db, &["docs", "--format", "json"], None)).len(),
        EXAMPLE_DOCUMENTS
    );
    assert_eq!(
        json_lines(&sukien(&db, &["events", "--format", "json"], None)).len(),
        events.len()
    );
}

#[test]
fn bad_inputs_are_reported_one_line_each_and_the_rest_is_ingested() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sukien.db");
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "# date = 2024-05-02\nThủ tướng Nhật Bản hội đàm với Tổng thống Hàn Quốc tại Seoul ngày 1/5.\n").unwrap();
    let not_utf8 = dir.path().join("latin1.txt");
    std::fs::write(&not_utf8, b"Ngo\xe0i giao \xff\xfe Vi\xeat Nam\n").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let mixed = dir.path().join("mixed.jsonl");
    std::fs::write(
        &mixed,
        concat!(
            r#"{"text": "Ngoại trưởng Mỹ thăm Trung Quốc ngày 3/6.", "published": "2024-06-04"}"#, "\n",
            r#"{"text": "Nga và Ấn Độ ký thỏa thuận", "#, "\n",
            r#"{"text": "Bộ Ngoại giao Trung Quốc phản đối tuyên bố của Nhật Bản.", "published": "2024-06-05"}"#, "\n",
        ),
    )
    .unwrap();
    let binary = dir.path().join("image.bin");
    std::fs::write(
        &binary,
        [
            0x89u8, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0, 1, 2, 3, 0, 0, 0,
        ],
    )
    .unwrap();
    let missing = dir.path().join("does-not-exist.txt");

    let paths = [&good, &not_utf8, &empty, &mixed, &binary, &missing];
    let mut args = vec!["ingest".to_string()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = sukien(&db, &args, None);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr: {err}");

    let error_lines: Vec<&str> = err.lines().filter(|l| l.starts_with("error: ")).collect();
    for l in err.lines() {
        assert!(
            l.starts_with("error: ") || l.starts_with("ingested "),
            "unexpected stderr line: {l}"
        );
    }
    for (name, detail) in [
        ("latin1.txt", Some("byte")),
        ("empty.txt", None),
        ("mixed.jsonl:2", None),
        ("image.bin", Some("binary")),
        ("does-not-exist.txt", None::<&str>),
    ] {
        let hits: Vec<&&str> = error_lines.iter().filter(|l| l.contains(name)).collect();
        assert_eq!(
            hits.len(),
            1,
            "one error line naming {name} expected:\n{err}"
        );
        if let Some(d) = detail {
            assert!(hits[0].contains(d), "{}", hits[0]);
        }
    }
    assert_eq!(error_lines.len(), 5, "{err}");
    assert!(
        err.contains("ingested 3 documents (3 new, 0 already stored)"),
        "{err}"
    );
    assert!(err.contains("; 5 errors;"), "{err}");

    let docs = json_lines(&sukien(&db, &["docs", "--format", "json"], None));
    let stored: Vec<&str> = docs.iter().map(|d| d["path"].as_str().unwrap()).collect();
    assert_eq!(stored.len(), 3, "{stored:?}");
    assert!(stored.iter().any(|p| p.ends_with("good.txt")), "{stored:?}");
    assert!(
        stored.iter().any(|p| p.ends_with("mixed.jsonl:1")),
        "{stored:?}"
    );
    assert!(
        stored.iter().any(|p| p.ends_with("mixed.jsonl:3")),
        "{stored:?}"
    );
}

#[test]
fn analyze_reads_stdin_and_prints_the_analysis() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("never-created.db");
    let text = "# date = 2024-04-10\n\
                Ngoại trưởng Nga Sergei Lavrov đã hội đàm với Ngoại trưởng Trung Quốc Vương Nghị tại Bắc Kinh ngày 9/4. \
                Hai bên nhất trí tăng cường hợp tác.\n";
    let out = sukien(&db, &["analyze"], Some(text));
    assert!(out.status.success(), "{}", stderr(&out));
    let a: Value = serde_json::from_str(&stdout(&out)).expect("one JSON object");
    for field in ["sentences", "entities", "dates", "events"] {
        let items = a[field]
            .as_array()
            .unwrap_or_else(|| panic!("`{field}` is not an array: {a}"));
        assert!(!items.is_empty(), "no {field} in {a:#}");
    }
    assert_eq!(a["path"], "-");
    assert_eq!(a["published"]["date"], "2024-04-10");
    assert!(!db.exists(), "analyze must not create the database");
}

#[test]
fn bad_dates_and_names_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sukien.db");
    let out = sukien(&db, &["events", "--since", "not-a-date"], None);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: --since: cannot read 'not-a-date' as a date (use YYYY, YYYY-MM or YYYY-MM-DD)\n"
    );
    let out = sukien(&db, &["events", "--type", "MEET"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: --type: unknown event type 'MEET'"),
        "{}",
        stderr(&out)
    );
    let out = sukien(&db, &["events", "--format", "xml"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn eval_on_the_seed_gold_meets_the_acceptance_floors() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let gold = shared.join("gold/seeds.json");
    let out = sukien(
        &dir.path().join("unused.db"),
        &["eval", gold.to_str().unwrap(), "--json"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).expect("report JSON");
    let overall = &report["overall"];
    let num = |k: &str| {
        overall[k]
            .as_f64()
            .unwrap_or_else(|| panic!("overall.{k} missing: {overall}"))
    };
    let table = sukien(
        &dir.path().join("unused.db"),
        &["eval", gold.to_str().unwrap()],
        None,
    );
    assert!(table.status.success());
    eprintln!("{}", stdout(&table));
    assert!(
        num("recall") >= 0.80,
        "required-event recall {} < 0.80",
        num("recall")
    );
    assert!(
        num("precision") >= 0.70,
        "precision {} < 0.70",
        num("precision")
    );
    assert!(
        num("entity_recall") >= 0.90,
        "entity recall {} < 0.90",
        num("entity_recall")
    );
    assert_eq!(overall["documents"], 5, "{overall}");
    assert_eq!(
        overall["published_ok"], 5,
        "publication dates right: {overall}"
    );
}

#[test]
fn event_filters_on_the_seeds() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sukien.db");
    let seeds = shared.join("seeds");
    let out = sukien(&db, &["ingest", seeds.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));

    let args = [
        "events", "--actor", "RUS", "--actor", "PRK", "--since", "2023-01", "--type", "CONSULT",
        "--format", "json",
    ];
    let out = sukien(&db, &args, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let events = json_lines(&out);
    assert!(
        !events.is_empty(),
        "the seeds report Russia–North Korea meetings since 2023"
    );
    for e in &events {
        assert_eq!(e["type"], "CONSULT", "{e}");
        let mut codes = vec![
            e["source"]["code"].as_str().unwrap(),
            e["target"]["code"].as_str().unwrap_or(""),
        ];
        codes.sort();
        assert_eq!(codes, ["PRK", "RUS"], "{e}");
        let to = e["date"]["to"]
            .as_str()
            .expect("dated, since --since is given");
        assert!(to >= "2023-01-01", "{e}");
    }
    let all = json_lines(&sukien(&db, &["events", "--format", "json"], None));
    assert!(
        all.len() > events.len(),
        "the filter should leave some events out"
    );
}

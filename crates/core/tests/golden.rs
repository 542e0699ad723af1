//! Golden tests: the example articles in `examples/articles/` analysed and
//! rendered compactly, compared with `tests/golden/<file>.txt`. After an
//! intended change, regenerate with `SUKIEN_BLESS=1 cargo test -p sukien-core
//! --test golden` and review the diff.

use std::fmt::Write;
use std::path::PathBuf;

use sukien_core::Pipeline;
use sukien_model::Analysis;

fn render(a: &Analysis) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "document {} published {:?}", a.path.rsplit('/').next().unwrap_or(""), a.published.as_ref().map(|p| (p.date, p.source)));
    let _ = writeln!(out, "title {:?}", a.title);
    for s in &a.sentences {
        let _ = writeln!(out, "sentence {} {} [{}..{})", s.index, s.kind.as_str(), s.start, s.end);
    }
    for e in &a.entities {
        let mentions: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
        let _ = writeln!(out, "entity {} {} {:?} {:?}", e.kind.as_str(), e.name, e.actor, mentions);
    }
    for d in &a.dates {
        let _ = writeln!(out, "date {:?} {:?}", d.text, d.value.map(|v| (v.from, v.to)));
    }
    for e in &a.events {
        let triggers: Vec<&str> = e.mentions.iter().map(|m| m.trigger.as_str()).collect();
        let _ = writeln!(
            out,
            "event {} {:?} {} -> {} {:?} {} {} {} {:?}",
            e.kind,
            e.mode,
            e.source.code,
            e.target.as_ref().map(|t| t.code.as_str()).unwrap_or("-"),
            e.date.map(|d| (d.from, d.to)),
            e.modality.as_str(),
            e.cameo,
            e.goldstein,
            triggers
        );
    }
    out
}

#[test]
fn examples_match_golden_files() {
    let root = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles"));
    let golden = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden"));
    let bless = std::env::var_os("SUKIEN_BLESS").is_some();
    let pipeline = Pipeline::new();
    let mut mismatches = Vec::new();
    let mut seen = 0;
    for doc in sukien_read::read_inputs(&[root]) {
        let doc = doc.expect("example articles read");
        let analysis = pipeline.analyze(&doc);
        let name = doc.origin.rsplit('/').next().unwrap_or("doc").replace(':', "_line");
        let path = golden.join(format!("{name}.txt"));
        let rendered = render(&analysis);
        seen += 1;
        if bless {
            std::fs::write(&path, &rendered).expect("write golden file");
            continue;
        }
        let expected = std::fs::read_to_string(&path).unwrap_or_default();
        if expected != rendered {
            mismatches.push(format!("{}:\n--- expected\n{expected}\n--- got\n{rendered}", path.display()));
        }
    }
    assert!(seen >= 4, "expected the example articles, read {seen}");
    assert!(mismatches.is_empty(), "golden mismatches (SUKIEN_BLESS=1 to accept):\n{}", mismatches.join("\n"));
}

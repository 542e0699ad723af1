use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::*;

fn shared() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
}

fn write(dir: &Path, rel: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

fn messages(items: &[Result<RawDocument, ReadError>]) -> Vec<String> {
    items
        .iter()
        .map(|r| match r {
            Ok(doc) => format!("ok {}", doc.origin),
            Err(e) => format!("err {e}"),
        })
        .collect()
}

#[test]
fn folder_is_walked_recursively_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "b.txt", b"# url = u\nB");
    write(root, "a.md", b"A");
    write(
        root,
        "sub/c.jsonl",
        b"{\"text\": \"C1\"}\n{\"text\": \"C2\"}\n",
    );
    write(root, "sub/d.html", b"<html><body><p>D</p></body></html>");
    write(root, "LICENSE", b"licence text");
    write(root, "image.png", b"\x89PNG");
    write(root, ".hidden.txt", b"H");
    write(root, ".git/e.txt", b"E");
    let r = root.display();
    let items: Vec<_> = read_inputs(&[root.to_path_buf()]).collect();
    assert_eq!(
        messages(&items),
        vec![
            format!("ok {r}/a.md"),
            format!("ok {r}/b.txt"),
            format!("ok {r}/sub/c.jsonl:1"),
            format!("ok {r}/sub/c.jsonl:2"),
            format!("ok {r}/sub/d.html"),
        ]
    );
    assert_eq!(items[1].as_ref().unwrap().url.as_deref(), Some("u"));
    assert_eq!(items[3].as_ref().unwrap().format, Format::JsonLines);
    assert_eq!(items[4].as_ref().unwrap().text, "D");
}

#[test]
fn errors_do_not_stop_the_iteration() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let missing = root.join("missing.txt");
    let empty = write(root, "empty.txt", b"");
    let blank = write(root, "blank.txt", b" \n\t\r\n");
    let mut bad_utf8 = "Xin chào ".as_bytes().to_vec();
    bad_utf8.extend_from_slice(&[0xc3, 0x28]);
    let bad = write(root, "bad.txt", &bad_utf8);
    let binary = write(root, "bin.txt", b"twelve chars\0rest");
    let controls = write(root, "ctl.txt", &[1, 2, 3, 4, 5, b'a', 6, 7]);
    let good = write(root, "good.txt", b"ok");
    let header_only = write(root, "header.txt", b"# url = x\n");
    let blank_jsonl = write(root, "blank.jsonl", b"\n\n");
    let bad_jsonl = write(
        root,
        "bad.jsonl",
        b"{\"text\": \"a\"}\n{nope}\n{\"title\": \"t\"}\n{\"text\": \"d\"}\n",
    );
    let inputs = [
        missing,
        empty,
        blank,
        bad,
        binary,
        controls,
        good,
        header_only,
        blank_jsonl,
        bad_jsonl,
    ];
    let items: Vec<_> = read_inputs(&inputs).collect();
    let r = root.display();
    let got = messages(&items);
    let expected = vec![
        format!("err {r}/missing.txt: no such file or directory"),
        format!("err {r}/empty.txt: empty file"),
        format!("err {r}/blank.txt: empty file"),
        format!("err {r}/bad.txt: not valid UTF-8 at byte 10"),
        format!("err {r}/bin.txt: binary file (NUL byte at byte 12)"),
        format!("err {r}/ctl.txt: binary file (7 control bytes in the first 8 bytes)"),
        format!("ok {r}/good.txt"),
        format!("err {r}/header.txt: no text after the metadata header"),
        format!("err {r}/blank.jsonl: empty file"),
        format!("ok {r}/bad.jsonl:1"),
    ];
    assert_eq!(got[..expected.len()], expected[..]);
    assert!(
        got[10].starts_with(&format!("err {r}/bad.jsonl:2: malformed JSON: ")),
        "{}",
        got[10]
    );
    assert_eq!(got[11], format!("err {r}/bad.jsonl:3: no `text` field"));
    assert_eq!(got[12], format!("ok {r}/bad.jsonl:4"));
    assert_eq!(got.len(), 13);
    assert!(got.iter().all(|m| !m.contains('\n')));
}

#[test]
fn oversized_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    let file = fs::File::create(&path).unwrap();
    file.set_len(MAX_DOCUMENT_BYTES as u64 + 1).unwrap();
    let items: Vec<_> = read_inputs(&[path]).collect();
    let message = items[0].as_ref().unwrap_err().message.clone();
    assert_eq!(
        message,
        format!(
            "document too large ({} bytes, limit {MAX_DOCUMENT_BYTES})",
            MAX_DOCUMENT_BYTES + 1
        )
    );
    let bytes = vec![b'a'; MAX_DOCUMENT_BYTES + 1];
    let items = read_bytes("-", &bytes, None);
    assert!(items[0]
        .as_ref()
        .unwrap_err()
        .message
        .starts_with("document too large"));
}

#[test]
fn explicit_file_with_unknown_extension_is_sniffed() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "page",
        b"<!doctype html><html><body><p>Trang</p></body></html>",
    );
    let items: Vec<_> = read_inputs(&[path]).collect();
    assert_eq!(items[0].as_ref().unwrap().format, Format::Html);
}

#[test]
fn sniffing_for_stdin() {
    let doc = |bytes: &[u8]| read_bytes("-", bytes, None).remove(0).unwrap();
    assert_eq!(doc(b"Just text").format, Format::Text);
    assert_eq!(doc(b"[Video] Tin nhanh").format, Format::Text);
    // A line that starts like a JSON object is taken as a (broken) record, not as text.
    let broken = read_bytes("-", b"{not json at all", None)
        .remove(0)
        .unwrap_err();
    assert!(
        broken.to_string().starts_with("-:1: malformed JSON: "),
        "{broken}"
    );
    let record = doc(b"\n{\"text\": \"x\", \"url\": \"u\"}\n");
    assert_eq!(
        (record.format, record.origin.as_str()),
        (Format::JsonLines, "-:2")
    );
    assert_eq!(
        doc(b"  <!DOCTYPE html><html><body><p>x</p></body></html>").format,
        Format::Html
    );
    assert_eq!(
        doc("\u{feff}# url = u\nBody".as_bytes()).url.as_deref(),
        Some("u")
    );
}

#[test]
fn bom_is_stripped_and_offsets_count_it() {
    let doc = read_bytes("a.txt", "\u{feff}Văn bản".as_bytes(), None)
        .remove(0)
        .unwrap();
    assert_eq!(doc.text, "Văn bản");
    let mut bytes = "\u{feff}ab".as_bytes().to_vec();
    bytes.push(0xff);
    let err = read_bytes("a.txt", &bytes, None).remove(0).unwrap_err();
    assert_eq!(err.to_string(), "a.txt: not valid UTF-8 at byte 5");
}

#[test]
fn unc_corpus() {
    let dir = shared().join("corpora/unc");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let mut count = 0;
    for item in read_inputs(&[dir]) {
        let doc = item.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.format, Format::Text);
        assert!(doc.url.is_some(), "{} has no url", doc.origin);
        assert!(doc.published.is_some(), "{} has no date", doc.origin);
        assert!(doc.id.is_some(), "{} has no id", doc.origin);
        assert!(
            !doc.text.starts_with("# "),
            "{} kept its header",
            doc.origin
        );
        assert!(!doc.text.trim().is_empty());
        count += 1;
    }
    assert_eq!(count, 2653);
}

#[test]
fn seed_articles() {
    let dir = shared().join("seeds");
    if !dir.is_dir() {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    }
    let docs: Vec<_> = read_inputs(&[dir])
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert_eq!(docs.len(), 5);
    for doc in &docs {
        assert_eq!(doc.format, Format::Text);
        assert!(
            doc.meta.is_empty() && doc.url.is_none() && doc.published.is_none(),
            "{}",
            doc.origin
        );
        let raw = fs::read_to_string(&doc.origin).unwrap();
        assert_eq!(doc.text, raw.strip_prefix('\u{feff}').unwrap_or(&raw));
    }
    assert!(docs.windows(2).all(|w| w[0].origin < w[1].origin));
}

/// Unicode text that is not blank, has no control characters and cannot be a header or JSON/HTML.
fn plain_text() -> impl Strategy<Value = String> {
    "(\\PC|\n|\t|\r\n){1,200}".prop_filter("not plain", |s| {
        let start = s.trim_start();
        !s.trim().is_empty() && !s.starts_with('#') && !start.starts_with(['{', '[', '<'])
    })
}

proptest! {
    #[test]
    fn read_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        for hint in [None, Some(Format::Text), Some(Format::JsonLines), Some(Format::Html)] {
            for item in read_bytes("x", &bytes, hint) {
                if let Err(e) = item {
                    prop_assert!(!e.to_string().contains('\n'));
                }
            }
        }
    }

    #[test]
    fn structured_bytes_never_panic(s in "[{}\\[\\]<>\"#=:a-z\u{e0}-\u{1ef9} \n/!-]{0,300}") {
        for hint in [None, Some(Format::JsonLines), Some(Format::Html)] {
            let _ = read_bytes("x", s.as_bytes(), hint);
        }
    }

    #[test]
    fn headerless_text_comes_back_unchanged(s in plain_text(), bom in any::<bool>()) {
        let input = if bom { format!("\u{feff}{s}") } else { s.clone() };
        let items = read_bytes("-", input.as_bytes(), None);
        prop_assert_eq!(items.len(), 1);
        let doc = items.into_iter().next().unwrap().unwrap();
        prop_assert_eq!(doc.format, Format::Text);
        prop_assert_eq!(doc.text, s);
        prop_assert!(doc.meta.is_empty());
    }
}

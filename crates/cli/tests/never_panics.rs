//! Whatever bytes or text come in, reading and analysing never panic, and
//! the analysis keeps its offsets inside its text.

use std::sync::OnceLock;

use proptest::prelude::*;
use sukien_core::Pipeline;
use sukien_model::Analysis;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::new)
}

/// Offsets are characters into `text`, end exclusive (see sukien_model).
fn check_offsets(a: &Analysis) {
    let len = a.text.chars().count();
    let ok = |start: usize, end: usize| start <= end && end <= len;
    for s in &a.sentences {
        assert!(
            ok(s.start, s.end),
            "sentence {}..{} outside text of {len}",
            s.start,
            s.end
        );
    }
    for e in &a.entities {
        for m in &e.mentions {
            assert!(
                ok(m.start, m.end),
                "mention {}..{} outside text of {len}",
                m.start,
                m.end
            );
        }
    }
    for d in &a.dates {
        assert!(
            ok(d.start, d.end),
            "date {}..{} outside text of {len}",
            d.start,
            d.end
        );
    }
    for ev in &a.events {
        for m in &ev.mentions {
            assert!(
                ok(m.start, m.end),
                "trigger {}..{} outside text of {len}",
                m.start,
                m.end
            );
        }
    }
}

fn analyse_bytes(bytes: &[u8]) {
    for raw in sukien_read::read_bytes("fuzz", bytes, None)
        .into_iter()
        .flatten()
    {
        check_offsets(&pipeline().analyze(&raw));
    }
}

/// Pieces of Vietnamese news text: words that trigger the date, entity and
/// event rules, digits and punctuation, so that random strings reach deep
/// into the rules rather than stopping at the tokenizer.
const PIECES: &[&str] = &[
    "ngày ",
    "tháng ",
    "năm ",
    "29/1",
    "16.1",
    "2023",
    "hôm qua",
    "tuần tới",
    "Nga",
    "Triều Tiên",
    "Mỹ",
    "Bộ trưởng Ngoại giao ",
    "Tổng thống ",
    "hội đàm",
    "thăm",
    "ký",
    "cáo buộc",
    "bác bỏ",
    "trừng phạt",
    "điện đàm",
    "không",
    "sẽ",
    "nếu",
    " với ",
    " tại ",
    "Bình Nhưỡng",
    "Matxcơva",
    "NATO",
    ". ",
    ", ",
    "\n",
    "(",
    ")",
    "\"",
    "# date = ",
    "# url = ",
    "{",
    "}",
    "…",
    "  ",
    "\u{300}",
    "\u{feff}",
    "ồ",
    "Ư",
];

fn vietnamese_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        analyse_bytes(&bytes);
    }

    #[test]
    fn random_unicode_never_panics(text in "\\PC{0,400}") {
        analyse_bytes(text.as_bytes());
    }

    #[test]
    fn random_news_like_text_never_panics(text in vietnamese_like()) {
        analyse_bytes(text.as_bytes());
        analyse_bytes(format!("# date = 2024-02-29\n{text}").as_bytes());
    }
}

#[test]
fn awkward_inputs_never_panic() {
    let long_line = "Nga ".repeat(20_000);
    let cases: [&[u8]; 8] = [
        b"",
        b"\n\n\n",
        "ngày 31/2/2023 ngày 0/0 tháng 13 năm 99999".as_bytes(),
        "# date = 9999-99-99\nNga hội đàm với Mỹ.".as_bytes(),
        "\u{0301}\u{0301}\u{0301}".as_bytes(),
        b"{\"text\": \"\"}\n{\"text\": 5}\n",
        b"<html><body></body></html>",
        long_line.as_bytes(),
    ];
    for c in cases {
        analyse_bytes(c);
    }
}

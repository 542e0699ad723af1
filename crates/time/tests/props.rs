//! tag() and infer_publication() on arbitrary input: no panics, sane spans.

use chrono::NaiveDate;
use proptest::prelude::*;

fn check(text: &str, anchor: Option<NaiveDate>) {
    let mut last_end = 0;
    for e in sukien_time::tag(text, anchor) {
        assert!(e.start < e.end && e.end <= text.len());
        assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        assert!(e.start >= last_end, "overlap at {}", e.start);
        assert_eq!(&text[e.start..e.end], e.text);
        if let Some(v) = e.value {
            assert!(v.from <= v.to);
        }
        last_end = e.end;
    }
    let _ = sukien_time::infer_publication(text, None);
    let _ = sukien_time::infer_publication(text, Some(text));
    let _ = sukien_time::parse_date_arg(text);
}

proptest! {
    #[test]
    fn arbitrary_unicode(s in "\\PC{0,200}", y in 1i32..9000, o in 0u32..366) {
        check(&s, NaiveDate::from_yo_opt(y, o.max(1)));
    }

    #[test]
    fn date_like_soup(parts in prop::collection::vec(prop::sample::select(vec![
        "ngày", "hôm", "tháng", "năm", "nay", "ngoái", "qua", "từ", "đến", "-", "–", "/", ".", ",", "(", ")",
        "29/1", "16.1", "2023", "9999", "0/0", "31/2", "29/2", "tuần", "thứ", "Hai", "cuối", "đầu", "quý",
        "III", "thập", "niên", "90", "trong", "hai", "mười", "sẽ", "kéo", "dài", "3", "4294967296", "1.2.3.4",
        "99999999999999999999", "2023-01-29", "20201001", "\n", "những", "gần", "đây", "trước", "tới",
    ]), 0..40), y in 1i32..3000, o in 1u32..366) {
        let s = parts.join(" ");
        check(&s, NaiveDate::from_yo_opt(y, o));
        let glued = parts.concat();
        check(&glued, NaiveDate::from_yo_opt(y, o));
    }
}

#[test]
fn extreme_anchors() {
    for a in [NaiveDate::MIN, NaiveDate::MAX] {
        check(
            "hôm qua, ngày mai, 29/2, tháng 6, quý 3, 3 năm trước, thứ Hai, 10000 năm qua, năm sau",
            Some(a),
        );
    }
}

#[test]
fn fast_enough() {
    let para = "Người phát ngôn ngày 16.1 cho biết hai bên đã gặp nhau vào tháng 9.2023, năm ngoái, \
                và sẽ gặp lại đầu năm 2025; hôm 24/10 Duma phê chuẩn hiệp ước ký tháng 6/2024 với 10.000 binh lính. ";
    let text = para.repeat(20); // ~5 KB, an article
    let start = std::time::Instant::now();
    let rounds = 20;
    for _ in 0..rounds {
        assert!(!sukien_time::tag(&text, NaiveDate::from_ymd_opt(2024, 10, 29)).is_empty());
    }
    let per = start.elapsed() / rounds;
    println!("tag() on {} bytes: {per:?}", text.len());
    // Debug builds are slow; this only catches pathological behaviour.
    assert!(per.as_millis() < 50);
}

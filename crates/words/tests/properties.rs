//! Properties of the built-in segmenter and tagger on any input: words keep
//! every character, in order, and nothing panics.

use proptest::prelude::*;
use sukien_words::{Segmenter, Tagger};

/// The words plus the white space between them give the input back, and
/// words neither start nor end with white space nor are empty.
fn check(text: &str) -> Result<(), TestCaseError> {
    let words = Segmenter::builtin().segment(text);
    let mut rebuilt = String::with_capacity(text.len());
    let mut at = 0;
    for w in &words {
        prop_assert!(
            at <= w.start && w.start < w.end && w.end <= text.len(),
            "{w:?} after {at}"
        );
        prop_assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
        let gap = &text[at..w.start];
        prop_assert!(
            gap.chars().all(char::is_whitespace),
            "non-space {gap:?} outside words"
        );
        let word = &text[w.clone()];
        prop_assert!(
            !word.starts_with(char::is_whitespace) && !word.ends_with(char::is_whitespace)
        );
        rebuilt.push_str(gap);
        rebuilt.push_str(word);
        at = w.end;
    }
    prop_assert!(text[at..].chars().all(char::is_whitespace));
    rebuilt.push_str(&text[at..]);
    prop_assert_eq!(&rebuilt, text);
    let tags = Tagger::builtin().tag(text, &words);
    prop_assert_eq!(tags.len(), words.len());
    Ok(())
}

fn vietnamese_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "bộ",
        "trưởng",
        "Ngoại",
        "giao",
        "Nga",
        "Sergei",
        "Lavrov",
        "hội",
        "đàm",
        "với",
        "người",
        "đồng",
        "cấp",
        "Bình",
        "Nhưỡng",
        "10.000",
        "16.1",
        "(",
        ")",
        ",",
        ".",
        "“",
        "”",
        "https://a.vn/x",
        "TP.HCM",
        "Kim",
        "Jong",
        "Un",
        "-",
        "hoà",
        "hòa",
        "Thủ",
        "tướng",
        "\n",
        "  ",
        "\t",
        "ký",
        "thư",
    ]);
    prop::collection::vec((pieces, prop::bool::ANY), 0..30).prop_map(|v| {
        v.into_iter()
            .map(|(p, space)| {
                if space {
                    format!("{p} ")
                } else {
                    p.to_string()
                }
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn words_give_back_any_unicode_input(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn words_give_back_vietnamese_like_input(text in vietnamese_like()) {
        check(&text)?;
    }

    #[test]
    fn words_give_back_text_with_marks_and_controls(text in "[a-zđơưăâêô\\u{300}-\\u{323}\\u{0}-\\u{1f} .,\\-]{0,60}") {
        check(&text)?;
    }
}

#[test]
fn built_in_models_match_the_built_in_lexicon() {
    let lexicon = sukien_words::Lexicon::builtin().fingerprint();
    let segmenter = Segmenter::builtin().weights();
    let tagger = Tagger::builtin().weights();
    assert!(
        !segmenter.is_empty() && !tagger.is_empty(),
        "the committed models did not load"
    );
    assert_eq!(
        (segmenter.lexicon, tagger.lexicon),
        (lexicon, lexicon),
        "the lexicon changed since the models were trained: run `sukien train --with-dev --out crates/words/model`"
    );
}

#[test]
fn segments_and_tags_a_news_sentence() {
    let text =
        "Ngoại trưởng Nga Sergei Lavrov đã hội đàm với người đồng cấp Triều Tiên tại Bình Nhưỡng.";
    let words: Vec<&str> = Segmenter::builtin()
        .segment(text)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    for w in [
        "Ngoại trưởng",
        "hội đàm",
        "đồng cấp",
        "Bình Nhưỡng",
        "Triều Tiên",
        ".",
    ] {
        assert!(words.contains(&w), "{w:?} not among {words:?}");
    }
    let all = sukien_words::words(text);
    let tag_of = |w: &str| {
        all.iter()
            .find(|x| &text[x.range.clone()] == w)
            .map(|x| x.upos.as_str())
    };
    assert_eq!(tag_of("hội đàm"), Some("VERB"));
    assert_eq!(tag_of("."), Some("PUNCT"));
}

#[test]
fn cut_or_corrupt_model_files_are_errors_not_panics() {
    let lexicon = sukien_words::Lexicon::builtin();
    let seg = Segmenter::builtin().to_bytes();
    let tag = Tagger::builtin().to_bytes();
    assert!(
        Segmenter::from_bytes(&seg, lexicon).is_ok() && Tagger::from_bytes(&tag, lexicon).is_ok()
    );
    for bytes in [&seg, &tag] {
        for cut in (0..bytes.len())
            .step_by(bytes.len() / 97 + 1)
            .chain([bytes.len() - 1])
        {
            assert!(Segmenter::from_bytes(&bytes[..cut], lexicon).is_err());
            assert!(Tagger::from_bytes(&bytes[..cut], lexicon).is_err());
        }
    }
    let mut flipped = seg.clone();
    flipped[8] = 9; // an unknown model kind
    assert!(Segmenter::from_bytes(&flipped, lexicon).is_err());
}

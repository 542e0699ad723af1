//! The Vietnamese text layer of sukien: normalisation and accent folding,
//! sentence splitting, syllable tokens with offsets, and the detection of
//! captions and page furniture.

mod boilerplate;
mod normalize;
mod sentences;
mod tokens;

pub use boilerplate::{classify_line, LineKind};
pub use normalize::{fold, normalize};
pub use sentences::{split_sentences, Span};
pub use tokens::{tokens, Token, TokenKind};

/// `char::is_alphabetic`, fast on the letters Vietnamese text is made of:
/// ASCII and the Latin blocks answer without Unicode table look-ups.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\u{7f}' => false,
        '\u{c0}'..='\u{24f}' => c != '\u{d7}' && c != '\u{f7}',
        '\u{1e00}'..='\u{1eff}' => true,
        _ => c.is_alphabetic(),
    }
}

/// The lower case of `c` when it is one character of the same UTF-8 length,
/// else `c` itself: lower-casing with it keeps every byte offset valid.
#[inline]
pub fn lower_char_same_len(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// Lower case without changing any character's byte length (see
/// [`lower_char_same_len`]), so offsets into the original stay valid.
pub fn lower_same_len(text: &str) -> String {
    text.chars().map(lower_char_same_len).collect()
}

/// `char::is_alphanumeric` with the fast path of [`is_letter`].
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_digit() || is_letter(c) || (!c.is_ascii() && c.is_numeric())
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sentences_are_ordered_in_bounds(s in "\\PC{0,300}") {
            let spans = split_sentences(&s);
            let mut last = 0;
            for sp in spans {
                prop_assert!(sp.start >= last && sp.start < sp.end && sp.end <= s.len());
                prop_assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
                last = sp.end;
            }
        }

        #[test]
        fn tokens_cover_all_non_space(s in "\\PC{0,300}") {
            let toks = tokens(&s);
            let joined: String = toks.iter().map(|t| &s[t.start..t.end]).collect();
            let expected: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            prop_assert_eq!(joined, expected);
        }

        #[test]
        fn normalize_is_idempotent(s in "\\PC{0,200}") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once.clone());
        }

        #[test]
        fn fast_letter_tests_agree_with_std(c in any::<char>()) {
            prop_assert_eq!(is_letter(c), c.is_alphabetic());
            prop_assert_eq!(is_word_char(c), c.is_alphanumeric());
        }

        #[test]
        fn lowering_keeps_byte_offsets(s in "\\PC{0,100}") {
            prop_assert_eq!(lower_same_len(&s).len(), s.len());
        }

        #[test]
        fn classify_never_panics(s in "\\PC{0,200}") {
            let _ = classify_line(&s);
        }
    }
}

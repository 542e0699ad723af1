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
        fn classify_never_panics(s in "\\PC{0,200}") {
            let _ = classify_line(&s);
        }
    }
}

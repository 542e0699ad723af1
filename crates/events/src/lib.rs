//! The event coder of sukien.
//!
//! Input: an article's sentences with their actor references (from the
//! knowledge base and the entity linker) and date expressions (from the
//! temporal tagger). Output: PLOVER events with source, target, date, place,
//! modality, CAMEO code and Goldstein score, one per real-world event the
//! article reports, each with the mentions it was read from.
//!
//! The coder works on syllable tokens of one sentence at a time:
//! 1. triggers from the predicate lexicon (`data/predicates.txt`), minus the
//!    blocked readings (`thư ký` is no signing);
//! 2. clauses, cut at punctuation and at the words that open subordinate,
//!    reported, purpose and conditional clauses;
//! 3. roles: the subject of the trigger's clause is the source, the first
//!    actor after the trigger the target, with coordination (`Nga và Triều
//!    Tiên`), pairs (`hai bên`), anaphora (`nước này`) and nominal events
//!    (`chuyến thăm của bà Choe tới Nga`);
//! 4. modality from the cue words around the trigger, the date from the
//!    nearest expression that belongs to the same clause;
//! 5. mentions of the same event are merged ([`merge`]).

mod coder;
pub mod lexicon;
mod merge;

pub use coder::{code_document, ActorRef, DateRef, LazyTags, SentenceInput, WordSpan};
pub use lexicon::{goldstein, Lexicon, LexiconError};

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use proptest::prelude::*;
    use sukien_model::{DateRange, EntityType, Precision, SentenceKind};

    const WORDS: &[&str] = &[
        "Nga", "Mỹ", "hội đàm", "với", "và", "đã", "sẽ", "không", "cáo buộc", "bác bỏ", "thăm", "tới", "của", "chuyến thăm",
        "hai bên", "nhất trí", "ký", "thỏa thuận", ",", ".", "“", "”", "để", "khi", "nếu", "bị", "được cho là", "nước này",
        "trừng phạt", "đối với", "ngày 3/3", "họ", "tại", "Hà Nội", "cho biết", "rằng", "sự", "ủng hộ", "từ", "đến", "gặp",
    ];

    fn sentence() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(WORDS), 0..30).prop_map(|w| w.join(" "))
    }

    fn refs_for(text: &str, picks: &[(usize, usize, u8)]) -> Vec<ActorRef> {
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let mut refs: Vec<ActorRef> = picks
            .iter()
            .filter_map(|&(a, len, code)| {
                let s = *bounds.get(a % bounds.len())?;
                let e = *bounds.get((a % bounds.len() + 1 + len % 6).min(bounds.len() - 1))?;
                (s < e).then(|| ActorRef {
                    start: s,
                    end: e,
                    code: Some(["RUS", "USA", "CHN", "VNM"][code as usize % 4].to_string()),
                    name: "x".into(),
                    entity: Some(code as usize % 3),
                    kind: [EntityType::GPE, EntityType::PER, EntityType::ORG, EntityType::LOC][code as usize % 4],
                    named_person: code % 2 == 0,
                    media: code % 7 == 0,
                    place: None,
                })
            })
            .collect();
        refs.sort_by_key(|r| r.start);
        // The linker hands over non-overlapping references.
        let mut last = 0;
        refs.retain(|r| {
            let keep = r.start >= last;
            if keep {
                last = r.end;
            }
            keep
        });
        refs
    }

    proptest! {
        #[test]
        fn coding_never_panics_and_offsets_stay_inside(
            texts in proptest::collection::vec(sentence(), 1..5),
            picks in proptest::collection::vec((0usize..200, 0usize..10, 0u8..50), 0..8),
        ) {
            let day = NaiveDate::from_ymd_opt(2024, 3, 3).unwrap();
            let mut offset = 0;
            let mut inputs = Vec::new();
            for (index, t) in texts.iter().enumerate() {
                let refs = refs_for(t, &picks);
                let dates = vec![DateRef { start: 0, end: t.len().min(1), value: DateRange { from: day, to: day, precision: Precision::Day } }];
                // words: every run between spaces, as a segmenter would give at least
                let mut words = Vec::new();
                let mut at = 0;
                for chunk in t.split(' ') {
                    if !chunk.is_empty() {
                        words.push(WordSpan { range: at..at + chunk.len() });
                    }
                    at += chunk.len() + 1;
                }
                inputs.push(SentenceInput { index, offset, text: t, kind: SentenceKind::Body, refs, dates, words, tags: LazyTags::default() });
                offset += t.len() + 1;
            }
            for e in code_document(&inputs, Some(day)) {
                for m in &e.mentions {
                    prop_assert!(m.start < m.end && m.end <= offset);
                }
                prop_assert!(e.source.code.len() == 3);
            }
        }
    }
}

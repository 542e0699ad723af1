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

pub use coder::{code_document, ActorRef, DateRef, SentenceInput};
pub use lexicon::{goldstein, Lexicon, LexiconError};

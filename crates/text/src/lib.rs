//! The Vietnamese text layer of sukien: normalisation and accent folding,
//! sentence splitting, tokens with offsets, and boilerplate detection.

mod normalize;

pub use normalize::{fold, normalize};

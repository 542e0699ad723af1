//! Averaged perceptron: weights keyed by feature hash, training with lazy
//! averaging, and the binary model format.
//!
//! A model file is `SKWORDS1`, a kind byte, the number of classes (u32), the
//! fingerprint of the lexicon it was trained with (u64), the number of
//! features (u32), then per feature its key (u64), a mask of the classes it
//! has a weight for (u32) and those weights (f32); all little-endian.

use crate::hash;

const MAGIC: &[u8; 8] = b"SKWORDS1";

/// A model file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("not a sukien words model (bad magic)")]
    Magic,
    #[error("model is for {found}, expected {expected}")]
    Kind {
        expected: &'static str,
        found: String,
    },
    #[error("model is truncated at byte {0}")]
    Truncated(usize),
    #[error("model has {0} classes, more than 32")]
    Classes(u32),
}

/// What a model file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelKind {
    Segmenter = 1,
    Tagger = 2,
}

impl ModelKind {
    fn name(self) -> &'static str {
        match self {
            ModelKind::Segmenter => "the segmenter",
            ModelKind::Tagger => "the tagger",
        }
    }
}

/// Trained weights: one row of `classes` weights per feature.
#[derive(Debug, Default, Clone)]
pub struct Weights {
    classes: usize,
    index: hash::HashMap<u32>,
    values: Vec<f32>,
    /// The lexicon fingerprint the weights were trained with.
    pub lexicon: u64,
}

impl Weights {
    pub fn classes(&self) -> usize {
        self.classes
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Adds the feature's weights to `scores` (one per class).
    #[inline]
    pub fn add(&self, feature: u64, scores: &mut [f32]) {
        if let Some(&row) = self.index.get(&feature) {
            let row = row as usize * self.classes;
            for (s, w) in scores.iter_mut().zip(&self.values[row..row + self.classes]) {
                *s += w;
            }
        }
    }

    /// The sum of the features' weights, for one-class (binary) models.
    #[inline]
    pub fn sum(&self, features: &[u64]) -> f32 {
        features
            .iter()
            .filter_map(|f| self.index.get(f))
            .map(|&row| self.values[row as usize * self.classes])
            .sum()
    }

    /// The weights of the first key of each pair, with the second key's
    /// added; keys not named first are dropped.
    pub fn fold(&self, pairs: impl Iterator<Item = (u64, u64)>) -> Weights {
        let mut out = Weights {
            classes: self.classes,
            lexicon: self.lexicon,
            ..Weights::default()
        };
        let mut row = vec![0f32; self.classes];
        for (key, extra) in pairs {
            row.iter_mut().for_each(|w| *w = 0.0);
            self.add(key, &mut row);
            self.add(extra, &mut row);
            if row.iter().any(|w| *w != 0.0) {
                out.index.insert(key, out.index.len() as u32);
                out.values.extend_from_slice(&row);
            }
        }
        out
    }

    pub fn to_bytes(&self, kind: ModelKind) -> Vec<u8> {
        let mut keys: Vec<(&u64, &u32)> = self.index.iter().collect();
        keys.sort_unstable();
        let mut out = Vec::with_capacity(32 + keys.len() * 16);
        out.extend_from_slice(MAGIC);
        out.push(kind as u8);
        out.extend_from_slice(&(self.classes as u32).to_le_bytes());
        out.extend_from_slice(&self.lexicon.to_le_bytes());
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for (key, &row) in keys {
            let row = &self.values[row as usize * self.classes..][..self.classes];
            let mask = row
                .iter()
                .enumerate()
                .filter(|(_, w)| **w != 0.0)
                .fold(0u32, |m, (i, _)| m | 1 << i);
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&mask.to_le_bytes());
            for w in row.iter().filter(|w| **w != 0.0) {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    pub fn from_bytes(bytes: &[u8], kind: ModelKind) -> Result<Weights, ModelError> {
        Weights::from_bytes_prefix(bytes, kind).map(|(w, _)| w)
    }

    /// Reads weights from the start of `bytes`; also returns how many bytes
    /// they took (model files may carry more after them).
    pub fn from_bytes_prefix(
        bytes: &[u8],
        kind: ModelKind,
    ) -> Result<(Weights, usize), ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError::Magic);
        }
        let found = r.take(1)?[0];
        if found != kind as u8 {
            return Err(ModelError::Kind {
                expected: kind.name(),
                found: format!("kind {found}"),
            });
        }
        let classes = r.u32()?;
        if classes == 0 || classes > 32 {
            return Err(ModelError::Classes(classes));
        }
        let classes = classes as usize;
        let lexicon = r.u64()?;
        let n = r.u32()? as usize;
        let mut w = Weights {
            classes,
            lexicon,
            ..Weights::default()
        };
        w.index.reserve(n.min(bytes.len() / 12));
        w.values.reserve(n.min(bytes.len() / 12) * classes);
        for i in 0..n {
            let key = r.u64()?;
            let mask = r.u32()?;
            let row = w.values.len();
            w.values.resize(row + classes, 0.0);
            for c in 0..classes {
                if mask & (1 << c) != 0 {
                    w.values[row + c] = f32::from_le_bytes(r.array()?);
                }
            }
            w.index.insert(key, i as u32);
        }
        Ok((w, r.at))
    }
}

/// A value stored per key in a model file's table (after the weights).
pub trait TableValue: Copy {
    const SIZE: usize;
    fn put(self, out: &mut Vec<u8>);
    fn get(bytes: &[u8]) -> Self;
}

impl TableValue for u8 {
    const SIZE: usize = 1;
    fn put(self, out: &mut Vec<u8>) {
        out.push(self);
    }
    fn get(bytes: &[u8]) -> Self {
        bytes[0]
    }
}

impl TableValue for u32 {
    const SIZE: usize = 4;
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.to_le_bytes());
    }
    fn get(bytes: &[u8]) -> Self {
        u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]])
    }
}

/// Appends a table: its length (u32), then key (u64) and value per entry,
/// sorted by key, little-endian.
pub fn write_table<V: TableValue>(table: &hash::HashMap<V>, out: &mut Vec<u8>) {
    let mut entries: Vec<(u64, V)> = table.iter().map(|(k, v)| (*k, *v)).collect();
    entries.sort_unstable_by_key(|e| e.0);
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    for (k, v) in entries {
        out.extend_from_slice(&k.to_le_bytes());
        v.put(out);
    }
}

/// Reads a table written by [`write_table`] at the start of `bytes`.
pub fn read_table<V: TableValue>(bytes: &[u8]) -> Result<hash::HashMap<V>, ModelError> {
    let mut r = Reader { bytes, at: 0 };
    let n = r.u32()? as usize;
    let mut table = hash::HashMap::default();
    table.reserve(n.min(bytes.len() / (8 + V::SIZE)));
    for _ in 0..n {
        let key = r.u64()?;
        table.insert(key, V::get(r.take(V::SIZE)?));
    }
    Ok(table)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let s = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or(ModelError::Truncated(self.at))?;
        self.at += n;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut a = [0; N];
        a.copy_from_slice(self.take(N)?);
        Ok(a)
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }
}

/// Perceptron training with averaged weights (Collins 2002), averaged
/// lazily: each weight remembers when it last changed.
pub struct Trainer {
    classes: usize,
    index: hash::HashMap<u32>,
    weights: Vec<f64>,
    totals: Vec<f64>,
    stamps: Vec<u64>,
    step: u64,
}

impl Trainer {
    pub fn new(classes: usize) -> Trainer {
        Trainer {
            classes,
            index: hash::HashMap::default(),
            weights: Vec::new(),
            totals: Vec::new(),
            stamps: Vec::new(),
            step: 1,
        }
    }

    /// Current (not averaged) scores of the features, one per class.
    pub fn scores(&self, features: &[u64], scores: &mut [f64]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(&row) = self.index.get(f) {
                let row = row as usize * self.classes;
                for (s, w) in scores
                    .iter_mut()
                    .zip(&self.weights[row..row + self.classes])
                {
                    *s += w;
                }
            }
        }
    }

    /// One more example seen (the unit of averaging).
    pub fn tick(&mut self) {
        self.step += 1;
    }

    /// Moves the weights of `features` for `class` by `delta`.
    pub fn update(&mut self, features: &[u64], class: usize, delta: f64) {
        for &f in features {
            let next = self.index.len() as u32;
            let row = *self.index.entry(f).or_insert_with(|| next) as usize;
            if row == next as usize {
                let n = self.weights.len() + self.classes;
                self.weights.resize(n, 0.0);
                self.totals.resize(n, 0.0);
                self.stamps.resize(n, self.step);
            }
            let i = row * self.classes + class;
            self.totals[i] += (self.step - self.stamps[i]) as f64 * self.weights[i];
            self.stamps[i] = self.step;
            self.weights[i] += delta;
        }
    }

    /// The averaged weights; weights smaller than `min` are dropped.
    pub fn average(mut self, min: f32, lexicon: u64) -> Weights {
        let mut out = Weights {
            classes: self.classes,
            lexicon,
            ..Weights::default()
        };
        for (&key, &row) in &self.index {
            let row = row as usize * self.classes;
            let mut kept = vec![0f32; self.classes];
            for (c, k) in kept.iter_mut().enumerate() {
                let i = row + c;
                self.totals[i] += (self.step - self.stamps[i]) as f64 * self.weights[i];
                let w = (self.totals[i] / self.step as f64) as f32;
                if w.abs() >= min {
                    *k = w;
                }
            }
            if kept.iter().any(|w| *w != 0.0) {
                out.index.insert(key, out.index.len() as u32);
                out.values.extend_from_slice(&kept);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        let mut t = Trainer::new(3);
        let data = [(vec![1u64, 10], 0usize), (vec![2, 10], 1), (vec![3, 10], 2)];
        let mut s = [0f64; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                t.scores(f, &mut s);
                let guess = (0..3)
                    .max_by(|&a, &b| s[a].total_cmp(&s[b]).then(b.cmp(&a)))
                    .unwrap();
                if guess != *y {
                    t.update(f, *y, 1.0);
                    t.update(f, guess, -1.0);
                }
                t.tick();
            }
        }
        let w = t.average(0.0, 7);
        let w = Weights::from_bytes(&w.to_bytes(ModelKind::Tagger), ModelKind::Tagger).unwrap();
        assert_eq!(w.lexicon, 7);
        for (f, y) in &data {
            let mut s = [0f32; 3];
            f.iter().for_each(|&x| w.add(x, &mut s));
            let best = (0..3).max_by(|&a, &b| s[a].total_cmp(&s[b])).unwrap();
            assert_eq!(best, *y);
        }
    }

    #[test]
    fn bad_files_are_errors_not_panics() {
        assert_eq!(
            Weights::from_bytes(b"nope", ModelKind::Tagger).unwrap_err(),
            ModelError::Truncated(0)
        );
        let w = Weights {
            classes: 1,
            ..Weights::default()
        }
        .to_bytes(ModelKind::Segmenter);
        assert!(matches!(
            Weights::from_bytes(&w, ModelKind::Tagger),
            Err(ModelError::Kind { .. })
        ));
        for cut in 0..w.len() {
            assert!(Weights::from_bytes(&w[..cut], ModelKind::Segmenter).is_err());
        }
    }
}

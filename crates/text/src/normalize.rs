//! Unicode normalisation for Vietnamese: NFC plus one tone-mark placement.
//!
//! Vietnamese text in the wild mixes precomposed and decomposed characters and
//! two conventions for where the tone mark sits (`hoà` / `hòa`, `thuý` / `thúy`).
//! NFC alone does not make them equal, so every syllable is rewritten to the
//! traditional placement most of the Vietnamese press uses (`hòa`, `thúy`,
//! `hoàng`, `quý`, `già`). Strings that are not Vietnamese syllables are left
//! alone.

use std::collections::HashMap;
use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;

/// The five tone marks, as combining characters.
const TONES: [char; 5] = ['\u{0300}', '\u{0301}', '\u{0303}', '\u{0309}', '\u{0323}'];

fn is_tone(c: char) -> bool {
    TONES.contains(&c)
}

/// Base vowels of Vietnamese (lower case, without tone, with their own
/// diacritics already composed).
fn is_vowel(c: char) -> bool {
    matches!(
        c.to_lowercase().next().unwrap_or(c),
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

fn has_own_diacritic(c: char) -> bool {
    matches!(c.to_lowercase().next().unwrap_or(c), 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// NFC, then the traditional tone placement on every Vietnamese syllable.
pub fn normalize(text: &str) -> String {
    let nfc: String = match unicode_normalization::is_nfc_quick(text.chars()) {
        unicode_normalization::IsNormalized::Yes => text.to_string(),
        _ => text.nfc().collect(),
    };
    if nfc.is_ascii() {
        return nfc;
    }
    let mut out = String::with_capacity(nfc.len());
    let mut word = String::new();
    for c in nfc.chars() {
        if crate::is_letter(c) {
            word.push(c);
        } else {
            if !word.is_empty() {
                place_tone(&word, &mut out);
                word.clear();
            }
            out.push(c);
        }
    }
    if !word.is_empty() {
        place_tone(&word, &mut out);
    }
    out
}

/// The tone of a precomposed character: (character without its tone, tone
/// index into [`TONES`]). Built once from the Unicode decompositions of the
/// Latin letters Vietnamese uses.
fn tone_table() -> &'static HashMap<char, (char, usize)> {
    static TABLE: OnceLock<HashMap<char, (char, usize)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = HashMap::new();
        for c in ('\u{00C0}'..='\u{024F}').chain('\u{1E00}'..='\u{1EFF}') {
            let d: Vec<char> = c.to_string().nfd().collect();
            if let Some(pos) = d.iter().position(|&x| is_tone(x)) {
                let mut rest = d.clone();
                let tone = rest.remove(pos);
                let base: String = rest.into_iter().collect::<String>().nfc().collect();
                let mut it = base.chars();
                if let (Some(b), None) = (it.next(), it.next()) {
                    t.insert(c, (b, TONES.iter().position(|&x| x == tone).unwrap_or(0)));
                }
            }
        }
        t
    })
}

/// The precomposed character for a base letter and a tone.
fn with_tone(base: char, tone: usize) -> String {
    [base, TONES[tone]].iter().collect::<String>().nfc().collect()
}

/// Rewrites one syllable with its tone mark on the traditional vowel, or
/// copies it unchanged when it is not a toned Vietnamese syllable.
fn place_tone(word: &str, out: &mut String) {
    if word.is_ascii() || word.chars().count() > 7 {
        out.push_str(word);
        return;
    }
    let table = tone_table();
    let mut tone = None;
    let mut toned_at = 0;
    let mut bases: [char; 8] = ['\0'; 8];
    let mut n = 0;
    for c in word.chars() {
        let base = match table.get(&c) {
            Some(&(b, t)) => {
                if tone.is_some() {
                    out.push_str(word); // two tones: not a syllable
                    return;
                }
                tone = Some(t);
                toned_at = n;
                b
            }
            None => c,
        };
        bases[n] = base;
        n += 1;
    }
    let bases = &bases[..n];
    let Some(tone) = tone else {
        out.push_str(word);
        return;
    };
    match tone_position(bases) {
        Some(target) if target != toned_at => {
            for (i, b) in bases.iter().enumerate() {
                if i == target {
                    out.push_str(&with_tone(*b, tone));
                } else {
                    out.push(*b);
                }
            }
        }
        _ => out.push_str(word),
    }
}

/// Index of the vowel that carries the tone, by the traditional rules, or
/// `None` when the letters do not form a Vietnamese syllable.
fn tone_position(bases: &[char]) -> Option<usize> {
    let lower: Vec<char> = bases.iter().map(|c| c.to_lowercase().next().unwrap_or(*c)).collect();
    // Initial consonant cluster; `qu` and `gi` (before a vowel) belong to it.
    let mut start = lower.iter().position(|&c| is_vowel(c))?;
    let qu = start > 0 && lower[start - 1] == 'q' && lower[start] == 'u';
    let gi = start > 0 && lower[start - 1] == 'g' && lower[start] == 'i' && lower.get(start + 1).is_some_and(|&c| is_vowel(c));
    if qu || gi {
        start += 1;
    }
    let mut end = start;
    while end < lower.len() && is_vowel(lower[end]) {
        end += 1;
    }
    if end == start || end - start > 3 {
        return None;
    }
    // Everything after the nucleus must be a final consonant cluster.
    let coda: String = lower[end..].iter().collect();
    if !matches!(coda.as_str(), "" | "c" | "ch" | "m" | "n" | "ng" | "nh" | "p" | "t") {
        return None;
    }
    let nucleus = &lower[start..end];
    if let Some(i) = nucleus.iter().rposition(|&c| has_own_diacritic(c)) {
        return Some(start + i);
    }
    Some(match (nucleus.len(), coda.is_empty()) {
        (1, _) => start,
        (2, true) => start,
        (2, false) => start + 1,
        _ => start + 1,
    })
}

/// Lower case, without diacritics, `đ` as `d`: the form used for
/// accent-insensitive search and for matching names typed without accents.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfd() {
        match c {
            'đ' | 'Đ' => out.push('d'),
            c if ('\u{0300}'..='\u{036f}').contains(&c) => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_placement_is_unified() {
        assert_eq!(normalize("hoà bình"), normalize("hòa bình"));
        assert_eq!(normalize("hoà"), "hòa");
        assert_eq!(normalize("thuý"), "thúy");
        assert_eq!(normalize("Thoả thuận"), "Thỏa thuận");
        assert_eq!(normalize("hoàng"), "hoàng");
        assert_eq!(normalize("quý"), "quý");
        assert_eq!(normalize("già"), "già");
        assert_eq!(normalize("người"), "người");
        assert_eq!(normalize("khoẻ"), "khỏe");
        assert_eq!(normalize("ngoài"), "ngoài");
        assert_eq!(normalize("Cộng hoà"), "Cộng hòa");
    }

    #[test]
    fn decomposed_input_is_composed() {
        let nfd: String = "Triều Tiên".nfd().collect();
        assert_eq!(normalize(&nfd), "Triều Tiên");
    }

    #[test]
    fn foreign_words_untouched() {
        assert_eq!(normalize("Stoltenberg Zelensky café"), "Stoltenberg Zelensky café");
    }

    #[test]
    fn fold_removes_marks_and_d() {
        assert_eq!(fold("Triều Tiên"), "trieu tien");
        assert_eq!(fold("Đại sứ"), "dai su");
    }
}

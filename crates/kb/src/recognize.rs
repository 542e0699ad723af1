//! The mention recognizer: one Aho-Corasick automaton over every surface form
//! (aliases, titles, generic bodies, blockers), matched on a lower-cased copy
//! of the sentence that keeps every byte offset, then a case check, a
//! leftmost-longest selection, context rules for ambiguous one-syllable names,
//! and the composition of title / body phrases.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::NaiveDate;
use sukien_model::EntityType;

use crate::data::{alias_collisions, DataError, Lexicon, TitleKind};
use crate::{Entity, EntityId, How, Kb, Office, Reference};

#[derive(Debug, Clone, PartialEq)]
enum What {
    Entity {
        id: EntityId,
        how: How,
    },
    Title {
        kind: TitleKind,
        complement: bool,
        /// The actor the title implies when no country follows.
        actor: Option<String>,
    },
    Body {
        sector: Option<String>,
        kind: EntityType,
        needs_country: bool,
    },
    Blocker,
}

#[derive(Debug, Clone)]
struct Meaning {
    /// The form as written (hyphens as spaces), for the case rule.
    form: String,
    what: What,
    /// Whether capitals in `form` must be capitals in the text.
    check_case: bool,
    /// Short all-capitals abbreviation: every letter must be a capital.
    strict_caps: bool,
    /// One-syllable place name that needs the context rules (`Anh`, `Đức`).
    ambiguous: bool,
    /// A blocker written `^...`: only at the start of a sentence.
    initial_only: bool,
}

pub(crate) struct Matcher {
    /// `None` only if the automaton could not be built (reported as a data error).
    ac: Option<AhoCorasick>,
    meanings: Vec<Vec<Meaning>>,
    /// Lower-cased words after which a one-syllable place name is not one.
    honorifics: Vec<String>,
    /// Lower-cased words that start institution names, never a personal name after a title.
    not_names: Vec<String>,
}

/// Lower-cases `s` char by char where that keeps the byte length, and maps
/// `-` to a space, so offsets in the result are offsets in `s`.
pub(crate) fn lower_same_len(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        out.push(lower_char(c));
    }
    out
}

/// Lower case of one character, offsets kept; a hyphen reads as a space
/// (`Kim Jong-un` = `Kim Jong Un`).
fn lower_char(c: char) -> char {
    if c == '-' {
        ' '
    } else {
        sukien_text::lower_char_same_len(c)
    }
}

pub(crate) fn is_word_char(c: char) -> bool {
    sukien_text::is_word_char(c) || ('\u{300}'..='\u{36f}').contains(&c)
}

/// `Sergei` ↔ `Sergey`, `Dmitry` ↔ `Dmitri` on the given names of a
/// personal name (all words but the last).
fn person_variants(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let mut changed = false;
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let swapped = if i + 1 == words.len() {
            None
        } else if let Some(s) = w.strip_suffix("ei") {
            Some(format!("{s}ey"))
        } else if let Some(s) = w.strip_suffix("ey") {
            Some(format!("{s}ei"))
        } else {
            w.strip_suffix("ry").map(|s| format!("{s}ri"))
        };
        match swapped {
            Some(s) => {
                changed = true;
                out.push(s);
            }
            None => out.push((*w).to_string()),
        }
    }
    if changed {
        vec![out.join(" ")]
    } else {
        Vec::new()
    }
}

impl Matcher {
    pub(crate) fn build(
        entities: &[Entity],
        lex: &Lexicon,
        errors: &mut Vec<DataError>,
    ) -> Matcher {
        errors.extend(alias_collisions(lex, lower_same_len));
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut meanings: Vec<Vec<Meaning>> = Vec::new();
        let mut add =
            |text: &str, what: What, check_case: bool, entity_kind: Option<EntityType>| {
                let (text, initial_only) = match text.strip_prefix('^') {
                    Some(t) if what == What::Blocker => (t, true),
                    _ => (text, false),
                };
                let form: String = text
                    .chars()
                    .map(|c| if c == '-' { ' ' } else { c })
                    .collect();
                let key = lower_same_len(text);
                if key.trim().is_empty() {
                    return;
                }
                let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
                let caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
                let strict_caps = caps && letters.len() <= 3;
                let one_syllable = !form.contains(' ');
                let ambiguous = one_syllable
                    && !caps
                    && matches!(entity_kind, Some(EntityType::GPE | EntityType::LOC))
                    && matches!(
                        what,
                        What::Entity {
                            how: How::Name | How::Metonym,
                            ..
                        }
                    );
                let pid = *index.entry(key.clone()).or_insert_with(|| {
                    patterns.push(key);
                    meanings.push(Vec::new());
                    patterns.len() - 1
                });
                let list = &mut meanings[pid];
                if let Some(m) = list
                    .iter_mut()
                    .find(|m| m.what == what && m.initial_only == initial_only)
                {
                    // The same thing written twice (`Kim Jong-un`, `Kim Jong Un`):
                    // keep the more permissive capitalisation.
                    m.form = m
                        .form
                        .chars()
                        .zip(form.chars())
                        .map(|(a, b)| {
                            if a.is_lowercase() || b.is_lowercase() {
                                lower_char(a)
                            } else {
                                a
                            }
                        })
                        .collect();
                    return;
                }
                list.push(Meaning {
                    form,
                    what,
                    check_case,
                    strict_caps,
                    ambiguous,
                    initial_only,
                });
            };
        for a in &lex.aliases {
            let kind = entities.get(a.entity as usize).map(|e| e.kind);
            let what = What::Entity {
                id: a.entity,
                how: a.how,
            };
            add(&a.text, what.clone(), true, kind);
            if kind == Some(EntityType::PER) {
                for v in person_variants(&a.text) {
                    add(&v, what.clone(), true, kind);
                }
            }
        }
        for b in &lex.bodies {
            add(
                &b.text,
                What::Body {
                    sector: b.sector.clone(),
                    kind: b.kind,
                    needs_country: b.needs_country,
                },
                false,
                None,
            );
        }
        for t in &lex.titles {
            add(
                &t.text,
                What::Title {
                    kind: t.kind,
                    complement: t.complement,
                    actor: t.actor.clone(),
                },
                false,
                None,
            );
        }
        for b in &lex.blockers {
            add(b, What::Blocker, false, None);
        }
        let mut honorifics: Vec<String> = lex
            .titles
            .iter()
            .filter(|t| t.kind == TitleKind::Honorific)
            .map(|t| lower_same_len(&t.text))
            .collect();
        honorifics.push("tiếng".to_string());
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| {
                errors.push(DataError {
                    file: "(automaton)".into(),
                    line: 0,
                    message: e.to_string(),
                })
            })
            .ok();
        let not_names = lex.not_names.iter().map(|w| lower_same_len(w)).collect();
        Matcher {
            ac,
            meanings,
            honorifics,
            not_names,
        }
    }

    pub(crate) fn pattern_count(&self) -> usize {
        self.meanings.len()
    }
}

fn case_ok(m: &Meaning, text: &str) -> bool {
    if !m.check_case {
        return true;
    }
    let mut syllable_start = true;
    for (f, t) in m.form.chars().zip(text.chars()) {
        if f.is_uppercase() && !t.is_uppercase() && (syllable_start || m.strict_caps) {
            return false;
        }
        syllable_start = f == ' ';
    }
    true
}

#[derive(Debug, Clone, Copy)]
struct Item {
    start: usize,
    end: usize,
    pid: usize,
    meaning: usize,
}

/// The word (maximal run of word characters) ending at or before `pos`,
/// separated from `pos` by spaces only.
fn word_before(s: &str, pos: usize) -> Option<(usize, usize)> {
    let head = s.get(..pos)?;
    let trimmed = head.trim_end_matches(' ');
    if trimmed.len() == head.len() {
        return None;
    }
    let end = trimmed.len();
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map(|(i, _)| i)?;
    Some((start, end))
}

/// The word after `pos`, separated from it by spaces only.
fn word_after(s: &str, pos: usize) -> Option<(usize, usize)> {
    let tail = s.get(pos..)?;
    let trimmed = tail.trim_start_matches(' ');
    if trimmed.len() == tail.len() {
        return None;
    }
    let start = pos + (tail.len() - trimmed.len());
    let len: usize = trimmed
        .chars()
        .take_while(|c| is_word_char(*c))
        .map(char::len_utf8)
        .sum();
    (len > 0).then_some((start, start + len))
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// True when nothing but punctuation and spaces precede `pos` since the
/// start or the last sentence-ending mark.
fn sentence_initial(s: &str, pos: usize) -> bool {
    let head = s.get(..pos).unwrap_or("");
    for c in head.chars().rev() {
        if is_word_char(c) {
            return false;
        }
        if matches!(
            c,
            '.' | '!' | '?' | ':' | '\n' | '“' | '(' | '–' | '—' | '|' | '•' | '…'
        ) {
            return true;
        }
        if matches!(c, ',' | ';') {
            return false;
        }
    }
    true
}

/// Function words that often open a Vietnamese sentence: a capitalised
/// sentence-initial word outside this list before a one-syllable place name
/// is taken as part of a personal name (`Thùy Anh`, `Minh Nhật` in bylines).
const SENTENCE_STARTERS: &[&str] = &[
    "theo", "tại", "ở", "với", "cả", "khi", "nếu", "và", "nhưng", "còn", "riêng", "từ", "đến",
    "sau", "trước", "giữa", "cùng", "ngoài", "như", "dù", "trong", "về", "cho", "do", "bởi", "vì",
    "để", "nhờ", "tới", "sang", "qua", "ngay", "hay", "hoặc", "chỉ", "đối", "tuy", "không", "cũng",
    "thế", "vậy", "nay", "hôm", "năm", "tháng", "ngày", "người", "nước", "phía", "quân", "tuyển",
    "đội", "hàng", "các", "những", "mọi", "nhiều", "một", "hai", "ba", "bốn", "năm", "cuối", "đầu",
    "tuần", "trên", "dưới", "gần", "xa", "thậm", "ngoại", "đặc", "vốn", "tính", "hiện", "dân",
    "chính", "tàu", "máy", "đồng", "tin", "bên", "toàn", "hơn", "gồm",
];

fn covered(items: &[Item], a: usize, b: usize) -> bool {
    items.iter().any(|it| it.start < b && a < it.end)
}

pub(crate) fn recognize(kb: &Kb, s: &str, on: NaiveDate) -> Vec<Reference> {
    let m = &kb.matcher;
    let Some(ac) = m.ac.as_ref() else {
        return Vec::new();
    };
    if s.is_empty() {
        return Vec::new();
    }
    let hay = lower_same_len(s);
    let mut cands: Vec<Item> = Vec::new();
    for hit in ac.find_overlapping_iter(&hay) {
        let (a, b) = (hit.start(), hit.end());
        if a >= b || !s.is_char_boundary(a) || !s.is_char_boundary(b) {
            continue;
        }
        let before_ok = s[..a].chars().next_back().is_none_or(|c| !is_word_char(c));
        let after_ok = s[b..].chars().next().is_none_or(|c| !is_word_char(c));
        if !before_ok || !after_ok {
            continue;
        }
        let pid = hit.pattern().as_usize();
        let text = &s[a..b];
        if let Some(k) = m.meanings[pid]
            .iter()
            .position(|mn| case_ok(mn, text) && (!mn.initial_only || sentence_initial(s, a)))
        {
            cands.push(Item {
                start: a,
                end: b,
                pid,
                meaning: k,
            });
        }
    }
    // Leftmost-longest, ties to the first meaning.
    cands.sort_by(|x, y| {
        x.start
            .cmp(&y.start)
            .then(y.end.cmp(&x.end))
            .then(x.pid.cmp(&y.pid))
    });
    let mut items: Vec<Item> = Vec::with_capacity(cands.len());
    for c in cands {
        if items.last().is_none_or(|l| c.start >= l.end) {
            items.push(c);
        }
    }
    apply_context_rules(m, s, &mut items);
    let mut refs = compose(kb, s, &items, on);
    crate::names::add_unlisted(kb, s, &mut refs);
    refs
}

fn meaning<'a>(m: &'a Matcher, it: &Item) -> &'a Meaning {
    &m.meanings[it.pid][it.meaning]
}

/// One-syllable place names (`Anh`, `Đức`, `Nga`) are dropped, or fall back
/// to their next meaning (the honorific `Anh`), when the context says they
/// are a personal name or a language.
fn apply_context_rules(m: &Matcher, s: &str, items: &mut Vec<Item>) {
    let mut i = 0;
    while i < items.len() {
        let it = items[i];
        if !meaning(m, &it).ambiguous {
            i += 1;
            continue;
        }
        let prev = word_before(s, it.start);
        let next = word_after(s, it.end);
        let prev_lower = prev.map(|(a, b)| lower_same_len(&s[a..b]));
        let after_honorific = prev_lower
            .as_deref()
            .is_some_and(|w| m.honorifics.iter().any(|h| h == w));
        let prev_is_name = prev.is_some_and(|(a, b)| {
            let w = &s[a..b];
            let starter = sentence_initial(s, a) && {
                let lw = lower_same_len(w);
                SENTENCE_STARTERS.contains(&lw.as_str())
            };
            // Another one-syllable place right before (`Mỹ Đức`, `Đức Anh`)
            // is a two-syllable name, not a list (lists use commas or dashes).
            let prev_ambiguous = i > 0
                && items[i - 1].start == a
                && items[i - 1].end == b
                && meaning(m, &items[i - 1]).ambiguous;
            starts_upper(w) && !starter && (prev_ambiguous || !covered(items, a, b))
        });
        if prev_is_name
            && i > 0
            && items[i - 1].end == prev.map_or(0, |p| p.1)
            && meaning(m, &items[i - 1]).ambiguous
        {
            // Drop the pair.
            items.remove(i);
            items.remove(i - 1);
            i -= 1;
            continue;
        }
        let titled = i > 0 && {
            let p = items[i - 1];
            matches!(meaning(m, &p).what, What::Title { .. } | What::Body { .. })
                && s[p.end..it.start].chars().all(|c| c == ' ')
        };
        let next_is_name =
            !titled && next.is_some_and(|(a, b)| starts_upper(&s[a..b]) && !covered(items, a, b));
        if after_honorific || prev_is_name || next_is_name {
            let text = &s[it.start..it.end];
            let fallback = m.meanings[it.pid]
                .iter()
                .enumerate()
                .skip(it.meaning + 1)
                .find(|(_, mn)| !mn.ambiguous && case_ok(mn, text))
                .map(|(k, _)| k);
            match fallback {
                Some(k) if !after_honorific && !prev_is_name => {
                    items[i].meaning = k;
                    i += 1;
                }
                _ => {
                    items.remove(i);
                }
            }
        } else {
            i += 1;
        }
    }
}

/// True when only spaces separate `pos` from `it`, with at least one.
fn adjacent(s: &str, pos: usize, it: &Item) -> bool {
    it.start > pos
        && s.get(pos..it.start)
            .is_some_and(|g| g.chars().all(|c| c == ' '))
}

/// A run of capitalised words after `pos` (at most five), not running into
/// a recognized item: an unknown personal name.
fn capitalised_run(s: &str, pos: usize, items: &[Item]) -> Option<(usize, usize)> {
    capitalised_run_with(s, pos, items, &[])
}

fn capitalised_run_with(
    s: &str,
    pos: usize,
    items: &[Item],
    not_names: &[String],
) -> Option<(usize, usize)> {
    let mut start = None;
    let mut end = pos;
    let mut count = 0;
    while count < 5 {
        let Some((a, b)) = word_after(s, end) else {
            break;
        };
        if a - end > 1 && count > 0 {
            break;
        }
        // Words joined by hyphens or apostrophes count as one (`Son-hui`).
        let mut b = b;
        while let Some(c) = s[b..].chars().next().filter(|c| *c == '-' || *c == '\'') {
            let rest = &s[b + c.len_utf8()..];
            let len: usize = rest
                .chars()
                .take_while(|c| is_word_char(*c))
                .map(char::len_utf8)
                .sum();
            if len == 0 {
                break;
            }
            b += c.len_utf8() + len;
        }
        let word = &s[a..b];
        if !word.chars().next().is_some_and(|c| c.is_alphabetic() && c.is_uppercase())
            || covered(items, a, b)
            || (count == 0 && !not_names.is_empty() && not_names.contains(&lower_same_len(word)))
            // After a title an all-capitals word is an organisation (`Chủ tịch UEFA`).
            || (count == 0 && !not_names.is_empty() && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !word.chars().any(char::is_lowercase))
        {
            break;
        }
        start.get_or_insert(a);
        end = b;
        count += 1;
    }
    start.map(|a| (a, end))
}

/// The actor an item stands for when it follows a title or body: a state,
/// a capital, an organisation, a seat, a place with a state.
fn actor_of_item(kb: &Kb, m: &Matcher, it: &Item) -> Option<Option<String>> {
    match &meaning(m, it).what {
        What::Entity { id, .. } => {
            let e = kb.get(*id)?;
            if e.kind == EntityType::PER {
                return None;
            }
            if e.kind == EntityType::LOC && e.actor.is_none() {
                return None;
            }
            Some(e.metonym_for.clone().or_else(|| e.actor.clone()))
        }
        _ => None,
    }
}

fn is_person(kb: &Kb, m: &Matcher, it: &Item) -> Option<(EntityId, How)> {
    match meaning(m, it).what {
        What::Entity { id, how } if kb.get(id).is_some_and(|e| e.kind == EntityType::PER) => {
            Some((id, how))
        }
        _ => None,
    }
}

/// `nước này` (this country) after a title or body: no actor, but part of the phrase.
fn this_country(s: &str, pos: usize) -> Option<usize> {
    let tail = s.get(pos..)?;
    let t = tail.trim_start_matches(' ');
    if t.len() == tail.len() {
        return None;
    }
    let skip = tail.len() - t.len();
    ["nước này", "nước mình", "của nước này"]
        .iter()
        .find(|p| t.starts_with(*p) && t[p.len()..].chars().next().is_none_or(|c| !is_word_char(c)))
        .map(|p| pos + skip + p.len())
}

fn lookup_office(office: Office) -> bool {
    matches!(
        office,
        Office::HeadOfState
            | Office::HeadOfGovernment
            | Office::Leader
            | Office::ForeignMinister
            | Office::DefenceMinister
            | Office::Spokesperson
            | Office::PressSecretary
            | Office::SecretaryGeneral
    )
}

fn compose(kb: &Kb, s: &str, items: &[Item], on: NaiveDate) -> Vec<Reference> {
    let m = &kb.matcher;
    let mut out = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let it = items[i];
        match &meaning(m, &it).what {
            What::Blocker => i += 1,
            What::Entity { id, how } => {
                if let Some(e) = kb.get(*id) {
                    out.push(Reference {
                        start: it.start,
                        end: it.end,
                        kind: e.kind,
                        entity: Some(*id),
                        actor: e.metonym_for.clone().or_else(|| e.actor.clone()),
                        sector: e.sector.clone(),
                        office: None,
                        name: (e.kind == EntityType::PER).then_some((it.start, it.end)),
                        how: *how,
                    });
                }
                i += 1;
            }
            What::Body {
                sector,
                kind,
                needs_country,
            } => {
                let mut end = it.end;
                let mut actor = None;
                let mut j = i + 1;
                if let Some(next) = items.get(j).filter(|n| adjacent(s, it.end, n)) {
                    if let Some(a) = actor_of_item(kb, m, next) {
                        actor = a;
                        end = next.end;
                        j += 1;
                    }
                } else if let Some(e) = this_country(s, it.end) {
                    end = e;
                }
                if *needs_country && actor.is_none() {
                    // A bare `sân bay` or `quan chức` names nothing.
                    i += 1;
                    continue;
                }
                out.push(Reference {
                    start: it.start,
                    end,
                    kind: *kind,
                    entity: None,
                    actor,
                    sector: sector.clone(),
                    office: None,
                    name: None,
                    how: How::Body,
                });
                i = j;
            }
            What::Title {
                kind: TitleKind::Honorific,
                ..
            } => {
                if let Some(next) = items.get(i + 1).filter(|n| adjacent(s, it.end, n)) {
                    if is_person(kb, m, next).is_some() {
                        // The person item is emitted on the next turn.
                        i += 1;
                        continue;
                    }
                }
                if let Some((a, b)) = capitalised_run(s, it.end, items) {
                    out.push(unknown_name(kb, a, b, s, None, None));
                }
                i += 1;
            }
            What::Title {
                kind: TitleKind::Office(office),
                complement,
                actor,
            } => {
                let (r, next_i) = title_phrase(
                    kb,
                    s,
                    items,
                    i,
                    (*office, actor.as_deref()),
                    *complement,
                    on,
                );
                if let Some(r) = r {
                    out.push(r);
                    i = next_i;
                } else {
                    i += 1;
                }
            }
        }
    }
    out
}

fn unknown_name(
    kb: &Kb,
    a: usize,
    b: usize,
    s: &str,
    actor: Option<String>,
    office: Option<Office>,
) -> Reference {
    let entity = kb.find_person_by_name(&s[a..b]);
    let actor = entity
        .and_then(|id| kb.get(id))
        .and_then(|e| e.actor.clone())
        .or(actor);
    Reference {
        start: a,
        end: b,
        kind: EntityType::PER,
        entity,
        actor,
        sector: None,
        office,
        name: Some((a, b)),
        how: if entity.is_some() {
            How::Name
        } else {
            How::UnknownName
        },
    }
}

/// TITLE [qualifier] [COUNTRY | BODY [COUNTRY] | nước này] [tại COUNTRY]
/// [, TITLE] [NAME]. Returns the reference and the next item index.
fn title_phrase(
    kb: &Kb,
    s: &str,
    items: &[Item],
    i: usize,
    (office, implied): (Office, Option<&str>),
    complement: bool,
    on: NaiveDate,
) -> (Option<Reference>, usize) {
    let m = &kb.matcher;
    let title = items[i];
    let mut end = title.end;
    let mut j = i + 1;
    let mut actor: Option<String> = None;
    let mut has_country = false;
    let mut sector = None;

    // Lower-case qualifier words before the body (`Ủy ban đối ngoại`).
    let reach = |from: usize, it: &Item| -> bool {
        if adjacent(s, from, it) {
            return true;
        }
        if !complement {
            return false;
        }
        let gap = s.get(from..it.start).unwrap_or("");
        let words: Vec<&str> = gap.split(' ').filter(|w| !w.is_empty()).collect();
        gap.starts_with(' ')
            && gap.ends_with(' ')
            && words.len() <= 4
            && words
                .iter()
                .all(|w| w.chars().all(|c| is_word_char(c) && !c.is_uppercase()))
    };

    // Country slot.
    if let Some(next) = items.get(j).filter(|n| reach(end, n)) {
        match &meaning(m, next).what {
            What::Body {
                sector: sec,
                kind: EntityType::ORG,
                ..
            } => {
                sector = sec.clone();
                end = next.end;
                j += 1;
                has_country = true;
                if let Some(c) = items.get(j).filter(|c| adjacent(s, end, c)) {
                    if let Some(a) = actor_of_item(kb, m, c) {
                        actor = a;
                        end = c.end;
                        j += 1;
                    }
                }
            }
            _ => {
                if let Some(a) = actor_of_item(kb, m, next) {
                    if let What::Entity { id, .. } = meaning(m, next).what {
                        sector = kb.get(id).and_then(|e| e.sector.clone()).filter(|_| {
                            kb.get(id).is_some_and(|e| {
                                e.kind == EntityType::ORG && e.metonym_for.is_none()
                            })
                        });
                    }
                    actor = a;
                    end = next.end;
                    j += 1;
                    has_country = true;
                }
            }
        }
    }
    if !has_country {
        if let Some(e) = this_country(s, end) {
            end = e;
            has_country = true;
        } else if let Some(a) = implied {
            // `Nhật hoàng`, `Người phát ngôn Điện Kremlin`
            actor = Some(a.to_string());
            has_country = true;
        }
    }
    // `Đại sứ Nga tại Triều Tiên`: the host country is part of the phrase.
    if has_country && office == Office::Ambassador {
        let tail = &s[end..];
        if let Some(rest) = tail.strip_prefix(" tại ") {
            let at = end + (tail.len() - rest.len());
            if let Some(host) = items.get(j).filter(|h| h.start == at) {
                if actor_of_item(kb, m, host).is_some() {
                    end = host.end;
                    j += 1;
                }
            }
        }
    }
    // `, Tướng` / `, ông` before the name.
    let mut name_from = end;
    let mut jn = j;
    if s[end..].starts_with(", ") {
        if let Some(t2) = items.get(j).filter(|t| t.start == end + 2) {
            // Only a rank or an honorific repeats the same person
            // (`..., Tướng Kang Sun-nam`, `..., ông Lavrov`); another office
            // after a comma starts another person.
            if matches!(
                meaning(m, t2).what,
                What::Title {
                    kind: TitleKind::Honorific | TitleKind::Office(Office::Military),
                    ..
                }
            ) {
                name_from = t2.end;
                jn = j + 1;
            }
        }
    }
    // The title with a known person's name, which ends at `name.1`.
    let known_person = |id: EntityId, name: (usize, usize), how: How| -> Option<Reference> {
        let e = kb.get(id)?;
        Some(Reference {
            start: title.start,
            end: name.1,
            kind: EntityType::PER,
            entity: Some(id),
            actor: e.actor.clone().or_else(|| actor.clone()),
            sector: None,
            office: Some(office),
            name: Some(name),
            how,
        })
    };
    let name_ref = |from: usize, jj: usize| -> Option<(Reference, usize)> {
        if let Some(p) = items.get(jj).filter(|p| adjacent(s, from, p)) {
            let (id, how) = is_person(kb, m, p)?;
            return Some((known_person(id, (p.start, p.end), how)?, jj + 1));
        }
        let (a, b) = capitalised_run_with(s, from, items, &m.not_names)?;
        // A given name the KB lacks before a known surname (`Tony Blinken`).
        if let Some(p) = items.iter().find(|p| adjacent(s, b, p)) {
            if let Some((id, _)) = is_person(kb, m, p) {
                let next = items
                    .iter()
                    .position(|q| q.start == p.start)
                    .map_or(jj, |k| k + 1);
                return Some((known_person(id, (a, p.end), How::Name)?, next));
            }
        }
        let mut r = unknown_name(kb, a, b, s, actor.clone(), Some(office));
        r.start = title.start;
        Some((r, jj))
    };
    if let Some((r, nj)) =
        name_ref(name_from, jn).or_else(|| if jn != j { name_ref(end, j) } else { None })
    {
        return (Some(r), nj);
    }
    if !has_country {
        return (None, i + 1);
    }
    let entity = match (&actor, lookup_office(office)) {
        (Some(a), true) => kb.office_holder(a, office, on),
        _ => None,
    };
    let _ = sector;
    (
        Some(Reference {
            start: title.start,
            end,
            kind: EntityType::PER,
            entity,
            actor,
            sector: None,
            office: Some(office),
            name: None,
            how: How::Title,
        }),
        j,
    )
}

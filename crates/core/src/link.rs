//! Entity linking across one article: knowledge-base references become the
//! article's entities, and names the knowledge base lacks are joined to the
//! entity they abbreviate (`bà Choe` → Choe Son-hui, `ông Soigu` → Sergei
//! Shoigu) or become entities of their own.

use std::collections::HashMap;

use chrono::NaiveDate;
use sukien_events::ActorRef;
use sukien_kb::{EntityId, Kb, Reference};
use sukien_model::{CharIndex, Entity, EntityType, Mention, Place, SentenceKind};
use sukien_text::fold;

use crate::ByteSentence;

#[derive(Debug, Clone)]
struct DocEntity {
    name: String,
    kind: EntityType,
    actor: Option<String>,
    sector: Option<String>,
    kb_key: Option<String>,
    coords: Option<(f64, f64)>,
    /// (sentence, start byte, end byte, text)
    mentions: Vec<(usize, usize, usize, String)>,
    /// Folded name parts, for partial names.
    parts: Vec<String>,
    /// A person identified by name (in the knowledge base or in the text).
    named_person: bool,
}

/// Links the references of an article's sentences to its entities.
pub struct Linker<'k> {
    kb: &'k Kb,
    entities: Vec<DocEntity>,
    by_key: HashMap<String, usize>,
    /// Entity indices in order of last mention (most recent last).
    recency: Vec<usize>,
}

fn name_parts(name: &str) -> Vec<String> {
    fold(name).split(|c: char| c.is_whitespace() || c == '-').filter(|p| !p.is_empty()).map(String::from).collect()
}

/// Edit distance, capped: spelling slips in names (`Soigu` for `Shoigu`).
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let (mut i, mut j, mut edits) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if a[i] == b[j] {
            i += 1;
            j += 1;
            continue;
        }
        edits += 1;
        if edits > 1 {
            return false;
        }
        match a.len().cmp(&b.len()) {
            std::cmp::Ordering::Greater => i += 1,
            std::cmp::Ordering::Less => j += 1,
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
            }
        }
    }
    edits + (a.len() - i) + (b.len() - j) <= 1
}

impl<'k> Linker<'k> {
    pub fn new(kb: &'k Kb) -> Self {
        Linker { kb, entities: Vec::new(), by_key: HashMap::new(), recency: Vec::new() }
    }

    fn touch(&mut self, idx: usize) {
        self.recency.retain(|&i| i != idx);
        self.recency.push(idx);
    }

    fn kb_entity(&mut self, id: EntityId) -> usize {
        let e = self.kb.entity(id);
        let key = format!("kb:{}", e.key);
        if let Some(&i) = self.by_key.get(&key) {
            return i;
        }
        let mut parts = name_parts(&e.name);
        for a in &e.aliases {
            parts.extend(name_parts(a));
        }
        self.push(
            key,
            DocEntity {
                name: e.name.clone(),
                kind: e.kind,
                actor: e.actor.clone().or_else(|| e.metonym_for.clone()),
                sector: e.sector.clone(),
                kb_key: Some(e.key.clone()),
                coords: e.coords,
                mentions: Vec::new(),
                parts,
                named_person: e.kind == EntityType::PER,
            },
        )
    }

    fn push(&mut self, key: String, e: DocEntity) -> usize {
        let i = self.entities.len();
        self.entities.push(e);
        self.by_key.insert(key, i);
        i
    }

    /// A person already in the article whose name this partial name is part
    /// of, the most recently mentioned first.
    fn partial(&self, name: &str) -> Option<usize> {
        let parts = name_parts(name);
        if parts.is_empty() {
            return None;
        }
        let people = self.recency.iter().rev().copied().filter(|&i| self.entities[i].kind == EntityType::PER);
        for i in people.clone() {
            let e = &self.entities[i];
            if parts.iter().all(|p| e.parts.contains(p)) {
                return Some(i);
            }
        }
        if parts.len() == 1 && parts[0].chars().count() >= 5 {
            for i in people {
                if self.entities[i].parts.iter().any(|q| q.chars().count() >= 5 && within_one_edit(&parts[0], q)) {
                    return Some(i);
                }
            }
        }
        None
    }

    fn resolve(&mut self, text: &str, r: &Reference) -> usize {
        let surface = &text[r.start..r.end];
        if let Some(id) = r.entity {
            return self.kb_entity(id);
        }
        // a name span makes a person only on a person's reference (an
        // organisation found by its cue has one too: `UBND tỉnh Nghệ An`)
        if let Some((ns, ne)) = r.name.filter(|&(s, e)| r.kind == EntityType::PER && s < e && e <= text.len()) {
            let name = &text[ns..ne];
            if let Some(i) = self.partial(name) {
                return i;
            }
            if let Some(id) = self.kb.find_person_by_name(name) {
                return self.kb_entity(id);
            }
            let key = format!("name:{}", fold(name));
            if let Some(&i) = self.by_key.get(&key) {
                return i;
            }
            return self.push(
                key,
                DocEntity {
                    name: name.to_string(),
                    kind: EntityType::PER,
                    actor: r.actor.clone(),
                    sector: r.sector.clone(),
                    kb_key: None,
                    coords: None,
                    mentions: Vec::new(),
                    parts: name_parts(name),
                    named_person: true,
                },
            );
        }
        let key = format!("{:?}:{}:{}", r.kind, r.actor.as_deref().unwrap_or("-"), fold(surface));
        if let Some(&i) = self.by_key.get(&key) {
            return i;
        }
        self.push(
            key,
            DocEntity {
                name: surface.to_string(),
                kind: r.kind,
                actor: r.actor.clone(),
                sector: r.sector.clone(),
                kb_key: None,
                coords: None,
                mentions: Vec::new(),
                parts: Vec::new(),
                named_person: false,
            },
        )
    }

    fn actor_ref(&self, idx: usize, start: usize, end: usize) -> ActorRef {
        let e = &self.entities[idx];
        let place = matches!(e.kind, EntityType::GPE | EntityType::LOC).then(|| Place {
            name: e.name.clone(),
            country: e.actor.clone(),
            lat: e.coords.map(|c| c.0),
            lon: e.coords.map(|c| c.1),
        });
        ActorRef {
            start,
            end,
            code: e.actor.clone(),
            name: e.name.clone(),
            entity: Some(idx),
            kind: e.kind,
            named_person: e.named_person,
            media: e.sector.as_deref() == Some("MED"),
            place,
        }
    }

    /// `người đồng cấp Trung Quốc` (the counterpart) without a name: the
    /// holder, for that state, of the office the person last named holds
    /// for another state (Lavrov's counterpart is China's foreign minister).
    fn counterpart(&self, r: &Reference, on: NaiveDate) -> Option<EntityId> {
        if r.office != Some(sukien_kb::Office::Counterpart) || r.entity.is_some() || r.name.is_some() {
            return None;
        }
        let country = r.actor.as_deref()?;
        self.recency.iter().rev().find_map(|&i| {
            let e = &self.entities[i];
            if e.kind != EntityType::PER || e.actor.as_deref() == Some(country) {
                return None;
            }
            let person = self.kb.by_key(e.kb_key.as_deref()?)?;
            self.kb
                .offices_of(person, on)
                .into_iter()
                .filter(|(_, of)| of.as_str() != country)
                .find_map(|(office, _)| self.kb.office_holder(country, office, on))
        })
    }

    /// Links one sentence's references; returns them as the event coder
    /// wants them (sentence byte offsets).
    pub fn link_sentence(&mut self, sentence: usize, offset: usize, text: &str, refs: &[Reference], on: NaiveDate) -> Vec<ActorRef> {
        let mut out = Vec::with_capacity(refs.len());
        for r in refs {
            if r.start >= r.end || r.end > text.len() || !text.is_char_boundary(r.start) || !text.is_char_boundary(r.end) {
                continue;
            }
            let idx = match self.counterpart(r, on) {
                Some(id) => self.kb_entity(id),
                None => self.resolve(text, r),
            };
            self.entities[idx].mentions.push((sentence, offset + r.start, offset + r.end, text[r.start..r.end].to_string()));
            self.touch(idx);
            out.push(self.actor_ref(idx, r.start, r.end));
        }
        out
    }

    /// `miền Bắc` and `miền Nam` stand for the two Koreas in an article about
    /// Korea (and for the regions of Vietnam otherwise, which are no actors).
    pub fn add_regional_names(&mut self, text: &str, sentences: &[ByteSentence], refs: &mut [Vec<ActorRef>]) {
        let korea = self.entities.iter().any(|e| matches!(e.actor.as_deref(), Some("PRK" | "KOR")) && !e.mentions.is_empty());
        if !korea {
            return;
        }
        for (s, sentence_refs) in sentences.iter().zip(refs.iter_mut()) {
            if s.kind == SentenceKind::Boilerplate {
                continue;
            }
            let stext = &text[s.start..s.end];
            for (needle, code) in [("miền Bắc", "PRK"), ("miền bắc", "PRK"), ("Miền Bắc", "PRK"), ("miền Nam", "KOR"), ("Miền Nam", "KOR")] {
                let Some(state) = self.kb.state(code) else { continue };
                for (pos, _) in stext.match_indices(needle) {
                    let end = pos + needle.len();
                    let boundary = stext[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                    if !boundary || sentence_refs.iter().any(|r| r.start < end && pos < r.end) {
                        continue;
                    }
                    let idx = self.kb_entity(state);
                    self.entities[idx].mentions.push((s.index, s.start + pos, s.start + end, needle.to_string()));
                    let r = self.actor_ref(idx, pos, end);
                    sentence_refs.push(r);
                }
            }
            sentence_refs.sort_by_key(|r| r.start);
        }
    }

    /// The article's entities, with character offsets, in order of first
    /// mention.
    pub fn into_entities(self, ix: &CharIndex) -> Vec<Entity> {
        self.entities
            .into_iter()
            .enumerate()
            .map(|(id, e)| Entity {
                id,
                name: e.name,
                kind: e.kind,
                actor: e.actor,
                sector: e.sector,
                kb: e.kb_key,
                mentions: e
                    .mentions
                    .into_iter()
                    .map(|(sentence, s, en, text)| Mention { sentence, start: ix.char_of(s), end: ix.char_of(en), text })
                    .collect(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit() {
        assert!(within_one_edit("soigu", "shoigu"));
        assert!(within_one_edit("lavrov", "lavrov"));
        assert!(!within_one_edit("putin", "lavrov"));
        assert!(within_one_edit("sergei", "sergey"));
    }
}

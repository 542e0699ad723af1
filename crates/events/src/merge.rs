//! One record per event an article reports: mentions of the same event
//! (same type, same sides, compatible persons and dates) become one event
//! that lists every mention.

use sukien_model::{Event, EventActor, Modality};

use crate::coder::Slot;

/// An event as read from one mention, before merging.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub event: Event,
    /// The sides come from a pair (`hai bên`, `A và B gặp nhau`): no order.
    pub mutual: bool,
    pub event_source: Slot,
    pub target: Option<Slot>,
}

fn same_side(a: &Slot, b: &Slot) -> bool {
    a.code == b.code && !(a.named_person && b.named_person && a.entity != b.entity)
}

fn sides_match(a: &Candidate, b: &Candidate, crossed: bool) -> bool {
    match (crossed, &a.target, &b.target) {
        (false, None, None) => same_side(&a.event_source, &b.event_source),
        (false, Some(at), Some(bt)) => same_side(&a.event_source, &b.event_source) && same_side(at, bt),
        (true, Some(at), Some(bt)) => same_side(&a.event_source, bt) && same_side(at, &b.event_source),
        _ => false,
    }
}

fn dates_agree(a: &Event, b: &Event) -> bool {
    let guessed = |e: &Event| e.date_basis.as_deref() != Some("text");
    match (a.date, b.date) {
        _ if guessed(a) || guessed(b) => true,
        (Some(x), Some(y)) => x.from <= y.to && y.from <= x.to,
        _ => true,
    }
}

fn factual(m: Modality) -> bool {
    !matches!(m, Modality::Negated | Modality::Hypothetical)
}

/// Whether `b` can be merged into `a`, and if so whether its sides are
/// crossed with respect to `a`'s.
fn compatible(a: &Candidate, b: &Candidate) -> Option<bool> {
    let (ea, eb) = (&a.event, &b.event);
    if ea.kind != eb.kind || factual(ea.modality) != factual(eb.modality) {
        return None;
    }
    match (ea.mode.as_deref(), eb.mode.as_deref()) {
        (Some(x), Some(y)) if x != y => return None,
        // Talks of no stated kind are not a trip or a hosting.
        (None, Some("visit" | "host")) | (Some("visit" | "host"), None) => return None,
        _ => {}
    }
    // Agreeing to, accepting an invitation and signing are different acts.
    if ea.kind == sukien_model::EventType::AGREE && ea.cameo != eb.cameo {
        return None;
    }
    if !dates_agree(ea, eb) {
        return None;
    }
    if sides_match(a, b, false) {
        return Some(false);
    }
    let symmetric = a.mutual || b.mutual || ea.kind == sukien_model::EventType::CONSULT;
    (symmetric && sides_match(a, b, true)).then_some(true)
}

/// The more specific of two compatible sides: a named person over a state.
fn specific(into: &mut Slot, actor: &mut EventActor, other: &Slot) {
    if other.named_person && !into.named_person && other.code == into.code {
        *into = other.clone();
        *actor = EventActor { code: other.code.clone(), name: other.name.clone(), entity: other.entity };
    }
}

fn absorb(into: &mut Candidate, other: Candidate, mut crossed: bool) {
    // A directed reading fixes the order of a mutual one.
    if into.mutual && !other.mutual && crossed {
        let e = &mut into.event;
        if let Some(t) = e.target.take() {
            e.target = Some(std::mem::replace(&mut e.source, t));
        }
        if let Some(t) = into.target.take() {
            into.target = Some(std::mem::replace(&mut into.event_source, t));
        }
        crossed = false;
    }
    if !other.mutual {
        into.mutual = false;
    }
    let (o_src, o_tgt) =
        if crossed { (other.target.clone(), Some(other.event_source.clone())) } else { (Some(other.event_source.clone()), other.target.clone()) };
    if let Some(os) = &o_src {
        specific(&mut into.event_source, &mut into.event.source, os);
    }
    if let (Some(t), Some(ot), Some(et)) = (&mut into.target, &o_tgt, &mut into.event.target) {
        specific(t, et, ot);
    }
    let (e, o) = (&mut into.event, other.event);
    let text = |x: &Event| x.date_basis.as_deref() == Some("text");
    match (text(e), text(&o), e.date, o.date) {
        (false, true, _, _) => {
            e.date = o.date;
            e.date_basis = o.date_basis.clone();
        }
        (true, true, Some(a), Some(b)) if (b.to - b.from) < (a.to - a.from) => e.date = Some(b),
        _ => {}
    }
    if e.mode.is_none() {
        e.mode = o.mode.clone();
        if e.mode.is_some() {
            e.cameo = o.cameo.clone();
            e.goldstein = o.goldstein;
        }
    }
    if e.place.is_none() {
        e.place = o.place.clone();
    }
    if e.reported_by.is_none() {
        e.reported_by = o.reported_by.clone();
    }
    let rank = |m: Modality| match m {
        Modality::Asserted => 0,
        Modality::Denied => 1,
        Modality::Alleged => 2,
        Modality::Planned => 3,
        Modality::Negated | Modality::Hypothetical => 4,
    };
    if rank(o.modality) < rank(e.modality) {
        e.modality = o.modality;
    }
    e.mentions.extend(o.mentions);
}

/// Merges candidates into events; mutual readings (`hai bên`) take the
/// order of a directed one they join.
pub(crate) fn merge(candidates: Vec<Candidate>) -> Vec<Event> {
    // Readings with a mode before those without, directed before mutual:
    // the most specific readings found the events the others join.
    let mut ordered = candidates;
    ordered.sort_by_key(|c| (c.event.mode.is_none(), c.mutual));
    let mut merged: Vec<Candidate> = Vec::new();
    for c in ordered {
        match merged.iter().enumerate().find_map(|(i, m)| compatible(m, &c).map(|crossed| (i, crossed))) {
            Some((i, crossed)) => {
                if std::env::var_os("SUKIEN_DEBUG_CODER").is_some() {
                    eprintln!("merge {:?} {:?}/{:?} into {:?}/{:?} crossed={crossed}", c.event.mentions[0].trigger, c.event_source.name, c.target.as_ref().map(|t| &t.name), merged[i].event_source.name, merged[i].target.as_ref().map(|t| &t.name));
                }
                absorb(&mut merged[i], c, crossed)
            }
            None => merged.push(c),
        }
    }
    let mut events: Vec<Event> = merged.into_iter().map(|c| c.event).collect();
    for e in &mut events {
        e.mentions.sort_by_key(|m| (m.sentence, m.start));
        e.mentions.dedup();
    }
    events.sort_by_key(|e| e.mentions.first().map(|m| (m.sentence, m.start)).unwrap_or((usize::MAX, 0)));
    events
}

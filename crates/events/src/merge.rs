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

fn same_side(a: &EventActor, b: &EventActor) -> bool {
    a.code == b.code && !matches!((a.entity, b.entity), (Some(x), Some(y)) if x != y)
}

fn sides_match(a: &Event, b: &Event, crossed: bool) -> bool {
    match (crossed, &a.target, &b.target) {
        (false, None, None) => same_side(&a.source, &b.source),
        (false, Some(at), Some(bt)) => same_side(&a.source, &b.source) && same_side(at, bt),
        (true, Some(at), Some(bt)) => same_side(&a.source, bt) && same_side(at, &b.source),
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
    if ea.mode.is_some() && eb.mode.is_some() && ea.mode != eb.mode {
        return None;
    }
    // Agreeing to, accepting an invitation and signing are different acts.
    if ea.kind == sukien_model::EventType::AGREE && ea.cameo != eb.cameo {
        return None;
    }
    if !dates_agree(ea, eb) {
        return None;
    }
    if sides_match(ea, eb, false) {
        return Some(false);
    }
    let symmetric = a.mutual || b.mutual || ea.kind == sukien_model::EventType::CONSULT;
    (symmetric && sides_match(ea, eb, true)).then_some(true)
}

fn absorb(into: &mut Candidate, other: Candidate, crossed: bool) {
    // A directed reading fixes the order of a mutual one.
    if into.mutual && !other.mutual && crossed {
        let e = &mut into.event;
        if let Some(t) = e.target.take() {
            e.target = Some(std::mem::replace(&mut e.source, t));
        }
        into.mutual = false;
    } else if !other.mutual {
        into.mutual = false;
    }
    let (e, o) = (&mut into.event, other.event);
    let (o_source, o_target) = if crossed && !into.mutual { (o.target.clone(), Some(o.source.clone())) } else { (Some(o.source.clone()), o.target.clone()) };
    if let Some(os) = o_source {
        if e.source.entity.is_none() && os.code == e.source.code {
            e.source = os;
        }
    }
    if let (Some(t), Some(ot)) = (&mut e.target, o_target) {
        if t.entity.is_none() && ot.code == t.code {
            *t = ot;
        }
    }
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

/// Merges candidates into events, directed readings first so that mutual
/// ones (`hai bên`) take their order.
pub(crate) fn merge(candidates: Vec<Candidate>) -> Vec<Event> {
    let (directed, mutual): (Vec<Candidate>, Vec<Candidate>) = candidates.into_iter().partition(|c| !c.mutual);
    let mut merged: Vec<Candidate> = Vec::new();
    for c in directed.into_iter().chain(mutual) {
        match merged.iter().enumerate().find_map(|(i, m)| compatible(m, &c).map(|crossed| (i, crossed))) {
            Some((i, crossed)) => absorb(&mut merged[i], c, crossed),
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

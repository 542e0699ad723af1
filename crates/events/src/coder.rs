//! Sentence-level coding: triggers, clauses, roles, modality and dates.

use chrono::NaiveDate;
use sukien_model::{
    DateRange, EntityType, Event, EventActor, EventMention, EventType, Evidence, Modality, Place, Precision, SentenceKind,
};

use crate::lexicon::{Lexicon, PhraseSet, Predicate};
use crate::merge::{merge, Candidate};

/// An actor reference in a sentence, as the entity linker found it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorRef {
    /// Byte offsets in the sentence text.
    pub start: usize,
    pub end: usize,
    /// State or organisation code; `None` for places of no state.
    pub code: Option<String>,
    pub name: String,
    /// Index of the document entity.
    pub entity: Option<usize>,
    pub kind: EntityType,
    /// An identified person (known to the knowledge base or named in full),
    /// as opposed to a state, a body or an office named by its title.
    pub named_person: bool,
    /// News media report events; they are never their actors.
    pub media: bool,
    /// Set when the reference can name where something happened.
    pub place: Option<Place>,
}

/// A date expression in a sentence with its value.
#[derive(Debug, Clone, PartialEq)]
pub struct DateRef {
    pub start: usize,
    pub end: usize,
    pub value: DateRange,
}

/// One sentence of the article, ready for coding.
#[derive(Debug, Clone)]
pub struct SentenceInput<'a> {
    pub index: usize,
    /// Byte offset of the sentence in the document text.
    pub offset: usize,
    pub text: &'a str,
    pub kind: SentenceKind,
    pub refs: Vec<ActorRef>,
    pub dates: Vec<DateRef>,
    /// The sentence's words from the word segmenter: a trigger must not cut
    /// one (`ký` in `thư ký`, `thăm` in `thăm dò`). Empty when not segmented.
    pub words: Vec<WordSpan>,
    /// The words' UPOS tags (one per word, empty if none).
    pub tags: LazyTags<'a>,
}

/// A word of the sentence: its byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordSpan {
    pub range: std::ops::Range<usize>,
}

/// The UPOS tags of a sentence's words, computed when first asked for: only
/// a trigger that is one whole word needs them, and most sentences have
/// none, so most sentences are never tagged.
#[derive(Clone, Default)]
pub struct LazyTags<'a> {
    tags: std::cell::OnceCell<Vec<&'static str>>,
    compute: Option<std::rc::Rc<dyn Fn() -> Vec<&'static str> + 'a>>,
}

impl<'a> LazyTags<'a> {
    /// Tags that `compute` gives, once, when first asked for.
    pub fn new(compute: impl Fn() -> Vec<&'static str> + 'a) -> LazyTags<'a> {
        LazyTags { tags: Default::default(), compute: Some(std::rc::Rc::new(compute)) }
    }

    /// The tag of word `i` ("" if none).
    pub fn get(&self, i: usize) -> &'static str {
        let tags = self.tags.get_or_init(|| self.compute.as_ref().map(|c| c()).unwrap_or_default());
        tags.get(i).copied().unwrap_or("")
    }
}

impl std::fmt::Debug for LazyTags<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.tags.get() {
            Some(t) => write!(f, "{t:?}"),
            None => f.write_str("(not tagged yet)"),
        }
    }
}

/// Tags of words that report no act: a trigger the tagger tags so is not
/// one. Prepositions and adverbs are not here: the treebank tags `đến`/`tới`
/// after a motion verb (`bay đến Iran`) ADP, and those are visits.
const NON_EVENT_TAGS: [&str; 8] = ["AUX", "CCONJ", "SCONJ", "DET", "PART", "PRON", "NUM", "PUNCT"];

/// One side of an event while coding.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Slot {
    pub code: String,
    pub name: String,
    pub entity: Option<usize>,
    pub kind: EntityType,
    pub named_person: bool,
}

impl Slot {
    fn actor(&self) -> EventActor {
        EventActor { code: self.code.clone(), name: self.name.clone(), entity: self.entity }
    }
}

#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
}

/// A reference mapped onto tokens; pairs (`hai bên`) carry two slots.
#[derive(Debug, Clone)]
struct Ref {
    tok_start: usize,
    tok_end: usize,
    slots: Vec<Slot>,
    place: Option<Place>,
    media: bool,
    /// `hai bên`, `hai nước`: both sides, no order.
    pair: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClauseKind {
    Main,
    Purpose,
    Relative,
    Temporal,
    Since,
    Conditional,
    Reported,
    /// The content of a claim (`cáo buộc X …`): alleged.
    Claim,
    /// `Theo X,` at the head of a sentence: who says so, not who acts.
    Attribution,
    /// Opened by `và`: takes the kind of the clause it continues.
    And,
}

#[derive(Debug, Clone)]
struct Clause {
    start: usize,
    end: usize,
    kind: ClauseKind,
}

#[derive(Debug, Clone)]
struct Trigger<'l> {
    start: usize,
    end: usize,
    pred: &'l Predicate,
}

/// What earlier sentences leave for later ones.
#[derive(Debug, Default)]
struct Discourse {
    recent: Vec<Slot>,
    last_pair: Option<(Slot, Slot)>,
    /// The sides of the last meeting, talk or agreement: who `hai bên` are.
    last_interaction: Option<(Slot, Slot)>,
    /// (accuser, accused code, sentence)
    accusers: Vec<(Slot, String, usize)>,
    last_trigger_date: Option<DateRange>,
}

const PREPOSITIONS: &[&str] = &[
    "của", "với", "tại", "ở", "từ", "cho", "về", "đối", "giữa", "tới", "đến", "sang", "trong", "theo", "trên", "qua", "bởi",
    "vào", "chống", "ngoài", "nhằm", "thay",
];
/// How far (in words, a name counting as one) a date may follow the verb
/// whose time it gives.
const MAX_DATE_DISTANCE: usize = 10;
/// Words between a subject and its verb: tense, aspect, modality.
const AUXILIARIES: &[&str] = &["đã", "đang", "sẽ", "vừa", "mới", "từng", "cũng", "đều", "vẫn", "còn", "luôn"];
const HONORIFICS: &[&str] = &["ông", "bà", "ngài", "cố", "cựu", "tân"];
const TRANSFER_VERBS: &[&str] = &["gửi", "chuyển", "đưa", "vận", "xuất", "nhập", "bán", "tặng", "trao", "giao"];
const DELEGATION_NOUNS: &[&str] = &["đoàn", "phái", "đặc", "sứ", "đại", "quan", "bộ", "ngoại", "tổng", "thủ", "chủ", "ông", "bà"];
const LOCATIVES: &[&str] = &["tại", "ở", "trên"];
const NEGATIONS: &[&str] = &["không", "chưa", "chẳng", "chả"];
const SKIPPABLE_BEFORE_TRIGGER: &[&str] = &["đã", "sẽ", "phải", "còn", "hề", "từng", "được", "bị", "đang", "vừa", "mới", "cũng"];
const LIGHT_VERBS: &[&str] = &["có", "chuyển", "gửi", "đưa ra", "trao", "phát đi", "bày tỏ", "tiến hành", "tổ chức", "thực hiện", "bắt đầu", "kết thúc", "tham gia", "tham dự", "dự", "hoàn tất", "đang trong", "trong", "mở", "phát động"];
const NOUN_FILLERS: &[&str] = &["cuộc", "lời", "sự", "chuyến", "các", "những", "một", "buổi", "đã", "đang", "sẽ", "vừa", "mới", "lần", "hai"];

struct Cues {
    boundaries: PhraseSet<ClauseKind>,
    planned: PhraseSet<()>,
    alleged: PhraseSet<()>,
    reporting: PhraseSet<()>,
    pair_anaphors: PhraseSet<()>,
    gpe_anaphors: PhraseSet<()>,
    org_anaphors: PhraseSet<()>,
    then: PhraseSet<()>,
    light: PhraseSet<()>,
    sport: PhraseSet<()>,
    open_question: PhraseSet<()>,
    called_off: PhraseSet<()>,
}

fn phrase_set<T: Clone>(items: &[&str], value: T) -> PhraseSet<T> {
    let mut set = PhraseSet::default();
    for i in items {
        set.insert(i, value.clone());
    }
    set
}

fn cues() -> &'static Cues {
    static CUES: std::sync::OnceLock<Cues> = std::sync::OnceLock::new();
    CUES.get_or_init(|| {
        let mut boundaries = PhraseSet::default();
        for (words, kind) in [
            (&["để", "nhằm", "nhằm mục đích"][..], ClauseKind::Purpose),
            (&["mà", "nơi"][..], ClauseKind::Relative),
            (&["khi", "sau khi", "trước khi", "lúc", "trong lúc", "kể từ khi"][..], ClauseKind::Temporal),
            (&["kể từ"][..], ClauseKind::Since),
            (&["nếu", "nếu như", "trong trường hợp"][..], ClauseKind::Conditional),
            (
                &[
                    "rằng", "cho biết", "cho hay", "nói", "tuyên bố", "khẳng định", "nhấn mạnh", "đưa tin", "thông báo", "về việc",
                    "cho thấy", "tiết lộ", "xác nhận", "nói rằng", "cho biết thêm",
                ][..],
                ClauseKind::Reported,
            ),
            (&["nhưng", "song", "trong khi", "tuy nhiên", "đồng thời", "trong khi đó"][..], ClauseKind::Main),
        ] {
            for w in words {
                boundaries.insert(w, kind);
            }
        }
        Cues {
            boundaries,
            planned: phrase_set(
                &["sẽ", "dự kiến", "dự định", "kế hoạch", "sắp", "chuẩn bị", "sẵn sàng", "khả năng", "hy vọng", "muốn", "định", "có thể", "tiến tới"],
                (),
            ),
            alleged: phrase_set(
                &["được cho là", "bị cho là", "bị cáo buộc", "bị nghi", "nghi ngờ", "đồn đoán", "tin đồn", "theo nguồn tin", "nguồn tin", "được cho", "có thông tin"],
                (),
            ),
            reporting: phrase_set(
                &["cho biết", "cho hay", "nói", "tuyên bố", "khẳng định", "nhấn mạnh", "phát biểu", "đưa tin", "cho rằng", "bày tỏ", "thông báo", "viết", "tiết lộ", "xác nhận"],
                (),
            ),
            pair_anaphors: phrase_set(
                &[
                    "hai bên", "hai nước", "hai quốc gia", "hai quốc gia này", "hai nước này", "cả hai", "cả hai nước", "hai phía", "đôi bên",
                    "hai nhà lãnh đạo", "lãnh đạo hai nước", "lãnh đạo hai bên", "nguyên thủ quốc gia hai bên", "nguyên thủ hai nước",
                    "hai ngoại trưởng", "ngoại trưởng hai nước", "hai bộ trưởng", "bộ trưởng hai nước", "hai chính phủ", "quân đội hai nước",
                ],
                (),
            ),
            gpe_anaphors: phrase_set(&["nước này", "quốc gia này", "chính phủ này", "nước láng giềng này"], ()),
            org_anaphors: phrase_set(&["tổ chức này", "liên minh này", "khối này", "cơ quan này"], ()),
            then: phrase_set(&["khi đó", "lúc đó", "thời điểm đó", "lúc bấy giờ", "khi ấy"], ()),
            light: phrase_set(LIGHT_VERBS, ()),
            open_question: phrase_set(&["liệu", "không rõ", "chưa rõ", "hay không", "có hay không"], ()),
            called_off: phrase_set(&["hủy kế hoạch", "hủy bỏ kế hoạch", "từ bỏ kế hoạch", "hoãn kế hoạch", "hủy chuyến", "hoãn chuyến"], ()),
            sport: phrase_set(
                &[
                    "đội tuyển", "cầu thủ", "thi đấu", "trận đấu", "vòng loại", "huấn luyện viên", "hlv", "bàn thắng", "giải vô địch",
                    "world cup", "sea games", "olympic", "bảng đấu", "tiền đạo", "thủ môn", "sân cỏ", "ghi bàn", "đội bóng", "câu lạc bộ",
                ],
                (),
            ),
        }
    })
}

/// Codes every sentence of a document and merges the mentions of each event.
/// Offsets in the result are document byte offsets.
pub fn code_document(sentences: &[SentenceInput<'_>], published: Option<NaiveDate>) -> Vec<Event> {
    let lexicon = Lexicon::builtin();
    let mut discourse = Discourse::default();
    let mut candidates = Vec::new();
    for s in sentences {
        if matches!(s.kind, SentenceKind::Boilerplate) {
            continue;
        }
        SentenceCoder::new(s, lexicon, &mut discourse, published).code(&mut candidates);
    }
    merge(candidates)
}

struct SentenceCoder<'a, 'l> {
    s: &'a SentenceInput<'a>,
    lex: &'l Lexicon,
    d: &'a mut Discourse,
    published: Option<NaiveDate>,
    toks: Vec<Tok>,
    words: Vec<String>,
    refs: Vec<Ref>,
    clauses: Vec<Clause>,
    clause_of: Vec<usize>,
    triggers: Vec<Trigger<'l>>,
    speaker: Option<Slot>,
    hypothetical: bool,
}

impl<'a, 'l> SentenceCoder<'a, 'l> {
    fn new(s: &'a SentenceInput<'a>, lex: &'l Lexicon, d: &'a mut Discourse, published: Option<NaiveDate>) -> Self {
        let lower = sukien_text::lower_same_len(s.text);
        let toks: Vec<Tok> = sukien_text::tokens(s.text).into_iter().map(|t| Tok { start: t.start, end: t.end }).collect();
        let words = toks.iter().map(|t| lower[t.start..t.end].to_string()).collect();
        SentenceCoder {
            s,
            lex,
            d,
            published,
            toks,
            words,
            refs: Vec::new(),
            clauses: Vec::new(),
            clause_of: Vec::new(),
            triggers: Vec::new(),
            speaker: None,
            hypothetical: false,
        }
    }

    fn tok_at_or_after(&self, byte: usize) -> usize {
        self.toks.partition_point(|t| t.start < byte)
    }

    fn word(&self, i: usize) -> &str {
        self.words.get(i).map(String::as_str).unwrap_or("")
    }

    fn phrase_at(&self, set: &PhraseSet<()>, i: usize) -> Option<usize> {
        set.longest_at(&self.words, i).map(|(n, _)| n)
    }

    fn code(mut self, out: &mut Vec<Candidate>) {
        if self.toks.is_empty() {
            return;
        }
        self.map_refs();
        self.find_triggers();
        self.cut_clauses();
        self.add_anaphors();
        self.find_speaker();
        // Sport reports its own meetings and attacks (`đội tuyển Việt Nam
        // gặp Indonesia`): no political events there.
        if (0..self.words.len()).any(|i| self.phrase_at(&cues().sport, i).is_some()) {
            return;
        }
        self.hypothetical = matches!(self.word(0), "nếu") || self.words.first().is_some_and(|w| w == "giả")
            && self.word(1) == "sử";
        let dates = self.assign_dates();
        if std::env::var_os("SUKIEN_DEBUG_CODER").is_some() {
            self.debug_dump(&dates);
        }
        let mut made = Vec::new();
        for (ti, trig) in self.triggers.clone().iter().enumerate() {
            self.code_trigger(ti, trig, &dates, &mut made);
        }
        // Discourse for later sentences.
        for r in &self.refs {
            for slot in &r.slots {
                if !r.pair {
                    self.d.recent.push(slot.clone());
                }
            }
        }
        if self.d.recent.len() > 64 {
            let excess = self.d.recent.len() - 64;
            self.d.recent.drain(..excess);
        }
        for c in &made {
            if let Some(t) = &c.target {
                if c.event_source.code != t.code {
                    self.d.last_pair = Some((c.event_source.clone(), t.clone()));
                    if matches!(c.event.kind, EventType::CONSULT | EventType::AGREE | EventType::COOPERATE) {
                        self.d.last_interaction = Some((c.event_source.clone(), t.clone()));
                    }
                }
            }
        }
        out.extend(made);
    }

    /// Prints the coder's view of the sentence (set `SUKIEN_DEBUG_CODER`).
    fn debug_dump(&self, dates: &[Option<DateRange>]) {
        let mut line = String::new();
        for (i, t) in self.toks.iter().enumerate() {
            if i == 0 || self.clause_of[i] != self.clause_of[i - 1] {
                let c = &self.clauses[self.clause_of[i]];
                line.push_str(&format!(" |{:?}| ", c.kind));
            }
            if let Some(r) = self.refs.iter().find(|r| r.tok_start == i) {
                let codes: Vec<&str> = r.slots.iter().map(|s| s.code.as_str()).collect();
                line.push_str(&format!("[{}", codes.join("+")));
            }
            if let Some((k, tr)) = self.triggers.iter().enumerate().find(|(_, tr)| tr.start == i) {
                line.push_str(&format!("<{}:{:?}>", tr.pred.kind, dates[k].map(|d| d.from)));
            }
            line.push_str(&self.s.text[t.start..t.end]);
            if self.refs.iter().any(|r| r.tok_end == i + 1) {
                line.push(']');
            }
            line.push(' ');
        }
        eprintln!("#{} speaker={:?}\n  {}", self.s.index, self.speaker.as_ref().map(|s| &s.code), line);
    }

    fn map_refs(&mut self) {
        for r in &self.s.refs {
            let tok_start = self.tok_at_or_after(r.start);
            let tok_end = self.tok_at_or_after(r.end);
            if tok_start >= tok_end {
                continue;
            }
            let slots = match &r.code {
                Some(code) => vec![Slot { code: code.clone(), name: r.name.clone(), entity: r.entity, kind: r.kind, named_person: r.named_person }],
                None => Vec::new(),
            };
            self.refs.push(Ref { tok_start, tok_end, slots, place: r.place.clone(), media: r.media, pair: false });
        }
        self.refs.sort_by_key(|r| r.tok_start);
    }

    fn covered_by_ref(&self, i: usize) -> bool {
        self.refs.iter().any(|r| r.tok_start <= i && i < r.tok_end)
    }

    fn find_triggers(&mut self) {
        let n = self.words.len();
        // Blocked token ranges.
        let mut blocked: Vec<(usize, usize)> = Vec::new();
        for i in 0..n {
            if let Some((len, _)) = self.lex.blockers.longest_at(&self.words, i) {
                blocked.push((i, i + len));
            }
        }
        let mut i = 0;
        while i < n {
            let mut found = None;
            for (len, pred) in self.lex.predicates.all_at(&self.words, i) {
                let (start, end) = (i, i + len);
                // A blocker that overlaps the trigger without lying inside it.
                if blocked.iter().any(|&(bs, be)| bs < end && start < be && !(start <= bs && be <= end)) {
                    continue;
                }
                if (start..end).any(|k| self.covered_by_ref(k)) {
                    continue;
                }
                // One-syllable triggers are the ambiguous ones (`thăm` in `thăm
                // hỏi`); a longer one crossing a word (`tấn công` in `tấn |
                // công bằng`) says more about the segmenter than about the text.
                if end - start == 1 && self.cuts_a_word(start, end) {
                    continue;
                }
                if !pred.ctx.is_empty() && !self.context_has(start, end, &pred.ctx) {
                    continue;
                }
                found = Some(Trigger { start, end, pred });
                break;
            }
            match found {
                Some(t) => {
                    i = t.end;
                    self.triggers.push(t);
                }
                None => i += 1,
            }
        }
    }

    /// Whether tokens `start..end` begin or end inside a word of the
    /// segmenter, or are one word the tagger calls a function word.
    fn cuts_a_word(&self, start: usize, end: usize) -> bool {
        let (from, to) = (self.toks[start].start, self.toks[end - 1].end);
        let w = &self.s.words;
        let inside = |b: usize| {
            let k = w.partition_point(|x| x.range.end <= b);
            k < w.len() && w[k].range.start < b && b < w[k].range.end
        };
        let k = w.partition_point(|x| x.range.end <= from);
        let function_word =
            w.get(k).is_some_and(|x| x.range == (from..to)) && NON_EVENT_TAGS.contains(&self.s.tags.get(k));
        inside(from) || inside(to) || function_word
    }

    fn context_has(&self, start: usize, end: usize, ctx: &[Vec<String>]) -> bool {
        let lo = start.saturating_sub(10);
        let hi = (end + 6).min(self.words.len());
        (lo..hi).any(|i| {
            (i < start || i >= end)
                && ctx.iter().any(|w| i + w.len() <= self.words.len() && w.iter().zip(&self.words[i..]).all(|(a, b)| a == b))
        })
    }

    fn trigger_at(&self, i: usize) -> bool {
        self.triggers.iter().any(|t| t.start <= i && i < t.end)
    }

    fn ref_ending_at(&self, i: usize) -> bool {
        self.refs.iter().any(|r| r.tok_end == i)
    }

    fn ref_starting_at(&self, i: usize) -> bool {
        self.refs.iter().any(|r| r.tok_start == i)
    }

    fn cut_clauses(&mut self) {
        let n = self.words.len();
        let mut cuts: Vec<(usize, usize, ClauseKind)> = Vec::new(); // (boundary start, clause start, kind)
        let text = self.s.text;
        let mut i = 0;
        while i < n {
            let w = self.word(i).to_string();
            let raw = &text[self.toks[i].start..self.toks[i].end];
            if self.trigger_at(i) {
                // A claim opens its content clause right after the trigger.
                if let Some(t) = self.triggers.iter().find(|t| t.start == i) {
                    if t.pred.claim {
                        cuts.push((t.end, t.end, ClauseKind::Claim));
                    }
                    i = t.end;
                    continue;
                }
                i += 1;
                continue;
            }
            if self.covered_by_ref(i) {
                i += 1;
                continue;
            }
            match raw {
                "," => {
                    // `A, B và C`: a list goes on after its second member
                    // or had a comma before its first.
                    let list = self.ref_ending_at(i) && self.ref_starting_at(i + 1) && {
                        let second_end = self.refs.iter().find(|r| r.tok_start == i + 1).map(|r| r.tok_end).unwrap_or(i + 1);
                        let first_start = self.refs.iter().find(|r| r.tok_end == i).map(|r| r.tok_start).unwrap_or(i);
                        matches!(self.word(second_end), "," | "và" | "hoặc" | "cùng")
                            || (first_start > 0 && self.word(first_start - 1) == ",")
                    };
                    if !list {
                        cuts.push((i, i + 1, ClauseKind::Main));
                    }
                }
                ";" | ":" | "“" | "”" | "\"" => cuts.push((i, i + 1, ClauseKind::Main)),
                "-" | "–" | "—" => {
                    let next_lower = self.toks.get(i + 1).map(|t| &text[t.start..t.end]).and_then(|s| s.chars().next()).is_some_and(char::is_lowercase);
                    if next_lower {
                        cuts.push((i, i + 1, ClauseKind::Main));
                    }
                }
                _ => {}
            }
            // `và` joins clauses when a new subject or predicate follows it,
            // and noun phrases otherwise.
            if w == "và" {
                let honorific = matches!(self.word(i + 1), "ông" | "bà" | "ngài");
                let anaphor_before = i >= 2
                    && (self.phrase_at(&cues().gpe_anaphors, i - 2) == Some(2) || self.phrase_at(&cues().org_anaphors, i - 2) == Some(2));
                let np = (self.ref_ending_at(i) || anaphor_before) && (self.ref_starting_at(i + 1) || (honorific && self.ref_starting_at(i + 2)));
                let next = self.word(i + 1);
                let new_predicate = self.ref_starting_at(i + 1)
                    || self.trigger_at(i + 1)
                    || self.phrase_at(&cues().pair_anaphors, i + 1).is_some()
                    || matches!(next, "đã" | "sẽ" | "đang" | "cũng" | "vẫn" | "còn" | "được" | "bị" | "không" | "chưa" | "cùng");
                if !np && new_predicate {
                    cuts.push((i, i + 1, ClauseKind::And));
                }
            }
            if self.phrase_at(&cues().then, i).is_some() {
                i += 2;
                continue;
            }
            if let Some((len, kind)) = cues().boundaries.longest_at(&self.words, i) {
                cuts.push((i, i + len, *kind));
                i += len;
                continue;
            }
            i += 1;
        }
        // `lo ngại về việc X …`: the content opened right after a claim is
        // the claim's.
        let claim_ends: Vec<usize> = self.triggers.iter().filter(|t| t.pred.claim).map(|t| t.end).collect();
        for c in cuts.iter_mut() {
            if c.2 == ClauseKind::Reported && claim_ends.iter().any(|&e| c.0 >= e && c.0 <= e + 1) {
                c.2 = ClauseKind::Claim;
            }
        }
        cuts.sort_by_key(|c| (c.1, c.2 != ClauseKind::Claim));
        cuts.dedup_by_key(|c| c.1);
        let mut clauses = Vec::new();
        let mut start = 0;
        let mut kind = if self.word(0) == "theo" { ClauseKind::Attribution } else { ClauseKind::Main };
        for (bstart, cstart, ckind) in cuts {
            if cstart <= start {
                kind = ckind;
                continue;
            }
            if bstart <= start {
                // Two openers in a row (`lo ngại | về việc`): one clause.
                start = cstart;
                if kind != ClauseKind::Claim {
                    kind = ckind;
                }
                continue;
            }
            clauses.push(Clause { start, end: bstart.max(start), kind });
            start = cstart;
            kind = ckind;
        }
        clauses.push(Clause { start, end: n, kind });
        // A Claim or Reported clause keeps its kind across the commas inside
        // it; a `và` clause continues the kind of the one before.
        if clauses[0].kind == ClauseKind::And {
            clauses[0].kind = ClauseKind::Main;
        }
        for k in 1..clauses.len() {
            let prev = clauses[k - 1].kind;
            if clauses[k].kind == ClauseKind::And {
                clauses[k].kind = if matches!(prev, ClauseKind::Purpose | ClauseKind::Conditional | ClauseKind::Claim) { prev } else { ClauseKind::Main };
            }
            let first_is_ref = self.refs.iter().any(|r| r.tok_start >= clauses[k].start && r.tok_start < clauses[k].start + 3);
            if clauses[k].kind == ClauseKind::Main && prev == ClauseKind::Claim && !first_is_ref {
                clauses[k].kind = prev;
            }
        }
        self.clause_of = vec![0; n];
        for (ci, c) in clauses.iter().enumerate() {
            for k in c.start..c.end.min(n) {
                self.clause_of[k] = ci;
            }
            // boundary tokens between clauses belong to the following clause
        }
        for k in 1..n {
            if clauses.iter().all(|c| !(c.start..c.end).contains(&k)) {
                self.clause_of[k] = self.clause_of[k - 1];
            }
        }
        self.clauses = clauses;
    }

    fn add_anaphors(&mut self) {
        let n = self.words.len();
        let mut i = 0;
        let mut extra = Vec::new();
        while i < n {
            if self.covered_by_ref(i) || self.trigger_at(i) {
                i += 1;
                continue;
            }
            if let Some(len) = self.phrase_at(&cues().pair_anaphors, i) {
                if let Some((a, b)) = self.pair_before(i) {
                    extra.push(Ref { tok_start: i, tok_end: i + len, slots: vec![a, b], place: None, media: false, pair: true });
                }
                i += len;
                continue;
            }
            if self.word(i) == "họ" {
                if let Some((a, b)) = self.coordinated_before(i) {
                    extra.push(Ref { tok_start: i, tok_end: i + 1, slots: vec![a, b], place: None, media: false, pair: true });
                }
                i += 1;
                continue;
            }
            if let Some(len) = self.phrase_at(&cues().gpe_anaphors, i) {
                let here = self.refs.iter().rev().filter(|r| r.tok_end <= i && !r.pair).flat_map(|r| r.slots.iter()).find(|s| s.kind == EntityType::GPE);
                if let Some(slot) = here.or_else(|| self.d.recent.iter().rev().find(|s| s.kind == EntityType::GPE)).cloned() {
                    extra.push(Ref { tok_start: i, tok_end: i + len, slots: vec![slot], place: None, media: false, pair: false });
                }
                i += len;
                continue;
            }
            if let Some(len) = self.phrase_at(&cues().org_anaphors, i) {
                if let Some(slot) = self.d.recent.iter().rev().find(|s| s.kind == EntityType::ORG).cloned() {
                    extra.push(Ref { tok_start: i, tok_end: i + len, slots: vec![slot], place: None, media: false, pair: false });
                }
                i += len;
                continue;
            }
            // `X - quốc gia được cho là …`: the apposition names the actor before.
            if self.word(i) == "quốc" && self.word(i + 1) == "gia" && i >= 1 {
                let prev = &self.s.text[self.toks[i - 1].start..self.toks[i - 1].end];
                if matches!(prev, "-" | "–" | "—" | ",") {
                    if let Some(r) = self.refs.iter().rev().find(|r| r.tok_end + 1 == i && !r.slots.is_empty()) {
                        extra.push(Ref { tok_start: i, tok_end: i + 2, slots: r.slots.clone(), place: None, media: false, pair: false });
                    }
                }
            }
            i += 1;
        }
        self.refs.extend(extra);
        self.refs.sort_by_key(|r| r.tok_start);
    }

    /// Two actors of different codes coordinated before token `i` in this
    /// sentence (`A và B`).
    fn coordinated_before(&self, i: usize) -> Option<(Slot, Slot)> {
        let before: Vec<&Ref> = self.refs.iter().filter(|r| r.tok_end <= i && !r.media && !r.pair && !r.slots.is_empty()).collect();
        for w in before.windows(2).rev() {
            if self.coordinated(w[0], w[1]) && w[0].slots[0].code != w[1].slots[0].code {
                return Some((w[0].slots[0].clone(), w[1].slots[0].clone()));
            }
        }
        None
    }

    fn pair_before(&self, i: usize) -> Option<(Slot, Slot)> {
        self.coordinated_before(i)
            .or_else(|| {
                // Two distinct actors already named in this sentence.
                let mut seen: Vec<&Slot> = Vec::new();
                for r in self.refs.iter().filter(|r| r.tok_end <= i && self.usable(r) && !r.pair) {
                    for s in &r.slots {
                        if !seen.iter().any(|x| x.code == s.code) {
                            seen.push(s);
                        }
                    }
                }
                (seen.len() == 2).then(|| (anonymous(seen[0]), anonymous(seen[1])))
            })
            .or_else(|| self.d.last_interaction.as_ref().or(self.d.last_pair.as_ref()).map(|(a, b)| (anonymous(a), anonymous(b))))
    }

    /// Whether `b` is coordinated with `a`: only `và`, commas, `cùng` and
    /// the like (and nouns, `phái đoàn`) between them, no verb or preposition.
    fn coordinated(&self, a: &Ref, b: &Ref) -> bool {
        if b.tok_start < a.tok_end || b.tok_start - a.tok_end > 6 {
            return false;
        }
        let between = &self.words[a.tok_end..b.tok_start];
        let has_link = between.iter().any(|w| matches!(w.as_str(), "và" | "," | "cùng" | "lẫn" | "với"))
            || between.windows(2).any(|w| w[0] == "cũng" && w[1] == "như");
        let blocked = (a.tok_end..b.tok_start).any(|k| self.trigger_at(k) || self.clause_of[k] != self.clause_of[a.tok_start.min(k)])
            || between.iter().any(|w| PREPOSITIONS.contains(&w.as_str()) && w != "với");
        has_link && !blocked
    }

    fn find_speaker(&mut self) {
        let n = self.words.len();
        // `dẫn lời X`
        for i in 0..n.saturating_sub(1) {
            if self.word(i) == "dẫn" && self.word(i + 1) == "lời" {
                if let Some(r) = self.refs.iter().find(|r| r.tok_start >= i + 2 && r.tok_start <= i + 4 && !r.slots.is_empty()) {
                    self.speaker = Some(r.slots[0].clone());
                    return;
                }
            }
        }
        // `X cho biết / nói / tuyên bố`
        for r in self.refs.iter().filter(|r| !r.slots.is_empty() && !r.pair) {
            let mut k = r.tok_end;
            while SKIPPABLE_BEFORE_TRIGGER.contains(&self.word(k)) {
                k += 1;
            }
            if self.phrase_at(&cues().reporting, k).is_some() && !r.media {
                self.speaker = Some(r.slots[0].clone());
                return;
            }
        }
        // `Theo X,`
        if self.word(0) == "theo" {
            if let Some(r) = self.refs.iter().find(|r| r.tok_start <= 3 && !r.slots.is_empty()) {
                self.speaker = Some(r.slots[0].clone());
            }
        }
    }

    /// Whether the word before the reference (over honorifics: `của bà
    /// Choe`) is one of `words`.
    fn preceded_by(&self, r: &Ref, words: &[&str]) -> bool {
        let mut k = r.tok_start;
        while k > 0 && HONORIFICS.contains(&self.word(k - 1)) {
            k -= 1;
        }
        k > 0 && words.contains(&self.word(k - 1))
    }

    fn usable(&self, r: &Ref) -> bool {
        !(r.media || r.slots.is_empty() || (r.place.is_some() && self.preceded_by(r, LOCATIVES)))
    }

    /// The subject slots of clause `ci` before token `before`.
    fn subject_in(&self, ci: usize, before: usize) -> Vec<Slot> {
        let c = &self.clauses[ci];
        if c.kind == ClauseKind::Attribution {
            return Vec::new();
        }
        let inside: Vec<&Ref> =
            self.refs.iter().filter(|r| r.tok_start >= c.start && r.tok_end <= before.min(c.end.max(c.start)) && self.usable(r)).collect();
        let first = inside.iter().position(|r| !self.preceded_by(r, PREPOSITIONS));
        let Some(first) = first else {
            // `Chính sách của Mỹ …`: the possessor of the subject noun.
            return inside
                .iter()
                .find(|r| self.preceded_by(r, &["của"]) && r.tok_start <= c.start + 5)
                .map(|r| r.slots.clone())
                .unwrap_or_default();
        };
        let mut slots = inside[first].slots.clone();
        let mut last = inside[first];
        for r in &inside[first + 1..] {
            if self.coordinated(last, r) {
                slots.extend(r.slots.iter().cloned());
                last = r;
            }
        }
        slots
    }

    fn local_subject(&self, trig: &Trigger) -> Option<Vec<Slot>> {
        let c = &self.clauses[self.clause_of[trig.start]];
        let mut k = trig.start;
        let mut aux = 0;
        while k > c.start && AUXILIARIES.contains(&self.word(k - 1)) {
            k -= 1;
            aux += 1;
        }
        if aux == 0 {
            return None;
        }
        let r = self.refs.iter().find(|r| r.tok_end == k && r.tok_start > c.start && self.usable(r))?;
        // Only when something other than the clause's own subject stands
        // before it, and it is not the object of a trigger or preposition.
        let before = r.tok_start.checked_sub(1)?;
        let object = self.trigger_at(before) || self.preceded_by(r, PREPOSITIONS) || self.ref_ending_at(r.tok_start);
        let joined = matches!(self.word(before), "và" | "," | "cùng" | "lẫn");
        (!object && !joined).then(|| r.slots.clone())
    }

    /// The subject of the trigger's clause, or of a neighbouring clause the
    /// trigger's clause leans on (`X đã có cuộc hội đàm … và bày tỏ …`).
    fn subject(&self, trig: &Trigger) -> Vec<Slot> {
        let ci = self.clause_of[trig.start];
        // `cảm ơn Campuchia đã ủng hộ …`: an actor right before the verb
        // (over auxiliaries) that is nobody's object is its own subject.
        if let Some(local) = self.local_subject(trig) {
            return local;
        }
        // After another verb of the clause (`trừng phạt các công ty hỗ trợ
        // …`), the clause's subject is that verb's, not this one's.
        let verb_before = self.triggers.iter().rev().find(|t| {
            t.end <= trig.start && self.clause_of[t.start] == ci && !t.pred.noun && !t.pred.comp && !(t.pred.dest && t.pred.direct)
        });
        if let Some(v) = verb_before {
            let c = &self.clauses[ci];
            let inside: Vec<&Ref> = self.refs.iter().filter(|r| r.tok_start >= v.end && r.tok_end <= trig.start && r.tok_start >= c.start && self.usable(r)).collect();
            return inside.iter().find(|r| !self.preceded_by(r, PREPOSITIONS)).map(|r| r.slots.clone()).unwrap_or_default();
        }
        let own = self.subject_in(ci, trig.start);
        if !own.is_empty() {
            return own;
        }
        let c = &self.clauses[ci];
        if matches!(c.kind, ClauseKind::Claim | ClauseKind::Attribution) {
            return own;
        }
        // Back through the clauses of the sentence.
        for k in (0..ci).rev() {
            let prev = &self.clauses[k];
            if matches!(prev.kind, ClauseKind::Attribution | ClauseKind::Since) {
                continue;
            }
            let s = self.subject_in(k, prev.end);
            if !s.is_empty() {
                return s;
            }
        }
        // A fronted subordinate clause takes the main clause's subject.
        if matches!(c.kind, ClauseKind::Temporal | ClauseKind::Conditional) || ci == 0 {
            for k in ci + 1..self.clauses.len() {
                let next = &self.clauses[k];
                if matches!(next.kind, ClauseKind::Main | ClauseKind::Reported) {
                    let s = self.subject_in(k, next.end);
                    if !s.is_empty() {
                        return s;
                    }
                }
            }
        }
        Vec::new()
    }

    /// The first usable actor after the trigger in its clause (and the
    /// claim content after a claim), with those coordinated with it.
    fn target_after(&self, trig: &Trigger, exclude: &[String], skip_ref: Option<usize>) -> Vec<Slot> {
        let ci = self.clause_of[trig.start.min(self.clause_of.len() - 1)];
        let mut end = self.clauses[ci].end;
        if trig.pred.claim || trig.pred.towho {
            if let Some(next) = self.clauses.get(ci + 1) {
                if next.start <= trig.end + 3 {
                    end = next.end;
                }
            }
        }
        let mut found: Option<&Ref> = None;
        let mut slots = Vec::new();
        for (ri, r) in self.refs.iter().enumerate() {
            if r.tok_start < trig.end || r.tok_start >= end || Some(ri) == skip_ref || !self.usable(r) {
                continue;
            }
            if r.slots.iter().all(|s| exclude.contains(&s.code)) {
                continue;
            }
            match found {
                None => {
                    if trig.pred.direct && r.tok_start > trig.end + 1 {
                        return Vec::new();
                    }
                    found = Some(r);
                    slots.extend(r.slots.iter().filter(|s| !exclude.contains(&s.code)).cloned());
                }
                Some(last) => {
                    if self.coordinated(last, r) {
                        slots.extend(r.slots.iter().filter(|s| !exclude.contains(&s.code)).cloned());
                        found = Some(r);
                    } else {
                        break;
                    }
                }
            }
        }
        slots
    }

    /// The first actor of the purpose clause that follows the trigger's
    /// clause (over coordinated clauses).
    fn purpose_beneficiary(&self, trig: &Trigger, exclude: &[String]) -> Vec<Slot> {
        let ci = self.clause_of[trig.start];
        let purpose = self.clauses[ci + 1..].iter().take(3).find(|c| c.kind == ClauseKind::Purpose);
        let Some(p) = purpose else { return Vec::new() };
        let helper = self
            .triggers
            .iter()
            .find(|t| t.start >= p.start && t.start < p.end && matches!(t.pred.kind, EventType::SUPPORT | EventType::AID));
        let Some(helper) = helper else { return Vec::new() };
        self.target_after(helper, exclude, None)
    }

    /// `X bị/được [Y] <trigger>`: `Some(Some(agent))` for a passive with an
    /// agent, `Some(None)` for one without, `None` for an active verb.
    fn passive_agent(&self, trig: &Trigger) -> Option<Option<Vec<Slot>>> {
        let c = &self.clauses[self.clause_of[trig.start]];
        let mut k = trig.start;
        while k > c.start && matches!(self.word(k - 1), "đã" | "đang" | "vừa" | "mới" | "cũng" | "từng" | "sẽ") {
            k -= 1;
        }
        if k > c.start && matches!(self.word(k - 1), "bị" | "được") {
            return Some(None);
        }
        let agent = self.refs.iter().find(|r| r.tok_end == k && self.usable(r))?;
        let before = agent.tok_start;
        (before > c.start && matches!(self.word(before - 1), "bị" | "được")).then(|| Some(agent.slots.clone()))
    }

    /// For movements: the first actor after the trigger is its destination
    /// (right after it, or after `đến`, `tới`, `sang`, `cho`, `vào`).
    fn directed_target(&self, trig: &Trigger) -> bool {
        let ci = self.clause_of[trig.start];
        self.refs
            .iter()
            .find(|r| r.tok_start >= trig.end && r.tok_start < self.clauses[ci].end && self.usable(r))
            .is_some_and(|r| r.tok_start <= trig.end + 1 || self.preceded_by(r, &["đến", "tới", "sang", "cho", "vào", "thăm"]))
    }

    /// The actor after `từ` right behind a communicated act (`ủng hộ từ
    /// Washington`).
    fn source_after_tu(&self, trig: &Trigger) -> Option<Vec<Slot>> {
        if !matches!(trig.pred.kind, EventType::SUPPORT | EventType::AID | EventType::ACCUSE | EventType::REQUEST | EventType::THREATEN) {
            return None;
        }
        let k = (trig.end..(trig.end + 3).min(self.words.len())).find(|&k| self.word(k) == "từ")?;
        let r = self.refs.iter().find(|r| r.tok_start == k + 1 && self.usable(r))?;
        Some(r.slots.clone())
    }

    /// `sự ủng hộ`, `lời cảnh báo`: a verb made a noun.
    fn nominalised(&self, trig: &Trigger) -> bool {
        trig.start > 0 && matches!(self.word(trig.start - 1), "sự" | "lời")
    }

    /// `hỗ trợ của Mỹ`: a verb trigger followed by `của` and an actor.
    fn owned_by_next(&self, trig: &Trigger) -> bool {
        self.word(trig.end) == "của" && self.refs.iter().any(|r| r.tok_start == trig.end + 1 || (r.tok_start == trig.end + 2 && HONORIFICS.contains(&self.word(trig.end + 1))))
    }

    /// Whether the first actor after the trigger follows `với` or `cùng`.
    fn target_after_with(&self, trig: &Trigger) -> bool {
        let ci = self.clause_of[trig.start];
        self.refs
            .iter()
            .find(|r| r.tok_start >= trig.end && r.tok_start < self.clauses[ci].end && self.usable(r))
            .is_some_and(|r| self.preceded_by(r, &["với", "cùng"]))
    }

    /// `đến thủ đô của X` earlier in the clause: where a visit goes.
    fn destination_before(&self, trig: &Trigger, exclude: &[String]) -> Vec<Slot> {
        let c = &self.clauses[self.clause_of[trig.start]];
        for k in (c.start..trig.start).rev() {
            if matches!(self.word(k), "đến" | "tới" | "sang" | "thăm") {
                if let Some(r) = self.refs.iter().find(|r| r.tok_start > k && r.tok_start <= k + 4 && r.tok_end <= trig.start && self.usable(r)) {
                    let slots: Vec<Slot> = r.slots.iter().filter(|s| !exclude.contains(&s.code)).cloned().collect();
                    if !slots.is_empty() {
                        return slots;
                    }
                }
            }
        }
        Vec::new()
    }

    /// Participants of a nominal event: (sources, targets) or `None` when the
    /// noun has none of its own.
    fn noun_roles(&self, trig: &Trigger) -> Option<(Vec<Slot>, Vec<Slot>)> {
        let ci = self.clause_of[trig.start];
        let end = self.clauses[ci].end;
        let n = self.words.len();
        // giữa A và B
        let mut k = trig.end;
        while k < n && k < trig.end + 3 && !matches!(self.word(k), "giữa") {
            k += 1;
        }
        if self.word(k) == "giữa" {
            let after: Vec<&Ref> = self.refs.iter().filter(|r| r.tok_start > k && r.tok_start < end && self.usable(r)).collect();
            if after.len() >= 2 && self.coordinated(after[0], after[1]) {
                return Some((after[0].slots.clone(), after[1].slots.clone()));
            }
            if let Some(p) = after.first().filter(|r| r.pair) {
                return Some((vec![p.slots[0].clone()], vec![p.slots[1].clone()]));
            }
        }
        // của X (`sự phản đối từ X` too)
        let owner_words: &[&str] = if self.nominalised(trig) { &["của", "từ"] } else { &["của"] };
        let owner = self.refs.iter().enumerate().find(|(_, r)| {
            r.tok_start >= trig.end && r.tok_start < end && r.tok_start <= trig.end + 10 && self.preceded_by(r, owner_words) && self.usable(r)
        });
        if let Some((ri, r)) = owner {
            if r.pair {
                return Some((vec![r.slots[0].clone()], vec![r.slots[1].clone()]));
            }
            let exclude: Vec<String> = r.slots.iter().map(|s| s.code.clone()).collect();
            let targets = self.target_after(trig, &exclude, Some(ri));
            return Some((r.slots.clone(), targets));
        }
        // A light verb (`có chuyến thăm`, `tiến hành hội đàm`) or a `với/tới`
        // participant: the clause's subject is the actor.
        let mut k = trig.start;
        while k > 0 && NOUN_FILLERS.contains(&self.word(k - 1)) {
            k -= 1;
        }
        let light = (1..=2).any(|len| k >= len && self.phrase_at(&cues().light, k - len) == Some(len));
        // `trong xung đột với X`: a background, not an act of the subject.
        if k > 0 && self.word(k - 1) == "trong" && trig.pred.kind != EventType::CONSULT {
            return None;
        }
        let with_partner = self.refs.iter().any(|r| {
            r.tok_start >= trig.end && r.tok_start < end && r.tok_start <= trig.end + 6 && self.preceded_by(r, &["với", "tới", "đến", "sang"])
        });
        let leads_clause = trig.start <= self.clauses[ci].start + 1;
        if light || with_partner || (leads_clause && trig.pred.kind == EventType::CONSULT) {
            let subject = self.subject(trig);
            if subject.is_empty() {
                return None;
            }
            let exclude: Vec<String> = subject.iter().map(|s| s.code.clone()).collect();
            let targets = self.target_after(trig, &exclude, None);
            return Some((subject, targets));
        }
        None
    }

    fn modality(&self, trig: &Trigger) -> Modality {
        let ci = self.clause_of[trig.start];
        let c = &self.clauses[ci];
        let lo = c.start.max(trig.start.saturating_sub(8));
        // `không rõ liệu X có …`: an open question.
        if self.hypothetical || c.kind == ClauseKind::Conditional || (lo..trig.start).any(|i| self.phrase_at(&cues().open_question, i).is_some()) {
            return Modality::Hypothetical;
        }
        // `hủy kế hoạch điều tàu`: a plan given up.
        if (lo..trig.start).any(|i| self.phrase_at(&cues().called_off, i).is_some()) {
            return Modality::Negated;
        }
        // Negation right before the trigger (over a few auxiliaries; over
        // a verb too for a noun: `không tìm kiếm xung đột`).
        let mut k = trig.start;
        let mut steps = 0;
        let reach = if trig.pred.noun { 4 } else { 3 };
        while k > c.start && steps < reach {
            k -= 1;
            let w = self.word(k);
            if NEGATIONS.contains(&w) && !(w == "không" && matches!(self.word(k + 1), "chỉ" | "lâu" | "ít")) {
                return Modality::Negated;
            }
            if !SKIPPABLE_BEFORE_TRIGGER.contains(&w) && !trig.pred.noun {
                break;
            }
            steps += 1;
        }
        if c.kind == ClauseKind::Claim || (0..trig.start).any(|i| self.phrase_at(&cues().alleged, i).is_some_and(|len| i + len <= trig.start)) {
            return Modality::Alleged;
        }
        if (lo..trig.start).any(|i| self.phrase_at(&cues().planned, i).is_some()) {
            return Modality::Planned;
        }
        Modality::Asserted
    }

    /// For each trigger, the date it takes: (range, taken from text).
    fn assign_dates(&mut self) -> Vec<Option<DateRange>> {
        let dates: Vec<(usize, usize, DateRange)> = self
            .s
            .dates
            .iter()
            .filter(|d| (d.value.to - d.value.from).num_days() <= 400 || d.value.precision >= Precision::Year)
            .filter(|d| (d.value.to - d.value.from).num_days() <= 3700)
            .map(|d| (self.tok_at_or_after(d.start), self.tok_at_or_after(d.end), d.value))
            .collect();
        // Owner of each date: the nearest trigger before it in its clause,
        // if the date follows it closely (a date far after a verb belongs to
        // a noun in between: `ủng hộ … Hiệp ước Phòng thủ chung năm 1951`).
        let owner: Vec<Option<usize>> = dates
            .iter()
            .map(|&(ds, _, _)| {
                let ci = self.clause_of.get(ds).copied().unwrap_or(0);
                self.triggers
                    .iter()
                    .rposition(|t| t.end <= ds && self.clause_of[t.start] == ci)
                    .filter(|&ti| self.units_between(self.triggers[ti].end, ds) <= MAX_DATE_DISTANCE)
            })
            .collect();
        let mut result: Vec<Option<DateRange>> = vec![None; self.triggers.len()];
        for (ti, t) in self.triggers.iter().enumerate() {
            let ci = self.clause_of[t.start];
            // 1. its own date
            if let Some(di) = owner.iter().position(|o| *o == Some(ti)) {
                result[ti] = Some(dates[di].2);
                continue;
            }
            // 2. an unowned date earlier in its clause
            if let Some(di) = (0..dates.len()).rev().find(|&di| owner[di].is_none() && dates[di].0 < t.start && self.clause_of[dates[di].0] == ci) {
                result[ti] = Some(dates[di].2);
                continue;
            }
            // 3. a `khi …` clause right after it gives its time
            if let Some(next) = self.clauses.get(ci + 1).filter(|c| c.kind == ClauseKind::Temporal) {
                if let Some(d) = dates.iter().find(|d| d.0 >= next.start && d.0 < next.end) {
                    result[ti] = Some(d.2);
                    continue;
                }
            }
            // 3. an unowned date in the sentence outside `kể từ` clauses,
            //    nearest to the trigger
            let free = (0..dates.len())
                .filter(|&di| owner[di].is_none() && self.clauses[self.clause_of[dates[di].0]].kind != ClauseKind::Since)
                .filter(|&di| dates[di].0 < t.start || self.units_between(t.end, dates[di].0) <= MAX_DATE_DISTANCE)
                .min_by_key(|&di| (dates[di].0 as isize - t.start as isize).unsigned_abs());
            if let Some(di) = free {
                result[ti] = Some(dates[di].2);
                continue;
            }
            // 4. the date of an earlier trigger of the sentence
            if let Some(prev) = (0..ti).rev().find_map(|p| result[p]) {
                result[ti] = Some(prev);
                continue;
            }
            // 5. `khi đó`: the time of the last event told
            if (0..self.words.len()).any(|i| self.phrase_at(&cues().then, i).is_some() && !(i > 0 && self.word(i - 1) == "trong")) {
                result[ti] = self.d.last_trigger_date;
            }
        }
        if let Some(last) = result.iter().rev().flatten().next() {
            self.d.last_trigger_date = Some(*last);
        }
        result
    }

    /// Words between two token positions, a whole reference counting as one.
    fn units_between(&self, from: usize, to: usize) -> usize {
        let mut units = 0;
        let mut k = from;
        while k < to {
            match self.refs.iter().find(|r| r.tok_start == k) {
                Some(r) => k = r.tok_end.max(k + 1),
                None => k += 1,
            }
            units += 1;
        }
        units
    }

    fn place(&self, trig: &Trigger) -> Option<Place> {
        let ci = self.clause_of[trig.start];
        let c = &self.clauses[ci];
        self.refs
            .iter()
            .filter(|r| r.place.is_some() && self.preceded_by(r, LOCATIVES))
            .find(|r| r.tok_start >= trig.end && r.tok_start < c.end)
            .or_else(|| self.refs.iter().find(|r| r.place.is_some() && self.preceded_by(r, LOCATIVES)))
            .and_then(|r| r.place.clone())
    }

    fn code_trigger(&mut self, ti: usize, trig: &Trigger<'l>, dates: &[Option<DateRange>], out: &mut Vec<Candidate>) {
        let pred = trig.pred;
        let ci = self.clause_of[trig.start];
        let clause = &self.clauses[ci];
        // Purposes are intentions, not events; accusations of intent are.
        if clause.kind == ClauseKind::Purpose && !pred.attr {
            return;
        }
        // The content of a verb that takes a complement is not a second event.
        if let Some(prev) = ti.checked_sub(1).map(|p| &self.triggers[p]) {
            if prev.pred.comp && self.clause_of[prev.start] == ci && trig.start <= prev.end + 6 && !pred.claim {
                return;
            }
        }
        // `kỷ niệm 70 năm ngày ký …`: an anniversary recalls an old event.
        if (trig.start.saturating_sub(6)..trig.start).any(|k| self.word(k) == "niệm" && k > 0 && self.word(k - 1) == "kỷ") {
            return;
        }
        // `thảo luận về kế hoạch thăm …`: a topic, not an event.
        let before: Vec<&str> = (trig.start.saturating_sub(2)..trig.start).map(|k| self.word(k)).collect();
        if before.iter().any(|w| matches!(*w, "về" | "hoạch")) && ti > 0 {
            return;
        }
        // A movement verb after another trigger is that trigger's direction.
        if pred.dest && pred.direct && !pred.noun && self.triggers[..ti].iter().any(|p| self.clause_of[p.start] == ci) {
            return;
        }
        // `gửi ôxy tới Ấn Độ`: goods travel, nobody visits; a delegation
        // sent (`cử phái đoàn tới`) does. A bare `đến`/`tới`/`sang` is a
        // visit only when a person or a delegation goes.
        let movement = pred.dest && pred.direct && !pred.noun;
        if movement {
            let c = &self.clauses[ci];
            let sent = (c.start..trig.start).any(|k| TRANSFER_VERBS.contains(&self.word(k)));
            let people = (c.start..trig.start).any(|k| DELEGATION_NOUNS.contains(&self.word(k)));
            if sent && !people {
                return;
            }
            let delegation = (c.start..trig.start).any(|k| matches!(self.word(k), "đoàn" | "phái"));
            if !delegation && !self.subject(trig).iter().any(|s| s.kind == EntityType::PER) {
                return;
            }
        }
        // Passives: `bị Mỹ trừng phạt` (agent, then the sufferer as subject);
        // without an agent the actor is unknown.
        let passive = self.passive_agent(trig);
        // `nhận được sự ủng hộ từ X`, `vấp phải sự phản đối từ X`: X acts,
        // the clause's subject receives.
        let from_source = self.source_after_tu(trig);
        let (sources, mut targets, mutual_ok);
        if let Some(giver) = from_source {
            sources = giver;
            targets = self.subject_in(ci, trig.start);
            mutual_ok = false;
        } else if let Some(agent) = passive {
            match agent {
                Some(agent) if !pred.recip => {
                    sources = agent;
                    targets = self.subject(trig);
                    mutual_ok = false;
                }
                None if !pred.recip => return,
                _ => {
                    sources = self.subject(trig);
                    targets = Vec::new();
                    mutual_ok = true;
                }
            }
        } else if pred.attr {
            let Some(speaker) = self.speaker.clone() else { return };
            sources = vec![speaker];
            targets = self.subject(trig);
            mutual_ok = false;
        } else if pred.noun || self.owned_by_next(trig) || self.nominalised(trig) {
            // A verb used as a noun (`hỗ trợ của Mỹ`) takes its owner.
            let Some((s, t)) = self.noun_roles(trig) else { return };
            sources = s;
            targets = t;
            mutual_ok = true;
        } else {
            sources = self.subject(trig);
            if sources.is_empty() {
                return;
            }
            // One acting state: its own people are not its partners. Several
            // (`A và B thông báo cho C`): each pair is checked when it is made.
            let mut exclude: Vec<String> = sources.iter().map(|s| s.code.clone()).collect();
            exclude.dedup();
            if exclude.len() > 1 {
                exclude.clear();
            }
            targets = self.target_after(trig, &exclude, None);
            if pred.dest && !pred.direct && !self.directed_target(trig) {
                targets.clear();
            }
            if targets.is_empty() && pred.dest && !pred.direct {
                targets = self.destination_before(trig, &exclude);
            }
            // `cung cấp vũ khí nhằm hậu thuẫn X`: the beneficiary of aid
            // is named in the purpose.
            if targets.is_empty() && pred.kind == EventType::AID {
                targets = self.purpose_beneficiary(trig, &exclude);
            }
            mutual_ok = true;
        }
        if sources.is_empty() {
            return;
        }
        // A test or a drill named as a noun has no recipient.
        if pred.monadic && pred.noun {
            targets.clear();
        }
        // Aid goes to an actor; troops sent to a region are a deployment.
        if pred.kind == EventType::AID {
            targets.retain(|t| t.kind != EntityType::LOC);
        }
        // `chúng tôi` in a quote is the speaker.
        let source_codes: Vec<String> = sources.iter().map(|s| s.code.clone()).collect();
        if targets.is_empty() && pred.towho {
            let recent = self.d.accusers.iter().rev().find(|(_, accused, sent)| source_codes.contains(accused) && self.s.index - sent <= 2);
            let any = self.d.accusers.iter().rev().find(|(_, _, sent)| self.s.index - sent <= 1);
            if let Some((acc, _, _)) = recent.or(any) {
                targets = vec![acc.clone()];
            }
        }
        let treaty = ["hiệp ước", "thỏa thuận", "hiệp định", "văn kiện", "công ước"]
            .map(|w| w.split(' ').map(String::from).collect::<Vec<_>>());
        if targets.is_empty() && pred.kind == EventType::AGREE && sources.len() == 1 && self.context_has(trig.start, trig.end, &treaty) {
            if let Some((a, b)) = &self.d.last_pair {
                if a.code == sources[0].code {
                    targets = vec![b.clone()];
                } else if b.code == sources[0].code {
                    targets = vec![a.clone()];
                }
            }
        }
        // A weak claim (`cho rằng`) is an accusation only when what it
        // claims is hostile or a transfer of arms.
        if pred.claim && pred.comp {
            let hostile = self.triggers[ti + 1..]
                .iter()
                .filter(|t| self.clauses[self.clause_of[t.start]].kind == ClauseKind::Claim)
                .any(|t| t.pred.kind.quad_class() >= 3 || t.pred.mode.as_deref() == Some("military"));
            if !hostile {
                return;
            }
        }
        let mut kind = pred.kind;
        let mut mode = pred.mode.clone();
        let mut cameo = pred.cameo.clone();
        let mut goldstein = pred.goldstein;
        let distinct_sources = {
            let mut c = source_codes.clone();
            c.dedup();
            c.len()
        };
        let mut pairs: Vec<(Slot, Option<Slot>, bool)> = Vec::new();
        // `hai bên nhất trí … Ukraine`: a mutual act of the pair; a third
        // party is its partner only after `với` (`nhất trí với X`).
        if distinct_sources >= 2 && pred.recip && mutual_ok && !targets.is_empty() && !self.target_after_with(trig) {
            targets.clear();
        }
        if targets.is_empty() {
            if distinct_sources >= 2 && mutual_ok && (pred.recip || matches!(kind, EventType::CONSULT | EventType::AGREE | EventType::COOPERATE)) {
                let b = sources.iter().find(|s| s.code != sources[0].code).cloned();
                pairs.push((sources[0].clone(), b, true));
            } else if pred.monadic || pred.lone.is_some() {
                if let Some(lone) = pred.lone {
                    kind = lone;
                    mode = None;
                    cameo = "154".into();
                    goldstein = crate::lexicon::goldstein("154").unwrap_or(goldstein);
                }
                let mut seen: Vec<&str> = Vec::new();
                for s in &sources {
                    if !seen.contains(&s.code.as_str()) {
                        seen.push(&s.code);
                        pairs.push((s.clone(), None, false));
                    }
                }
            }
        } else {
            for s in &sources {
                for t in &targets {
                    if s.code != t.code && !pairs.iter().any(|(a, b, _)| a.code == s.code && b.as_ref().is_some_and(|b| b.code == t.code)) {
                        pairs.push((s.clone(), Some(t.clone()), false));
                    }
                }
            }
        }
        if pairs.is_empty() {
            return;
        }
        let modality = self.modality(trig);
        let text_date = dates.get(ti).copied().flatten();
        let (date, basis) = match (text_date, self.published) {
            (Some(d), _) => (Some(d), Some("text".to_string())),
            (None, Some(p)) => (Some(DateRange { from: p, to: p, precision: Precision::Day }), Some("published".to_string())),
            (None, None) => (None, None),
        };
        let place = self.place(trig);
        let trig_start = self.toks[trig.start].start;
        let trig_end = self.toks[trig.end - 1].end;
        let reported_by = self.speaker.as_ref().filter(|sp| !source_codes.contains(&sp.code)).map(Slot::actor);
        for (source, target, mutual) in pairs {
            let event = Event {
                kind,
                mode: mode.clone(),
                source: source.actor(),
                target: target.as_ref().map(Slot::actor),
                date,
                date_basis: basis.clone(),
                place: place.clone(),
                modality,
                cameo: cameo.clone(),
                goldstein,
                quad_class: kind.quad_class(),
                reported_by: reported_by.clone(),
                evidence: Evidence { sentence: self.s.text.to_string(), start: self.s.offset, end: self.s.offset + self.s.text.len() },
                mentions: vec![EventMention {
                    sentence: self.s.index,
                    start: self.s.offset + trig_start,
                    end: self.s.offset + trig_end,
                    trigger: self.s.text[trig_start..trig_end].to_string(),
                }],
            };
            if kind == EventType::ACCUSE {
                if let Some(t) = &target {
                    self.d.accusers.push((source.clone(), t.code.clone(), self.s.index));
                }
            }
            out.push(Candidate { event, mutual, event_source: source, target });
        }
    }
}

/// A pair side named by anaphora: the state, not a particular person.
fn anonymous(s: &Slot) -> Slot {
    if s.named_person {
        Slot { entity: None, named_person: false, ..s.clone() }
    } else {
        s.clone()
    }
}

//! Names the knowledge base lacks, found and typed from the words around
//! them: `Công ty Cổ phần Hòa Phát` (ORG, BUS), `tỉnh Quảng Ngãi` (GPE),
//! `sông Hồng` (LOC), `Đại học Quốc gia Hà Nội` (ORG, EDU, in VNM), and
//! Vietnamese personal names by their family name (`Trần Thị Mai`).
//!
//! Runs after the knowledge-base recogniser: a name it already found is
//! left alone, except that a place inside an organisation's name (`Hà Nội`
//! in `Đại học Quốc gia Hà Nội`) becomes part of it and gives it its state.

use sukien_model::EntityType;

use crate::recognize::{is_word_char, lower_same_len};
use crate::{How, Kb, Reference};

/// A word that announces a name of some type: `(words, type, sector)`.
type Cue = (&'static str, EntityType, Option<&'static str>);

/// Words before an organisation's name. Longer cues first.
const ORG_CUES: &[Cue] = &[
    ("tổng công ty", EntityType::ORG, Some("BUS")),
    ("công ty cổ phần", EntityType::ORG, Some("BUS")),
    ("công ty", EntityType::ORG, Some("BUS")),
    ("tập đoàn", EntityType::ORG, Some("BUS")),
    ("ngân hàng", EntityType::ORG, Some("BUS")),
    ("hãng", EntityType::ORG, Some("BUS")),
    ("đại học", EntityType::ORG, Some("EDU")),
    ("trường đại học", EntityType::ORG, Some("EDU")),
    ("trường", EntityType::ORG, Some("EDU")),
    ("học viện", EntityType::ORG, Some("EDU")),
    ("viện", EntityType::ORG, Some("EDU")),
    ("bệnh viện", EntityType::ORG, Some("HLH")),
    ("báo", EntityType::ORG, Some("MED")),
    ("tạp chí", EntityType::ORG, Some("MED")),
    ("đài truyền hình", EntityType::ORG, Some("MED")),
    ("đài", EntityType::ORG, Some("MED")),
    ("tòa án nhân dân", EntityType::ORG, Some("JUD")),
    ("tòa án", EntityType::ORG, Some("JUD")),
    ("viện kiểm sát nhân dân", EntityType::ORG, Some("JUD")),
    ("công an", EntityType::ORG, Some("COP")),
    ("quân khu", EntityType::ORG, Some("MIL")),
    ("sư đoàn", EntityType::ORG, Some("MIL")),
    ("lữ đoàn", EntityType::ORG, Some("MIL")),
    ("ubnd", EntityType::ORG, Some("GOV")),
    ("ủy ban nhân dân", EntityType::ORG, Some("GOV")),
    ("hđnd", EntityType::ORG, Some("GOV")),
    ("sở", EntityType::ORG, Some("GOV")),
    ("cục", EntityType::ORG, Some("GOV")),
    ("tổng cục", EntityType::ORG, Some("GOV")),
    ("đảng", EntityType::ORG, Some("PTY")),
    ("hiệp hội", EntityType::ORG, Some("NGO")),
    ("hội", EntityType::ORG, Some("NGO")),
    ("liên đoàn", EntityType::ORG, Some("NGO")),
    ("quỹ", EntityType::ORG, Some("NGO")),
    ("câu lạc bộ", EntityType::ORG, Some("SPT")),
    ("clb", EntityType::ORG, Some("SPT")),
];

/// Words before the name of a place.
const PLACE_CUES: &[Cue] = &[
    ("thành phố", EntityType::GPE, None),
    ("tp.", EntityType::GPE, None),
    ("tp", EntityType::GPE, None),
    ("tỉnh", EntityType::GPE, None),
    ("huyện", EntityType::GPE, None),
    ("quận", EntityType::GPE, None),
    ("thị xã", EntityType::GPE, None),
    ("thị trấn", EntityType::GPE, None),
    ("xã", EntityType::GPE, None),
    ("phường", EntityType::GPE, None),
    ("bang", EntityType::GPE, None),
    ("sông", EntityType::LOC, None),
    ("núi", EntityType::LOC, None),
    ("hồ", EntityType::LOC, None),
    ("đảo", EntityType::LOC, None),
    ("quần đảo", EntityType::LOC, None),
    ("bán đảo", EntityType::LOC, None),
    ("vịnh", EntityType::LOC, None),
    ("đèo", EntityType::LOC, None),
    ("đường", EntityType::LOC, None),
    ("phố", EntityType::LOC, None),
    ("sân bay", EntityType::LOC, None),
    ("cảng", EntityType::LOC, None),
];

/// Vietnamese family names that start a personal name anywhere, even at the
/// start of a sentence (none is an ordinary word written with a capital).
const SURNAMES: &[&str] = &[
    "nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
    "ngô", "dương", "đoàn", "trịnh", "trương", "phùng", "đinh", "lương", "quách", "nghiêm", "khúc",
    "lưu", "triệu", "kiều", "vương", "tạ",
];

/// Family names that are also ordinary words or place names (`Hồ`, `Mai`,
/// `Cao`, `Lâm`): a name only with a middle name (`Văn`, `Thị`) or three
/// capitalised syllables, and never at the start of a sentence.
const WEAK_SURNAMES: &[&str] = &[
    "hồ", "mai", "cao", "lâm", "hà", "tô", "chu", "châu", "lý", "đào", "thái", "la", "giang",
    "tăng", "lại", "tôn", "thân", "mạc", "hứa", "từ", "diệp", "đàm", "bạch", "ông",
];

/// One word of the sentence.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

fn words(s: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    let mut prev = '\0';
    for (i, c) in s.char_indices() {
        let inside = is_word_char(c)
            // `Son-hui`, `Ri'ang`: joined words are one
            || (matches!(c, '-' | '\'') && start.is_some() && s[i + c.len_utf8()..].chars().next().is_some_and(is_word_char))
            // `TP.` keeps its dot when a name follows
            || (c == '.' && is_word_char(prev) && start.is_some_and(|a| lower_same_len(&s[a..i]) == "tp"));
        match (inside, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push(Word { start: a, end: i });
                start = None;
            }
            _ => {}
        }
        prev = c;
    }
    if let Some(a) = start {
        out.push(Word {
            start: a,
            end: s.len(),
        });
    }
    out
}

fn segmenter() -> &'static sukien_words::Segmenter {
    sukien_words::Segmenter::builtin()
}

fn capitalised(s: &str, w: Word) -> bool {
    s[w.start..w.end]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Words `i` and `i + 1` are separated by one space only.
fn joined(s: &str, ws: &[Word], i: usize) -> bool {
    ws.get(i + 1).is_some_and(|n| &s[ws[i].end..n.start] == " ")
}

fn sentence_start(s: &str, w: Word) -> bool {
    s[..w.start]
        .chars()
        .rev()
        .find(|c| !c.is_whitespace() && !matches!(c, '"' | '“' | '\'' | '(' | '-' | '–'))
        .is_none_or(|c| matches!(c, '.' | '!' | '?' | ':' | '…'))
}

/// Cues split into words once.
fn split_cues(cues: &'static [Cue]) -> Vec<(Vec<&'static str>, &'static Cue)> {
    cues.iter().map(|c| (c.0.split(' ').collect(), c)).collect()
}

fn org_cues() -> &'static [(Vec<&'static str>, &'static Cue)] {
    static CUES: std::sync::OnceLock<Vec<(Vec<&'static str>, &'static Cue)>> =
        std::sync::OnceLock::new();
    CUES.get_or_init(|| split_cues(ORG_CUES))
}

fn place_cues() -> &'static [(Vec<&'static str>, &'static Cue)] {
    static CUES: std::sync::OnceLock<Vec<(Vec<&'static str>, &'static Cue)>> =
        std::sync::OnceLock::new();
    CUES.get_or_init(|| split_cues(PLACE_CUES))
}

/// The cue of `cues` that starts at word `i` (its length in words);
/// `lower` holds the words in lower case.
fn cue_at(
    s: &str,
    ws: &[Word],
    lower: &[String],
    i: usize,
    cues: &'static [(Vec<&'static str>, &'static Cue)],
) -> Option<(usize, &'static Cue)> {
    let first = lower.get(i)?;
    cues.iter().find_map(|(parts, cue)| {
        let fits =
            parts[0] == first
                && parts.iter().enumerate().skip(1).all(|(k, p)| {
                    lower.get(i + k).is_some_and(|w| w == p) && joined(s, ws, i + k - 1)
                });
        fits.then_some((parts.len(), *cue))
    })
}

fn inside(refs: &[Reference], w: Word) -> Option<usize> {
    refs.iter().position(|r| r.start < w.end && w.start < r.end)
}

/// How a run may take in places the recogniser found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Swallow {
    Never,
    /// After the first word (`Đại học Quốc gia Hà Nội`).
    Inside,
    /// Anywhere, the name may be the place's (`UBND tỉnh Nghệ An`).
    Anywhere,
}

/// The capitalised run from word `i`: capitalised words (or numbers after
/// the first, `Quân khu 7`), one space apart, up to six; places the
/// recogniser found may be inside it as `swallow` says (their indexes are
/// returned). Stops at any other reference.
fn run(
    s: &str,
    ws: &[Word],
    i: usize,
    refs: &[Reference],
    swallow: Swallow,
) -> Option<(usize, Vec<usize>)> {
    let mut j = i;
    let mut swallowed = Vec::new();
    while j < ws.len() && j - i < 6 {
        let w = ws[j];
        let number = s[w.start..w.end].chars().all(|c| c.is_ascii_digit());
        // a name writes only the first syllable of each word with a capital
        // (`Quốc gia`, `Thương mại`): a lower-case syllable that makes a word
        // with the capitalised one before it belongs to the name
        let second_syllable =
            j > i && capitalised(s, ws[j - 1]) && segmenter().is_known(s, ws[j - 1].start..w.end);
        if !(capitalised(s, w) || (number && j > i) || second_syllable) {
            break;
        }
        if let Some(r) = inside(refs, w) {
            let place = matches!(refs[r].kind, EntityType::GPE | EntityType::LOC)
                && refs[r].start >= w.start;
            let may = match swallow {
                Swallow::Never => false,
                Swallow::Inside => j > i,
                Swallow::Anywhere => true,
            };
            if !(place && may) {
                break;
            }
            if !swallowed.contains(&r) {
                swallowed.push(r);
            }
            // skip the words of the swallowed place; a name that takes in
            // a place ends with it (`UBND TP Hà Nội | Trần Sỹ Thanh`)
            while j + 1 < ws.len() && ws[j + 1].start < refs[r].end {
                j += 1;
            }
            j += 1;
            break;
        }
        j += 1;
        if !joined(s, ws, j - 1) {
            break;
        }
    }
    (j > i).then_some((j, swallowed))
}

/// Adds to `refs` the names of sentence `s` the knowledge base lacks.
pub(crate) fn add_unlisted(kb: &Kb, s: &str, refs: &mut Vec<Reference>) {
    let ws = words(s);
    let lower: Vec<String> = ws
        .iter()
        .map(|w| lower_same_len(&s[w.start..w.end]))
        .collect();
    let mut found: Vec<(Reference, Vec<usize>)> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        if inside(refs, ws[i]).is_some() || found.iter().any(|(r, _)| ws[i].start < r.end) {
            i += 1;
            continue;
        }
        // an organisation, maybe of a place: `UBND tỉnh Quảng Ngãi`
        let org = cue_at(s, &ws, &lower, i, org_cues());
        let mut after = org.map_or(i, |(n, _)| i + n);
        // a place cue after the organisation's (`UBND tỉnh`), unless a place
        // the base lists begins there, cue word and all (`tỉnh Quảng Ninh`):
        // the run then takes that place in
        let place = if org.is_some()
            && after > i
            && joined(s, &ws, after - 1)
            && after < ws.len()
            && inside(refs, ws[after]).is_none()
        {
            cue_at(s, &ws, &lower, after, place_cues())
        } else if org.is_none() && (!capitalised(s, ws[i]) || sentence_start(s, ws[i])) {
            // `hồ Gươm` is a lake, `Hồ Văn Nam` a person
            cue_at(s, &ws, &lower, i, place_cues())
        } else {
            None
        };
        if let Some((n, _)) = place {
            after += n;
        }
        // a lower-case cue inside a longer word is none (`báo` in `cảnh
        // báo`); a capital starts a name (`Giám đốc Công ty`, not `đốc công`)
        let in_a_word = i > 0
            && !capitalised(s, ws[i])
            && joined(s, &ws, i - 1)
            && segmenter().is_known(s, ws[i - 1].start..ws[i].end);
        if let Some((_, cue)) = org.or(place).filter(|_| !in_a_word) {
            // `Đại học Hà Nội`, `UBND tỉnh Nghệ An` are named after a place;
            // lower-case `báo Nga` is the Russian press, no one paper
            let swallow = match (org, place) {
                (None, _) => Swallow::Never,
                (Some(_), Some(_)) => Swallow::Anywhere,
                (Some(_), None) if capitalised(s, ws[i]) => Swallow::Anywhere,
                (Some(_), None) => Swallow::Inside,
            };
            if after > i && after < ws.len() && joined(s, &ws, after - 1) {
                if let Some((end, swallowed)) = run(s, &ws, after, refs, swallow) {
                    let actor = swallowed
                        .iter()
                        .find_map(|&r| refs[r].actor.clone())
                        .filter(|_| org.is_some());
                    found.push((
                        Reference {
                            start: ws[i].start,
                            end: ws[end - 1].end,
                            kind: cue.1,
                            entity: None,
                            actor,
                            sector: cue.2.map(String::from),
                            office: None,
                            name: Some((ws[after].start, ws[end - 1].end)),
                            how: How::Cue,
                        },
                        swallowed,
                    ));
                    i = end;
                    continue;
                }
            }
        }
        if let Some(end) = personal_name(s, &ws, &lower, i, refs) {
            let (a, b) = (ws[i].start, ws[end - 1].end);
            found.push((
                Reference {
                    start: a,
                    end: b,
                    kind: EntityType::PER,
                    entity: kb.find_person_by_name(&s[a..b]),
                    actor: None,
                    sector: None,
                    office: None,
                    name: Some((a, b)),
                    how: How::UnknownName,
                },
                Vec::new(),
            ));
            i = end;
            continue;
        }
        i += 1;
    }
    if found.is_empty() {
        return;
    }
    let mut gone: Vec<usize> = found.iter().flat_map(|(_, s)| s.iter().copied()).collect();
    gone.sort_unstable();
    gone.dedup();
    for r in gone.into_iter().rev() {
        refs.remove(r);
    }
    refs.extend(found.into_iter().map(|(r, _)| r));
    refs.sort_by_key(|r| r.start);
}

/// A Vietnamese personal name starting at word `i` (its end), known by its
/// family name.
fn personal_name(
    s: &str,
    ws: &[Word],
    lower: &[String],
    i: usize,
    refs: &[Reference],
) -> Option<usize> {
    let first = &lower[i];
    let strong = SURNAMES.contains(&first.as_str());
    let weak = WEAK_SURNAMES.contains(&first.as_str());
    if !(strong || weak) || !capitalised(s, ws[i]) {
        return None;
    }
    if weak && sentence_start(s, ws[i]) {
        return None;
    }
    let mut j = i + 1;
    while j < ws.len()
        && j - i < 4
        && joined(s, ws, j - 1)
        && capitalised(s, ws[j])
        && inside(refs, ws[j]).is_none()
    {
        j += 1;
    }
    let len = j - i;
    let middle = lower.get(i + 1);
    let has_middle = matches!(middle.map(String::as_str), Some("văn" | "thị"));
    let enough = if strong {
        len >= 2
    } else {
        len >= 3 || (len >= 2 && has_middle)
    };
    // a run that goes on into a listed name is something else (`Hồ Chí Minh`)
    let runs_on = j < ws.len()
        && joined(s, ws, j - 1)
        && inside(refs, ws[j]).is_some()
        && capitalised(s, ws[j]);
    (enough && !runs_on).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(s: &str) -> Vec<(String, &'static str, Option<String>, Option<String>)> {
        let kb = Kb::builtin();
        kb.recognize(s, chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap())
            .into_iter()
            .map(|r| {
                (
                    s[r.start..r.end].to_string(),
                    r.kind.as_str(),
                    r.actor,
                    r.sector,
                )
            })
            .collect()
    }

    fn has(s: &str, text: &str, kind: &str) -> bool {
        found(s).iter().any(|f| f.0 == text && f.1 == kind)
    }

    #[test]
    fn organisations_and_places_by_their_cue() {
        let s = "Ông Nguyễn Văn Bình, Giám đốc Công ty Cổ phần Hòa Phát, cho biết sẽ mở nhà máy tại tỉnh Quảng Ngãi.";
        assert!(has(s, "Công ty Cổ phần Hòa Phát", "ORG"), "{:?}", found(s));
        // a province the base lists is the base's
        assert!(
            found(s)
                .iter()
                .any(|f| f.0.ends_with("Quảng Ngãi") && f.2.as_deref() == Some("VNM")),
            "{:?}",
            found(s)
        );
        assert!(has(
            "Lũ quét ở huyện Tân Lập Đông.",
            "huyện Tân Lập Đông",
            "GPE"
        ));
        let s = "Đại diện Đại học Quốc gia Hà Nội có mặt.";
        let f = found(s);
        let uni = f
            .iter()
            .find(|f| f.0 == "Đại học Quốc gia Hà Nội")
            .expect("the university");
        assert_eq!(
            (uni.1, uni.2.as_deref(), uni.3.as_deref()),
            ("ORG", Some("VNM"), Some("EDU"))
        );
        assert!(!f.iter().any(|f| f.0 == "Hà Nội"), "{f:?}");
        let f = found("Chủ tịch UBND tỉnh Nghệ An Nguyễn Đức Trung phát biểu.");
        assert!(
            f.iter().any(|f| f.0 == "Nguyễn Đức Trung" && f.1 == "PER"),
            "{f:?}"
        );
        assert!(has("Lũ trên sông Hồng dâng cao.", "sông Hồng", "LOC"));
        assert!(has(
            "Chủ tịch UBND tỉnh Nghệ An ký quyết định.",
            "UBND tỉnh Nghệ An",
            "ORG"
        ));
        assert!(!found("Họ cảnh báo Mỹ về hậu quả.")
            .iter()
            .any(|f| f.1 == "ORG"));
    }

    #[test]
    fn vietnamese_personal_names_by_family_name() {
        assert!(has(
            "Theo Trần Thị Mai, giá sẽ tăng.",
            "Trần Thị Mai",
            "PER"
        ));
        assert!(has("Nguyễn Quang Hải ghi bàn.", "Nguyễn Quang Hải", "PER"));
        // a weak family name needs a middle name or three syllables, and not at the start
        assert!(!found("Mai Anh đi học.").iter().any(|f| f.1 == "PER"));
        assert!(has("Anh ấy gặp Hồ Văn Nam hôm qua.", "Hồ Văn Nam", "PER"));
        // no cue, no family name: nothing
        assert!(found("Hôm nay trời đẹp.").is_empty());
    }

    #[test]
    fn listed_names_are_left_alone() {
        let f = found("Bộ Ngoại giao Nga ra tuyên bố.");
        assert!(f.iter().any(|f| f.2.as_deref() == Some("RUS")), "{f:?}");
        assert!(has(
            "Tổng thống Mỹ Joe Biden phát biểu.",
            "Tổng thống Mỹ Joe Biden",
            "PER"
        ));
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_stays_inside(s in "(\\PC| |\\.|-|'|[A-ZĐ][a-zđ]{0,4}){0,40}") {
            let kb = Kb::builtin();
            for r in kb.recognize(&s, chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()) {
                proptest::prop_assert!(r.start < r.end && r.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end));
            }
        }
    }
}

//! Finds date expressions over the token stream and keeps them as
//! anchor-free values ([`Val`]); [`resolve`] places them in the calendar.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};
use sukien_model::{DateRange, Precision};

use crate::lex::{tokenize, Kind, Tok};
use crate::TimeKind;

/// `đầu` / `giữa` / `cuối` (early / middle / late part of a period).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sub {
    Early,
    Mid,
    Late,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn days(self) -> u32 {
        match self {
            Unit::Day => 1,
            Unit::Week => 7,
            Unit::Month => 30,
            Unit::Year => 365,
        }
    }
    fn precision(self) -> Precision {
        match self {
            Unit::Day => Precision::Day,
            Unit::Week => Precision::Week,
            Unit::Month => Precision::Month,
            Unit::Year => Precision::Year,
        }
    }
}

/// A date expression's meaning before it is placed against an anchor.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Abs(DateRange),
    /// `29/1`: the year comes from the anchor.
    DayMonth {
        d: u32,
        m: u32,
    },
    /// `tháng 6`: the year comes from the anchor.
    Month {
        m: u32,
    },
    /// `tháng 6 năm nay` (dy 0), `tháng 6 năm ngoái` (dy -1).
    MonthRel {
        m: u32,
        dy: i32,
    },
    /// `tháng 6 tới` (+1), `tháng 6 vừa qua` (-1), `tháng 6 này` (0).
    MonthNear {
        m: u32,
        dir: i32,
    },
    /// `quý 3` (dy None: nearest), `quý 3 năm nay` (Some(0)).
    Quarter {
        q: u32,
        dy: Option<i32>,
    },
    /// Day offsets from the anchor (`hôm qua` = -1..-1).
    RelDays {
        from: i64,
        to: i64,
    },
    RelWeek(i32),
    RelMonth(i32),
    RelYear(i32),
    /// `3 ngày trước` (n 3), `2 tuần nữa` (n -2).
    Back {
        n: i64,
        unit: Unit,
    },
    /// `hai năm qua` (dir -1), `3 ngày tới` (dir +1): a span touching the anchor.
    Span {
        n: i64,
        unit: Unit,
        dir: i32,
    },
    Weekday {
        wd: Weekday,
        week: Option<i32>,
    },
    Duration {
        days: u32,
    },
    Range(Box<Val>, Box<Val>),
    /// `trong hai ngày, từ ngày 29/1`.
    DurFrom {
        start: Box<Val>,
        days: u32,
    },
    Narrow(Box<Val>, Sub),
}

impl Val {
    fn is_date(&self) -> bool {
        !matches!(
            self,
            Val::Duration { .. } | Val::Span { .. } | Val::Range(..) | Val::DurFrom { .. }
        )
    }
    fn is_day_like(&self) -> bool {
        match self {
            Val::DayMonth { .. } => true,
            Val::Abs(r) => r.precision == Precision::Day,
            _ => false,
        }
    }
    pub(crate) fn kind(&self) -> TimeKind {
        match self {
            Val::Duration { .. } => TimeKind::Duration,
            Val::Range(..) | Val::DurFrom { .. } | Val::Span { .. } => TimeKind::Range,
            _ => TimeKind::Point,
        }
    }
    pub(crate) fn duration_days(&self) -> Option<u32> {
        match self {
            Val::Duration { days } | Val::DurFrom { days, .. } => Some(*days),
            _ => None,
        }
    }
}

/// One expression found by the scanner.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub t0: usize,
    pub t1: usize,
    pub start: usize,
    pub end: usize,
    pub val: Val,
    /// A future marker (`sẽ`, `dự kiến`, …) stands before it in its sentence.
    pub future: bool,
    /// Given as today (`sáng nay 21/4`, `hôm nay (16.1)`).
    pub today: bool,
    /// Introduced by `hôm`: Vietnamese news uses it for past days.
    pub past: bool,
    /// The lowercased word just before the expression (`đến` in `đến năm
    /// 2030` marks a target, not a past fact).
    pub prev_word: String,
    /// The weekday named with a date (`thứ Hai (29/1)`).
    pub weekday: Option<Weekday>,
}

const PART_OF_DAY: &[&str] = &["sáng", "trưa", "chiều", "tối", "đêm", "khuya"];
const PREV_TRIGGERS: &[&str] = &[
    "vào", "từ", "đến", "tới", "hồi", "trước", "sau", "tính", "kể", "trong", "và", "hoặc", "hay",
    "cho", "tại", "lúc",
];
/// Words after a number that make it a quantity, not a date.
const UNIT_WORDS: &[&str] = &[
    "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "trăm", "đồng", "usd", "euro", "km", "m", "kg", "tấn",
    "lần", "điểm", "người", "giờ", "phút", "giây", "năm", "tháng", "ngày", "tuần", "tuổi", "ha",
    "lít", "độ", "triệu/", "bàn", "trận", "ca", "học", "thành", "đơn", "%",
];
/// Words after `a/b` that make it a fraction (`2/3 số người`).
const FRACTION_NEXT: &[&str] = &[
    "số", "trong", "tổng", "dân", "diện", "thời", "lượng", "người", "cử", "sân", "trận", "ca",
    "phần", "giá", "chiều", "quãng", "đoạn", "còn", "lần", "giờ", "điểm", "câu", "bài",
];
const FRACTION_PREV: &[&str] = &[
    "chiếm", "lệ", "khoảng", "gần", "hơn", "tới", "đến", "số", "còn",
];
const ORDINAL_PREV: &[&str] = &[
    "lần", "hạng", "vị", "ngôi", "vòng", "kỳ", "khóa", "khoá", "đợt", "phần", "người", "số", "thế",
    "hàng", "top", "đứng", "xếp", "giải", "lớp", "bậc", "cấp", "tầng", "chương", "bước", "mùa",
    "tập", "trận", "phiên", "điểm", "quý", "cái", "con", "chiếc", "nước",
];

struct Scanner<'a> {
    toks: &'a [Tok],
}

impl<'a> Scanner<'a> {
    fn tok(&self, i: usize) -> Option<&'a Tok> {
        self.toks.get(i)
    }
    fn w(&self, i: usize) -> &'a str {
        match self.toks.get(i) {
            Some(t) if t.kind == Kind::Word => t.lower.as_str(),
            _ => "",
        }
    }
    fn prev_w(&self, i: usize) -> &'a str {
        if i == 0 {
            ""
        } else {
            self.w(i - 1)
        }
    }
    fn punct(&self, i: usize, c: char) -> bool {
        self.tok(i).is_some_and(|t| t.is_punct(c))
    }
    fn is_conn(&self, i: usize) -> Option<usize> {
        if self.punct(i, '-') || self.punct(i, '–') || self.punct(i, '—') {
            return Some(i + 1);
        }
        match self.w(i) {
            "đến" | "tới" => Some(i + 1),
            "cho" if self.w(i + 1) == "đến" || self.w(i + 1) == "tới" => Some(i + 2),
            _ => None,
        }
    }

    /// `tới Triều Tiên`: `tới`/`đến` before a name means "to", not "next".
    fn toward_place(&self, i: usize) -> bool {
        matches!(self.w(i), "tới" | "đến")
            && self
                .tok(i + 1)
                .is_some_and(|t| t.kind == Kind::Word && t.cap)
    }

    fn sub_at(&self, i: usize) -> (Option<Sub>, usize) {
        match self.w(i) {
            "đầu" => (Some(Sub::Early), i + 1),
            "giữa" => (Some(Sub::Mid), i + 1),
            "cuối" => (Some(Sub::Late), i + 1),
            _ => (None, i),
        }
    }

    /// A part of day: `sáng`, `rạng sáng`, `nửa đêm`, `chiều tối`.
    fn pod_at(&self, i: usize) -> Option<usize> {
        let mut j = i;
        if (self.w(j) == "rạng" && self.w(j + 1) == "sáng")
            || (self.w(j) == "nửa" && self.w(j + 1) == "đêm")
        {
            j += 2;
        } else if PART_OF_DAY.contains(&self.w(j)) {
            j += 1;
        } else {
            return None;
        }
        if matches!(self.w(j), "sớm" | "muộn" | "khuya" | "tối") {
            j += 1;
        }
        Some(j)
    }

    /// A count: `3`, `hai`, `mười lăm`, `hai mươi`.
    fn count_at(&self, i: usize) -> Option<(i64, usize)> {
        if let Some(t) = self.tok(i) {
            if let Some(p) = t.single() {
                if p.value <= 10_000 {
                    return Some((p.value as i64, i + 1));
                }
                return None;
            }
        }
        let unit = |s: &str| -> Option<i64> {
            Some(match s {
                "một" | "mốt" => 1,
                "hai" => 2,
                "ba" => 3,
                "bốn" | "tư" => 4,
                "năm" | "lăm" => 5,
                "sáu" => 6,
                "bảy" => 7,
                "tám" => 8,
                "chín" => 9,
                _ => return None,
            })
        };
        let a = self.w(i);
        // `năm` after `mười`/`mươi` is 5 only when a unit follows
        // (`mười năm ngày`); otherwise it is the unit `năm` (year).
        let five_ok = |k: usize| self.w(k) != "năm" || self.unit_at(k + 1).is_some();
        if a == "mười" {
            if let Some(u) = unit(self.w(i + 1)).filter(|_| five_ok(i + 1)) {
                if self.w(i + 1) != "tư" && self.w(i + 1) != "mốt" || u == 1 {
                    return Some((10 + u, i + 2));
                }
            }
            return Some((10, i + 1));
        }
        if a == "vài" {
            return Some((3, i + 1));
        }
        let u = unit(a)?;
        if a == "lăm" || a == "mốt" {
            return None;
        }
        if self.w(i + 1) == "mươi" {
            if let Some(v) = unit(self.w(i + 2)).filter(|_| five_ok(i + 2)) {
                return Some((u * 10 + v, i + 3));
            }
            return Some((u * 10, i + 2));
        }
        Some((u, i + 1))
    }

    fn unit_at(&self, i: usize) -> Option<Unit> {
        match self.w(i) {
            "ngày" => Some(Unit::Day),
            "tuần" => Some(Unit::Week),
            "tháng" => Some(Unit::Month),
            "năm" => Some(Unit::Year),
            _ => None,
        }
    }

    /// A month number after `tháng`: `6`, `sáu`, `mười hai`, `giêng`.
    fn month_at(&self, i: usize) -> Option<(u32, usize)> {
        if let Some(p) = self.tok(i).and_then(|t| t.single()) {
            return ((1..=12).contains(&p.value) && p.len <= 2).then_some((p.value, i + 1));
        }
        if self.w(i) == "giêng" {
            return Some((1, i + 1));
        }
        let (n, j) = self.count_at(i)?;
        if self.w(i) == "vài" || !(1..=12).contains(&n) {
            return None;
        }
        Some((n as u32, j))
    }

    fn year_at(&self, i: usize) -> Option<i32> {
        self.tok(i).and_then(|t| t.year())
    }

    /// Relative year words after `năm` (`nay`, `ngoái`, …).
    fn rel_year_word(&self, i: usize) -> Option<(i32, usize)> {
        match self.w(i) {
            "nay" => Some((0, i + 1)),
            "ngoái" => Some((-1, i + 1)),
            "kia" => Some((-2, i + 1)),
            "trước" if !matches!(self.w(i + 1), "đó" | "nữa") => Some((-1, i + 1)),
            "tới" => Some((1, i + 1)),
            "sau" if !matches!(self.w(i + 1), "đó" | "nữa") => Some((1, i + 1)),
            "tiếp" if self.w(i + 1) == "theo" => Some((1, i + 2)),
            _ => None,
        }
    }

    /// The date core of a day expression: `29/1`, `16.1`, `27/7/1953`,
    /// `2023-01-29`, `15-17/1`, `3 tháng 3 năm 2017` (the last only when
    /// `words_ok`, i.e. after `ngày`/`mùng`).
    fn day_core(&self, i: usize, trig: bool, words_ok: bool) -> Option<(Val, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.glued_after {
            return None;
        }
        let p = &t.parts;
        let s = &t.seps;
        let next_w = self.w(i + 1);
        let next_is_unit = UNIT_WORDS.contains(&next_w) || self.punct(i + 1, '%');
        let small = |k: usize| p[k].len <= 2;
        match (p.len(), s.as_slice()) {
            (1, _) if words_ok => {
                let d = p[0].value;
                if !(1..=31).contains(&d) || !small(0) || self.w(i + 1) != "tháng" {
                    return None;
                }
                let mt = self.tok(i + 2)?;
                if mt.kind == Kind::Num
                    && mt.parts.len() == 2
                    && !mt.glued_after
                    && matches!(mt.seps[0], '/' | '.' | '-')
                    && mt.parts[1].len == 4
                {
                    let (m, y) = (mt.parts[0].value, mt.parts[1].value as i32);
                    return day_abs(y, m, d).map(|v| (v, i + 3));
                }
                let (m, j) = self.month_at(i + 2)?;
                if self.w(j) == "năm" {
                    if let Some(y) = self.year_at(j + 1) {
                        return day_abs(y, m, d).map(|v| (v, j + 2));
                    }
                }
                valid_dm(d, m).then_some((Val::DayMonth { d, m }, j))
            }
            (2, [sep]) => {
                let (d, m) = (p[0].value, p[1].value);
                // ISO year-month `2023-01`.
                if *sep == '-' && p[0].len == 4 && p[1].len == 2 {
                    let y = p[0].value as i32;
                    return month_range(y, m)
                        .filter(|_| (1000..=2100).contains(&y))
                        .map(|r| (Val::Abs(r), i + 1));
                }
                if !small(0) || !small(1) || !valid_dm(d, m) {
                    return None;
                }
                let ok = match sep {
                    '/' => {
                        trig || !(FRACTION_NEXT.contains(&next_w)
                            || FRACTION_PREV.contains(&self.prev_w(i))
                            || next_is_unit)
                    }
                    '.' | '-' => trig && !next_is_unit,
                    _ => false,
                };
                ok.then_some((Val::DayMonth { d, m }, i + 1))
            }
            (3, [a, b]) if a == b && matches!(a, '/' | '.' | '-') => {
                if p[0].len == 4 && p[1].len <= 2 && p[2].len <= 2 {
                    // ISO `2023-01-29`.
                    let y = p[0].value as i32;
                    return day_abs(y, p[1].value, p[2].value).map(|v| (v, i + 1));
                }
                if small(0) && small(1) && p[2].len == 4 {
                    let y = p[2].value as i32;
                    return day_abs(y, p[1].value, p[0].value).map(|v| (v, i + 1));
                }
                None
            }
            (3, ['-', b]) if matches!(b, '/' | '.') => {
                // `15-17/1`
                let (d1, d2, m) = (p[0].value, p[1].value, p[2].value);
                if !(small(0) && small(1) && small(2)) || d1 >= d2 || !valid_dm(d2, m) {
                    return None;
                }
                if *b == '.' && !trig {
                    return None;
                }
                Some((
                    Val::Range(
                        Box::new(Val::DayMonth { d: d1, m }),
                        Box::new(Val::DayMonth { d: d2, m }),
                    ),
                    i + 1,
                ))
            }
            (4, ['-', b, c]) if b == c && matches!(b, '/' | '.') && p[3].len == 4 => {
                // `15-17/1/2023`
                let y = p[3].value as i32;
                let (d1, d2, m) = (p[0].value, p[1].value, p[2].value);
                let a = ymd(y, m, d1)?;
                let z = ymd(y, m, d2)?;
                (a < z).then_some((
                    Val::Range(
                        Box::new(Val::Abs(day_range(a, a))),
                        Box::new(Val::Abs(day_range(z, z))),
                    ),
                    i + 1,
                ))
            }
            (4, [a, '-', c]) if a == c && matches!(a, '/' | '.') => {
                // `29/1-2/2`
                let (d1, m1, d2, m2) = (p[0].value, p[1].value, p[2].value, p[3].value);
                if !(p.iter().all(|x| x.len <= 2) && valid_dm(d1, m1) && valid_dm(d2, m2)) {
                    return None;
                }
                if *a == '.' && !trig {
                    return None;
                }
                Some((
                    Val::Range(
                        Box::new(Val::DayMonth { d: d1, m: m1 }),
                        Box::new(Val::DayMonth { d: d2, m: m2 }),
                    ),
                    i + 1,
                ))
            }
            _ => None,
        }
    }

    /// `[sáng|tối|rạng sáng …] [nay] [ngày|hôm] [mùng] [(] CORE [)]`.
    fn m_dayform(&self, i: usize) -> Option<(Val, usize, bool, bool)> {
        let mut j = i;
        let mut trig = false;
        let mut today = false;
        let mut past = false;
        let mut words_ok = false;
        if let Some(k) = self.pod_at(j) {
            j = k;
            trig = true;
            if self.w(j) == "nay" {
                today = true;
                j += 1;
            } else if matches!(self.w(j), "qua" | "mai") {
                j += 1;
            }
        }
        if self.w(j) == "ngày" && self.w(j + 1) == "hôm" {
            j += 1;
        }
        if self.w(j) == "ngày" || self.w(j) == "hôm" {
            past |= self.w(j) == "hôm";
            trig = true;
            words_ok = true;
            j += 1;
            match self.w(j) {
                "nay" => {
                    today = true;
                    j += 1;
                }
                "qua" | "kia" | "mai" => j += 1,
                _ => {}
            }
        }
        if matches!(self.w(j), "mùng" | "mồng") {
            trig = true;
            words_ok = true;
            j += 1;
        }
        let paren = self.punct(j, '(');
        if paren {
            j += 1;
            trig = true;
        }
        if j == i {
            // No prefix: look at the word before.
            let pw = self.prev_w(i);
            trig = PREV_TRIGGERS.contains(&pw)
                || (i > 0 && self.punct(i - 1, '('))
                || (i > 0 && self.punct(i - 1, ',') && self.weekday_before(i - 1));
        }
        let (val, mut k) = self.day_core(j, trig, words_ok)?;
        if paren {
            if self.punct(k, ')') {
                k += 1;
            } else {
                return None;
            }
        }
        Some((val, k, today, past))
    }

    fn weekday_before(&self, i: usize) -> bool {
        i > 0 && self.weekday_at(i - 1, true).is_some()
            || i > 1 && self.w(i - 2) == "chủ" && self.w(i - 1) == "nhật"
    }

    /// A weekday name ending at or starting at `i`; `loose` accepts
    /// lowercase names (after a day trigger).
    fn weekday_at(&self, i: usize, loose: bool) -> Option<(Weekday, usize)> {
        if self.w(i) == "chủ" && self.w(i + 1) == "nhật" {
            return Some((Weekday::Sun, i + 2));
        }
        if self.w(i) != "thứ" {
            // Called with `i` on the day word (`Hai` of `thứ Hai`).
            if i > 0 && self.w(i - 1) == "thứ" {
                return self.weekday_at(i - 1, loose);
            }
            return None;
        }
        if ORDINAL_PREV.contains(&self.prev_w(i)) {
            return None;
        }
        let t = self.tok(i + 1)?;
        let wd = match t.kind {
            Kind::Word => {
                if !(t.cap || loose) {
                    return None;
                }
                match t.lower.as_str() {
                    "hai" => Weekday::Mon,
                    "ba" => Weekday::Tue,
                    "tư" => Weekday::Wed,
                    "năm" => Weekday::Thu,
                    "sáu" => Weekday::Fri,
                    "bảy" => Weekday::Sat,
                    _ => return None,
                }
            }
            Kind::Num if loose => match t.single()?.value {
                2 => Weekday::Mon,
                3 => Weekday::Tue,
                4 => Weekday::Wed,
                5 => Weekday::Thu,
                6 => Weekday::Fri,
                7 => Weekday::Sat,
                _ => return None,
            },
            _ => return None,
        };
        Some((wd, i + 2))
    }

    fn m_weekday(&self, i: usize) -> Option<(Val, usize)> {
        let mut j = i;
        let mut loose = false;
        if let Some(k) = self.pod_at(j) {
            j = k;
            loose = true;
        }
        if matches!(self.w(j), "hôm" | "ngày") {
            j += 1;
            loose = true;
        }
        if j == i {
            loose = matches!(
                self.prev_w(i),
                "vào" | "từ" | "đến" | "hôm" | "ngày" | "tới"
            );
        }
        let (wd, mut k) = self.weekday_at(j, loose)?;
        if self.w(j) != "chủ" && !self.tok(j + 1)?.cap && !loose {
            return None;
        }
        let mut week = None;
        if self.w(k) == "tuần" {
            let off = match self.w(k + 1) {
                "trước" | "qua" => Some(-1),
                "này" | "nay" => Some(0),
                "tới" | "sau" => Some(1),
                _ => None,
            };
            if off.is_some() {
                week = off;
                k += 2;
            }
        }
        Some((Val::Weekday { wd, week }, k))
    }

    /// `tháng 9/2023`, `tháng 6 năm nay`, `cuối tháng 5`, `tháng trước`.
    fn m_month(&self, i: usize) -> Option<(Val, usize)> {
        let (sub, j) = self.sub_at(i);
        if self.w(j) != "tháng" {
            return None;
        }
        let j = j + 1;
        let wrap = |v: Val| match sub {
            Some(s) => Val::Narrow(Box::new(v), s),
            None => v,
        };
        if let Some(t) = self.tok(j) {
            if t.kind == Kind::Num && t.parts.len() == 2 && !t.glued_after {
                let (m, y) = (t.parts[0], t.parts[1]);
                if matches!(t.seps[0], '/' | '.' | '-') && m.len <= 2 && y.len == 4 {
                    let r = month_range(y.value as i32, m.value)?;
                    return Some((wrap(Val::Abs(r)), j + 1));
                }
                return None;
            }
        }
        if let Some((m, k)) = self.month_at(j) {
            if self.w(k) == "năm" {
                if let Some(y) = self.year_at(k + 1) {
                    return Some((wrap(Val::Abs(month_range(y, m)?)), k + 2));
                }
                if let Some((dy, e)) = self.rel_year_word(k + 1) {
                    return Some((wrap(Val::MonthRel { m, dy }), e));
                }
            }
            let (v, e) = match (self.w(k), self.w(k + 1)) {
                ("này" | "nay", _) => (Val::MonthNear { m, dir: 0 }, k + 1),
                ("tới", _) | ("sắp", "tới") => (
                    Val::MonthNear { m, dir: 1 },
                    if self.w(k) == "sắp" { k + 2 } else { k + 1 },
                ),
                ("vừa", "qua") => (Val::MonthNear { m, dir: -1 }, k + 2),
                ("qua", _) => (Val::MonthNear { m, dir: -1 }, k + 1),
                _ => (Val::Month { m }, k),
            };
            return Some((wrap(v), e));
        }
        let (dm, e) = match (self.w(j), self.w(j + 1)) {
            ("trước", n) | ("qua", n) if n != "đó" => (-1, j + 1),
            ("vừa", "qua") => (-1, j + 2),
            ("này", _) | ("nay", _) => (0, j + 1),
            ("tới", _) => (1, j + 1),
            ("sau", n) if n != "đó" => (1, j + 1),
            _ => return None,
        };
        Some((wrap(Val::RelMonth(dm)), e))
    }

    /// `năm 2025`, `cuối năm 1999`, `năm ngoái`, `thập niên 1990`, `quý 3`,
    /// `năm 2020 - 2021`, and a bare year after a trigger word.
    fn m_year(&self, i: usize) -> Option<(Val, usize)> {
        let (sub, j) = self.sub_at(i);
        let wrap = |v: Val| match sub {
            Some(s) => Val::Narrow(Box::new(v), s),
            None => v,
        };
        if self.w(j) == "năm" {
            if let Some(y) = self.year_at(j + 1) {
                if let Some(k) = self.is_conn(j + 2) {
                    let k = if self.w(k) == "năm" { k + 1 } else { k };
                    if let Some(y2) = self.year_at(k) {
                        if let Some(v) = self.year_span(y, y2) {
                            return Some((v, k + 1));
                        }
                    }
                }
                return Some((wrap(Val::Abs(year_range(y)?)), j + 2));
            }
            if self.w(j + 1) == "qua" && sub.is_none() {
                return Some((
                    Val::Span {
                        n: 1,
                        unit: Unit::Year,
                        dir: -1,
                    },
                    j + 2,
                ));
            }
            if self.w(j + 1) == "vừa" && self.w(j + 2) == "qua" && sub.is_none() {
                return Some((
                    Val::Span {
                        n: 1,
                        unit: Unit::Year,
                        dir: -1,
                    },
                    j + 3,
                ));
            }
            if let Some((dy, e)) = self.rel_year_word(j + 1) {
                return Some((wrap(Val::RelYear(dy)), e));
            }
            return None;
        }
        if sub.is_some() {
            if let Some(y) = self.year_at(j) {
                if !UNIT_WORDS.contains(&self.w(j + 1)) {
                    return Some((wrap(Val::Abs(year_range(y)?)), j + 1));
                }
            }
        }
        // Decades: `thập niên 1990`, `thập kỷ 90`, `những năm 1990`.
        let decade_word = (self.w(j) == "thập" && matches!(self.w(j + 1), "niên" | "kỷ" | "kỉ"))
            || (self.w(j) == "những" && self.w(j + 1) == "năm");
        let dk = decade_word.then_some(j + 2);
        if let Some(k) = dk {
            let p = self.tok(k).and_then(|t| t.single())?;
            let start = match p.len {
                4 if p.value % 10 == 0 && (1000..=2100).contains(&p.value) => p.value as i32,
                2 if p.value % 10 == 0 => 1900 + p.value as i32,
                _ => return None,
            };
            let r = DateRange {
                from: ymd(start, 1, 1)?,
                to: ymd(start + 9, 12, 31)?,
                precision: Precision::Decade,
            };
            return Some((wrap(Val::Abs(r)), k + 1));
        }
        if self.w(j) == "quý" && sub.is_none() {
            let k = j + 1;
            let t = self.tok(k)?;
            if t.kind == Kind::Num && t.parts.len() == 2 && t.seps[0] == '/' && !t.glued_after {
                let (q, y) = (t.parts[0].value, t.parts[1]);
                if (1..=4).contains(&q) && y.len == 4 {
                    return Some((Val::Abs(quarter_range(y.value as i32, q)?), k + 1));
                }
                return None;
            }
            let q = match (t.kind, t.lower.as_str()) {
                (Kind::Num, _) => t.single()?.value,
                (_, "i" | "một") => 1,
                (_, "ii" | "hai") => 2,
                (_, "iii" | "ba") => 3,
                (_, "iv" | "bốn" | "tư") => 4,
                _ => return None,
            };
            if !(1..=4).contains(&q) {
                return None;
            }
            let e = k + 1;
            if self.w(e) == "năm" {
                if let Some(y) = self.year_at(e + 1) {
                    return Some((Val::Abs(quarter_range(y, q)?), e + 2));
                }
                if let Some((dy, f)) = self.rel_year_word(e + 1) {
                    return Some((Val::Quarter { q, dy: Some(dy) }, f));
                }
            }
            if matches!(self.w(e), "này" | "nay") {
                return Some((Val::Quarter { q, dy: Some(0) }, e + 1));
            }
            return Some((Val::Quarter { q, dy: None }, e));
        }
        None
    }

    /// A bare year after a trigger (`hồi 2018`, `từ 2019`) or a bare year
    /// range (`1950 - 1953`, `2021-2025`).
    fn m_bare_year(&self, i: usize) -> Option<(Val, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.glued_after {
            return None;
        }
        if i > 0 && self.tok(i - 1).is_some_and(|p| p.kind == Kind::Num) {
            return None;
        }
        if t.parts.len() == 2 && t.seps[0] == '-' && t.parts.iter().all(|p| p.len == 4) {
            let (y1, y2) = (t.parts[0].value as i32, t.parts[1].value as i32);
            return self.year_span(y1, y2).map(|v| (v, i + 1));
        }
        let y = t.year()?;
        if let Some(k) = self.is_conn(i + 1) {
            if let Some(y2) = self.year_at(k) {
                if let Some(v) = self.year_span(y, y2) {
                    return Some((v, k + 1));
                }
            }
        }
        let pw = self.prev_w(i);
        let trig = matches!(
            pw,
            "hồi"
                | "từ"
                | "đến"
                | "tới"
                | "trước"
                | "sau"
                | "vào"
                | "tính"
                | "kể"
                | "trong"
                | "cuối"
                | "đầu"
                | "giữa"
                | "mùa"
        );
        if trig && !UNIT_WORDS.contains(&self.w(i + 1)) && !self.punct(i + 1, '%') {
            return Some((Val::Abs(year_range(y)?), i + 1));
        }
        None
    }

    fn year_span(&self, y1: i32, y2: i32) -> Option<Val> {
        if !(1000..=2100).contains(&y1) || !(1000..=2100).contains(&y2) || y2 <= y1 || y2 - y1 > 300
        {
            return None;
        }
        Some(Val::Range(
            Box::new(Val::Abs(year_range(y1)?)),
            Box::new(Val::Abs(year_range(y2)?)),
        ))
    }

    /// `hôm nay`, `hôm qua`, `ngày mai`, `sáng nay`, `tuần trước`,
    /// `cuối tuần này`, `3 ngày trước`, `hai năm qua`, `những tuần gần đây`.
    fn m_relative(&self, i: usize) -> Option<(Val, usize)> {
        let days = |d: i64| Val::RelDays { from: d, to: d };
        // Day words.
        let mut j = i;
        if self.w(j) == "ngày" && self.w(j + 1) == "hôm" {
            j += 1;
        }
        if self.w(j) == "hôm" {
            return match self.w(j + 1) {
                "nay" => Some((days(0), j + 2)),
                "qua" => Some((days(-1), j + 2)),
                "kia" => Some((days(-2), j + 2)),
                _ => None,
            };
        }
        if self.w(i) == "ngày" && self.w(i + 1) == "mai" {
            return Some((days(1), i + 2));
        }
        if let Some(k) = self.pod_at(i) {
            return match self.w(k) {
                "nay" => Some((days(0), k + 1)),
                "qua" => Some((days(-1), k + 1)),
                "mai" => Some((days(1), k + 1)),
                _ => None,
            };
        }
        // Weeks.
        let (sub, j) = self.sub_at(i);
        if self.w(j) == "tuần" {
            let (dw, e) = match (self.w(j + 1), self.w(j + 2)) {
                ("trước" | "qua", n) if n != "đó" => (-1, j + 2),
                ("vừa", "qua") => (-1, j + 3),
                ("này" | "nay", _) => (0, j + 2),
                ("tới", _) => (1, j + 2),
                ("sau", n) if n != "đó" => (1, j + 2),
                ("tiếp", "theo") => (1, j + 3),
                _ if sub == Some(Sub::Late) => (0, j + 1),
                _ => return None,
            };
            let v = Val::RelWeek(dw);
            return Some((
                match sub {
                    Some(s) => Val::Narrow(Box::new(v), s),
                    None => v,
                },
                e,
            ));
        }
        // `những tuần gần đây`, `các năm qua`.
        if matches!(self.w(i), "những" | "các" | "mấy") {
            if let Some(u) = self.unit_at(i + 1) {
                let e = match (self.w(i + 2), self.w(i + 3)) {
                    ("gần", "đây") | ("vừa", "qua") | ("gần", "nhất") => i + 4,
                    ("qua", _) => i + 3,
                    _ => return None,
                };
                let n = match u {
                    Unit::Day => 7,
                    Unit::Week => 4,
                    Unit::Month => 3,
                    Unit::Year => 3,
                };
                return Some((
                    Val::Span {
                        n,
                        unit: u,
                        dir: -1,
                    },
                    e,
                ));
            }
            return None;
        }
        // Counted: `3 ngày trước`, `hai năm qua`, `2 tuần tới`.
        let (n, k) = self.count_at(i)?;
        let u = self.unit_at(k)?;
        if n == 0 {
            return None;
        }
        let e = k + 1;
        match (self.w(e), self.w(e + 1)) {
            ("trước", nx) if nx != "đó" => Some((Val::Back { n, unit: u }, e + 1)),
            ("nữa", _) => Some((Val::Back { n: -n, unit: u }, e + 1)),
            ("qua", _) => Some((
                Val::Span {
                    n,
                    unit: u,
                    dir: -1,
                },
                e + 1,
            )),
            ("vừa", "qua") | ("gần", "đây") | ("gần", "nhất") => Some((
                Val::Span {
                    n,
                    unit: u,
                    dir: -1,
                },
                e + 2,
            )),
            ("tới", _) if !self.toward_place(e) => {
                Some((Val::Span { n, unit: u, dir: 1 }, e + 1))
            }
            ("sắp", "tới") => Some((Val::Span { n, unit: u, dir: 1 }, e + 2)),
            _ => None,
        }
    }

    /// `kéo dài 3 ngày`, `trong hai ngày`, `sau 5 năm ba tháng`.
    fn m_duration(&self, i: usize) -> Option<(Val, usize)> {
        let mut j = match (self.w(i), self.w(i + 1)) {
            ("kéo", "dài") => i + 2,
            ("trong", "vòng") | ("trong", "suốt") => i + 2,
            ("trong" | "suốt" | "sau", _) => i + 1,
            _ => {
                if matches!(
                    self.prev_w(i),
                    "mất" | "thăm" | "tròn" | "gần" | "hơn" | "khoảng" | "chỉ"
                ) || (self.prev_w(i) == "dài" && i > 1 && self.w(i - 2) == "kéo")
                {
                    i
                } else {
                    return None;
                }
            }
        };
        if matches!(
            self.w(j),
            "hơn" | "gần" | "khoảng" | "chừng" | "tròn" | "đúng" | "chỉ"
        ) {
            j += 1;
        }
        let mut total: u64 = 0;
        let mut k = j;
        let mut pieces = 0;
        while let Some((n, e)) = self.count_at(k) {
            let Some(u) = self.unit_at(e) else { break };
            // `năm` as a count only if a unit follows it: `năm ngày`.
            total = total.saturating_add((n as u64).saturating_mul(u.days() as u64));
            k = e + 1;
            pieces += 1;
        }
        if pieces == 0 || total == 0 {
            return None;
        }
        // A relative suffix makes it a span, which m_relative handles;
        // `kéo dài` always measures a length.
        let measures_length = self.w(i) == "kéo" || self.prev_w(i) == "dài";
        if !measures_length
            && !self.toward_place(k)
            && matches!(self.w(k), "qua" | "trước" | "tới" | "nữa" | "sau")
            || (self.w(k) == "gần" && self.w(k + 1) == "đây")
            || (self.w(k) == "vừa" && self.w(k + 1) == "qua")
        {
            return None;
        }
        Some((
            Val::Duration {
                days: total.min(u32::MAX as u64) as u32,
            },
            k,
        ))
    }

    /// `từ 15 đến 17/1`, `từ ngày 15 đến ngày 17/1`.
    fn m_day_span(&self, i: usize) -> Option<(Val, usize)> {
        let mut j = i;
        if self.w(j) == "từ" {
            j += 1;
        }
        if self.w(j) == "ngày" {
            j += 1;
        }
        if j == i {
            return None;
        }
        let d1 = self.tok(j)?.single()?;
        if !(1..=31).contains(&d1.value) || d1.len > 2 {
            return None;
        }
        let mut k = self.is_conn(j + 1)?;
        if self.w(k) == "ngày" {
            k += 1;
        }
        let (v2, e) = self.day_core(k, true, true)?;
        let v1 = match &v2 {
            Val::DayMonth { m, .. } => Val::DayMonth { d: d1.value, m: *m },
            Val::Abs(r) if r.precision == Precision::Day => Val::Abs(day_range(
                ymd(r.from.year(), r.from.month(), d1.value)?,
                ymd(r.from.year(), r.from.month(), d1.value)?,
            )),
            _ => return None,
        };
        Some((Val::Range(Box::new(v1), Box::new(v2)), e))
    }
}

/// Whether a future marker stands before token `t0` in its sentence, with
/// no past marker (`đã`, `vừa`) between.
fn future_before(toks: &[Tok], t0: usize) -> bool {
    let Some(first) = toks.get(t0) else {
        return false;
    };
    let mut k = t0;
    while k > 0 {
        k -= 1;
        let t = &toks[k];
        if t.sentence != first.sentence {
            break;
        }
        if t.kind != Kind::Word {
            continue;
        }
        match t.lower.as_str() {
            "đã" | "vừa" | "hôm" => return false,
            "sẽ" => return true,
            "sắp" if toks.get(k + 1).is_none_or(|n| n.lower != "xếp") => return true,
            "kiến" | "định" if k > 0 && toks[k - 1].lower == "dự" => return true,
            "hoạch" if k > 0 && toks[k - 1].lower == "kế" => return true,
            _ => {}
        }
    }
    false
}

/// Scans the whole text: leftmost-longest matches, then merges adjacent
/// pieces into ranges.
pub(crate) fn scan(text: &str) -> Vec<Raw> {
    let toks = tokenize(text);
    let sc = Scanner { toks: &toks };
    let mut out: Vec<Raw> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let mut best: Option<(Val, usize, bool, bool)> = None;
        let mut consider = |c: Option<(Val, usize, bool, bool)>| {
            if let Some(c) = c {
                if c.1 > i && best.as_ref().is_none_or(|b| c.1 > b.1) {
                    best = Some(c);
                }
            }
        };
        let plain = |o: Option<(Val, usize)>| o.map(|(v, e)| (v, e, false, false));
        consider(sc.m_dayform(i));
        consider(plain(sc.m_day_span(i)));
        consider(plain(sc.m_month(i)));
        consider(plain(sc.m_year(i)));
        consider(plain(sc.m_bare_year(i)));
        consider(plain(sc.m_relative(i)));
        consider(plain(sc.m_weekday(i)));
        consider(plain(sc.m_duration(i)));
        match best {
            Some((val, t1, today, past)) => {
                let start = toks[i].start;
                out.push(Raw {
                    t0: i,
                    t1,
                    start,
                    end: toks[t1 - 1].end,
                    val,
                    future: false,
                    today,
                    past,
                    prev_word: sc.prev_w(i).to_string(),
                    weekday: None,
                });
                i = t1;
            }
            None => i += 1,
        }
    }
    let mut merged = merge(&sc, out);
    // `từ năm 2015 đến năm 2020`: the range matched whole; take in `từ`.
    for k in 0..merged.len() {
        let r = &merged[k];
        if matches!(r.val, Val::Range(..)) && r.t0 > 0 && sc.w(r.t0 - 1) == "từ" {
            let free = k == 0 || merged[k - 1].t1 < r.t0;
            if free {
                let t0 = r.t0 - 1;
                merged[k].t0 = t0;
                merged[k].start = toks[t0].start;
            }
        }
    }
    merged
        .into_iter()
        .map(|mut r| {
            r.future = !r.past && !r.today && future_before(&toks, r.t0);
            r
        })
        .collect()
}

fn merge(sc: &Scanner, raws: Vec<Raw>) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::with_capacity(raws.len());
    for r in raws {
        if let Some(prev) = out.last_mut() {
            let gap: Vec<&Tok> = sc.toks[prev.t1..r.t0].iter().collect();
            let only = |allowed: &[&str]| gap.iter().all(|t| allowed.contains(&t.lower.as_str()));
            // Weekday followed by its date: `thứ Hai (29/1)`, `thứ Hai, ngày 29/1`.
            if matches!(prev.val, Val::Weekday { .. }) && r.val.is_day_like() && only(&[",", "("]) {
                let mut t1 = r.t1;
                if gap.iter().any(|t| t.is_punct('(')) && sc.punct(t1, ')') {
                    t1 += 1;
                }
                prev.t1 = t1;
                prev.end = sc.toks[t1 - 1].end;
                if let Val::Weekday { wd, .. } = prev.val {
                    prev.weekday = Some(wd);
                }
                prev.val = r.val;
                prev.today |= r.today;
                prev.past |= r.past;
                continue;
            }
            // Ranges: `27/7/1953 – 27/7/2023`, `từ 29/1 đến 2/2`.
            let conn_ok = sc.is_conn(prev.t1) == Some(r.t0);
            if conn_ok && prev.val.is_date() && r.val.is_date() {
                let from_tok = if prev.t0 > 0 && sc.w(prev.t0 - 1) == "từ" {
                    prev.t0 - 1
                } else {
                    prev.t0
                };
                // Only when both are at day level or both coarser, to avoid
                // `tháng 6 - 29/1` style accidents.
                if prev.val.is_day_like() == r.val.is_day_like() {
                    let a = std::mem::replace(&mut prev.val, Val::Duration { days: 0 });
                    prev.val = Val::Range(Box::new(a), Box::new(r.val));
                    prev.t0 = from_tok;
                    prev.start = sc.toks[from_tok].start;
                    prev.t1 = r.t1;
                    prev.end = r.end;
                    continue;
                }
            }
            // `trong hai ngày, từ ngày 29/1`.
            if let Val::Duration { days } = prev.val {
                let gap_words: Vec<&str> = gap.iter().map(|t| t.lower.as_str()).collect();
                if (gap_words == ["từ"] || gap_words == [",", "từ"]) && r.val.is_day_like() {
                    prev.val = Val::DurFrom {
                        start: Box::new(r.val),
                        days,
                    };
                    prev.t1 = r.t1;
                    prev.end = r.end;
                    prev.past |= r.past;
                    continue;
                }
            }
        }
        out.push(r);
    }
    out
}

// ---------- calendar helpers ----------

pub(crate) fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn valid_dm(d: u32, m: u32) -> bool {
    // 2024 is a leap year, so 29/2 passes.
    ymd(2024, m, d).is_some()
}

fn day_range(a: NaiveDate, b: NaiveDate) -> DateRange {
    DateRange {
        from: a,
        to: b,
        precision: Precision::Day,
    }
}

fn day_abs(y: i32, m: u32, d: u32) -> Option<Val> {
    if !(1000..=2100).contains(&y) {
        return None;
    }
    let a = ymd(y, m, d)?;
    Some(Val::Abs(day_range(a, a)))
}

pub(crate) fn month_range(y: i32, m: u32) -> Option<DateRange> {
    let from = ymd(y, m, 1)?;
    let to = from.checked_add_months(Months::new(1))?.pred_opt()?;
    Some(DateRange {
        from,
        to,
        precision: Precision::Month,
    })
}

pub(crate) fn year_range(y: i32) -> Option<DateRange> {
    Some(DateRange {
        from: ymd(y, 1, 1)?,
        to: ymd(y, 12, 31)?,
        precision: Precision::Year,
    })
}

fn quarter_range(y: i32, q: u32) -> Option<DateRange> {
    let from = ymd(y, (q - 1) * 3 + 1, 1)?;
    let to = from.checked_add_months(Months::new(3))?.pred_opt()?;
    Some(DateRange {
        from,
        to,
        precision: Precision::Quarter,
    })
}

fn week_range(d: NaiveDate) -> Option<DateRange> {
    let from = d.checked_sub_signed(Duration::days(d.weekday().num_days_from_monday() as i64))?;
    Some(DateRange {
        from,
        to: from.checked_add_signed(Duration::days(6))?,
        precision: Precision::Week,
    })
}

fn shift_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

/// Days a past-oriented date may lie after the anchor (news prints
/// tomorrow's date for evening events).
const PAST_SLACK_DAYS: i64 = 3;

/// Picks among the year candidates around the anchor: the latest one
/// starting by anchor + slack (past), or the earliest one not yet over
/// (future).
fn pick_year<F: Fn(i32) -> Option<DateRange>>(
    anchor: NaiveDate,
    future: bool,
    f: F,
) -> Option<DateRange> {
    // Four years back so that 29/2 finds its leap year.
    let cands: Vec<DateRange> = (anchor.year() - 4..=anchor.year() + 1)
        .filter_map(f)
        .collect();
    if future {
        cands
            .into_iter()
            .filter(|r| r.to >= anchor)
            .min_by_key(|r| r.from)
    } else {
        let limit = add_days(anchor, PAST_SLACK_DAYS)?;
        cands
            .into_iter()
            .filter(|r| r.from <= limit)
            .max_by_key(|r| r.from)
    }
}

fn narrow(r: DateRange, s: Sub) -> Option<DateRange> {
    let y = r.from.year();
    match r.precision {
        Precision::Year if r.from.year() == r.to.year() => {
            let (a, b) = match s {
                Sub::Early => (ymd(y, 1, 1)?, ymd(y, 3, 31)?),
                Sub::Mid => (ymd(y, 5, 1)?, ymd(y, 8, 31)?),
                Sub::Late => (ymd(y, 10, 1)?, ymd(y, 12, 31)?),
            };
            Some(DateRange {
                from: a,
                to: b,
                precision: Precision::Quarter,
            })
        }
        Precision::Month => {
            let m = r.from.month();
            let (a, b) = match s {
                Sub::Early => (ymd(y, m, 1)?, ymd(y, m, 10)?),
                Sub::Mid => (ymd(y, m, 11)?, ymd(y, m, 20)?),
                Sub::Late => (ymd(y, m, 21)?, r.to),
            };
            Some(DateRange {
                from: a,
                to: b,
                precision: Precision::Week,
            })
        }
        Precision::Week => {
            let (a, b) = match s {
                Sub::Early => (r.from, add_days(r.from, 1)?),
                Sub::Mid => (add_days(r.from, 2)?, add_days(r.from, 3)?),
                Sub::Late => (add_days(r.from, 5)?, r.to),
            };
            Some(DateRange {
                from: a,
                to: b,
                precision: Precision::Day,
            })
        }
        Precision::Decade => {
            let (a, b) = match s {
                Sub::Early => (y, y + 2),
                Sub::Mid => (y + 3, y + 6),
                Sub::Late => (y + 7, y + 9),
            };
            Some(DateRange {
                from: ymd(a, 1, 1)?,
                to: ymd(b, 12, 31)?,
                precision: Precision::Year,
            })
        }
        _ => Some(r),
    }
}

/// Places a value in the calendar. Returns the range (None when it needs
/// an anchor that is missing, or is a bare duration) and whether the
/// anchor was used.
pub(crate) fn resolve(
    v: &Val,
    anchor: Option<NaiveDate>,
    future: bool,
) -> (Option<DateRange>, bool) {
    match v {
        Val::Abs(r) => (Some(*r), false),
        Val::Duration { .. } => (None, false),
        Val::Narrow(inner, s) => {
            let (r, rel) = resolve(inner, anchor, future);
            (r.and_then(|r| narrow(r, *s)), rel)
        }
        Val::Range(a, b) => {
            let (rb, relb) = resolve(b, anchor, future);
            let Some(rb) = rb else { return (None, true) };
            let (ra, rela) = match **a {
                // An under-specified start takes its year from the end.
                Val::DayMonth { .. } | Val::Month { .. } | Val::Quarter { dy: None, .. } => {
                    let (r, _) = resolve_anchored(a, rb.to, false, 0);
                    (r, relb)
                }
                _ => resolve(a, anchor, future),
            };
            let Some(ra) = ra else {
                return (None, rela || relb);
            };
            if ra.from > rb.to {
                return (None, rela || relb);
            }
            let precision = ra.precision.max(rb.precision);
            (
                Some(DateRange {
                    from: ra.from,
                    to: rb.to,
                    precision,
                }),
                rela || relb,
            )
        }
        Val::DurFrom { start, days } => {
            let (r, rel) = resolve(start, anchor, future);
            let r = r.and_then(|s| {
                let to = add_days(s.from, (*days as i64).max(1) - 1)?;
                Some(DateRange {
                    from: s.from,
                    to,
                    precision: Precision::Day,
                })
            });
            (r, rel)
        }
        _ => match anchor {
            Some(a) => resolve_anchored(v, a, future, PAST_SLACK_DAYS),
            None => (None, true),
        },
    }
}

fn resolve_anchored(v: &Val, a: NaiveDate, future: bool, slack: i64) -> (Option<DateRange>, bool) {
    let r = match v {
        Val::DayMonth { d, m } => {
            let (d, m) = (*d, *m);
            if slack == PAST_SLACK_DAYS {
                pick_year(a, future, |y| ymd(y, m, d).map(|x| day_range(x, x)))
            } else {
                // Exact past: the latest on or before the anchor.
                [a.year() - 1, a.year()]
                    .iter()
                    .filter_map(|&y| ymd(y, m, d))
                    .filter(|x| *x <= a)
                    .max()
                    .map(|x| day_range(x, x))
            }
        }
        Val::Month { m } => pick_year(a, future, |y| month_range(y, *m)),
        Val::MonthRel { m, dy } => month_range(a.year() + dy, *m),
        Val::MonthNear { m, dir } => match dir {
            0 => month_range(a.year(), *m),
            d if *d < 0 => pick_year(a, false, |y| month_range(y, *m)),
            _ => [a.year(), a.year() + 1]
                .iter()
                .filter_map(|&y| month_range(y, *m))
                .find(|r| r.from > a),
        },
        Val::Quarter { q, dy: Some(dy) } => quarter_range(a.year() + dy, *q),
        Val::Quarter { q, dy: None } => pick_year(a, future, |y| quarter_range(y, *q)),
        Val::RelDays { from, to } => match (add_days(a, *from), add_days(a, *to)) {
            (Some(x), Some(y)) => Some(day_range(x, y)),
            _ => None,
        },
        Val::RelWeek(n) => add_days(a, 7 * *n as i64).and_then(week_range),
        Val::RelMonth(n) => shift_months(a, *n).and_then(|d| month_range(d.year(), d.month())),
        Val::RelYear(n) => year_range(a.year() + n),
        Val::Back { n, unit } => match unit {
            Unit::Day => add_days(a, -n).map(|x| day_range(x, x)),
            Unit::Week => add_days(a, -7 * n).and_then(week_range),
            Unit::Month => i32::try_from(-n)
                .ok()
                .and_then(|k| shift_months(a, k))
                .and_then(|d| month_range(d.year(), d.month())),
            Unit::Year => i32::try_from(*n)
                .ok()
                .and_then(|k| year_range(a.year() - k)),
        },
        Val::Span { n, unit, dir } => {
            let far = match unit {
                Unit::Day => add_days(a, n * *dir as i64),
                Unit::Week => add_days(a, 7 * n * *dir as i64),
                Unit::Month => i32::try_from(n * *dir as i64)
                    .ok()
                    .and_then(|k| shift_months(a, k)),
                Unit::Year => i32::try_from(12 * n * *dir as i64)
                    .ok()
                    .and_then(|k| shift_months(a, k)),
            };
            far.map(|f| {
                let (from, to) = if *dir < 0 { (f, a) } else { (a, f) };
                DateRange {
                    from,
                    to,
                    precision: unit.precision(),
                }
            })
        }
        Val::Weekday { wd, week } => {
            let monday = add_days(a, -(a.weekday().num_days_from_monday() as i64));
            match week {
                Some(k) => monday
                    .and_then(|m| add_days(m, 7 * *k as i64 + wd.num_days_from_monday() as i64))
                    .map(|x| day_range(x, x)),
                None => {
                    let diff = (7 + a.weekday().num_days_from_monday() as i64
                        - wd.num_days_from_monday() as i64)
                        % 7;
                    let x = if future {
                        add_days(a, (7 - diff) % 7)
                    } else {
                        add_days(a, -diff)
                    };
                    x.map(|x| day_range(x, x))
                }
            }
        }
        other => return resolve(other, Some(a), future),
    };
    (r, true)
}

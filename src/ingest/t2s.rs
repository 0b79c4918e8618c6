//! Traditional → simplified Chinese at phrase level, with OpenCC's dictionaries (Apache-2.0,
//! `data/opencc/`), keeping every output character's source range.
//!
//! OpenCC converts in a chain of steps; each step matches the longest dictionary key at each
//! position (a phrase before its characters: 反覆 → 反复 although 覆 alone stays 覆). Here:
//!
//! 1. Taiwan and Hong Kong forms → OpenCC's traditional forms: variants (裡 → 裏, 著 → 着 but
//!    顯著 kept) and Taiwan vocabulary (資訊 → 信息, 網路 → 网络, 軟體 → 软件; only the entries
//!    of `TWPhrasesRev.txt` that `filter_tw_phrases.py` keeps, see `data/opencc/README.md`;
//!    and the template's own labels, `data/t2s_template.txt`: 規範性檔案 → 规范性文件).
//! 2. Traditional → simplified: phrases (`TSPhrases`), then characters (`TSCharacters`).
//!
//! Text without a traditional character comes back as it is, but for the traditional-form
//! phrases of characters that are also simplified (反覆 → 反复, 答覆 → 答复, 瞭解 → 了解).
//! Text with only a few (under one Han character in 20: a simplified report with a stray 於)
//! gets step 2 only, so that no Taiwan or Hong Kong rule touches simplified words.
//!
//! Provenance: an output phrase of the same length as its source maps one to one; otherwise the
//! source range is spread over the output so that every output character has a range inside
//! the source phrase's, the first starting and the last ending exactly where the phrase does.

use super::MChar;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const TS_CHARACTERS: &str = include_str!("../../data/opencc/TSCharacters.txt");
const TS_PHRASES: &str = include_str!("../../data/opencc/TSPhrases.txt");
const TW_PHRASES_REV: &str = include_str!("../../data/opencc/TWPhrasesRev.txt");
const TW_VARIANTS_REV: &str = include_str!("../../data/opencc/TWVariantsRev.txt");
const TW_VARIANTS_REV_PHRASES: &str = include_str!("../../data/opencc/TWVariantsRevPhrases.txt");
const HK_VARIANTS_REV: &str = include_str!("../../data/opencc/HKVariantsRev.txt");
const HK_VARIANTS_REV_PHRASES: &str = include_str!("../../data/opencc/HKVariantsRevPhrases.txt");
/// Ours: the template's labels in Taiwan vocabulary (规范性文件 printed 規範性檔案).
const TEMPLATE_TW: &str = include_str!("../../data/t2s_template.txt");

/// Characters TSCharacters changes that simplified Chinese writes as they are, for another
/// word: 乾 is 干 (dry) in traditional text but qián in simplified text (乾安县, 乾县, 乾隆, 乾坤),
/// 薹 is 苔 in traditional text but 蒜薹 in simplified text. A simplified report by 乾安县人民政府
/// must not become 干安县's: in a text that is not taken as traditional they stay.
const SIMPLIFIED_TOO: &[char] = &['乾', '薹'];

/// A text is taken as traditional when at least one Han character in this many is traditional.
const TRADITIONAL_SHARE: usize = 20;

/// A dictionary key and its value, as characters.
type Entry = (Box<[char]>, Box<[char]>);

/// The entries of a step that start with one character.
#[derive(Default)]
struct Entries {
    /// The character's own entry.
    single: Option<Box<[char]>>,
    /// Longer keys, longest first.
    phrases: Vec<Entry>,
}

/// One step of the chain: OpenCC's dictionaries of a group merged (a key's first entry wins).
struct Step {
    /// Entries by first character (one hash look-up per character).
    first: HashMap<char, Entries>,
    /// No key starts below this character: ASCII, digits and punctuation skip the look-up.
    min: char,
}

impl Step {
    fn new(dicts: &[&str]) -> Step {
        let mut first: HashMap<char, Entries> = HashMap::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for dict in dicts {
            for line in dict.lines() {
                if line.starts_with('#') {
                    continue;
                }
                let Some((key, values)) = line.split_once('\t') else {
                    continue;
                };
                // The first of several values is OpenCC's choice.
                let value = values.split(' ').next().unwrap_or("");
                if key.is_empty() || value.is_empty() || !seen.insert(key) {
                    continue;
                }
                let k: Box<[char]> = key.chars().collect();
                let v: Box<[char]> = value.chars().collect();
                let e = first.entry(k[0]).or_default();
                if k.len() == 1 {
                    e.single = Some(v);
                } else {
                    e.phrases.push((k, v));
                }
            }
        }
        for e in first.values_mut() {
            e.phrases.sort_by_key(|e| std::cmp::Reverse(e.0.len()));
        }
        let min = first.keys().copied().min().unwrap_or(char::MAX);
        Step { first, min }
    }

    /// The longest phrase of `e` at `i`.
    fn longest<'a>(e: &'a Entries, chars: &[MChar], i: usize) -> Option<&'a Entry> {
        e.phrases.iter().find(|(k, _)| {
            chars.len() - i >= k.len()
                && chars[i..i + k.len()]
                    .iter()
                    .zip(k.iter())
                    .all(|(m, k)| m.c == *k)
        })
    }

    /// Whether a key of this step starts at `i`.
    fn phrase_at(&self, chars: &[MChar], i: usize) -> bool {
        self.first
            .get(&chars[i].c)
            .is_some_and(|e| e.single.is_some() || Step::longest(e, chars, i).is_some())
    }

    /// Convert `chars` by longest match at each position.
    fn apply(&self, chars: &[MChar]) -> Vec<MChar> {
        let mut out = Vec::with_capacity(chars.len());
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i].c;
            let Some(e) = (c >= self.min).then(|| self.first.get(&c)).flatten() else {
                out.push(chars[i]);
                i += 1;
                continue;
            };
            if let Some((k, v)) = Step::longest(e, chars, i) {
                spread(&chars[i..i + k.len()], v, &mut out);
                i += k.len();
            } else {
                match &e.single {
                    Some(v) => spread(&chars[i..i + 1], v, &mut out),
                    None => out.push(chars[i]),
                }
                i += 1;
            }
        }
        out
    }
}

/// Output characters `val` for the source characters `src`: one to one when the lengths agree,
/// else output j covers the source characters j·k/m .. (j+1)·k/m (at least one).
fn spread(src: &[MChar], val: &[char], out: &mut Vec<MChar>) {
    let (k, m) = (src.len(), val.len());
    for (j, &c) in val.iter().enumerate() {
        let a = (j * k / m).min(k - 1);
        let b = if j + 1 == m {
            k
        } else {
            ((j + 1) * k / m).max(a + 1)
        };
        out.push(MChar {
            c,
            s: src[a].s,
            e: src[b - 1].e,
        });
    }
}

/// A set of characters: a bit per BMP code point, and a set above it.
struct CharSet {
    bmp: Vec<u64>,
    astral: HashSet<char>,
}

impl CharSet {
    fn new() -> CharSet {
        CharSet {
            bmp: vec![0u64; 0x10000 / 64],
            astral: HashSet::new(),
        }
    }

    fn insert(&mut self, c: char) {
        let u = c as usize;
        if u < 0x10000 {
            self.bmp[u / 64] |= 1 << (u % 64);
        } else {
            self.astral.insert(c);
        }
    }

    fn contains(&self, c: char) -> bool {
        let u = c as usize;
        if u < 0x10000 {
            self.bmp[u / 64] >> (u % 64) & 1 == 1
        } else {
            self.astral.contains(&c)
        }
    }
}

/// What a text is looked at for before anything is converted.
struct Gate {
    /// The characters TSCharacters changes (臺, 於; not 覆, 瞭, which are also simplified).
    traditional: CharSet,
    /// TSPhrases' phrases of such common characters only (反覆 → 反复, 答覆 → 答复), which a
    /// simplified text may print too: the first characters and the phrases.
    phrase_first: CharSet,
    phrases: String,
}

impl Gate {
    fn build() -> Gate {
        let mut traditional = CharSet::new();
        for line in TS_CHARACTERS.lines() {
            let Some((key, values)) = line.split_once('\t') else {
                continue;
            };
            let mut k = key.chars();
            let (Some(c), None) = (k.next(), k.next()) else {
                continue;
            };
            if !line.starts_with('#')
                && values.split(' ').next() != Some(key)
                && !SIMPLIFIED_TOO.contains(&c)
            {
                traditional.insert(c);
            }
        }
        let mut phrase_first = CharSet::new();
        let mut phrases = String::new();
        for line in TS_PHRASES.lines() {
            let Some((key, values)) = line.split_once('\t') else {
                continue;
            };
            // 沈 is also a surname (沈默 a name, not 沉默).
            if line.starts_with('#')
                || key.starts_with('沈')
                || values.split(' ').next() == Some(key)
                || key.chars().any(|c| traditional.contains(c))
            {
                continue;
            }
            phrase_first.extend(key.chars().next());
            phrases.push_str(line);
            phrases.push('\n');
        }
        Gate {
            traditional,
            phrase_first,
            phrases,
        }
    }
}

impl Extend<char> for CharSet {
    fn extend<I: IntoIterator<Item = char>>(&mut self, iter: I) {
        for c in iter {
            self.insert(c);
        }
    }
}

fn gate() -> &'static Gate {
    static G: OnceLock<Gate> = OnceLock::new();
    G.get_or_init(Gate::build)
}

// The steps of the chain, each built when a text first needs it: a simplified report needs
// only the few phrases, and building all three (4,000 characters and 700 phrases) cost more
// than reading a report.

/// Taiwan and Hong Kong forms → traditional: for text with many traditional characters.
fn variants() -> &'static Step {
    static S: OnceLock<Step> = OnceLock::new();
    S.get_or_init(|| {
        Step::new(&[
            TEMPLATE_TW,
            TW_PHRASES_REV,
            TW_VARIANTS_REV_PHRASES,
            TW_VARIANTS_REV,
            HK_VARIANTS_REV_PHRASES,
            HK_VARIANTS_REV,
        ])
    })
}

/// Traditional → simplified: for text with any traditional character.
fn simplify() -> &'static Step {
    static S: OnceLock<Step> = OnceLock::new();
    S.get_or_init(|| Step::new(&[TS_PHRASES, TS_CHARACTERS]))
}

/// [`Gate::phrases`] alone, for text without a traditional character.
fn phrases() -> &'static Step {
    static S: OnceLock<Step> = OnceLock::new();
    S.get_or_init(|| Step::new(&[&gate().phrases]))
}

/// Whether `c` is a character that traditional → simplified conversion changes (臺, 於; not 覆).
pub fn is_traditional(c: char) -> bool {
    c >= '\u{3400}' && gate().traditional.contains(c)
}

/// Convert traditional Chinese to simplified, keeping source ranges (see the module's doc).
pub fn to_simplified(chars: Vec<MChar>) -> Vec<MChar> {
    let g = gate();
    if !chars.iter().any(|m| is_traditional(m.c)) {
        // Simplified text, the common case: a bit test per character, and a look at the few
        // that start a phrase such as 反覆.
        let phrase_at =
            |i: usize| g.phrase_first.contains(chars[i].c) && phrases().phrase_at(&chars, i);
        if !(0..chars.len()).any(phrase_at) {
            return chars;
        }
        return phrases().apply(&chars);
    }
    let mut han = 0usize;
    let mut trad = 0usize;
    for m in &chars {
        if super::normalize::is_han(m.c) {
            han += 1;
            trad += usize::from(is_traditional(m.c));
        }
    }
    if trad * TRADITIONAL_SHARE >= han {
        simplify().apply(&variants().apply(&chars))
    } else {
        simplify_stray().apply(&chars)
    }
}

/// [`simplify`] for a simplified text with a few traditional characters: [`SIMPLIFIED_TOO`]
/// left as they are (in phrases too: 乾安 is no 干安).
fn simplify_stray() -> &'static Step {
    static S: OnceLock<Step> = OnceLock::new();
    S.get_or_init(|| {
        let mut step = Step::new(&[TS_PHRASES, TS_CHARACTERS]);
        for c in SIMPLIFIED_TOO {
            if let Some(e) = step.first.get_mut(c) {
                e.single = None;
                e.phrases.retain(|(_, to)| to.contains(c));
            }
        }
        step
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapped(s: &str) -> Vec<MChar> {
        MChar::of(s)
    }

    fn conv(s: &str) -> String {
        to_simplified(mapped(s)).into_iter().map(|m| m.c).collect()
    }

    /// 乾 and 薹 are simplified characters too: a simplified text keeps them (乾安县, 蒜薹),
    /// with or without a stray traditional character; a traditional text reads 乾 as 干.
    #[test]
    fn simplified_characters_that_are_also_traditional_keys() {
        assert_eq!(
            conv("乾安县人民政府2023年政府信息公开工作年度报告"),
            "乾安县人民政府2023年政府信息公开工作年度报告"
        );
        // (A stray 於 among twenty Han characters and more: a simplified text.)
        assert_eq!(
            conv("乾县人民政府关於2023年蒜薹收购情况的说明，请各单位认真贯彻落实"),
            "乾县人民政府关于2023年蒜薹收购情况的说明，请各单位认真贯彻落实"
        );
        assert_eq!(conv("這裡的衣服都乾了"), "这里的衣服都干了");
    }

    #[test]
    fn phrases_before_characters() {
        assert_eq!(conv("4.無正當理由大量反覆申請"), "4.无正当理由大量反复申请");
        assert_eq!(conv("答覆申請人"), "答复申请人");
        assert_eq!(conv("覆蓋"), "覆盖");
        assert_eq!(conv("瞭解情況"), "了解情况");
    }

    #[test]
    fn taiwan_and_hong_kong_forms() {
        assert_eq!(conv("政府資訊公開"), "政府信息公开");
        assert_eq!(conv("網路與軟體"), "网络与软件");
        assert_eq!(conv("這裡和那裏"), "这里和那里");
        assert_eq!(conv("關於"), "关于");
        assert_eq!(conv("隨著時間"), "随着时间");
        assert_eq!(conv("顯著提高"), "显著提高");
        assert_eq!(conv("著作權"), "著作权");
        assert_eq!(conv("透過網際網路"), "通过互联网");
        // A Taiwan word that is also a mainland word written in traditional stays literal.
        assert_eq!(conv("執行、程序和檔案"), "执行、程序和档案");
        assert_eq!(conv("臺山市"), "台山市");
        assert_eq!(conv("線上線下"), "线上线下");
    }

    #[test]
    fn simplified_text_is_left_alone() {
        let s = "政府信息公开工作年度报告，著作权，复盘，乳酪，沈默";
        assert_eq!(conv(s), s);
        // Traditional-form phrases of characters that are also simplified.
        assert_eq!(conv("大量反覆申请，答覆"), "大量反复申请，答复");
        // A stray traditional character in simplified text: no Taiwan or Hong Kong rule.
        let s = "一二三四五六七八九十一二三四五六七八九十显著关於";
        assert_eq!(conv(s), "一二三四五六七八九十一二三四五六七八九十显著关于");
    }

    #[test]
    fn offsets_of_a_phrase_of_another_length() {
        // 使用者 (3) → 用户 (2), 全球資訊網 (5) → 万维网 (3).
        let src = "甲使用者乙全球資訊網丙";
        let out = to_simplified(mapped(src));
        let text: String = out.iter().map(|m| m.c).collect();
        assert_eq!(text, "甲用户乙万维网丙");
        let r = |i: usize| &src[out[i].s as usize..out[i].e as usize];
        assert_eq!((r(0), r(1), r(2), r(3)), ("甲", "使", "用者", "乙"));
        assert_eq!((r(4), r(5), r(6), r(7)), ("全", "球資", "訊網", "丙"));
        // Longer output than source: every character inside the source phrase, ends exact.
        let mut v = Vec::new();
        spread(&mapped("ab"), &['x', 'y', 'z'], &mut v);
        let ranges: Vec<(u32, u32)> = v.iter().map(|m| (m.s, m.e)).collect();
        assert_eq!(ranges, [(0, 1), (0, 1), (1, 2)]);
    }
}

//! Normalisation of report text, character by character so that every output character keeps
//! the source range it came from: invisible characters dropped (format characters, variation
//! selectors, bidi controls: a printed `2\u{2060}1` reads 21), pinyin glosses dropped
//! (醫(yī)療 → 醫療), traditional → simplified at phrase level ([`super::t2s`]), full-width
//! digits/letters/brackets and other decimal digits (𝟐, ٢) folded to ASCII, every kind of space
//! to ' ', the quote markers of a text quoted as a whole dropped ([`super::quoted`]), line
//! numbers printed at the start of every line dropped ([`super::line_numbers`]),
//! white space inside numbers removed ("2024 年" → "2024年").

use super::MChar;

/// Apply every normalisation step to mapped characters. Each step but the traditional →
/// simplified one works in place (a write index behind the read index): the text passes
/// through the steps with one buffer instead of one per step.
pub fn normalize(mut chars: Vec<MChar>) -> Vec<MChar> {
    // While form feeds still mark the pages: a bare page number is told only by its place.
    super::page_numbers::strip(&mut chars);
    // First, so that no later step sees them: 反\u{200b}覆 is still a phrase, 醫\u{2060}(yī) a gloss.
    drop_invisible_and_unify_line_ends(&mut chars);
    // Before traditional → simplified: ⾨ (a Kangxi radical) is 門, which becomes 门.
    unify_radicals(&mut chars);
    strip_pinyin_glosses(&mut chars);
    let mut chars = super::t2s::to_simplified(chars);
    fold_chars(&mut chars);
    ocr_borders(&mut chars);
    ocr_letter_borders(&mut chars);
    full_stops_after_han(&mut chars);
    super::quoted::strip(&mut chars);
    // Before spaces are joined: "  10 平潭…" must not become "10平潭…".
    super::line_numbers::strip(&mut chars);
    super::index_column::strip(&mut chars);
    super::item_numbers::join(&mut chars);
    let mut chars = super::named_cells::as_rows(chars);
    join_number_spaces(&mut chars);
    chars
}

/// Normalise a query or label the same way (no mapping kept).
pub fn normalize_str(s: &str) -> String {
    normalize(MChar::of(s)).into_iter().map(|m| m.c).collect()
}

/// Invisible characters dropped; "\r\n", "\r\r\n" (a CRLF text saved again in text mode on
/// Windows), a lone '\r', the line and paragraph separators, NEL, a vertical tab (Word's manual
/// line break) and a form feed within a line each become one '\n' (an invisible character
/// between '\r' and '\n' does not make two line breaks of one); a form feed after a line break
/// is dropped.
fn drop_invisible_and_unify_line_ends(chars: &mut Vec<MChar>) {
    let n = chars.len();
    // Up to the first character this step changes, it changes nothing: found by a cheap scan
    // (most texts have none, or none until far in), the step itself runs from there.
    let Some(first) = chars.iter().position(|m| {
        matches!(
            m.c,
            '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{b}' | '\u{c}'
        ) || is_invisible(m.c)
    }) else {
        return;
    };
    let mut w = first;
    for r in first..n {
        let mut m = chars[r];
        match m.c {
            '\r' => {
                let next = chars[r + 1..]
                    .iter()
                    .find(|m| !is_invisible(m.c) && m.c != '\r');
                if next.is_some_and(|m| m.c == '\n') {
                    continue;
                }
                m.c = '\n';
            }
            // A page break after a line's end (pdftotext and the PDF reader put the form feed
            // before the next page's first line) is no line of its own: the page's text runs on.
            '\u{c}' if w == 0 || chars[w - 1].c == '\n' => continue,
            '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{b}' | '\u{c}' => m.c = '\n',
            c if is_invisible(c) => continue,
            _ => {}
        }
        chars[w] = m;
        w += 1;
    }
    chars.truncate(w);
}

/// The 214 Kangxi radicals (U+2F00–U+2FD5) as the characters they are (their NFKC forms).
const KANGXI: &str = "一丨丶丿乙亅二亠人儿入八冂冖冫几凵刀力勹匕匚匸十卜卩厂厶又口囗土士夂夊夕大女子宀寸小尢尸屮山巛工己巾干幺广廴廾弋弓彐彡彳心戈戶手支攴文斗斤方无日曰月木欠止歹殳毋比毛氏气水火爪父爻爿片牙牛犬玄玉瓜瓦甘生用田疋疒癶白皮皿目矛矢石示禸禾穴立竹米糸缶网羊羽老而耒耳聿肉臣自至臼舌舛舟艮色艸虍虫血行衣襾見角言谷豆豕豸貝赤走足身車辛辰辵邑酉釆里金長門阜隶隹雨靑非面革韋韭音頁風飛食首香馬骨高髟鬥鬯鬲鬼魚鳥鹵鹿麥麻黃黍黑黹黽鼎鼓鼠鼻齊齒龍龜龠";

/// Radicals of the CJK Radicals Supplement that are whole characters, as those characters
/// (the simplified forms among them: ⺠ 民, ⻓ 长, ⻔ 门 …). The others are parts of characters
/// (⻈ 讠, ⻐ 钅) and stay as they are.
const SUPPLEMENT: &[(char, char)] = &[
    ('\u{2e9f}', '母'),
    ('\u{2ea0}', '民'),
    ('\u{2ea9}', '王'),
    ('\u{2ebc}', '月'),
    ('\u{2ec1}', '虎'),
    ('\u{2ec4}', '西'),
    ('\u{2ec5}', '见'),
    ('\u{2ec6}', '角'),
    ('\u{2ec9}', '贝'),
    ('\u{2ecb}', '车'),
    ('\u{2ed1}', '長'),
    ('\u{2ed3}', '长'),
    ('\u{2ed4}', '门'),
    ('\u{2ed8}', '青'),
    ('\u{2ed9}', '韦'),
    ('\u{2eda}', '页'),
    ('\u{2edb}', '风'),
    ('\u{2edc}', '飞'),
    ('\u{2edd}', '食'),
    ('\u{2ee2}', '马'),
    ('\u{2ee4}', '鬼'),
    ('\u{2ee5}', '鱼'),
    ('\u{2ee6}', '鸟'),
    ('\u{2ee7}', '卤'),
    ('\u{2ee8}', '麦'),
    ('\u{2ee9}', '黄'),
    ('\u{2eea}', '黾'),
    ('\u{2eec}', '齐'),
    ('\u{2eee}', '齿'),
    ('\u{2ef0}', '龙'),
    ('\u{2ef3}', '龟'),
];

/// A radical or a compatibility ideograph as the character it stands for, or None for any other
/// character.
fn radical_as_char(c: char) -> Option<char> {
    match c {
        '\u{2f00}'..='\u{2fd5}' => KANGXI.chars().nth(c as usize - 0x2f00),
        '\u{2e80}'..='\u{2ef3}' => SUPPLEMENT.iter().find(|p| p.0 == c).map(|p| p.1),
        '\u{f900}'..='\u{fad9}' => super::compat_ideographs::unified(c),
        _ => None,
    }
}

/// Radicals and compatibility ideographs read as the characters they stand for. Fonts embedded
/// by some word processors map common characters to the radical that looks the same (⼀ U+2F00
/// for 一, ⼈⺠ for 人民, ⾏ for 行, ⽉ for 月) or to a compatibility ideograph (年 as U+F98E), so
/// text copied or extracted from their PDFs has `⼀、总体情况` and `⼈⺠政府`: no heading, no
/// agency, no table label reads. A report never means the radical or the compatibility form.
fn unify_radicals(chars: &mut [MChar]) {
    // Most texts have none: one cheap scan.
    let lookalike =
        |c: char| ('\u{2e80}'..='\u{2fd5}').contains(&c) || ('\u{f900}'..='\u{fad9}').contains(&c);
    if !chars.iter().any(|m| lookalike(m.c)) {
        return;
    }
    for m in chars.iter_mut() {
        if let Some(c) = radical_as_char(m.c) {
            m.c = c;
        }
    }
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

/// The vowels with a tone mark, every one in U+00E0–U+01DC ([`TONE_VOWEL_RANGE`]).
const TONE_VOWELS: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";
const TONE_VOWEL_RANGE: std::ops::RangeInclusive<char> = '\u{e0}'..='\u{1dc}';

fn is_tone_vowel(c: char) -> bool {
    TONE_VOWELS.contains(c)
}

/// Drop "(yī)" / "（yī）" right after a Han character when it holds a pinyin syllable with a tone.
fn strip_pinyin_glosses(chars: &mut Vec<MChar>) {
    // A gloss holds a tone vowel: a text without one, nearly every report, has no gloss and is
    // not walked.
    if !chars
        .iter()
        .any(|m| TONE_VOWEL_RANGE.contains(&m.c) && is_tone_vowel(m.c))
    {
        return;
    }
    let n = chars.len();
    let mut w = 0;
    let mut i = 0;
    while i < n {
        let c = chars[i].c;
        if (c == '(' || c == '（') && w > 0 && is_han(chars[w - 1].c) {
            let mut j = i + 1;
            let mut tone = false;
            while j < n && j - i <= 8 {
                let d = chars[j].c;
                if d.is_ascii_lowercase() || d == 'ü' || is_tone_vowel(d) {
                    tone |= is_tone_vowel(d);
                    j += 1;
                } else {
                    break;
                }
            }
            if tone && j < n && (chars[j].c == ')' || chars[j].c == '）') && j > i + 1 {
                i = j + 1;
                continue;
            }
        }
        chars[w] = chars[i];
        w += 1;
        i += 1;
    }
    chars.truncate(w);
}

/// Characters that print nothing and are dropped: every format character (Unicode category
/// Cf: zero-width spaces and joiners, bidi marks/embeddings/isolates, word joiner, invisible
/// operators, BOM, soft hyphen, Mongolian vowel separator, interlinear annotation, tags...) and
/// every other default-ignorable code point (variation selectors, combining grapheme joiner,
/// Mongolian free variation selectors, Hangul fillers, Khmer inherent vowels).
#[inline]
pub fn is_invisible(c: char) -> bool {
    let u = c as u32;
    // Nothing from U+3165 to U+FDFF is invisible: Han text leaves at the first comparison.
    if u < 0xad || (0x3165..0xfe00).contains(&u) {
        return false;
    }
    matches!(u,
            0xad | 0x34f | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x890..=0x891 | 0x8e2
            | 0x115f..=0x1160 | 0x17b4..=0x17b5 | 0x180b..=0x180f | 0x200b..=0x200f
            | 0x202a..=0x202e | 0x2060..=0x206f | 0x3164 | 0xfe00..=0xfe0f | 0xfeff | 0xffa0
            | 0xfff0..=0xfffb | 0x110bd | 0x110cd | 0x13430..=0x1343f | 0x1bca0..=0x1bca3
        | 0x1d173..=0x1d17a | 0xe0000..=0xe0fff)
}

/// The first code point (digit zero) of each run of ten decimal digits (category Nd) of
/// Unicode 14, and of Unicode 15–16's new scripts. Full-width digits are folded with the rest
/// of full-width ASCII.
const DECIMAL_ZEROS: &[u32] = &[
    0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
    0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90, 0x1b50,
    0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x10d40, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0,
    0x11650, 0x116c0, 0x116d0, 0x11730, 0x118e0, 0x11950, 0x11bf0, 0x11c50, 0x11d50, 0x11da0,
    0x11f50, 0x16130, 0x16a60, 0x16ac0, 0x16b50, 0x16d70, 0x1ccf0, 0x1d7ce, 0x1d7d8, 0x1d7e2,
    0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e4f0, 0x1e5f1, 0x1e950, 0x1fbf0,
];

/// The value of a decimal digit of any script (٣, ३, 𝟑 → 3), None for anything else.
pub fn decimal_digit(c: char) -> Option<u32> {
    let u = c as u32;
    if u < 0x80 {
        return c.to_digit(10);
    }
    if !c.is_numeric() {
        return None;
    }
    let i = DECIMAL_ZEROS.partition_point(|&z| z <= u);
    let zero = DECIMAL_ZEROS[i.checked_sub(1)?];
    (u - zero < 10).then_some(u - zero)
}

/// Full-width ASCII, other decimal digits and every kind of space to ASCII; invisible
/// characters to nothing; Chinese sentence punctuation (，。：；！？) is kept.
pub fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() || ('\u{4e00}'..='\u{9fff}').contains(&c) {
        return Some(c);
    }
    if is_invisible(c) {
        return None;
    }
    Some(match c {
        // Space separators (category Zs).
        '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            ' '
        }
        '，' | '。' | '：' | '；' | '！' | '？' => c,
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '〔' => '[',
        '〕' => ']',
        '‐' | '‑' | '−' => '-',
        // Box drawing (a table as w3m or a terminal prints it): rules become a markdown
        // separator's dashes, borders and joints its pipes, so the table reads as a pipe table.
        '─' | '━' | '═' | '┄' | '┅' | '┈' | '┉' | '╌' | '╍' => '-',
        '\u{2500}'..='\u{257f}' => '|',
        // A broken bar: an OCR's or an old code page's reading of a table's vertical border.
        '¦' => '|',
        _ => match decimal_digit(c) {
            Some(d) => char::from_digit(d, 10).unwrap_or(c),
            None => c,
        },
    })
}

/// [`fold_char`] on every character.
fn fold_chars(chars: &mut Vec<MChar>) {
    // ASCII and the common Han block fold to themselves: up to the first other character there
    // is nothing to do.
    let Some(first) = chars
        .iter()
        .position(|m| !(m.c.is_ascii() || ('\u{4e00}'..='\u{9fff}').contains(&m.c)))
    else {
        return;
    };
    let mut w = first;
    for r in first..chars.len() {
        let mut m = chars[r];
        if m.c.is_ascii() || ('\u{4e00}'..='\u{9fff}').contains(&m.c) {
            chars[w] = m;
            w += 1;
            continue;
        }
        if let Some(c) = fold_char(m.c) {
            m.c = c;
            chars[w] = m;
            w += 1;
        }
    }
    chars.truncate(w);
}

/// A table's vertical borders read by an OCR as 丨 (U+4E28, the stroke radical, which Chinese
/// OCR engines give for a vertical line): `丨 规章 丨 0 丨 0 丨 0 丨`. On a line holding three
/// or more, which opens or closes with one, or whose every one has a space or a digit beside
/// it, each is a pipe, so the line reads as a pipe row; a title's separator between words
/// (`政务公开丨年度报告`) stays.
fn ocr_borders(chars: &mut [MChar]) {
    const STROKE: char = '\u{4e28}';
    if !chars.iter().any(|m| m.c == STROKE) {
        return;
    }
    for r in super::pieces(chars, '\n') {
        let start = r.start;
        let line = &chars[r];
        let at: Vec<usize> = (0..line.len()).filter(|&i| line[i].c == STROKE).collect();
        if at.len() >= 3 {
            let first = line.iter().position(|m| !m.c.is_whitespace());
            let last = line.iter().rposition(|m| !m.c.is_whitespace());
            let framed = first.is_some_and(|f| line[f].c == STROKE)
                || last.is_some_and(|l| line[l].c == STROKE);
            let apart =
                |c: Option<&MChar>| c.is_none_or(|m| m.c.is_whitespace() || m.c.is_ascii_digit());
            let spaced = at.iter().all(|&i| {
                apart(i.checked_sub(1).and_then(|j| line.get(j))) || apart(line.get(i + 1))
            });
            if framed || spaced {
                for i in at {
                    chars[start + i].c = '|';
                }
            }
        }
    }
}

/// A table's vertical borders read by an OCR as letters or brackets: `l 规章 l 0 l 0 l`,
/// `I 规章 I 0 I 0 I`, `| 规章 l 0 l 0 |`, `[ 规章 | 0 | 0 ]`. A line framed by such a
/// border standing alone (`|`, `l`, `I`, `[` opening, `]` closing) and holding Han text or
/// digits is a pipe row when between its frames either every separator is a pipe (the
/// brackets are the frames) or there is no pipe and two or more lone `l` or `I` (the letters
/// are the borders). A lone `l` between pipes (`| 规章 | l |`) stays a cell: a misread 1.
fn ocr_letter_borders(chars: &mut [MChar]) {
    if !chars.iter().any(|m| matches!(m.c, 'l' | 'I' | '[')) {
        return;
    }
    for r in super::pieces(chars, '\n') {
        let start = r.start;
        let line = &chars[r];
        // Most lines do not open with a lone border: nothing to look at (every line of a text
        // with an `l` anywhere, a URL's, comes here).
        let opening = line.iter().position(|m| !m.c.is_whitespace());
        if !opening.is_some_and(|f| {
            matches!(line[f].c, '|' | 'l' | 'I' | '[')
                && line.get(f + 1).is_none_or(|m| m.c.is_whitespace())
        }) {
            continue;
        }
        // The line's lone characters between spaces (or its ends): their indices.
        let lone: Vec<usize> = (0..line.len())
            .filter(|&i| {
                !line[i].c.is_whitespace()
                    && (i == 0 || line[i - 1].c.is_whitespace())
                    && line.get(i + 1).is_none_or(|m| m.c.is_whitespace())
            })
            .collect();
        let first = line.iter().position(|m| !m.c.is_whitespace());
        let last = line.iter().rposition(|m| !m.c.is_whitespace());
        if let (Some(f), Some(l)) = (first, last) {
            let opens = lone.contains(&f) && matches!(line[f].c, '|' | 'l' | 'I' | '[');
            let closes = f < l && lone.contains(&l) && matches!(line[l].c, '|' | 'l' | 'I' | ']');
            let worded = line
                .iter()
                .any(|m| m.c.is_ascii_digit() || ('\u{4e00}'..='\u{9fff}').contains(&m.c));
            let inner: Vec<usize> = lone.iter().copied().filter(|&i| i > f && i < l).collect();
            let pipes = inner.iter().filter(|&&i| line[i].c == '|').count();
            let letters: Vec<usize> = inner
                .iter()
                .copied()
                .filter(|&i| matches!(line[i].c, 'l' | 'I'))
                .collect();
            let bracketed = line[f].c == '[' && line[l].c == ']' && pipes >= 2;
            let lettered = pipes == 0 && letters.len() >= 2;
            if opens && closes && worded && (bracketed || lettered) {
                chars[start + f].c = '|';
                chars[start + l].c = '|';
                if lettered {
                    for i in letters {
                        chars[start + i].c = '|';
                    }
                }
            }
        }
    }
}

/// A full stop typed as ASCII `.` (or `．`, folded to it) right after a Han character is the
/// sentence's end `。`: text typed with the input method in English mode, or an OCR's output
/// ("主要问题.1.网站的公众互动参与较少.2.政策解读…"), where every reader of sentences and list
/// items looks for `。`. Not after a numeral (`一.总体情况` is a heading's number), nor before
/// a letter (`报告.pdf`) or another dot (a table of contents' leaders). And after a letter
/// before a Han character, where an address ends a sentence (`pzxxgkb@163.com.一、总体情况`).
fn full_stops_after_han(chars: &mut [MChar]) {
    for i in 1..chars.len() {
        if chars[i].c != '.' {
            continue;
        }
        let prev = chars[i - 1].c;
        // After an address ("…@163.com.一、总体情况"): a Han character follows.
        if prev.is_ascii_alphabetic() && chars.get(i + 1).is_some_and(|m| is_han(m.c)) {
            chars[i].c = '。';
            continue;
        }
        if !is_han(prev) || "一二三四五六七八九十百千零〇两壹贰叁肆伍陆".contains(prev)
        {
            continue;
        }
        if chars
            .get(i + 1)
            .is_some_and(|m| m.c.is_ascii_alphabetic() || m.c == '.' || m.c == '。')
        {
            continue;
        }
        chars[i].c = '。';
    }
}

/// "2024 年" → "2024年", "申请 34 件" → "申请34件": one or two spaces between a digit and a Han
/// character.
fn join_number_spaces(chars: &mut Vec<MChar>) {
    let n = chars.len();
    let mut w = 0;
    let mut i = 0;
    while i < n {
        if chars[i].c == ' ' {
            let mut j = i;
            while j < n && chars[j].c == ' ' {
                j += 1;
            }
            // A run of three or more is a layout's gap between columns (a label and its
            // figures in pdftotext -layout or lynx), whose width places the figures: kept.
            if w > 0 && j < n && j - i < 3 {
                let (p, n) = (chars[w - 1].c, chars[j].c);
                // Between a count's unit and the next figure ("3001件 53件 0件", a table row
                // pdftotext prints with single spaces): kept, or the row reads as one word.
                let after_count = "件条个次项".contains(p)
                    && w > 1
                    && (chars[w - 2].c.is_ascii_digit()
                        || (w > 2
                            && "件人".contains(chars[w - 2].c)
                            && chars[w - 3].c.is_ascii_digit()));
                if !after_count
                    && ((p.is_ascii_digit() && is_han(n)) || (is_han(p) && n.is_ascii_digit()))
                {
                    i = j;
                    continue;
                }
            }
            // Kept: the whole run at once (one space at a time would scan the rest of the run
            // again from every space, quadratic in a long run of spaces).
            chars.copy_within(i..j, w);
            w += j - i;
            i = j;
            continue;
        }
        chars[w] = chars[i];
        w += 1;
        i += 1;
    }
    chars.truncate(w);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tone_vowels_lie_in_their_range() {
        assert!(TONE_VOWELS.chars().all(|c| TONE_VOWEL_RANGE.contains(&c)));
    }

    fn mapped(s: &str) -> Vec<MChar> {
        MChar::of(s)
    }

    #[test]
    fn ocr_strokes_are_borders_only_on_table_lines() {
        let read = |s: &str| normalize_str(s);
        assert_eq!(read("丨 规章 丨 0 丨 0 丨 0 丨"), "| 规章 | 0 | 0 | 0 |");
        assert_eq!(read("规章丨0丨0丨0"), "规章|0|0|0");
        assert_eq!(read("¦ 规章 ¦ 0 ¦"), "| 规章 | 0 |");
        // A title's separators between words, and fewer than three, stay.
        assert_eq!(
            read("首页丨政务公开丨信息公开年报丨2024"),
            "首页丨政务公开丨信息公开年报丨2024"
        );
        assert_eq!(read("丨 规章 丨"), "丨 规章 丨");
        assert_eq!(read("l 规章 l 0 l 12 l"), "| 规章 | 0 | 12 |");
        assert_eq!(read("| 规章 I 0 I  I 3 |"), "| 规章 | 0 |  | 3 |");
        assert_eq!(read("[ 规章 | 0 | 0 ]"), "| 规章 | 0 | 0 |");
        // A lone l between pipes is a cell (a misread 1); brackets around prose stay.
        assert_eq!(read("| 规章 | l | 0 |"), "| 规章 | l | 0 |");
        assert_eq!(read("[ 注 ]"), "[ 注 ]");
        assert_eq!(read("l 规章 l"), "l 规章 l");
    }

    #[test]
    fn phrase_level_traditional() {
        assert_eq!(
            normalize_str("4.無正當理由大量反覆申請"),
            "4.无正当理由大量反复申请"
        );
        // An invisible character inside the phrase does not hide it.
        assert_eq!(normalize_str("反\u{200b}覆申請"), "反复申请");
        assert_eq!(normalize_str("政府資訊公開"), "政府信息公开");
        // A template label in Taiwan vocabulary, although 檔案 alone stays 档案.
        assert_eq!(normalize_str("行政規範性檔案"), "行政规范性文件");
        assert_eq!(normalize_str("檔案館"), "档案馆");
        let s = "政府信息公开工作年度报告（2024年）";
        assert_eq!(normalize_str(s), "政府信息公开工作年度报告(2024年)");
    }

    #[test]
    fn invisible_characters_inside_a_number() {
        for inv in [
            '\u{2060}',
            '\u{200e}',
            '\u{2061}',
            '\u{180e}',
            '\u{fe0f}',
            '\u{200b}',
            '\u{ad}',
            '\u{202a}',
            '\u{2066}',
            '\u{feff}',
            '\u{e0041}',
            '\u{e0100}',
            '\u{34f}',
            '\u{fff9}',
        ] {
            let src = format!("收到申请2{inv}1件");
            let out = normalize(mapped(&src));
            let text: String = out.iter().map(|m| m.c).collect();
            assert_eq!(text, "收到申请21件", "{:?}", inv);
            // The number's provenance spans the printed digits and what is between them.
            let (a, b) = (out[4].s as usize, out[5].e as usize);
            assert_eq!(&src[a..b], format!("2{inv}1"));
        }
    }

    #[test]
    fn spaces_and_digits_of_every_kind() {
        for sp in [
            '\u{a0}', '\u{3000}', '\u{2007}', '\u{205f}', '\u{1680}', '\u{202f}',
        ] {
            assert_eq!(
                normalize_str(&format!("{sp}{sp}一、总体情况")),
                "  一、总体情况"
            );
            assert_eq!(normalize_str(&format!("2024{sp}年")), "2024年");
        }
        assert_eq!(
            normalize_str("𝟐𝟏件，٢١件，२१件，２１件"),
            "21件，21件，21件，21件"
        );
        // Digit-like characters that are not decimal digits stay as they are.
        assert_eq!(normalize_str("①²〇"), "①²〇");
        for &zero in DECIMAL_ZEROS {
            for d in 0..10 {
                let c = char::from_u32(zero + d).unwrap();
                assert_eq!(decimal_digit(c), Some(d), "{c:?}");
            }
        }
        assert_eq!(decimal_digit('Ⅻ'), None);
        assert_eq!(decimal_digit('七'), None);
    }

    #[test]
    fn offsets_of_a_length_changing_phrase() {
        // 全球資訊網 (5 characters) → 万维网 (3): each output character within the phrase, the
        // first starting and the last ending where it does.
        let src = "見全球資訊網";
        let out = normalize(mapped(src));
        let text: String = out.iter().map(|m| m.c).collect();
        assert_eq!(text, "见万维网");
        let r: Vec<&str> = out
            .iter()
            .map(|m| &src[m.s as usize..m.e as usize])
            .collect();
        assert_eq!(r, ["見", "全", "球資", "訊網"]);
    }

    #[test]
    fn traditional_glosses_fullwidth_and_number_spaces() {
        assert_eq!(normalize_str("臺山市醫(yī)療保障局"), "台山市医疗保障局");
        assert_eq!(
            normalize_str("（一）２０２４ 年收到 32 条"),
            "(一)2024年收到32条"
        );
        assert_eq!(normalize_str("繼續(xù)訪問"), "继续访问");
        assert_eq!(normalize_str("230 000023"), "230 000023");
        // Simplified text comes out as it went in.
        let s = "关于反复申请、答复和著作的说明";
        assert_eq!(normalize_str(s), s);
        assert_eq!(
            normalize_str("关于反覆申请、答覆和著作的说明"),
            "关于反复申请、答复和著作的说明"
        );
    }

    #[test]
    fn line_ends_are_one_line_break_each() {
        assert_eq!(
            normalize_str("一\r\n二\r\r\n三\r四\r\r五"),
            "一\n二\n三\n四\n\n五"
        );
        assert_eq!(
            normalize_str("一\u{b}二\u{85}三\u{2028}四"),
            "一\n二\n三\n四"
        );
    }

    #[test]
    fn a_space_after_a_counts_unit_before_a_figure_stays() {
        assert_eq!(
            normalize_str("申请数量 3001件 53件 0件次 2人次 7"),
            "申请数量3001件 53件 0件次 2人次 7"
        );
        assert_eq!(normalize_str("收到申请 34 件"), "收到申请34件");
    }

    #[test]
    fn ascii_full_stops_that_end_sentences() {
        assert_eq!(
            normalize_str("(一)主要问题.1.网站的公众互动参与较少.2.政策解读形式还有待丰富."),
            "(一)主要问题。1.网站的公众互动参与较少。2.政策解读形式还有待丰富。"
        );
        assert_eq!(
            normalize_str("电子邮箱:pzxxgkb@163.com.一、总体情况"),
            "电子邮箱:pzxxgkb@163.com。一、总体情况"
        );
        // A heading's number, a file's extension, leaders, a decimal and an item number stay.
        for kept in [
            "一.总体情况",
            "年度报告.pdf",
            "总体情况......1",
            "0.5万元",
            "1.属于国家秘密",
        ] {
            assert_eq!(normalize_str(kept), kept);
        }
    }
}

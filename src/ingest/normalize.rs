//! Normalisation of report text, character by character so that every output character keeps
//! the source range it came from: pinyin glosses dropped (醫(yī)療 → 醫療), traditional →
//! simplified (fast2s, one character for one), full-width digits/letters/brackets folded to
//! ASCII, white space inside numbers removed ("2024 年" → "2024年"), zero-width characters dropped.

use super::MChar;

/// Apply every normalisation step to mapped characters.
pub fn normalize(chars: Vec<MChar>) -> Vec<MChar> {
    let chars = line_endings(chars);
    let chars = strip_pinyin_glosses(chars);
    let chars = to_simplified(chars);
    let chars: Vec<MChar> = chars
        .into_iter()
        .filter_map(|mut m| {
            m.c = fold_char(m.c)?;
            Some(m)
        })
        .collect();
    join_number_spaces(chars)
}

/// Normalise a query or label the same way (no mapping kept).
pub fn normalize_str(s: &str) -> String {
    let v: Vec<MChar> = s
        .char_indices()
        .map(|(i, c)| MChar::new(c, i, i + c.len_utf8()))
        .collect();
    normalize(v).into_iter().map(|m| m.c).collect()
}

fn line_endings(chars: Vec<MChar>) -> Vec<MChar> {
    let mut out = Vec::with_capacity(chars.len());
    let mut it = chars.into_iter().peekable();
    while let Some(mut m) = it.next() {
        match m.c {
            '\r' => {
                if it.peek().is_some_and(|n| n.c == '\n') {
                    continue;
                }
                m.c = '\n';
            }
            '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{c}' => m.c = '\n',
            _ => {}
        }
        out.push(m);
    }
    out
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{2ffff}')
}

fn is_tone_vowel(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".contains(c)
}

/// Drop "(yī)" / "（yī）" right after a Han character when it holds a pinyin syllable with a tone.
fn strip_pinyin_glosses(chars: Vec<MChar>) -> Vec<MChar> {
    let mut out: Vec<MChar> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].c;
        if (c == '(' || c == '（') && out.last().is_some_and(|m| is_han(m.c)) {
            let mut j = i + 1;
            let mut tone = false;
            while j < chars.len() && j - i <= 8 {
                let d = chars[j].c;
                if d.is_ascii_lowercase() || d == 'ü' || is_tone_vowel(d) {
                    tone |= is_tone_vowel(d);
                    j += 1;
                } else {
                    break;
                }
            }
            if tone && j < chars.len() && (chars[j].c == ')' || chars[j].c == '）') && j > i + 1 {
                i = j + 1;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn to_simplified(mut chars: Vec<MChar>) -> Vec<MChar> {
    let s: String = chars.iter().map(|m| m.c).collect();
    let conv = fast2s::convert(&s);
    // fast2s maps one character to one character.
    if conv.chars().count() == chars.len() {
        for (m, c) in chars.iter_mut().zip(conv.chars()) {
            m.c = c;
        }
    }
    chars
}

/// Full-width ASCII and odd spaces to ASCII; Chinese sentence punctuation (，。：；！？) is kept.
pub fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' => return None,
        '\u{3000}' | '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' | '\u{202f}' => ' ',
        '，' | '。' | '：' | '；' | '！' | '？' => c,
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '〔' => '[',
        '〕' => ']',
        '‐' | '‑' | '−' => '-',
        _ => c,
    })
}

/// "2024 年" → "2024年", "申请 34 件" → "申请34件": spaces between a digit and a Han character.
fn join_number_spaces(chars: Vec<MChar>) -> Vec<MChar> {
    let mut out: Vec<MChar> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].c == ' ' {
            let mut j = i;
            while j < chars.len() && chars[j].c == ' ' {
                j += 1;
            }
            if let (Some(prev), Some(next)) = (out.last(), chars.get(j)) {
                let (p, n) = (prev.c, next.c);
                if (p.is_ascii_digit() && is_han(n)) || (is_han(p) && n.is_ascii_digit()) {
                    i = j;
                    continue;
                }
            }
            // Kept: the whole run at once (one space at a time would scan the rest of the run
            // again from every space, quadratic in a long run of spaces).
            out.extend_from_slice(&chars[i..j]);
            i = j;
            continue;
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize_str;

    #[test]
    fn traditional_glosses_fullwidth_and_number_spaces() {
        assert_eq!(normalize_str("臺山市醫(yī)療保障局"), "台山市医疗保障局");
        assert_eq!(
            normalize_str("（一）２０２４ 年收到 32 条"),
            "(一)2024年收到32条"
        );
        assert_eq!(normalize_str("繼續(xù)訪問"), "继续访问");
        assert_eq!(normalize_str("230 000023"), "230 000023");
    }
}

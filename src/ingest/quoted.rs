//! A report quoted in an email or a forum post: every line of it opened by the quote marker
//! (`> `, `>> ` when quoted twice), a few lines of the mail's own around it. The markers are not
//! the report's: left in, the title reads "> 某局…" and its agency ">某局". They are dropped when
//! (nearly) the whole text is quoted; a text quoting a few lines keeps them.

use super::MChar;

/// The least share of the text (its characters on non-blank lines) that must be quoted: a
/// report is long, the mail's own lines around it are a few short ones (a report flattened into
/// a few long lines is quoted in as few).
const MIN_COVER: f64 = 0.8;
/// The fewest quoted lines.
const MIN_QUOTED: usize = 5;

/// How many characters of `line` are its quote markers (`>`, each perhaps followed by one
/// space), 0 if it is not quoted.
pub(super) fn marker_len(line: &[MChar]) -> usize {
    let mut i = 0;
    while line.get(i).is_some_and(|m| m.c == '>') {
        i += 1;
        if line.get(i).is_some_and(|m| m.c == ' ') {
            i += 1;
        }
    }
    i
}

/// Drop the quote markers of a text quoted as a whole; any other text is left as it is.
pub fn strip(chars: &mut Vec<MChar>) {
    if chars.first().is_none_or(|m| m.c != '>')
        && !chars.windows(2).any(|w| w[0].c == '\n' && w[1].c == '>')
    {
        return;
    }
    let (mut text_chars, mut quoted_chars, mut quoted) = (0usize, 0usize, 0usize);
    for line in chars.split(|m| m.c == '\n') {
        if line.iter().all(|m| m.c.is_whitespace()) {
            continue;
        }
        text_chars += line.len();
        if marker_len(line) > 0 {
            quoted += 1;
            quoted_chars += line.len();
        }
    }
    if quoted < MIN_QUOTED || (quoted_chars as f64) < MIN_COVER * text_chars as f64 {
        return;
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut start = 0;
    while start <= chars.len() {
        let end = chars[start..]
            .iter()
            .position(|m| m.c == '\n')
            .map_or(chars.len(), |p| start + p);
        let line = &chars[start..end];
        out.extend_from_slice(&line[marker_len(line)..]);
        // The line's end, as printed.
        out.extend(chars.get(end).copied());
        start = end + 1;
    }
    *chars = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(s: &str) -> String {
        crate::ingest::applied(strip, s)
    }

    #[test]
    fn a_text_quoted_as_a_whole_loses_its_markers() {
        let body: String = (0..12).map(|i| format!("> 第{i}行\n>\n")).collect();
        let text = format!("发件人: 办公室\n主题: 转发\n\n{body}>> 二级引用\n");
        let want: String = (0..12).map(|i| format!("第{i}行\n\n")).collect();
        assert_eq!(
            stripped(&text),
            format!("发件人: 办公室\n主题: 转发\n\n{want}二级引用\n")
        );
    }

    #[test]
    fn a_few_quoted_lines_are_the_texts_own() {
        let text: String = (0..20)
            .map(|i| {
                if i % 3 == 0 {
                    format!("> 引用{i}\n")
                } else {
                    format!("正文{i}\n")
                }
            })
            .collect();
        assert_eq!(stripped(&text), text);
        let short = "> 一\n> 二\n> 三\n> 四\n";
        assert_eq!(stripped(short), short);
    }
}

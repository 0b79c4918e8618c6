//! Headings a line break cuts in two: a PDF's or a text editor's hard wrap at a fixed width, a
//! mail at 72 columns. A numbered top heading printed on a line of its own wraps before its last
//! words ("四、政府信息公开行政复议、" / "行政诉讼情况"); one run into a body's text wraps
//! wherever the width falls ("…保障。五、存在的主要问题" / "及改进情况2022年，…"). Read per
//! line, the first piece is a heading with a short title and the second the start of its text:
//! "及改进情况…" becomes the first problem of 五.

use super::{
    classify, is_subsection, loose_top_marker, marker, marker_candidate_at, other_top_marker,
    Candidate, Level, SectionKind, STRONG_END,
};
use crate::ingest::normalize::is_han;

/// A top heading wrapped onto a second line ("四、政府信息公开行政复议、" / "行政诉讼情况", as
/// a PDF prints a long heading): when the first line alone names no kind, or only a subsection's
/// subject, and both lines together name another kind, the heading is both lines. `found` is
/// where the candidates of `line` start in `cands`.
pub(super) fn wrapped_heading(
    line: &str,
    off: usize,
    next: &str,
    next_off: usize,
    found: usize,
    cands: &mut Vec<Candidate>,
) {
    let first = line.trim();
    // Only a numbered top heading wraps so (most lines stop here, at their first character):
    // 四、, or a part numbered otherwise (`4 `, `第4部分`, `四,`), which must then name a part's
    // own subject (as such a number does on one line).
    let standard = marker(first).filter(|m| m.0 == Level::Top);
    let Some(m) = standard
        .or_else(|| other_top_marker(first).or_else(|| loose_top_marker(first).map(|(m, _)| m)))
    else {
        return;
    };
    let cont = next.trim();
    let lead = line.len() - line.trim_start().len();
    let short = |t: &str, n: usize| {
        t.chars().count() <= n && !t.contains(['。', '，', ',', '；', ';', '：', ':'])
    };
    if cont.is_empty()
        || !short(&first[m.1..], 28)
        || !short(cont, 20)
        || cont.starts_with(|c: char| c.is_ascii_digit() || c == '(')
        || marker(cont).is_some()
        || !is_han(cont.chars().next().unwrap_or(' '))
    {
        return;
    }
    let alone = cands[found..].first().map(|c| (c.kind, c.level));
    // The heading's closing words alone on the second line ("五、存在的主要问题及" / "改进情况").
    let tail_only = STRONG_END.iter().any(|w| cont.ends_with(w))
        && !STRONG_END.iter().any(|w| first.ends_with(w))
        && cont.chars().count() <= 8;
    if let Some((kind, level)) = alone {
        if !(tail_only || level == Level::Top && is_subsection(kind)) {
            return;
        }
    }
    let joined = format!("{first}{cont}");
    let Some(c) = marker_candidate_at(&joined, 0, 0, false, m) else {
        return;
    };
    if standard.is_none()
        && !(c.kind == SectionKind::Overview || c.kind >= SectionKind::DisclosureTable)
    {
        return;
    }
    let same_kind = alone.is_some_and(|(k, _)| k == c.kind);
    if c.level != Level::Top || (same_kind && !tail_only) || c.title_end < joined.len() {
        return;
    }
    cands.truncate(found);
    let next_lead = next.len() - next.trim_start().len();
    cands.push(Candidate {
        start: off + lead,
        title_end: next_off + next_lead + cont.len(),
        ..c
    });
}

/// A line's printed width in half characters: a Han character or full-width mark two, an
/// ASCII one (as a fixed-width wrap counts them).
fn printed_width(line: &str) -> usize {
    line.chars()
        .map(|c| if (c as u32) >= 0x2e80 { 2 } else { 1 })
        .sum()
}

/// Whether a line stops a sentence or a clause at its end (the paragraph may end there).
fn stops(line: &str) -> bool {
    line.ends_with([
        '。', '；', '：', '，', '、', '！', '？', ':', ';', ',', '.', '!', '?', '）', ')', '”',
        '》', '」',
    ])
}

/// The width (in half characters) a hard-wrapped text fills with its prose, when it is one: the
/// most common width of its lines that stop mid-sentence (a wrap cut them), give or take a
/// character, held by a quarter of them at least (a text wrapped twice, at 30 and then 18,
/// leaves short pieces between its full lines), and hardly any prose line wider. A text with a paragraph per line, or rows of a table,
/// has none. `lines` are the text's lines.
pub(super) fn fill_width(lines: &[(usize, &str)]) -> Option<usize> {
    // Widths of the lines a break cut mid-sentence; all prose lines' widths.
    let mut cut = Vec::new();
    let mut prose = Vec::new();
    for &(_, line) in lines {
        let t = line.trim();
        if t.is_empty() || t.contains(['\t', '|']) || t.starts_with('<') {
            continue;
        }
        let w = printed_width(t);
        prose.push(w);
        if w >= 16 && !stops(t) {
            cut.push(w);
        }
    }
    if cut.len() < 4 {
        return None;
    }
    cut.sort_unstable();
    // The widest run of widths within FILL_SLACK of each other, counted at its top.
    let (mut best, mut count) = (0, 0);
    let mut lo = 0;
    for hi in 0..cut.len() {
        while cut[hi] - cut[lo] > FILL_SLACK {
            lo += 1;
        }
        if hi + 1 - lo >= count {
            (best, count) = (cut[hi], hi + 1 - lo);
        }
    }
    let wider = prose.iter().filter(|&&w| w > best + 2).count();
    (count * 4 >= cut.len() && count >= 6 && wider * 20 <= prose.len()).then_some(best)
}

/// How much narrower than the fill width a filled line may be (half characters): a wrap cuts
/// before a Han character that does not fit, and a PDF's proportional digits vary a little.
const FILL_SLACK: usize = 3;

/// Whether `line` fills the text's width `fill` and stops mid-sentence: the paragraph goes on
/// in the next line, which is no heading however much it reads like one.
pub(crate) fn fills(line: &str, fill: Option<usize>) -> bool {
    let t = line.trim();
    fill.is_some_and(|w| {
        let lw = printed_width(t);
        lw + FILL_SLACK >= w && lw <= w + 2 && !stops(t) && !t.contains(['\t', '|'])
    })
}

/// The titles of the report's top parts as the template prints them (and the longer wordings
/// reports use): a heading cut by a break must read one of them whole across it, so that no
/// sentence that happens to end in a numbered phrase is joined to the next line.
const TOP_TITLES: &[&str] = &[
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "政府信息公开行政复议和行政诉讼情况",
    "存在的主要问题及改进情况",
    "政府信息公开工作存在的主要问题及改进情况",
    "其他需要报告的事项",
];

/// How far from a line's end (in characters) a heading cut by the break may start: its marker
/// and the longest title.
const TAIL_CHARS: usize = 26;

/// A numbered top heading that starts near the end of `line` and whose title the break cuts: its
/// marker and the title's first words end `line`, the title's last words start `next`
/// ("…保障。五、存在的主要问题" / "及改进情况2022年，…"). The heading is pushed in place of what
/// `line` alone gave from its marker on (`found`: where `line`'s candidates start in `cands`);
/// returns where its title ends in the text (the head of `next` that is no heading of its own).
pub(super) fn heading_across_break(
    line: &str,
    off: usize,
    next: &str,
    next_off: usize,
    found: usize,
    cands: &mut Vec<Candidate>,
) -> Option<usize> {
    let line = line.trim_end();
    // A break right after a title's last character cuts nothing; most lines end in a stop.
    if line.ends_with(['。', '；', '：', '，', '！', '？', ':', ';', ',', '）', ')']) {
        return None;
    }
    let next_lead = next.len() - next.trim_start().len();
    let next_text = &next[next_lead..];
    if next_text.is_empty() {
        return None;
    }
    // Already joined as a heading wrapped alone on its lines.
    if cands[found..].iter().any(|c| c.title_end > next_off) {
        return None;
    }
    let window = line
        .char_indices()
        .rev()
        .nth(TAIL_CHARS)
        .map_or(0, |(i, _)| i);
    let mut prev = line[..window].chars().next_back();
    for (j, c) in line[window..].char_indices() {
        let at = window + j;
        let before = prev.replace(c);
        if super::chinese_numeral(c).is_none() {
            continue;
        }
        // A heading starts a line or follows white space or a sentence's end, not a word — or
        // the last figure of the table before it, glued to it in a PDF of a one-line body
        // ("…0 0 0五、存在的主要问题及" / "改进情况2022年，…").
        let starts = before.is_none_or(|p| {
            p.is_whitespace()
                || p.is_ascii_digit()
                || matches!(p, '。' | '；' | ';' | '！' | '？' | '”' | '|')
        });
        if !starts {
            continue;
        }
        let Some((Level::Top, len, number)) = marker(&line[at..]) else {
            continue;
        };
        let Some((title, end)) = completed_title(&line[at + len..], next_text) else {
            continue;
        };
        let kind = classify(title)?;
        let tail = cands.split_off(found);
        cands.extend(tail.into_iter().filter(|c| c.start < off + at));
        let title_end = next_off + next_lead + end;
        cands.push(Candidate {
            kind,
            level: Level::Top,
            number,
            arabic: false,
            short_line: false,
            weak: false,
            start: off + at,
            title_end,
        });
        return Some(title_end);
    }
    None
}

/// The top title that `head` (after the marker, to the line's end) starts and `next` finishes,
/// and the byte length of `next`'s part of it. White space inside either part is no character
/// of the title. The title must be cut: `head` holds a part of it, not all.
fn completed_title<'t>(head: &str, next: &str) -> Option<(&'t str, usize)> {
    let head: String = head.chars().filter(|c| !c.is_whitespace()).collect();
    if head.chars().count() > TAIL_CHARS {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for title in TOP_TITLES {
        let Some(rest) = title.strip_prefix(head.as_str()) else {
            continue;
        };
        if rest.is_empty() {
            continue;
        }
        let Some(end) = prefix_end(next, rest) else {
            continue;
        };
        // The title as a heading, not as words of a sentence or a list of the parts.
        let after = next[end..].trim_start();
        if after.starts_with(['、', '，', ',', '；', ';']) || after.starts_with("如下") {
            continue;
        }
        if best.is_none_or(|(t, _)| title.len() > t.len()) {
            best = Some((title, end));
        }
    }
    best
}

/// Where `want` ends in `s` when `s` starts with it, white space between its characters aside.
fn prefix_end(s: &str, want: &str) -> Option<usize> {
    let mut chars = s.char_indices().filter(|(_, c)| !c.is_whitespace());
    let mut end = 0;
    for w in want.chars() {
        let (i, c) = chars.next()?;
        if c != w {
            return None;
        }
        end = i + c.len_utf8();
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::super::outline;
    use crate::model::SectionKind;

    fn titled(text: &str) -> Vec<(SectionKind, String, String)> {
        let o = outline(text);
        o.sections
            .iter()
            .map(|s| {
                let body = text[s.body.clone()].trim();
                let first: String = body.chars().take(6).collect();
                (s.kind, s.title.clone().unwrap_or_default(), first)
            })
            .collect()
    }

    #[test]
    fn a_heading_run_in_and_cut_by_the_wrap_joins_its_continuation() {
        let text = "一、总体情况\n2022年，本机关扎实推进政务公开，为全区经济社会发展提供保障。五、存在的主要问题\n及改进情况2022年，工作还存在一些问题：一是公开深度不足。\n六、其他需要报告的事项\n无。\n";
        let got = titled(text);
        let problems = got.iter().find(|s| s.0 == SectionKind::Problems).unwrap();
        assert_eq!(problems.1, "五、存在的主要问题及改进情况");
        assert_eq!(problems.2, "2022年，");
    }

    #[test]
    fn a_table_heading_cut_mid_word_is_read_whole() {
        let text = "一、总体情况\n本年主动公开信息32条。三、收到和处理政府信\n息公开申请情况 本年新收申请5件。\n五、存在的主要问题及改进情况\n无。\n";
        let got = titled(text);
        let t3 = got
            .iter()
            .find(|s| s.0 == SectionKind::RequestsTable)
            .unwrap();
        assert_eq!(t3.1, "三、收到和处理政府信息公开申请情况");
        assert_eq!(t3.2, "本年新收申请");
    }

    #[test]
    fn words_that_do_not_finish_a_title_are_not_joined() {
        // "五、存在的主要问题" then a line that is not the title's end: the heading stays as printed.
        let text = "一、总体情况\n本年主动公开信息32条。\n五、存在的主要问题\n一是公开深度不足。\n六、其他需要报告的事项\n无。\n";
        let got = titled(text);
        let problems = got.iter().find(|s| s.0 == SectionKind::Problems).unwrap();
        assert_eq!(problems.1, "五、存在的主要问题");
        // A list of the parts in a preface is not a heading, cut or not.
        let listed = "前言：全文包括一、总体情况；五、存在的主要问题\n及改进情况、六、其他需要报告的事项。\n一、总体情况\n正文。\n";
        let got = titled(listed);
        assert!(
            got.iter().all(|s| s.1 != "五、存在的主要问题及改进情况"),
            "{got:?}"
        );
    }

    /// A text hard-wrapped at 18: a piece of the preface's list of the parts on a line of its
    /// own ("问题及改进情况和其他需要报告的事项等", "开行政复议和行政诉讼") follows a line the
    /// wrap cut mid-word, and is no heading (it was 五's, and the outline before it was lost).
    #[test]
    fn a_piece_of_a_filled_paragraph_is_no_heading() {
        let preface = "根据《中华人民共和国政府信息公开条例》(以下简称《条例》)要求，区管委会办公室编制完成了本报告。本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况和其他需要报告的事项等六个部分。本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止。";
        let body = "2019年，本机关认真贯彻落实《条例》，完善工作机制，细化职责分工，拓宽公开渠道，规范操作流程，深化公开内容，在方便公众获取政府信息方面取得了一定的成效，全年主动公开政府信息一千二百条。";
        let mut text = String::new();
        for (i, para) in [
            preface,
            "一、总体情况",
            body,
            "五、存在的主要问题及改进情况",
            body,
            "六、其他需要报告的事项",
            "无。",
        ]
        .iter()
        .enumerate()
        {
            let chars: Vec<char> = para.chars().collect();
            for piece in chars.chunks(18) {
                text.extend(piece);
                text.push('\n');
            }
            if i == 0 {
                text.push('\n');
            }
        }
        let kinds: Vec<SectionKind> = titled(&text).iter().map(|s| s.0).collect();
        assert_eq!(
            kinds,
            [
                SectionKind::Preamble,
                SectionKind::Overview,
                SectionKind::Problems,
                SectionKind::Other
            ],
            "{text}"
        );
    }

    /// A PDF of a one-line body glues the heading of 五 to table 四's last figure, and the wrap
    /// cuts it after 及: the heading is read whole, its problems are the text's.
    #[test]
    fn a_heading_glued_to_a_figure_and_cut_by_the_wrap_is_read_whole() {
        let text = "一、总体情况 本年主动公开信息32条。 四、政府信息公开行政复议、行政诉讼情况 结果维持 总计0 1 1 0 2 1 0 0 0 1 0 0 0 0 0五、存在的主要问题及\n改进情况2022年，工作还存在一些问题：一是公开深度不足。二是解读形式单一。 六、其他需要报告的事项 无。\n";
        let got = titled(text);
        let problems = got.iter().find(|s| s.0 == SectionKind::Problems).unwrap();
        assert_eq!(problems.1, "五、存在的主要问题及改进情况");
        assert_eq!(problems.2, "2022年，");
    }
}

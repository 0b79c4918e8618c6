//! Which of the heading candidates the outline takes: the pre-2019 layout told from the 2019+
//! one, headings relabelled by their number where words and place disagree, Arabic-numbered
//! subsections kept only where nothing else numbers them, and the order the parts may follow.

use super::{is_subsection, Candidate, Level};
use crate::model::SectionKind;

/// Labels printed only in the standard tables of the 2019 and 2021 formats (never in the prose
/// of a pre-2019 report).
const STANDARD_TABLE_WORDS: &[&str] = &[
    "本年新收政府信息公开申请数量",
    "上年结转政府信息公开申请数量",
    "制发件数",
    "新制作数量",
    "未经复议直接起诉",
    "复议后起诉",
];

/// A candidate's title without white space ("一 、概 述" is 概述's heading as printed).
fn title_of(text: &str, c: &Candidate) -> String {
    text[c.start..c.title_end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A heading of the pre-2019 layout's fee section (政府信息公开的收费及减免情况): it tells that
/// layout from the template's.
fn is_fee_heading(text: &str, c: &Candidate) -> bool {
    let t = title_of(text, c);
    t.contains("收费") && t.contains("减免")
}

/// The fee part of a report known to be in the pre-2019 layout, however worded: with 减免 or
/// without it (依申请信息公开收费情况, 政府信息公开收费情况, 政府信息公开支出与收费情况).
fn is_fee_part(text: &str, c: &Candidate) -> bool {
    title_of(text, c).contains("收费")
}

/// The pre-2019 layout, told by its subjects rather than its numbers (二 is 主动公开 in both):
/// no 收到和处理政府信息公开申请 heading, and a top-level heading only that layout has — 概述,
/// 收费及减免, or 依申请公开 as a part of its own after 主动公开政府信息情况 (in the 2019+
/// layout 依申请公开 is a subsection of 一, before the tables).
pub(super) fn is_pre2019(text: &str, cands: &[Candidate]) -> bool {
    if cands.iter().any(|c| c.kind == SectionKind::RequestsTable) {
        return false;
    }
    // A standard table's own labels: whatever the headings say, its tables are to be read.
    let from = cands.first().map_or(0, |c| c.start);
    let body = &text[from..];
    if STANDARD_TABLE_WORDS.iter().any(|w| body.contains(w)) {
        return false;
    }
    // (Parts numbered 1、2、3、 read as subsections of 一 where they name one: here they count.)
    let top = |c: &&Candidate| c.level == Level::Top || c.arabic;
    let overview_is_summary = cands
        .iter()
        .filter(top)
        .any(|c| c.kind == SectionKind::Overview && title_of(text, c).contains("概述"));
    let fees = cands.iter().filter(top).any(|c| is_fee_heading(text, c));
    let on_request_after_proactive = cands
        .iter()
        .filter(top)
        .skip_while(|c| c.kind != SectionKind::DisclosureTable)
        .any(|c| {
            let t = title_of(text, c);
            c.kind == SectionKind::OnRequest && t.contains("依申请公开") && t.contains("情况")
        });
    overview_is_summary || fees || on_request_after_proactive
}

/// The outline of the pre-2019 layout: 概述, 主动公开政府信息情况 (prose: proactive, not table
/// 二), 依申请公开政府信息情况, 收费及减免情况 (a second on_request section), 行政复议、行政诉讼,
/// 存在的主要问题, 其他需要报告的事项 — top-level headings in this order, but for the fees
/// and the 复议诉讼 part, which reports print either way round (三、因政府信息公开申请行政复议…
/// 四、政府信息公开收费及减免情况); its subsections ((一)公开形式…) are text of their part.
/// A part naming 主动公开 is that part whatever else it names (主动公开政府信息以及公开平台建设
/// 情况: no 平台建设 subsection in this layout).
pub(super) fn accept_pre2019(text: &str, cands: Vec<Candidate>) -> Vec<Candidate> {
    let rank = |c: &Candidate| -> u8 {
        match c.kind {
            SectionKind::Overview => 1,
            SectionKind::DisclosureTable | SectionKind::Proactive => 2,
            SectionKind::Platforms | SectionKind::Management | SectionKind::Oversight
                if title_of(text, c).contains("主动公开") =>
            {
                2
            }
            SectionKind::OnRequest if is_fee_part(text, c) => 4,
            SectionKind::OnRequest => 3,
            SectionKind::ReviewLitigationTable => 5,
            SectionKind::Problems => 6,
            SectionKind::Other => 7,
            _ => 0,
        }
    };
    // Parts numbered in Arabic digits ("1、概述 … 3、依申请公开政府信息情况"): 依申请公开 with such a
    // number reads as a subsection of 一 in the template's layout; here, after a part numbered
    // so, a higher number is the next part.
    let arabic_part = |c: &Candidate, last: Option<&Candidate>| {
        c.arabic
            && last.is_some_and(|l| {
                text[l.start..].starts_with(|d: char| d.is_ascii_digit())
                    && l.number.zip(c.number).is_some_and(|(a, b)| b > a)
            })
    };
    let mut out: Vec<Candidate> = Vec::new();
    let mut current = 0;
    for mut c in cands {
        let r = rank(&c);
        // The fees printed after 复议诉讼, once: the part after them is 存在的主要问题 still.
        let fees_after_review = r == 4 && current == 5 && !out.iter().any(|a| rank(a) == 4);
        if (c.level != Level::Top && !arabic_part(&c, out.last()))
            || (r <= current && !fees_after_review)
        {
            continue;
        }
        c.level = Level::Top;
        current = current.max(r);
        if r == 2 {
            c.kind = SectionKind::Proactive;
        }
        out.push(c);
    }
    out
}

/// Headings whose words name one kind and whose place names another. A table heading worded as
/// a subsection's subject ("二、政府信息主动公开情况", "三、依申请公开政府信息情况") is the table
/// when its number is the table's, or unnumbered when the table's own words follow it, and the
/// report has no heading of the table's own words; a
/// subsection worded as a table ("（一）主动公开政府信息情况" under 一) is the subsection when
/// the table's own heading follows.
pub(super) fn relabel_by_number(text: &str, cands: &mut [Candidate]) {
    use SectionKind::*;
    subsections_worded_as_tables(cands);
    const PAIRS: [(SectionKind, SectionKind, u32); 2] = [
        (Proactive, DisclosureTable, 2),
        (OnRequest, RequestsTable, 3),
    ];
    for (sub, table, number) in PAIRS {
        let top_tables: Vec<usize> = (0..cands.len())
            .filter(|&i| cands[i].kind == table && cands[i].level == Level::Top)
            .collect();
        if top_tables.is_empty() {
            // By its number, or, unnumbered, by the table's own words right under it
            // ("依申请公开政府信息情况" then "申请人情况 … 本年新收…").
            let markers: &[&str] = if table == DisclosureTable {
                &["制发件数", "第二十条", "信息内容"]
            } else {
                &["申请人情况", "本年新收", "上年结转"]
            };
            let under = |c: &Candidate| {
                let end = (c.title_end + 600).min(text.len());
                let end = (end..text.len())
                    .find(|&e| text.is_char_boundary(e))
                    .unwrap_or(text.len());
                markers.iter().any(|m| text[c.title_end..end].contains(m))
            };
            if let Some(c) = cands.iter_mut().find(|c| {
                c.kind == sub
                    && c.level == Level::Top
                    && (c.number == Some(number) || (c.number.is_none() && under(c)))
            }) {
                c.kind = table;
            }
            continue;
        }
        // The table's number with a subsection's words, where the table's own heading comes
        // only after later parts (the tables printed as appendices: "三、依申请公开政府信息情况"
        // / "（详见附表2）" … 六 … "附表2：收到和处理政府信息公开申请情况") is the table's part.
        let first_top = top_tables[0];
        if let Some(at) = (0..first_top).find(|&i| {
            cands[i].kind == sub && cands[i].level == Level::Top && cands[i].number == Some(number)
        }) {
            let later_part = cands[at + 1..first_top]
                .iter()
                .any(|c| c.level == Level::Top && c.kind > table);
            if later_part {
                cands[at].kind = table;
            }
        }
        // Only a heading inside 一 (after its Top heading, before the next Top one) is one of
        // its subsections: tables numbered （一）…（三） after 六 stay tables.
        let last_top = *top_tables.last().expect("not empty");
        let mut in_one = false;
        for c in cands[..last_top].iter_mut() {
            if c.level == Level::Top && !c.arabic {
                in_one = c.kind == Overview;
            }
            if in_one && c.kind == table && c.level == Level::Sub {
                c.kind = sub;
            }
        }
    }
}

/// A subsection of 一 worded as table 四 (`（四）行政复议、行政诉讼情况。2024年，区教育局未发生…`,
/// a real 浦口 2024 report, between （三） and （五） of 一) is text of 一, not the table's part:
/// taken for it, it made the parts after it (二 printed without its number) out of order,
/// and every table was lost. Only inside 一 (after its top heading, before the next top
/// one, both numbered: a line of 一's text that reads as an unnumbered heading is no part's
/// end) and only where a later part's top heading follows (numbered, or unnumbered with a
/// later part's words: 浦口 prints `主动公开政府信息情况` bare): tables numbered （一）…（三）
/// after 六 stay tables. (Tables 二 and 三 so worded are [`relabel_by_number`]'s: they have a
/// subsection's kind to take.)
pub(super) fn drop_review_subsection_of_one(cands: &mut Vec<Candidate>) {
    let numbered_top = |c: &Candidate| c.level == Level::Top && !c.arabic && c.number.is_some();
    let Some(last_top) = cands.iter().rposition(|c| {
        numbered_top(c)
            || (c.level == Level::Top
                && !c.arabic
                && (c.kind.is_table()
                    || matches!(c.kind, SectionKind::Problems | SectionKind::Other)))
    }) else {
        return;
    };
    let mut in_one = false;
    let mut drop = Vec::new();
    for (i, c) in cands[..last_top].iter().enumerate() {
        if numbered_top(c) {
            in_one = c.kind == SectionKind::Overview;
        }
        if in_one && c.level == Level::Sub && c.kind == SectionKind::ReviewLitigationTable {
            drop.push(i);
        }
    }
    for i in drop.into_iter().rev() {
        cands.remove(i);
    }
}

/// A subsection of 一 worded as a table's part (`（一）政府信息主动公开情况`, the pre-2019
/// wording of table 二's title) is the subsection where its siblings follow it at its own level
/// before the next part (`（二）政府信息依申请公开情况`), whatever comes after 一: where no table's
/// own heading followed (the tables printed as pictures, or a page cut before them) it was
/// read as table 二 and took 一's later subsections into it. Tables numbered as subsections
/// under 一 (`（一）主动公开政府信息情况` then `（二）收到和处理…`) have no such sibling.
fn subsections_worded_as_tables(cands: &mut [Candidate]) {
    use SectionKind::*;
    // (A line read as a bare subsection title, "主动公开" or a wrapped line naming it, is none.)
    let part = |c: &Candidate| c.level == Level::Top && !c.arabic && !is_subsection(c.kind);
    let mut in_one = false;
    for i in 0..cands.len() {
        if part(&cands[i]) {
            in_one = cands[i].kind == Overview;
            continue;
        }
        let sub = match cands[i].kind {
            DisclosureTable => Proactive,
            RequestsTable => OnRequest,
            _ => continue,
        };
        if !in_one || cands[i].level != Level::Sub {
            continue;
        }
        let sibling = cands[i + 1..]
            .iter()
            .take_while(|d| !part(d))
            .any(|d| d.level == Level::Sub && is_subsection(d.kind));
        if sibling {
            cands[i].kind = sub;
        }
    }
}

/// Arabic-numbered subsection titles count only in a report that marks 一's subsections no
/// other way: where （一）…（五） or titles on their own lines are printed, a "1、" line under
/// them is a paragraph of the subsection's text, whatever subject it names; and only after
/// 一's own heading.
pub(super) fn keep_arabic_subsections_alone(cands: &mut Vec<Candidate>) {
    let overview = cands.iter().position(|c| c.kind == SectionKind::Overview);
    // The parts' own level: a report may number them （一）…（六） (1. under them, then).
    let parts = overview.map_or(Level::Top, |o| cands[o].level);
    let tables = cands
        .iter()
        .position(|c| {
            c.kind >= SectionKind::DisclosureTable
                && (c.level == Level::Top || (c.level == parts && !c.arabic))
        })
        .unwrap_or(cands.len());
    let chinese_subsections = overview.is_some_and(|o| {
        cands[o.min(tables)..tables]
            .iter()
            .any(|c| !c.arabic && is_subsection(c.kind))
    });
    // And numbered in sequence from 1, a gap of two at most (a subsection of no known subject
    // between): "(14)推进其他应主动公开的信息公开" in 一's text is the 14th item of a list.
    let mut last = 0;
    let mut i = 0;
    cands.retain_mut(|c| {
        i += 1;
        if !c.arabic {
            return true;
        }
        let keep = !chinese_subsections
            && overview.is_some_and(|o| o < i - 1)
            && c.number.is_some_and(|n| n > last && n <= last + 3);
        if keep {
            last = c.number.unwrap_or(last);
        }
        // One dropped as a subsection that reads as a heading on its own line is read so.
        if !keep && c.short_line {
            c.arabic = false;
            c.level = Level::Top;
            return true;
        }
        keep
    });
}

/// The parts in the order the outline allows: 一 and its subsections, the tables, 五, 六 —
/// and the tables printed after 五/六 instead (一, 五, 六, then 二 三 四 with their own numbers
/// or under an attachment), each taken where it is printed. Second: the table headings printed
/// again after 五/六 when 二/三/四 were printed in their place too (the tables as an
/// attachment, the parts in the body saying what they hold in words), the first of each kind.
pub(super) fn accept(cands: Vec<Candidate>) -> (Vec<Candidate>, Vec<Candidate>) {
    let mut again: Vec<Candidate> = Vec::new();
    let mut out: Vec<Candidate> = Vec::new();
    let mut current = SectionKind::Preamble;
    // The number of the last top heading accepted.
    let mut top_number = None;
    // Tables taken after 五/六: from then on only a part not yet printed is taken.
    let mut late = false;
    // 一's heading again after 五/六: a second report (or its copy) follows, whose tables and
    // parts are none of this report's.
    let mut overview_again = false;
    for c in cands {
        let k = c.kind;
        if c.level == Level::Top && k == SectionKind::Overview && current >= SectionKind::Problems {
            overview_again = true;
        }
        // A table heading after 五/六 when no table was printed before them, or not this one:
        // the report prints its tables at the end. Top headings only (a table's row label is
        // never one), each kind once, and 五/六 still missing may follow them.
        let printed = out.iter().any(|a| a.kind == k);
        let after_end = late || current >= SectionKind::Problems;
        if after_end
            && !overview_again
            && !printed
            && c.level == Level::Top
            && (k.is_table() || (late && k >= SectionKind::Problems))
        {
            late |= k.is_table();
            current = k;
            top_number = c.number;
            out.push(c);
            continue;
        }
        if late {
            continue;
        }
        if after_end
            && !overview_again
            && printed
            && c.level == Level::Top
            && k.is_table()
            && !again.iter().any(|a| a.kind == k)
        {
            again.push(c);
            continue;
        }
        // 五 and 六 printed the other way round (五、其他需要报告的事项, 六、存在的主要问题…):
        // the next number after 其他 is the problems' heading still.
        let swapped_end = k == SectionKind::Problems
            && current == SectionKind::Other
            && c.level == Level::Top
            && c.number.is_some()
            && c.number == top_number.map(|n: u32| n + 1)
            && !out.iter().any(|a| a.kind == SectionKind::Problems);
        if swapped_end {
            // Nothing after it: the report's end is reached in both orders.
            top_number = c.number;
            out.push(c);
            continue;
        }
        // A part numbered otherwise and worded without subject words ("6. 其他" right after
        // 三) skips no more than one part: it is a row or heading inside a table ("（六）其他"
        // renumbered), not 六.
        let jumps = c.weak
            && c.number
                .zip(top_number)
                .is_some_and(|(n, last)| n > last + 2);
        let ok = if k == current || jumps {
            false // the same subject again (表二 repeated, （一）主要问题 inside 五): same section
        } else if is_subsection(k) {
            current <= SectionKind::Oversight
        } else if k == SectionKind::Overview {
            // (Or after the tables printed first, right after the title: the report's text
            // starts at its 一 all the same.)
            current == SectionKind::Preamble
                || (c.level == Level::Top
                    && !out.is_empty()
                    && out.iter().all(|a| a.kind.is_table()))
        } else if c.level == Level::Sub && k == SectionKind::Problems {
            current >= SectionKind::DisclosureTable && current < k
        } else {
            k > current
        };
        if ok {
            current = k;
            if c.level == Level::Top {
                top_number = c.number;
            }
            out.push(c);
        }
    }
    tables_printed_first(&mut out, &mut again);
    (out, again)
}

/// The tables printed before 一 (right after the title) whose parts are printed again in their
/// place: the part in place is the section, and the table printed first is read where the part
/// holds no figures, as a table printed again after 五/六 is. A table printed first alone (no
/// heading of its kind after 一) stays a section where it is printed.
fn tables_printed_first(out: &mut Vec<Candidate>, again: &mut Vec<Candidate>) {
    let Some(overview) = out.iter().position(|c| c.kind == SectionKind::Overview) else {
        return;
    };
    if overview == 0 || !out[..overview].iter().all(|c| c.kind.is_table()) {
        return;
    }
    let later: Vec<SectionKind> = out[overview..].iter().map(|c| c.kind).collect();
    let mut first = Vec::new();
    let mut i = 0;
    out.retain(|c| {
        i += 1;
        let moved = i <= overview && later.contains(&c.kind);
        if moved {
            first.push(c.clone());
        }
        !moved
    });
    // (Printed before every table after 五/六, they are each kind's first.)
    again.retain(|a| !first.iter().any(|f| f.kind == a.kind));
    first.append(again);
    *again = first;
}

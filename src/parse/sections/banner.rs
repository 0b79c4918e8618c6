//! A part's number printed as a banner on a line of its own above its title (`05` /
//! `存在的主要问题及改进情况`), as designed web pages and WeChat articles print the six parts.
//! The number is the heading's: left in the part before, it would end that part's text, and a
//! table there (四 before 五) would read it as one more figure.

use super::{Candidate, Level};
use crate::model::SectionKind;

/// The part of the template a top-level heading opens: 一 … 六.
fn part_number(kind: SectionKind) -> Option<u32> {
    Some(match kind {
        SectionKind::Overview => 1,
        SectionKind::DisclosureTable => 2,
        SectionKind::RequestsTable => 3,
        SectionKind::ReviewLitigationTable => 4,
        SectionKind::Problems => 5,
        SectionKind::Other => 6,
        _ => return None,
    })
}

/// A banner above heading `c`: where its line starts, and whether it stands as a banner alone
/// (else only among others). The line above the title (blank lines between allowed), after
/// `not_before` (the heading before it), prints the part's number alone. A zero-padded number
/// (`05`) stands alone; so does a bare one (`5`) after a blank line, not after a figure alone on
/// its line, above a title without a number of its own (`五、`). Otherwise a bare number may be
/// a figure: a table printed one cell a line may end on it right above the next part's title.
pub(super) fn banner_above(text: &str, c: &Candidate, not_before: usize) -> Option<(usize, bool)> {
    if c.level != Level::Top || c.arabic {
        return None;
    }
    let part = part_number(c.kind)?;
    let line_start = text[..c.start].rfind('\n').map_or(0, |p| p + 1);
    let before = text.get(not_before..line_start)?;
    let mut lines = before.split_inclusive('\n').rev();
    let mut skipped = 0;
    let (line, rest_len) = loop {
        let line = lines.next()?;
        if !line.trim().is_empty() {
            break (line, lines.clone().map(str::len).sum::<usize>());
        }
        skipped += 1;
        if skipped > 2 {
            return None;
        }
    };
    let t = line.trim();
    if t.is_empty() || t.len() > 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if t.parse::<u32>().ok()? != part {
        return None;
    }
    let padded = t.len() >= 2 && t.starts_with('0');
    let after_blank = lines.clone().next().is_none_or(|l| l.trim().is_empty());
    // A figure alone on the last line of text above: a table printed one cell a line (blank
    // lines between its cells), ending on this number.
    let after_figure = lines.find(|l| !l.trim().is_empty()).is_some_and(|l| {
        let l = l.trim();
        l.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
    });
    Some((
        not_before + rest_len,
        padded || (after_blank && !after_figure && c.number.is_none()),
    ))
}

/// The fewest parts printed under banners that make the report's style: then each banner is
/// one, alone or not (no table ends on its part's number above three parts).
const STYLE_BANNERS: usize = 3;

/// Where each of `accepted` starts: at its banner, or at its heading.
pub(super) fn part_starts(text: &str, accepted: &[Candidate]) -> Vec<usize> {
    let banners: Vec<Option<(usize, bool)>> = accepted
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let not_before = i.checked_sub(1).map_or(0, |p| accepted[p].title_end);
            banner_above(text, c, not_before)
        })
        .collect();
    let style = banners.iter().flatten().count() >= STYLE_BANNERS;
    accepted
        .iter()
        .zip(banners)
        .map(|(c, b)| match b {
            Some((start, alone)) if alone || style => start,
            _ => c.start,
        })
        .collect()
}

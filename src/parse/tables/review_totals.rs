//! Table 四 printed without its groups' 总计 columns: each group's four results only
//! (结果维持, 结果纠正, 其他结果, 尚未审结), twelve figures. Read so only when the table names
//! the results' columns and no total anywhere (总计, 合计, 小计), and twelve figures are read,
//! each on its own: then each group's four are its first four cells, and its 总计 is absent
//! (not printed, so not known: never worked out from the others, which a check compares).

use super::super::cells::{CellKind, CellTok};
use super::super::text::compact_str;
use std::ops::Range;

/// The results' columns, a header must name each of them.
const RESULT_WORDS: &[&str] = &["维持", "纠正", "其他", "审结"];
/// Names of a total column: a header naming one has its totals.
const TOTAL_WORDS: &[&str] = &["总计", "合计", "小计"];

/// Whether table 四's `items` are twelve figures under a header with no total columns.
pub(super) fn unprinted(text: &str, region: Range<usize>, items: &[CellTok]) -> bool {
    if items.len() != 12
        || !items
            .iter()
            .all(|c| matches!(c.kind, CellKind::Fixed(_) | CellKind::Na))
    {
        return false;
    }
    let c = compact_str(&text[region]);
    RESULT_WORDS.iter().all(|w| c.contains(w)) && !TOTAL_WORDS.iter().any(|w| c.contains(w))
}

/// The twelve figures with a blank in each group's 总计 place (taken out again once placed).
pub(super) fn with_total_places(items: Vec<CellTok>) -> Vec<CellTok> {
    let mut out = Vec::with_capacity(15);
    for group in items.chunks(4) {
        out.extend(group.iter().cloned());
        let at = group.last().map_or(0, |c| c.range.end);
        out.push(CellTok {
            kind: CellKind::Blank,
            range: at..at,
        });
    }
    out
}

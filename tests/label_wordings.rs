//! Row labels worded as agencies word them, not as the template prints them: table 二's items
//! named as the decisions they count (`行政处罚决定`, `行政强制措施`), table 三's rows with the
//! kinds of information the regulation names (`危及国家安全、公共安全、经济安全、社会稳定`, the
//! internal-affairs and process-information kinds of its article 16), `本年度` / `上年度` /
//! `下一年度` for `本年` / `上年` / `下年度`, and `（七）办理结果总计`. Each rewording is applied to
//! every keyed report that prints the label, one rewording at a time: every fact right on the
//! original stays right, none becomes wrong.
//!
//! Before: table 二's two reworded items lost their figure with no warning; `（七）办理结果总计`
//! was taken for the end of `3.其他`, and both rows were lost (14 facts); the regulation's words
//! for 三安全一稳定 lost the row (found by a helper's 37 families of rewordings; the rest read
//! right already).
//!
//! Reports crawled onto one line with each row's figures glued to its label as one digit run
//! (pingtan) are reworded too: there the run is cut at the next row's item number, found before
//! a word or two that open its label (`6.属于讨论记录…`, `3.经补正后…`), and a label read only
//! in part (`申请数` after `本年新收政府信息公开`) left its figures to no row; the wordings are
//! now in the template (`…申请数`, `…申请件数`, `本年新收申请数量`, `其他法律、行政法规…`,
//! `没有现成信息，需要…`, `信访、举报、投诉类申请`, `结转下年度继续办理数量`).
//!
//! Left: in such a crawl, a label misprinted (`本年新收政府息公开申请数量`) or numbered in
//! Arabic (`1.本年新收…`) still loses its row.

use crate::common;

use common::every_variant_keeps_every_fact;

/// A rewording: the template's words and the agency's.
const REWORDINGS: &[(&str, &str)] = &[
    ("行政处罚", "行政处罚决定"),
    ("行政强制", "行政强制措施"),
    ("（七）总计", "（七）办理结果总计"),
    ("(七)总计", "(七)办理结果总计"),
    (
        "危及“三安全一稳定”",
        "危及国家安全、公共安全、经济安全、社会稳定",
    ),
    (
        "属于三类内部事务信息",
        "属于人事管理、后勤管理、内部工作流程等内部事务信息",
    ),
    (
        "属于四类过程性信息",
        "属于讨论记录、过程稿、磋商信函、请示报告等过程性信息",
    ),
    ("本年新收", "本年度新收"),
    ("上年结转", "上年度结转"),
    ("结转下年度", "结转下一年度"),
    ("申请数量", "申请数"),
    ("申请数量", "申请件数"),
    ("本年新收政府信息公开申请数量", "本年新收申请数量"),
    ("上年结转政府信息公开申请数量", "上年结转申请数量"),
    ("结转下年度继续办理", "结转下年度继续办理数量"),
    ("结转下年度继续办理", "结转下年度办理"),
    ("其他法律行政法规禁止公开", "其他法律、行政法规禁止公开"),
    ("危及“三安全一稳定”", "危及“三安全一稳定”的"),
    ("没有现成信息需要另行制作", "没有现成信息，需要另行制作"),
    ("补正后申请内容仍不明确", "经补正后申请内容仍不明确"),
    ("信访举报投诉类申请", "信访、举报、投诉类申请"),
    ("本机关不掌握相关政府信息", "本机关不掌握相关信息"),
];

/// Each rewording of each keyed report that prints the label (variant `#i` is `REWORDINGS[i]`;
/// table 二's items also open 行政处罚 in prose: every place is reworded, as a report that
/// words its table so words its text so too).
#[test]
fn reworded_labels_keep_every_fact() {
    let made = every_variant_keeps_every_fact("reworded label", |k, _| {
        REWORDINGS
            .iter()
            .map(|(template, agency)| k.source.replace(template, agency))
            .collect()
    });
    assert!(made >= 40, "only {made} variants");
}

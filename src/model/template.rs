//! The statistical template as data: every table's rows and columns, their spec keys, their
//! Chinese labels and the variants reports print them with. The parser, the checks, compare and
//! export all read these tables; nothing else in the crate spells a row label.
//!
//! Variants are written in "compact" form: white space and quote marks removed, full-width
//! brackets folded (the parser compacts the report text the same way before matching).

use super::Template;

#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub key: &'static str,
    pub label: &'static str,
}

/// A row of a table: key, label as printed, and the compact variants that identify it.
#[derive(Debug, Clone, Copy)]
pub struct RowDef {
    pub key: &'static str,
    pub label: &'static str,
    pub variants: &'static [&'static str],
    /// The item number printed before the label ("2" in "2.其他法律行政法规禁止公开").
    pub item: Option<char>,
    /// Columns of this row (table 二 rows differ; table 三 rows share the applicant columns).
    pub columns: &'static [Column],
    pub in_2019: bool,
    pub in_2021: bool,
}

impl RowDef {
    pub fn in_template(&self, t: Template) -> bool {
        match t {
            Template::Y2019 => self.in_2019,
            Template::Y2021 => self.in_2021,
        }
    }
}

macro_rules! cols {
    ($($k:literal $l:literal),* $(,)?) => { &[$(Column { key: $k, label: $l }),*] };
}

const C21_DOCS: &[Column] =
    cols!["issued" "本年制发件数", "repealed" "本年废止件数", "in_force" "现行有效件数"];
const C21_DECISIONS: &[Column] = cols!["decisions" "本年处理决定数量"];
const C21_FEES: &[Column] = cols!["amount" "本年收费金额(万元)"];
const C19_DOCS: &[Column] =
    cols!["made" "本年新制作数量", "published" "本年新公开数量", "total_public" "对外公开总数量"];
const C19_ITEMS: &[Column] =
    cols!["previous_items" "上一年项目数量", "change" "本年增/减", "decisions" "处理决定数量"];
const C19_FEES: &[Column] = cols!["previous_items" "上一年项目数量", "change" "本年增/减"];
const C19_PROCUREMENT: &[Column] = cols!["items" "采购项目数量", "amount" "采购总金额"];

macro_rules! drow {
    ($k:literal, $l:literal, [$($v:literal),*], $cols:expr, $y19:expr, $y21:expr) => {
        RowDef { key: $k, label: $l, variants: &[$($v),*], item: None, columns: $cols, in_2019: $y19, in_2021: $y21 }
    };
}

/// Table 二, 2021 format.
/// The titles of parts 二 to 六 as the template prints them (2019 and 2021 alike), by their
/// number: a heading so numbered whose title is one character off the template's (a misprint:
/// `二、主公开政府信息情况`, `三、收到和处理政府信息公开申情况`) is still that part
/// (`parse::sections`).
pub const PART_TITLES: &[(u32, crate::model::SectionKind, &str)] = &[
    (
        2,
        crate::model::SectionKind::DisclosureTable,
        "主动公开政府信息情况",
    ),
    (
        3,
        crate::model::SectionKind::RequestsTable,
        "收到和处理政府信息公开申请情况",
    ),
    (
        4,
        crate::model::SectionKind::ReviewLitigationTable,
        "政府信息公开行政复议行政诉讼情况",
    ),
    (
        5,
        crate::model::SectionKind::Problems,
        "存在的主要问题及改进情况",
    ),
    (6, crate::model::SectionKind::Other, "其他需要报告的事项"),
];

pub const DISCLOSURE_2021: &[RowDef] = &[
    drow!("rules", "规章", ["规章"], C21_DOCS, false, true),
    drow!(
        "normative_documents",
        "行政规范性文件",
        ["行政规范性文件", "规范性文件"],
        C21_DOCS,
        false,
        true
    ),
    drow!(
        "licensing",
        "行政许可",
        ["行政许可", "许可"],
        C21_DECISIONS,
        false,
        true
    ),
    drow!(
        "penalty",
        "行政处罚",
        ["行政处罚", "行政处罚决定", "处罚"],
        C21_DECISIONS,
        false,
        true
    ),
    drow!(
        "coercion",
        "行政强制",
        ["行政强制", "行政强制措施", "强制"],
        C21_DECISIONS,
        false,
        true
    ),
    drow!(
        "fees",
        "行政事业性收费",
        ["行政事业性收费", "事业性收费"],
        C21_FEES,
        false,
        true
    ),
];

/// Table 二, 2019 format.
pub const DISCLOSURE_2019: &[RowDef] = &[
    drow!("rules", "规章", ["规章"], C19_DOCS, true, false),
    drow!(
        "normative_documents",
        "规范性文件",
        ["行政规范性文件", "规范性文件"],
        C19_DOCS,
        true,
        false
    ),
    drow!(
        "licensing",
        "行政许可",
        ["行政许可", "许可"],
        C19_ITEMS,
        true,
        false
    ),
    drow!(
        "other_services",
        "其他对外管理服务事项",
        ["其他对外管理服务事项"],
        C19_ITEMS,
        true,
        false
    ),
    drow!(
        "penalty",
        "行政处罚",
        ["行政处罚", "处罚"],
        C19_ITEMS,
        true,
        false
    ),
    drow!(
        "coercion",
        "行政强制",
        ["行政强制", "强制"],
        C19_ITEMS,
        true,
        false
    ),
    drow!(
        "fees",
        "行政事业性收费",
        ["行政事业性收费", "事业性收费"],
        C19_FEES,
        true,
        false
    ),
    drow!(
        "procurement",
        "政府集中采购",
        ["政府集中采购"],
        C19_PROCUREMENT,
        true,
        false
    ),
];

pub fn disclosure_rows(t: Template) -> &'static [RowDef] {
    match t {
        Template::Y2019 => DISCLOSURE_2019,
        Template::Y2021 => DISCLOSURE_2021,
    }
}

/// Column headers of table 二 that only one template prints (compact form; a header printed
/// without 本年, "制发件数", still tells).
pub const DISCLOSURE_HEADERS_2021: &[&str] = &[
    "制发件数",
    "废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "收费金额",
];
pub const DISCLOSURE_HEADERS_2019: &[&str] = &[
    "新制作数量",
    "新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "采购项目数量",
    "采购总金额",
    "政府集中采购",
    "其他对外管理服务事项",
    "第二十条第(九)项",
];
/// Rows of table 二 that only the 2019 template prints: a table 二 with rows but none of these
/// is in the 2021 format, whatever its headers and table 三's （六） say.
pub const DISCLOSURE_ROWS_ONLY_2019: &[&str] = &["其他对外管理服务事项", "政府集中采购"];
/// Header words of table 二: a run of digits right after one of them is a cell, not a word.
pub const DISCLOSURE_HEADER_WORDS: &[&str] = &[
    "信息内容",
    "本年制发件数",
    "本年废止件数",
    "制发件数",
    "废止件数",
    "现行有效件数",
    "本年处理决定数量",
    "处理决定数量",
    "本年新制作数量",
    "本年新公开数量",
    "对外公开总数量",
    "上一年项目数量",
    "本年增/减",
    "采购项目数量",
    "采购总金额",
    "(单位:万元)",
    "(万元)",
];

/// Words that mark a column of table 二 the template does not have, which agencies add beside
/// this year's figures: last year's figures (上年处理决定数量, 2022年现行有效件数 is not one: a
/// year alone says nothing) and the change against them (同比, 增减, 增长). A header cell holding
/// one of these that is not itself a column of the template (the 2019 format's 上一年项目数量
/// and 本年增/减 are) is such a column.
pub const DISCLOSURE_EXTRA_COLUMN_MARKS: &[&str] = &[
    "上年",
    "去年",
    "上一年",
    "前一年",
    "同比",
    "环比",
    "增减",
    "增长",
    "比较",
    "较上年",
    "变化",
];

/// The header cell over table 二's row labels (compact forms).
pub const DISCLOSURE_CONTENT_HEADERS: &[&str] = &["信息内容", "内容", "项目", "类别"];

/// The seven applicant columns of table 三, in printed order.
pub const REQUEST_COLUMNS: &[Column] = cols![
    "natural_person" "自然人",
    "commercial" "商业企业",
    "research" "科研机构",
    "social_welfare" "社会公益组织",
    "legal_service" "法律服务机构",
    "other_org" "其他",
    "total" "总计",
];

pub const REQUEST_HEADER_WORDS: &[&str] = &[
    "申请人情况",
    "自然人",
    "法人或其他组织",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
    // The 总计 column or row printed as 合计.
    "合计",
    "本年度办理结果",
];

/// The names table 三's header prints over each applicant column (compact forms), indexed as
/// `REQUEST_COLUMNS`: the template's own and the abbreviations agencies print. A header cell is
/// one of these exactly, never a word inside a longer cell.
pub const REQUEST_COLUMN_NAMES: &[&[&str]] = &[
    // 个人 and 公民, 企业, 科研院所 and 律师事务所 as agencies' own forms name the columns: a
    // header with one name unknown is not read, and its columns in another order are read by
    // position (科研机构 before 企业: 20 figures wrong, silently).
    &["自然人", "个人", "公民", "公民个人"],
    &["商业企业", "商业", "企业"],
    &["科研机构", "科研", "科研院所"],
    &["社会公益组织", "社会公益", "公益组织"],
    &["法律服务机构", "法律服务", "律师事务所"],
    &["其他", "其它", "其他组织"],
    &["总计", "合计"],
];

/// The organisation columns of table 三 (indices into `REQUEST_COLUMNS`), and the name of the
/// header cell printed over them.
pub const REQUEST_ORG_COLUMNS: std::ops::Range<usize> = 1..6;
pub const REQUEST_ORG_GROUP: &[&str] = &["法人或其他组织", "法人或者其他组织", "法人和其他组织"];

/// A column of the organisations' subtotals that some agencies add to table 三 (their 总计 is
/// then the only 总计: 合计 beside 总计 is the subtotal).
pub const REQUEST_SUBTOTAL_NAMES: &[&str] = &["小计"];

/// A table's first column numbering its rows (序号 1, 2, 3…): no figure column.
pub const INDEX_COLUMN_NAMES: &[&str] = &["序号", "栏次", "编号", "行次"];

/// A table's last column of remarks: no figure column, whatever it holds.
pub const REMARKS_COLUMN_NAMES: &[&str] = &["备注", "说明", "备注说明"];

/// Headings printed inside table 三 that are no row: a label matched tolerantly must be clearly
/// closer to a row's label than to any of these ("（三）不予公开" is not "予以公开").
pub const REQUEST_HEADINGS: &[&str] = &[
    "不予公开",
    "无法提供",
    "不予处理",
    "本年度办理结果",
    "收到和处理政府信息公开申请情况",
    "本列数据的勾稽关系为",
    "第一项加第二项之和",
    "等于第三项加第四项之和",
];

/// Rows of table 三 the template spells with their item number only ("3.其他"), which a report
/// that lost its numbering (Word's automatic numbers pasted as text) prints bare: the word alone
/// in its field or on its line is also a column's header, so it starts its row only right
/// after the rows before it in the template (`tables::assemble`). (A bare 总计/合计 is the total
/// row: `cells::Event::TotalRow`.)
pub const REQUEST_BARE_ROWS: &[(&str, &str)] = &[("其他", "other_other"), ("其它", "other_other")];

/// A row that one template prints whole and the other splits into sub-rows (（六）其他处理: one
/// row in 2019, three in 2021). Reports print either shape in either template.
pub struct RowGroup {
    pub whole: &'static str,
    pub parts: &'static [&'static str],
}

pub const REQUEST_ROW_GROUPS: &[RowGroup] = &[RowGroup {
    whole: "other",
    parts: &[
        "other_overdue_correction",
        "other_unpaid_fee",
        "other_other",
    ],
}];

/// The numeral of the group table 三's row `i` (in [`REQUEST_ROWS`]) belongs to: `五` for
/// "(五)不予处理 1.信访举报投诉类申请" and the rows after it up to the next group; None for the
/// rows outside the result groups (一、, 二、, 四、).
pub fn request_row_group(i: usize) -> Option<char> {
    REQUEST_ROWS[..=i.min(REQUEST_ROWS.len() - 1)]
        .iter()
        .rev()
        .find_map(|r| {
            let rest = r.label.strip_prefix('(');
            match rest.and_then(|t| t.chars().next()) {
                Some(n) => Some(Some(n)),
                // A part's own numbered row ends the groups before it.
                None if r.item.is_none() => Some(None),
                None => None,
            }
        })
        .flatten()
}

/// Is row `a` the heading of its sub-row `b` (the whole row of a group printed above its
/// parts, "（六）其他处理" over "1.申请人无正当理由逾期不补正…")?
pub fn heads(a: &str, b: &str) -> bool {
    REQUEST_ROW_GROUPS
        .iter()
        .any(|g| g.whole == a && g.parts.contains(&b))
}

macro_rules! rrow {
    ($k:literal, $l:literal, $item:expr, [$($v:literal),*], $y19:expr, $y21:expr) => {
        RowDef { key: $k, label: $l, variants: &[$($v),*], item: $item, columns: REQUEST_COLUMNS, in_2019: $y19, in_2021: $y21 }
    };
}

/// Table 三: rows of both formats in printed order (`other` is 2019 only, `other_*` 2021 only).
pub const REQUEST_ROWS: &[RowDef] = &[
    rrow!(
        "new_received",
        "一、本年新收政府信息公开申请数量",
        None,
        [
            "本年新收政府信息公开申请数量",
            "本年新收政府信息公开申请件数",
            "本年新收政府信息公开申请数",
            "本年新收政府信息公开申请",
            "本年新收申请数量",
            "本年新收申请数",
            "本年新收",
            "本年度新收政府信息公开申请数量",
            "本年度新收政府信息公开申请件数",
            "本年度新收政府信息公开申请数",
            "本年度新收政府信息公开申请",
            "本年度新收"
        ],
        true,
        true
    ),
    rrow!(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        None,
        [
            "上年结转政府信息公开申请数量",
            "上年结转政府信息公开申请件数",
            "上年结转政府信息公开申请数",
            "上年结转政府信息公开申请",
            "上年结转申请数量",
            "上年结转申请数",
            "上年结转",
            "上年度结转政府信息公开申请数量",
            "上年度结转政府信息公开申请件数",
            "上年度结转政府信息公开申请数",
            "上年度结转政府信息公开申请",
            "上年度结转"
        ],
        true,
        true
    ),
    rrow!("disclosed", "(一)予以公开", None, ["予以公开"], true, true),
    rrow!(
        "partially_disclosed",
        "(二)部分公开",
        None,
        [
            "部分公开(区分处理的,只计这一情形,不计其他情形)",
            "部分公开(区分处理的，只计这一情形，不计其他情形)",
            "部分公开"
        ],
        true,
        true
    ),
    rrow!(
        "withheld_state_secret",
        "(三)不予公开 1.属于国家秘密",
        Some('1'),
        ["属于国家秘密", "国家秘密"],
        true,
        true
    ),
    rrow!(
        "withheld_law_prohibited",
        "2.其他法律行政法规禁止公开",
        Some('2'),
        [
            "其他法律行政法规禁止公开",
            "其他法律、行政法规禁止公开",
            "法律行政法规禁止公开",
            "法律、行政法规禁止公开"
        ],
        true,
        true
    ),
    rrow!(
        "withheld_three_safety",
        "3.危及“三安全一稳定”",
        Some('3'),
        // (Or the four named, as article 14 of the regulation names them.)
        [
            "危及三安全一稳定的",
            "危及三安全一稳定",
            "三安全一稳定",
            "危及国家安全、公共安全、经济安全、社会稳定",
            "危及国家安全、公共安全、经济安全和社会稳定"
        ],
        true,
        true
    ),
    rrow!(
        "withheld_third_party",
        "4.保护第三方合法权益",
        Some('4'),
        ["保护第三方合法权益"],
        true,
        true
    ),
    rrow!(
        "withheld_internal_affairs",
        "5.属于三类内部事务信息",
        Some('5'),
        // (Or named as article 16 of the regulation names them.)
        [
            "属于三类内部事务信息",
            "三类内部事务信息",
            "人事管理、后勤管理、内部工作流程等内部事务信息",
            "人事管理、后勤管理、内部工作流程等方面的信息"
        ],
        true,
        true
    ),
    rrow!(
        "withheld_process_info",
        "6.属于四类过程性信息",
        Some('6'),
        [
            "属于四类过程性信息",
            "四类过程性信息",
            "讨论记录、过程稿、磋商信函、请示报告等过程性信息"
        ],
        true,
        true
    ),
    rrow!(
        "withheld_enforcement_file",
        "7.属于行政执法案卷",
        Some('7'),
        ["属于行政执法案卷", "行政执法案卷"],
        true,
        true
    ),
    rrow!(
        "withheld_admin_query",
        "8.属于行政查询事项",
        Some('8'),
        ["属于行政查询事项", "行政查询事项"],
        true,
        true
    ),
    rrow!(
        "unavailable_not_held",
        "(四)无法提供 1.本机关不掌握相关政府信息",
        Some('1'),
        [
            "本机关不掌握相关政府信息",
            "本机关不掌握相关信息",
            "不掌握相关政府信息",
            "不掌握相关信息"
        ],
        true,
        true
    ),
    rrow!(
        "unavailable_needs_creation",
        "2.没有现成信息需要另行制作",
        Some('2'),
        [
            "没有现成信息需要另行制作",
            "没有现成信息，需要另行制作",
            "需要另行制作"
        ],
        true,
        true
    ),
    rrow!(
        "unavailable_unclear",
        "3.补正后申请内容仍不明确",
        Some('3'),
        ["补正后申请内容仍不明确", "申请内容仍不明确"],
        true,
        true
    ),
    rrow!(
        "not_processed_petition",
        "(五)不予处理 1.信访举报投诉类申请",
        Some('1'),
        [
            "信访举报投诉类申请",
            "信访、举报、投诉类申请",
            "信访举报投诉",
            "信访、举报、投诉"
        ],
        true,
        true
    ),
    rrow!(
        "not_processed_duplicate",
        "2.重复申请",
        Some('2'),
        ["重复申请"],
        true,
        true
    ),
    rrow!(
        "not_processed_publication",
        "3.要求提供公开出版物",
        Some('3'),
        ["要求提供公开出版物", "公开出版物"],
        true,
        true
    ),
    rrow!(
        "not_processed_excessive",
        "4.无正当理由大量反复申请",
        Some('4'),
        ["无正当理由大量反复申请", "大量反复申请"],
        true,
        true
    ),
    rrow!(
        "not_processed_confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
        Some('5'),
        ["要求行政机关确认或重新出具已获取信息", "重新出具已获取信息"],
        true,
        true
    ),
    rrow!(
        "other_overdue_correction",
        "(六)其他处理 1.申请人无正当理由逾期不补正",
        Some('1'),
        [
            "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "申请人无正当理由逾期不补正,行政机关不再处理其政府信息公开申请",
            "申请人无正当理由逾期不补正",
            "逾期不补正"
        ],
        false,
        true
    ),
    rrow!(
        "other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用",
        Some('2'),
        [
            "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "申请人逾期未按收费通知要求缴纳费用,行政机关不再处理其政府信息公开申请",
            "申请人逾期未按收费通知要求缴纳费用",
            "逾期未按收费通知要求缴纳费用",
            "逾期未缴纳费用"
        ],
        false,
        true
    ),
    rrow!(
        "other_other",
        "3.其他",
        Some('3'),
        // (And renumbered by a list style: "(3)其他", "③其他", "⑶其他"; or its 、 typed as a
        // comma, as an OCR or an English-mode input method gives it.)
        [
            "3.其他",
            "3、其他",
            "3)其他",
            "③其他",
            "⑶其他",
            "⒊其他",
            "3,其他",
            "3，其他"
        ],
        false,
        true
    ),
    rrow!("other", "(六)其他处理", None, ["其他处理"], true, false),
    rrow!(
        "total_processed",
        "(七)总计",
        None,
        // (And renumbered by a list style: "7.总计", "(7)总计".)
        [
            "(七)总计",
            "七)总计",
            "(七)合计",
            "七、总计",
            "7.总计",
            "7、总计",
            "7)总计",
            "7)合计",
            "(七)办理结果总计"
        ],
        true,
        true
    ),
    rrow!(
        "carried_forward",
        "四、结转下年度继续办理",
        None,
        [
            "结转下年度继续办理数量",
            "结转下年度继续办理件数",
            "结转下年度继续办理",
            "结转下年度继续处理",
            "结转下年度办理",
            "结转下年度",
            "结转下一年度继续办理数量",
            "结转下一年度继续办理",
            "结转下一年度"
        ],
        true,
        true
    ),
];

/// The rows of table 三 in one template, in printed order.
pub fn request_rows(t: Template) -> Vec<&'static RowDef> {
    REQUEST_ROWS.iter().filter(|r| r.in_template(t)).collect()
}

/// The rows of table 三 as a report prints them: the template's rows, where a group of
/// `REQUEST_ROW_GROUPS` is printed in the other template's shape (and not in this one's), in
/// that shape at the same place.
pub fn request_rows_as_printed(
    t: Template,
    printed: impl Fn(&str) -> bool,
) -> Vec<&'static RowDef> {
    let mut rows = request_rows(t);
    for g in REQUEST_ROW_GROUPS {
        let whole = [g.whole];
        let (mine, other): (&[&str], &[&str]) = if rows.iter().any(|r| r.key == g.whole) {
            (&whole, g.parts)
        } else {
            (g.parts, &whole)
        };
        if mine.iter().any(|k| printed(k)) || !other.iter().any(|k| printed(k)) {
            continue;
        }
        let Some(at) = rows.iter().position(|r| mine.contains(&r.key)) else {
            continue;
        };
        rows.retain(|r| !mine.contains(&r.key));
        let shape: Vec<&RowDef> = other
            .iter()
            .filter_map(|k| REQUEST_ROWS.iter().find(|r| r.key == *k))
            .collect();
        rows.splice(at..at, shape);
    }
    rows
}

/// Result rows (（一）…（六）) of table 三: what `results_sum` adds up.
pub fn request_result_rows(t: Template) -> Vec<&'static RowDef> {
    request_result_rows_as_printed(t, |_| false)
}

/// Result rows of table 三 as printed (see `request_rows_as_printed`).
pub fn request_result_rows_as_printed(
    t: Template,
    printed: impl Fn(&str) -> bool,
) -> Vec<&'static RowDef> {
    request_rows_as_printed(t, printed)
        .into_iter()
        .filter(|r| {
            !matches!(
                r.key,
                "new_received" | "carried_over" | "total_processed" | "carried_forward"
            )
        })
        .collect()
}

/// Table 四: three groups of five cells, printed in this order.
pub const REVIEW_GROUPS: &[Column] = cols![
    "review" "行政复议",
    "litigation_direct" "行政诉讼·未经复议直接起诉",
    "litigation_after_review" "行政诉讼·复议后起诉",
];
pub const REVIEW_COLUMNS: &[Column] = cols![
    "upheld" "结果维持",
    "corrected" "结果纠正",
    "other" "其他结果",
    "pending" "尚未审结",
    "total" "总计",
];
pub const REVIEW_HEADER_WORDS: &[&str] = &[
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "总计",
    "未经复议直接起诉",
    "复议后起诉",
    "维持",
    "纠正",
    "结果",
    "审结",
];

/// Words of table 四's column headers short enough to survive a PDF's split of the header
/// ("结果" / "维持"): one between the table's figures marks a table printed transposed.
pub const REVIEW_COLUMN_WORDS: &[&str] = &["维持", "纠正", "审结", "总计", "其他结果"];

/// The names table 四's header prints over each column of a group (compact forms), indexed as
/// `REVIEW_COLUMNS`, longest first within a column: a header is read as a sequence of these.
pub const REVIEW_COLUMN_NAMES: &[&[&str]] = &[
    &["结果维持", "维持"],
    &["结果纠正", "纠正"],
    // Short forms agencies print (合计/维持/纠正/其他/未审结, 审理中): a header with one name
    // unknown is not read, and columns in another order are read by position.
    &["其他结果", "其他"],
    &["尚未审结", "未审结", "审理中"],
    &["总计", "合计", "小计"],
];

/// Every figure key of a template with its Chinese label, in table order.
pub fn figure_keys(t: Template) -> Vec<(String, String)> {
    figure_keys_as_printed(t, |_| false)
}

/// Every figure key of a template as a report prints its table 三 (`printed`: is a row of
/// table 三 printed; see `request_rows_as_printed`), with its Chinese label, in table order.
pub fn figure_keys_as_printed(
    t: Template,
    printed: impl Fn(&str) -> bool,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for r in disclosure_rows(t) {
        for c in r.columns {
            out.push((
                format!("disclosure.{}.{}", r.key, c.key),
                format!("二·{}·{}", r.label, c.label),
            ));
        }
    }
    for r in request_rows_as_printed(t, printed) {
        for c in REQUEST_COLUMNS {
            out.push((
                format!("requests.{}.{}", r.key, c.key),
                format!("三·{}·{}", r.label, c.label),
            ));
        }
    }
    for g in REVIEW_GROUPS {
        for c in REVIEW_COLUMNS {
            out.push((
                format!("review_litigation.{}.{}", g.key, c.key),
                format!("四·{}·{}", g.label, c.label),
            ));
        }
    }
    out
}

/// Every figure key of either template (2021 first, then the 2019-only keys), with labels
/// (built once: export asks for it once per report).
pub fn all_figure_keys() -> &'static [(String, String)] {
    static KEYS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut out = figure_keys(Template::Y2021);
        for kv in figure_keys(Template::Y2019) {
            if !out.iter().any(|(k, _)| *k == kv.0) {
                out.push(kv);
            }
        }
        out
    })
}

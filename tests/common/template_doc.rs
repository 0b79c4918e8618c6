//! A keyed report as a document of the official template's own shape: its prose (as its own
//! parse reads it) under the template's headings, and its three tables as the template prints
//! them, merged cells and all (`三、本年度办理结果` over 22 rows, `申请人情况` over 7 columns,
//! table 二's one-figure rows over three columns). What converters and extractors make of such a
//! document (markdown with repeated or blank merged cells, AsciiDoc, HTML in markdown, text
//! without its headings) is what a crawl of a report's page or a conversion of its file gives.

use super::Keyed;
use gongkai::model::SectionKind;
use serde_json::Value;

/// A table cell: its text and how many rows and columns it spans.
pub struct Cell {
    pub text: String,
    pub rows: usize,
    pub cols: usize,
}

pub type Table = Vec<Vec<Cell>>;

pub enum Block {
    /// The report's title.
    Title(String),
    /// A part's heading (一、总体情况) or a sub-part's ((一)主动公开): the level, 1 or 2.
    Heading(u8, String),
    Para(String),
    Table(Table),
    /// The sign-off after the report: the agency, the date.
    SignOff(String),
}

/// A cell of one row and one column.
pub fn cell(text: &str) -> Cell {
    span(text, 1, 1)
}

/// A cell merged over `rows` rows and `cols` columns.
pub fn span(text: &str, rows: usize, cols: usize) -> Cell {
    Cell {
        text: text.to_string(),
        rows,
        cols,
    }
}

/// The template's heading of a part, by kind.
fn heading(kind: SectionKind) -> Option<(u8, &'static str)> {
    Some(match kind {
        SectionKind::Overview => (1, "一、总体情况"),
        SectionKind::Proactive => (2, "（一）主动公开"),
        SectionKind::OnRequest => (2, "（二）依申请公开"),
        SectionKind::Management => (2, "（三）政府信息管理"),
        SectionKind::Platforms => (2, "（四）平台建设"),
        SectionKind::Oversight => (2, "（五）监督保障"),
        SectionKind::DisclosureTable => (1, "二、主动公开政府信息情况"),
        SectionKind::RequestsTable => (1, "三、收到和处理政府信息公开申请情况"),
        SectionKind::ReviewLitigationTable => (1, "四、政府信息公开行政复议、行政诉讼情况"),
        SectionKind::Problems => (1, "五、存在的主要问题及改进情况"),
        SectionKind::Other => (1, "六、其他需要报告的事项"),
        _ => return None,
    })
}

/// The key's figure of `cell` as printed ("" for a blank or unkeyed cell).
fn figure(key: &Value, cell: &str) -> String {
    match &key["cells"][cell] {
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

fn disclosure(key: &Value) -> Table {
    let f = |c: &str| figure(key, &format!("disclosure.{c}"));
    let mut t: Table = Vec::new();
    let item = |t: &mut Table, n: &str| t.push(vec![span(&format!("第二十条第（{n}）项"), 1, 4)]);
    if key["template"] == "2019" {
        item(&mut t, "一");
        t.push(
            [
                "信息内容",
                "本年新制作数量",
                "本年新公开数量",
                "对外公开总数量",
            ]
            .map(cell)
            .into(),
        );
        for (k, label) in [("rules", "规章"), ("normative_documents", "规范性文件")] {
            let mut row = vec![cell(label)];
            row.extend(
                ["made", "published", "total_public"].map(|c| cell(&f(&format!("{k}.{c}")))),
            );
            t.push(row);
        }
        let head = ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"];
        for (n, rows) in [
            (
                "五",
                [
                    ("licensing", "行政许可"),
                    ("other_services", "其他对外管理服务事项"),
                ],
            ),
            ("六", [("penalty", "行政处罚"), ("coercion", "行政强制")]),
        ] {
            item(&mut t, n);
            t.push(head.map(cell).into());
            for (k, label) in rows {
                let mut row = vec![cell(label)];
                row.extend(
                    ["previous_items", "change", "decisions"]
                        .map(|c| cell(&f(&format!("{k}.{c}")))),
                );
                t.push(row);
            }
        }
        item(&mut t, "八");
        t.push(vec![
            cell("信息内容"),
            cell("上一年项目数量"),
            span("本年增/减", 1, 2),
        ]);
        t.push(vec![
            cell("行政事业性收费"),
            cell(&f("fees.previous_items")),
            span(&f("fees.change"), 1, 2),
        ]);
        item(&mut t, "九");
        t.push(vec![
            cell("信息内容"),
            cell("采购项目数量"),
            span("采购总金额", 1, 2),
        ]);
        t.push(vec![
            cell("政府集中采购"),
            cell(&f("procurement.items")),
            span(&f("procurement.amount"), 1, 2),
        ]);
    } else {
        item(&mut t, "一");
        t.push(
            ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
                .map(cell)
                .into(),
        );
        for (k, label) in [("rules", "规章"), ("normative_documents", "行政规范性文件")] {
            let mut row = vec![cell(label)];
            row.extend(["issued", "repealed", "in_force"].map(|c| cell(&f(&format!("{k}.{c}")))));
            t.push(row);
        }
        for (n, head, rows) in [
            (
                "五",
                "本年处理决定数量",
                &[("licensing.decisions", "行政许可")][..],
            ),
            (
                "六",
                "本年处理决定数量",
                &[
                    ("penalty.decisions", "行政处罚"),
                    ("coercion.decisions", "行政强制"),
                ][..],
            ),
            (
                "八",
                "本年收费金额（单位：万元）",
                &[("fees.amount", "行政事业性收费")][..],
            ),
        ] {
            item(&mut t, n);
            t.push(vec![cell("信息内容"), span(head, 1, 3)]);
            for (k, label) in rows {
                t.push(vec![cell(label), span(&f(k), 1, 3)]);
            }
        }
    }
    t
}

const APPLICANTS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
    "total",
];

fn requests(key: &Value) -> Table {
    let figures = |row: &str| -> Vec<Cell> {
        APPLICANTS
            .iter()
            .map(|c| cell(&figure(key, &format!("requests.{row}.{c}"))))
            .collect()
    };
    let with = |mut lead: Vec<Cell>, row: &str| {
        lead.extend(figures(row));
        lead
    };
    let mut t: Table = vec![
        vec![
            span(
                "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和",
                3,
                3,
            ),
            span("申请人情况", 1, 7),
        ],
        vec![
            span("自然人", 2, 1),
            span("法人或其他组织", 1, 5),
            span("总计", 2, 1),
        ],
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
        .map(cell)
        .into(),
        with(
            vec![span("一、本年新收政府信息公开申请数量", 1, 3)],
            "new_received",
        ),
        with(
            vec![span("二、上年结转政府信息公开申请数量", 1, 3)],
            "carried_over",
        ),
    ];
    // The 2021 format's three rows of （六）, unless the report prints it as one row.
    let split_other =
        key["template"] == "2021" && key["cells"].get("requests.other.total").is_none();
    let mut groups: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "（三）不予公开",
            vec![
                ("withheld_state_secret", "1.属于国家秘密"),
                ("withheld_law_prohibited", "2.其他法律行政法规禁止公开"),
                ("withheld_three_safety", "3.危及“三安全一稳定”"),
                ("withheld_third_party", "4.保护第三方合法权益"),
                ("withheld_internal_affairs", "5.属于三类内部事务信息"),
                ("withheld_process_info", "6.属于四类过程性信息"),
                ("withheld_enforcement_file", "7.属于行政执法案卷"),
                ("withheld_admin_query", "8.属于行政查询事项"),
            ],
        ),
        (
            "（四）无法提供",
            vec![
                ("unavailable_not_held", "1.本机关不掌握相关政府信息"),
                ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
                ("unavailable_unclear", "3.补正后申请内容仍不明确"),
            ],
        ),
        (
            "（五）不予处理",
            vec![
                ("not_processed_petition", "1.信访举报投诉类申请"),
                ("not_processed_duplicate", "2.重复申请"),
                ("not_processed_publication", "3.要求提供公开出版物"),
                ("not_processed_excessive", "4.无正当理由大量反复申请"),
                (
                    "not_processed_confirmation",
                    "5.要求行政机关确认或重新出具已获取信息",
                ),
            ],
        ),
    ];
    if split_other {
        groups.push((
            "（六）其他处理",
            vec![
                (
                    "other_overdue_correction",
                    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                ),
                (
                    "other_unpaid_fee",
                    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                ),
                ("other_other", "3.其他"),
            ],
        ));
    }
    let results =
        4 + groups.iter().map(|(_, rows)| rows.len()).sum::<usize>() - usize::from(split_other);
    t.push(with(
        vec![
            span("三、本年度办理结果", results, 1),
            span("（一）予以公开", 1, 2),
        ],
        "disclosed",
    ));
    t.push(with(
        vec![span(
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            1,
            2,
        )],
        "partially_disclosed",
    ));
    for (group, rows) in &groups {
        for (i, (row, label)) in rows.iter().enumerate() {
            let mut lead = Vec::new();
            if i == 0 {
                lead.push(span(group, rows.len(), 1));
            }
            lead.push(cell(label));
            t.push(with(lead, row));
        }
    }
    if !split_other {
        t.push(with(vec![span("（六）其他处理", 1, 2)], "other"));
    }
    t.push(with(vec![span("（七）总计", 1, 2)], "total_processed"));
    t.push(with(
        vec![span("四、结转下年度继续办理", 1, 3)],
        "carried_forward",
    ));
    t
}

fn review(key: &Value) -> Table {
    let results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"];
    let mut second: Vec<Cell> = results.iter().map(|r| span(r, 2, 1)).collect();
    second.push(span("未经复议直接起诉", 1, 5));
    second.push(span("复议后起诉", 1, 5));
    let third: Vec<Cell> = results.iter().chain(&results).map(|r| cell(r)).collect();
    let figures: Vec<Cell> = ["review", "litigation_direct", "litigation_after_review"]
        .iter()
        .flat_map(|g| {
            ["upheld", "corrected", "other", "pending", "total"]
                .map(|c| cell(&figure(key, &format!("review_litigation.{g}.{c}"))))
        })
        .collect();
    vec![
        vec![span("行政复议", 1, 5), span("行政诉讼", 1, 10)],
        second,
        third,
        figures,
    ]
}

/// The keyed report as a template document: its title, each part its parse found under the
/// template's heading (its text as parsed), the tables the key holds in their place, and the
/// sign-off with the key's date.
pub fn template_document(k: &Keyed) -> Vec<Block> {
    let report = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
    let key = &k.key;
    let mut doc = vec![Block::Title(format!(
        "{}{}年政府信息公开工作年度报告",
        key["agency"].as_str().unwrap_or(""),
        key["year"]
    ))];
    let kinds: Vec<SectionKind> = report.sections.iter().map(|s| s.kind).collect();
    if !kinds.contains(&SectionKind::Overview)
        && (kinds.contains(&SectionKind::Proactive) || kinds.contains(&SectionKind::OnRequest))
    {
        doc.push(Block::Heading(1, "一、总体情况".into()));
    }
    let present = |t: &str| key["tables_present"][t] == true;
    for s in &report.sections {
        if let Some((level, h)) = heading(s.kind) {
            doc.push(Block::Heading(level, h.into()));
        }
        let table = match s.kind {
            SectionKind::DisclosureTable if present("disclosure") => Some(disclosure(key)),
            SectionKind::RequestsTable if present("requests") => Some(requests(key)),
            SectionKind::ReviewLitigationTable if present("review_litigation") => Some(review(key)),
            k if k.is_table() => continue,
            _ => None,
        };
        match table {
            Some(t) => doc.push(Block::Table(t)),
            None => doc.extend(
                s.text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|l| Block::Para(l.to_string())),
            ),
        }
    }
    if let Some(date) = key["published"].as_str() {
        let ymd: Vec<u32> = date.split('-').map(|p| p.parse().unwrap()).collect();
        doc.push(Block::SignOff(key["agency"].as_str().unwrap_or("").into()));
        doc.push(Block::SignOff(format!(
            "{}年{}月{}日",
            ymd[0], ymd[1], ymd[2]
        )));
    }
    doc
}

/// The document with every table cell's text rewritten by `cell` (spans kept).
/// The template document without its title and without the agency's line of its sign-off (its
/// date kept), `opening` before its first heading: nothing but `opening` names the agency.
pub fn untitled(k: &Keyed, opening: Vec<Block>) -> Vec<Block> {
    let agency = k.key["agency"].as_str().unwrap_or("").to_string();
    let mut doc: Vec<Block> = template_document(k)
        .into_iter()
        .filter(|b| match b {
            Block::Title(_) => false,
            Block::SignOff(s) => *s != agency,
            _ => true,
        })
        .collect();
    let first_heading = doc
        .iter()
        .position(|b| matches!(b, Block::Heading(..)))
        .unwrap_or(0);
    for (i, b) in opening.into_iter().enumerate() {
        doc.insert(first_heading + i, b);
    }
    doc
}

/// The document as plain text: headings as printed, tables as tab rows.
pub fn as_text(doc: &[Block]) -> String {
    text(doc, &|_, h| Some(h.to_string()), &tab_table, "\n")
}

pub fn with_cells(doc: Vec<Block>, cell: &dyn Fn(&str) -> String) -> Vec<Block> {
    doc.into_iter()
        .map(|b| match b {
            Block::Table(t) => Block::Table(
                t.into_iter()
                    .map(|row| {
                        row.into_iter()
                            .map(|c| Cell {
                                text: cell(&c.text),
                                rows: c.rows,
                                cols: c.cols,
                            })
                            .collect()
                    })
                    .collect(),
            ),
            b => b,
        })
        .collect()
}

/// A table's grid as a plain layout prints it: a merged cell's text at its first position,
/// blank where it covers the others.
pub fn printed_grid(t: &Table) -> Vec<Vec<String>> {
    grid(t)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|(text, first)| if first { text } else { String::new() })
                .collect()
        })
        .collect()
}

/// A table's grid with its merged cells spread: each position's text and whether the cell
/// starts there (false where a merged cell covers it).
pub fn grid(t: &Table) -> Vec<Vec<(String, bool)>> {
    let mut out: Vec<Vec<Option<(String, bool)>>> = Vec::new();
    for (r, row) in t.iter().enumerate() {
        let mut c = 0;
        for cell in row {
            while out
                .get(r)
                .and_then(|row| row.get(c))
                .is_some_and(|x| x.is_some())
            {
                c += 1;
            }
            for i in 0..cell.rows {
                for j in 0..cell.cols {
                    while out.len() <= r + i {
                        out.push(Vec::new());
                    }
                    let row = &mut out[r + i];
                    while row.len() <= c + j {
                        row.push(None);
                    }
                    row[c + j] = Some((cell.text.clone(), i == 0 && j == 0));
                }
            }
            c += cell.cols;
        }
    }
    out.into_iter()
        .map(|row| {
            row.into_iter()
                .map(|x| x.unwrap_or((String::new(), true)))
                .collect()
        })
        .collect()
}

fn escape(s: &str) -> String {
    super::page::escape(s)
}

/// A table as HTML, merged cells as rowspan and colspan.
pub fn html_table(t: &Table) -> String {
    let mut out = String::from("<table border=\"1\">");
    for row in t {
        out.push_str("<tr>");
        for c in row {
            let mut attrs = String::new();
            if c.rows > 1 {
                attrs += &format!(" rowspan=\"{}\"", c.rows);
            }
            if c.cols > 1 {
                attrs += &format!(" colspan=\"{}\"", c.cols);
            }
            out += &format!("<td{attrs}>{}</td>", escape(&c.text));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

/// The document as a web page: headings as `<h1>`–`<h3>`, paragraphs, HTML tables.
pub fn html(doc: &[Block]) -> String {
    let mut out = String::from(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>年度报告</title></head><body>\n",
    );
    for b in doc {
        out += &match b {
            Block::Title(t) => format!("<h1>{}</h1>\n", escape(t)),
            Block::Heading(l, t) => format!("<h{n}>{}</h{n}>\n", escape(t), n = l + 1),
            Block::Para(t) => format!("<p>{}</p>\n", escape(t)),
            Block::SignOff(t) => format!("<p style=\"text-align:right\">{}</p>\n", escape(t)),
            Block::Table(t) => html_table(t) + "\n",
        };
    }
    out + "</body></html>\n"
}

/// The document as text, blocks a paragraph each: headings marked by `heading` (None: dropped),
/// tables written by `table`.
pub fn text(
    doc: &[Block],
    heading: &dyn Fn(u8, &str) -> Option<String>,
    table: &dyn Fn(&Table) -> String,
    separator: &str,
) -> String {
    let mut parts = Vec::new();
    for b in doc {
        let part = match b {
            Block::Title(t) => heading(0, t),
            Block::Heading(l, t) => heading(*l, t),
            Block::Para(t) | Block::SignOff(t) => Some(t.clone()),
            Block::Table(t) => Some(table(t)),
        };
        parts.extend(part);
    }
    parts.join(separator) + "\n"
}

/// A table as tab rows, a grid position a field: a merged cell's text in its first position,
/// the others blank (as a word processor's table saved as text prints it).
pub fn tab_table(t: &Table) -> String {
    delimited_table(t, "\t")
}

/// [`tab_table`] with `delimiter` between the fields (`、`, `，`).
pub fn delimited_table(t: &Table, delimiter: &str) -> String {
    grid(t)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|(text, starts)| if starts { text } else { String::new() })
                .collect::<Vec<_>>()
                .join(delimiter)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A markdown pipe table of the grid, its first row the header: a merged cell's text in every
/// position it covers (`repeat`, as docling writes one) or in its first only, the rest blank
/// (as marker and most converters do).
pub fn pipe_table(t: &Table, repeat: bool) -> String {
    let rows: Vec<Vec<String>> = grid(t)
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|(text, first)| if first || repeat { text } else { String::new() })
                .collect()
        })
        .collect();
    let line = |r: &[String]| format!("| {} |", r.join(" | "));
    let mut out = vec![line(&rows[0])];
    out.push(format!("|{}|", vec!["---"; rows[0].len()].join("|")));
    out.extend(rows[1..].iter().map(|r| line(r)));
    out.join("\n")
}

/// An AsciiDoc table: every `|` opens a cell. `spans`: merged cells as Asciidoctor writes them
/// (`2+|` over columns, `.3+|` over rows, the covered positions absent); otherwise as pandoc's
/// writer does, a position a cell, the covered ones empty.
pub fn asciidoc_table(t: &Table, spans: bool) -> String {
    let width = grid(t)[0].len();
    let mut out = format!("[cols=\"{}\",]\n|===\n", vec![""; width].join(","));
    if spans {
        for row in t {
            let cells: Vec<String> = row
                .iter()
                .map(|c| {
                    let spec = match (c.cols, c.rows) {
                        (1, 1) => String::new(),
                        (n, 1) => format!("{n}+"),
                        (1, m) => format!(".{m}+"),
                        (n, m) => format!("{n}.{m}+"),
                    };
                    format!("{spec}|{}", c.text)
                })
                .collect();
            out += &cells.join(" ");
            out.push('\n');
        }
    } else {
        for row in printed_grid(t) {
            let cells: Vec<String> = row.into_iter().map(|text| format!("|{text}")).collect();
            out += &cells.join(" ");
            out.push('\n');
        }
    }
    out + "|==="
}

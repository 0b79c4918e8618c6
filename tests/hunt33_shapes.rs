//! Table layouts of real crawled pages (the thirty-third hunt), each written from every keyed
//! report's template document (`common::template_doc`) and asserted to keep every fact its
//! source keeps (or, where the layout itself loses a fact, never to read it wrong):
//! - table 二's labels carrying their form's fill-in notes in brackets (`规范性文件（……一般情况下
//!   属于规范性文件）`, `其他对外管理服务事项（指……含行政处罚、行政强制……）`) and a row of the
//!   agency's other documents whose note names a row (`其他主动公开文件（……除规范性文件以外
//!   的……）`): that row's figures were read as 规范性文件's (a real 2020 page, Wuhan's ecology
//!   bureau; 39 wrong on the 16 keyed reports), and a note naming rows split its row;
//! - table 三 a cell a line with the sub-rows' labels lost (`（三）不予公开 |` and its first
//!   sub-row's figures after it, a real page): the group's heading did not end the row before,
//!   and （二）部分公开 took every figure up to （六） and was left out (105 facts); the sub-rows
//!   themselves, read as rows without a label, are placed by the template's order where the
//!   table prints no blank cell inside them (1,752 facts lost a cell a line, 184 a row a line);
//! - a row a line whose blank cells each broke the line (`… | 25 |` / `|` / `|` / `| 25 |`, a
//!   real district bureau's 2020 page): every row of table 三 with a blank cell was left out.

use crate::common;

use common::template_doc::{cell, html, template_document, text, Block, Table};
use common::{assert_variants_keep_facts, assert_variants_keep_facts_but, keyed_reports, Variant};

/// A grid row's printed cells (each merged cell once, where it starts) and how many positions
/// its merged cells cover beyond those.
fn printed_cells(row: &[(String, bool)]) -> (Vec<&str>, usize) {
    let cells = row
        .iter()
        .filter(|(_, first)| *first)
        .map(|(t, _)| t.as_str())
        .collect();
    (cells, row.iter().filter(|(_, first)| !*first).count())
}

/// A table a row a line as the crawlers print one: `a | b | c |`, the positions a merged cell
/// covers as pipes after the row's last cell.
fn row_lines(t: &Table) -> String {
    common::template_doc::grid(t)
        .into_iter()
        .map(|row| {
            let (cells, covered) = printed_cells(&row);
            format!("{} |{}", cells.join(" | "), " |".repeat(covered))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A table a cell a line, each cell closed by a pipe (`821 |`, an empty one `|`), a row's
/// merged positions a line of pipes after it.
fn cell_lines(t: &Table) -> String {
    let mut out = Vec::new();
    for row in common::template_doc::grid(t) {
        let mut covered = 0;
        for (text, first) in row {
            if first {
                out.push(if text.is_empty() {
                    "|".to_string()
                } else {
                    format!("{text} |")
                });
            } else {
                covered += 1;
            }
        }
        if covered > 0 {
            out.push("|".repeat(covered + 1));
        }
    }
    out.join("\n")
}

fn as_text(doc: &[Block], table: &dyn Fn(&Table) -> String) -> String {
    text(doc, &|_, h| Some(h.to_string()), table, "\n")
}

/// The document with its `n`th table rewritten by `f`.
fn with_table(doc: Vec<Block>, n: usize, f: &dyn Fn(Table) -> Table) -> Vec<Block> {
    let mut i = 0;
    doc.into_iter()
        .map(|b| match b {
            Block::Table(t) => {
                i += 1;
                Block::Table(if i == n + 1 { f(t) } else { t })
            }
            b => b,
        })
        .collect()
}

/// Table 二's labels with the notes of a province's form, and the row of other documents
/// whose note names 规范性文件 after the normative documents' row.
fn noted(t: Table) -> Table {
    let note = |label: &str| -> Option<String> {
        Some(match label {
            "规章" => "规章（设区的市、自治州人民政府应提供相关数据）".to_string(),
            "规范性文件" | "行政规范性文件" => format!(
                "{label}（行政机关制定发布的决定、公告、通告、意见、通知，以及标题采用“规定”“办法”等字样的公文，一般情况下属于{label}）"
            ),
            "其他对外管理服务事项" => "其他对外管理服务事项（指行政许可以外的政务服务事项，含行政确认、行政奖励、行政裁决、行政给付、行政处罚、行政强制、行政检查、行政征收和其他类，以及公共服务事项）".to_string(),
            _ => return None,
        })
    };
    let mut out = Vec::new();
    for mut row in t {
        let label = row[0].text.clone();
        if let Some(n) = note(&label) {
            row[0].text = n;
        }
        let width = row.len();
        out.push(row);
        if label.ends_with("规范性文件") {
            let mut other = vec![cell(
                "其他主动公开文件（含以本单位名义正式签发的、除规范性文件以外的主动公开文件）",
            )];
            other.extend((1..width).map(|i| cell(&(86 + 100 * i).to_string())));
            out.push(other);
        }
    }
    out
}

#[test]
fn table_two_labels_with_their_forms_notes() {
    assert_variants_keep_facts(
        30,
        |k| {
            let doc = with_table(template_document(k), 0, &noted);
            vec![
                Variant::new("notes.txt", "as notes.txt", as_text(&doc, &row_lines)),
                Variant::new("notes.html", "as notes.html", html(&doc)),
            ]
        },
        |_, _, _| {},
    );
}

/// The exact figures of a 2019-format report's table 二 so noted: 规范性文件's own, not the
/// other documents' row's (186, 286, 386), and 其他对外管理服务事项's row whole.
#[test]
fn a_noted_normative_row_reads_its_own_figures() {
    for name in ["pingtan-2019", "guangzhou"] {
        let k = keyed_reports()
            .into_iter()
            .find(|k| k.name.starts_with(name))
            .unwrap();
        let doc = with_table(template_document(&k), 0, &noted);
        let r =
            gongkai::report_from_bytes("notes.txt", as_text(&doc, &row_lines).as_bytes()).unwrap();
        let cells = k.key["cells"].as_object().unwrap();
        for (key, want) in cells {
            if key.starts_with("disclosure.") {
                assert_eq!(r.tables.figure(key), want.as_f64(), "{name} {key}");
            }
        }
    }
}

/// Table 三's rows with the sub-rows' labels (`1.属于国家秘密`, …) dropped: each group's heading
/// keeps its first sub-row's figures, the other sub-rows print their figures alone.
fn without_sub_labels(t: Table) -> Table {
    let numbered = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_ascii_digit())
            && s.chars()
                .nth(1)
                .is_some_and(|c| matches!(c, '.' | '．' | '、'))
    };
    t.into_iter()
        .map(|row| row.into_iter().filter(|c| !numbered(&c.text)).collect())
        .collect()
}

/// A sub-row of table 三's result groups: no label printed, its figures cannot be placed.
fn sub_row(fact: &str) -> bool {
    [
        "withheld_",
        "unavailable_",
        "not_processed_",
        "other_overdue",
        "other_unpaid",
        "other_other",
    ]
    .iter()
    .any(|r| fact.contains(&format!("cell requests.{r}")))
        || fact.contains("check ")
}

/// Does the keyed report print a blank cell in table 三? Then its sub-rows printed without
/// labels cannot be split into rows: they stay unread, never wrong.
fn table_three_has_blanks(k: &common::Keyed) -> bool {
    k.key["cells"]
        .as_object()
        .unwrap()
        .iter()
        .any(|(key, v)| key.starts_with("requests.") && v.is_null())
}

/// Table 三 without its sub-rows' labels, a cell a line and a row a line.
fn sub_label_variants(k: &common::Keyed) -> Vec<Variant> {
    if k.key["tables_present"]["requests"] != true {
        return Vec::new();
    }
    let doc = with_table(template_document(k), 1, &without_sub_labels);
    vec![
        Variant::new("subs.txt", "a cell a line", as_text(&doc, &cell_lines)),
        Variant::new("subs.txt", "a row a line", as_text(&doc, &row_lines)),
    ]
}

#[test]
fn table_three_without_its_sub_rows_labels_reads_every_sub_row() {
    assert_variants_keep_facts(
        24,
        |k| {
            if table_three_has_blanks(k) {
                return Vec::new();
            }
            sub_label_variants(k)
        },
        |k, v, r| {
            // Two sub-rows the layout prints without a label, read from their place.
            let cells = k.key["cells"].as_object().unwrap();
            for key in [
                "requests.unavailable_not_held.total",
                "requests.not_processed_duplicate.natural_person",
                "requests.other_unpaid_fee.total",
            ] {
                if let Some(want) = cells.get(key).and_then(|v| v.as_f64()) {
                    assert_eq!(
                        r.tables.figure(key),
                        Some(want),
                        "{} {} {key}",
                        k.name,
                        v.label
                    );
                }
            }
        },
    );
}

#[test]
fn table_three_with_blank_cells_and_without_its_sub_rows_labels_is_never_read_wrong() {
    assert_variants_keep_facts_but(
        2,
        |k| {
            if !table_three_has_blanks(k) {
                return Vec::new();
            }
            sub_label_variants(k)
        },
        sub_row,
        |k, _, r| {
            let cells = k.key["cells"].as_object().unwrap();
            for col in ["natural_person", "total"] {
                let key = format!("requests.partially_disclosed.{col}");
                if let Some(want) = cells.get(&key).and_then(|v| v.as_f64()) {
                    assert_eq!(r.tables.figure(&key), Some(want), "{} {key}", k.name);
                }
            }
        },
    );
}

/// Table 三's zeros between its first and last figure columns left blank.
fn blank_zeros(t: Table) -> Table {
    t.into_iter()
        .map(|row| {
            let figures: Vec<usize> = (0..row.len())
                .filter(|&i| row[i].text.parse::<f64>().is_ok())
                .collect();
            let mut row = row;
            if figures.len() >= 7 {
                for &i in &figures[1..figures.len() - 1] {
                    if row[i].text == "0" {
                        row[i].text.clear();
                    }
                }
            }
            row
        })
        .collect()
}

/// A row a line, each cell with text ` text |`, each blank one a line break and a pipe.
fn broken_at_blanks(t: &Table) -> String {
    common::template_doc::grid(t)
        .into_iter()
        .map(|row| {
            let mut line = String::new();
            for (text, first) in row {
                if !first {
                    continue;
                }
                if text.is_empty() {
                    line.push_str("\n|");
                } else {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(&text);
                    line.push_str(" |");
                }
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn table_three_rows_broken_at_their_blank_cells() {
    let blanked = |l: &str| common::names_org_cell(l) || l.contains("check ");
    assert_variants_keep_facts_but(
        12,
        |k| {
            // (A row whose last cell is blank ends in a lone pipe, which may be the row's end:
            // left out, as in every layout. Shanghai 2019 and stcsm 2024 print such rows.)
            let cells = k.key["cells"].as_object().unwrap();
            let blank_total = cells.keys().any(|key| {
                key.strip_prefix("requests.")
                    .and_then(|k| k.strip_suffix(".natural_person"))
                    .is_some_and(|row| {
                        cells
                            .get(&format!("requests.{row}.total"))
                            .is_none_or(|v| v.is_null())
                    })
            });
            if blank_total || k.key["tables_present"]["requests"] != true {
                return Vec::new();
            }
            let doc = with_table(template_document(k), 1, &blank_zeros);
            vec![Variant::new(
                "breaks.txt",
                "as breaks.txt",
                as_text(&doc, &|t: &Table| {
                    if t.iter().flatten().any(|c| c.text.contains("申请人情况")) {
                        broken_at_blanks(t)
                    } else {
                        row_lines(t)
                    }
                }),
            )]
        },
        blanked,
        |k, _, r| {
            let cells = k.key["cells"].as_object().unwrap();
            for row in ["new_received", "disclosed", "total_processed"] {
                for col in ["natural_person", "total"] {
                    let key = format!("requests.{row}.{col}");
                    if let Some(want) = cells.get(&key).and_then(|v| v.as_f64()) {
                        assert_eq!(r.tables.figure(&key), Some(want), "{} {key}", k.name);
                    }
                }
            }
        },
    );
}

/// A table a cell a line, each row's last cell closed twice (`8 | ||||`, the pipes of the
/// positions its merged cells cover after), optionally each row opened by a lone pipe (`|`):
/// two real pages of 2020–2022 so print their tables.
fn row_end_cells(t: &Table, opened: bool) -> String {
    let mut out = Vec::new();
    for row in common::template_doc::grid(t) {
        let (cells, covered) = printed_cells(&row);
        if opened {
            out.push("|".to_string());
        }
        for (i, c) in cells.iter().enumerate() {
            out.push(if i + 1 == cells.len() {
                format!("{c} | {}", "|".repeat(covered + 1))
            } else {
                format!("{c} |")
            });
        }
    }
    out.join("\n")
}

/// Whether a row of table 三 prints its figures with a blank total (a row that ends in a lone
/// pipe, which may be the row's end: left out, as in every layout).
fn blank_total(k: &common::Keyed) -> bool {
    let cells = k.key["cells"].as_object().unwrap();
    cells.keys().any(|key| {
        key.strip_prefix("requests.")
            .and_then(|k| k.strip_suffix(".natural_person"))
            .is_some_and(|row| {
                cells
                    .get(&format!("requests.{row}.total"))
                    .is_none_or(|v| v.is_null())
            })
    })
}

/// The document with a paragraph summing table 三 up between its heading and its rows, in the
/// words of a real page (`其中，予以公开2件，部分公开2件，……本办不掌握相关政府信息2件`).
fn with_summary(doc: Vec<Block>, k: &common::Keyed) -> Vec<Block> {
    let n = |row: &str| {
        k.key["cells"][format!("requests.{row}.total")]
            .as_f64()
            .unwrap_or(0.0)
    };
    let summary = format!(
        "本年度共收到政府信息公开申请{}件，均为自然人申请。其中，予以公开{}件，部分公开{}件，属于四类过程性信息{}件，本办不掌握相关政府信息{}件，其他1件（申请人自主撤销）。无下年度结转。",
        n("new_received"),
        n("disclosed"),
        n("partially_disclosed"),
        n("withheld_process_info"),
        n("unavailable_not_held"),
    );
    let mut out = Vec::new();
    for b in doc {
        let heading = matches!(&b, Block::Heading(_, h) if h.contains("收到和处理"));
        out.push(b);
        if heading {
            out.push(Block::Para(summary.clone()));
        }
    }
    out
}

#[test]
fn a_paragraph_summing_table_three_up_before_its_rows() {
    assert_variants_keep_facts(
        12,
        |k| {
            if blank_total(k) || k.key["tables_present"]["requests"] != true {
                return Vec::new();
            }
            let doc = with_summary(template_document(k), k);
            vec![
                Variant::new(
                    "summed.txt",
                    "as summed.txt",
                    as_text(&doc, &|t: &Table| row_end_cells(t, false)),
                ),
                Variant::new("summed.html", "as summed.html", html(&doc)),
            ]
        },
        |_, _, _| {},
    );
}

#[test]
fn rows_opened_by_a_lone_pipe() {
    assert_variants_keep_facts_but(
        16,
        |k| {
            let doc = template_document(k);
            vec![Variant::new(
                "opened.txt",
                "as opened.txt",
                as_text(&doc, &|t: &Table| row_end_cells(t, true)),
            )]
        },
        // (stcsm 2024 prints 四、结转下年度继续办理 with its total blank: see `blank_total`;
        // shanghai 2019 prints table 四's last group blank, and the blank cells that end the
        // table are read as nothing: its row is left out. Missing, never shifted.)
        |l| {
            l.contains("cell requests.carried_forward.")
                || l.contains("cell review_litigation.")
                || l.contains("table review_litigation present")
        },
        |k, _, r| {
            // Table 四's row printed without a label: never read shifted one column by the
            // pipe that opens it (its 5 read as 结果纠正, 7 as 复议后起诉's 结果维持…).
            let cells = k.key["cells"].as_object().unwrap();
            for (key, want) in cells {
                if let Some(got) = key
                    .starts_with("review_litigation.")
                    .then(|| r.tables.figure(key))
                    .flatten()
                {
                    assert_eq!(Some(got), want.as_f64(), "{} {key}", k.name);
                }
            }
        },
    );
}

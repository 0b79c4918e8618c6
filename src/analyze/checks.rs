//! The template's 勾稽关系: does a report's own table add up? Each rule gives pass, fail or skipped
//! with the arithmetic in `detail` and the figure keys it read in `cells`.
//!
//! Blank cells: a blank applicant cell counts as 0; a blank 总计 cell is "not printed" and the
//! comparisons that need it are skipped (the report never states that total).

use crate::model::template::{self, REQUEST_COLUMNS, REVIEW_COLUMNS};
use crate::model::{Check, CheckStatus, Report, SectionKind, Template};
use regex::Regex;
use std::sync::OnceLock;

pub const RULES: &[&str] = &[
    "balance",
    "results_sum",
    "column_total",
    "review_total",
    "litigation_direct_total",
    "litigation_after_review_total",
    "prose_requests",
];

fn fmt(v: f64) -> String {
    crate::model::Num(v).to_string()
}

/// A cell's key, `table.row.column`, built without the formatting machinery: a report's checks
/// name about 270 cells, and `format!` was half of the checks' time.
fn cell_key(table: &str, row: &str, col: &str) -> String {
    let mut k = String::with_capacity(table.len() + row.len() + col.len() + 2);
    k.push_str(table);
    k.push('.');
    k.push_str(row);
    k.push('.');
    k.push_str(col);
    k
}

/// Compute every rule for a report.
pub fn run(report: &Report) -> Vec<Check> {
    let mut out = Vec::new();
    let req = report.tables.requests.as_ref();
    let t = report.template.unwrap_or(Template::Y2021);
    let fig = |row: &str, col: &str| -> Option<f64> {
        req.and_then(|tb| tb.get(row))
            .and_then(|r| r.get(col))
            .and_then(|v| v.map(|n| n.0))
    };
    let printed = |row: &str, col: &str| -> bool {
        req.and_then(|tb| tb.get(row))
            .and_then(|r| r.get(col))
            .is_some()
    };
    let skipped = |rule: &str, why: &str| Check {
        rule: rule.into(),
        status: CheckStatus::Skipped,
        detail: format!("skipped: {why}"),
        cells: vec![],
    };

    // balance and results_sum, per column.
    if req.is_none() {
        out.push(skipped("balance", "no table 三"));
        out.push(skipped("results_sum", "no table 三"));
        out.push(skipped("column_total", "no table 三"));
    } else {
        let results = template::request_result_rows_as_printed(t, |k| printed(k, "total"));
        let mut bal = Vec::new();
        let mut res = Vec::new();
        let (mut bal_cells, mut res_cells) = (Vec::new(), Vec::new());
        for c in REQUEST_COLUMNS {
            let col = c.key;
            let is_total = col == "total";
            // Balance: new + carried_over = processed + carried_forward.
            let rows = [
                "new_received",
                "carried_over",
                "total_processed",
                "carried_forward",
            ];
            let known = rows.iter().all(|r| printed(r, col));
            let vals: Vec<Option<f64>> = rows.iter().map(|r| fig(r, col)).collect();
            if known && !(is_total && vals.iter().any(|v| v.is_none())) {
                let v: Vec<f64> = vals.iter().map(|x| x.unwrap_or(0.0)).collect();
                let ok = (v[0] + v[1] - v[2] - v[3]).abs() < 1e-9;
                bal.push((
                    ok,
                    col,
                    format!("{}+{} = {}", fmt(v[0]), fmt(v[1]), fmt(v[0] + v[1])),
                    format!("{}+{} = {}", fmt(v[2]), fmt(v[3]), fmt(v[2] + v[3])),
                ));
                bal_cells.extend(rows.iter().map(|r| cell_key("requests", r, col)));
            }
            // Results: total_processed = sum of result rows.
            let res_known =
                printed("total_processed", col) && results.iter().all(|r| printed(r.key, col));
            let tp = fig("total_processed", col);
            let parts: Vec<Option<f64>> = results.iter().map(|r| fig(r.key, col)).collect();
            if res_known && !(is_total && (tp.is_none() || parts.iter().any(|p| p.is_none()))) {
                let sum: f64 = parts.iter().map(|p| p.unwrap_or(0.0)).sum();
                let tpv = tp.unwrap_or(0.0);
                res.push((((sum - tpv).abs() < 1e-9), col, fmt(sum), fmt(tpv)));
                res_cells.push(cell_key("requests", "total_processed", col));
                res_cells.extend(results.iter().map(|r| cell_key("requests", r.key, col)));
            }
        }
        out.push(summarise(
            "balance",
            &bal.iter()
                .map(|(ok, col, l, r)| {
                    (
                        *ok,
                        format!("{col}: {l} {} {r}", if *ok { "=" } else { "!=" }),
                    )
                })
                .collect::<Vec<_>>(),
            bal_cells,
            "a row of the balance is not printed",
        ));
        out.push(summarise(
            "results_sum",
            &res.iter()
                .map(|(ok, col, s, tp)| {
                    (
                        *ok,
                        if *ok {
                            format!("{col}: sum of result rows = {s}")
                        } else {
                            format!("{col}: sum of result rows {s} != total_processed {tp}")
                        },
                    )
                })
                .collect::<Vec<_>>(),
            res_cells,
            "result rows are not printed",
        ));
        // column_total: in every row, total = the six applicant columns.
        let mut ct = Vec::new();
        let mut ct_cells = Vec::new();
        for (row, cols) in req.into_iter().flatten() {
            let Some(Some(total)) = cols.get("total") else {
                continue;
            };
            if REQUEST_COLUMNS[..6]
                .iter()
                .any(|c| !cols.contains_key(c.key))
            {
                continue;
            }
            let sum: f64 = REQUEST_COLUMNS[..6]
                .iter()
                .map(|c| cols[c.key].map(|n| n.0).unwrap_or(0.0))
                .sum();
            let ok = (sum - total.0).abs() < 1e-9;
            ct.push((
                ok,
                format!(
                    "{row}: {} {} {}",
                    fmt(sum),
                    if ok { "=" } else { "!=" },
                    fmt(total.0)
                ),
            ));
            ct_cells.extend(
                REQUEST_COLUMNS
                    .iter()
                    .map(|c| cell_key("requests", row, c.key)),
            );
        }
        let mut c = summarise("column_total", &ct, ct_cells, "no row prints its 总计");
        if c.status == CheckStatus::Pass {
            c.detail = format!("all {} rows that print a 总计", ct.len());
        }
        out.push(c);
    }

    // Table 四.
    for (rule, group) in [
        ("review_total", "review"),
        ("litigation_direct_total", "litigation_direct"),
        ("litigation_after_review_total", "litigation_after_review"),
    ] {
        let Some(tb) = report.tables.review_litigation.as_ref() else {
            out.push(skipped(rule, "no table 四"));
            continue;
        };
        let Some(row) = tb.get(group) else {
            out.push(skipped(rule, "group not printed"));
            continue;
        };
        let v: Vec<Option<f64>> = REVIEW_COLUMNS
            .iter()
            .map(|c| row.get(c.key).copied().flatten().map(|n| n.0))
            .collect();
        let cells: Vec<String> = REVIEW_COLUMNS
            .iter()
            .map(|c| cell_key("review_litigation", group, c.key))
            .collect();
        let show = |x: Option<f64>| x.map(fmt).unwrap_or_else(|| "∅".into());
        match v[4] {
            None => out.push(Check {
                rule: rule.into(),
                status: CheckStatus::Skipped,
                detail: format!(
                    "skipped: 总计 not printed ({})",
                    v.iter().map(|x| show(*x)).collect::<Vec<_>>().join("+")
                ),
                cells,
            }),
            Some(total) => {
                let sum: f64 = v[..4].iter().map(|x| x.unwrap_or(0.0)).sum();
                let ok = (sum - total).abs() < 1e-9;
                out.push(Check {
                    rule: rule.into(),
                    status: if ok {
                        CheckStatus::Pass
                    } else {
                        CheckStatus::Fail
                    },
                    detail: format!(
                        "{} = {} {} {}",
                        v[..4]
                            .iter()
                            .map(|x| show(*x))
                            .collect::<Vec<_>>()
                            .join("+"),
                        fmt(sum),
                        if ok { "vs" } else { "!=" },
                        fmt(total)
                    ),
                    cells,
                });
            }
        }
    }

    out.push(prose_requests(report));
    out
}

fn summarise(rule: &str, parts: &[(bool, String)], cells: Vec<String>, none: &str) -> Check {
    if parts.is_empty() {
        return Check {
            rule: rule.into(),
            status: CheckStatus::Skipped,
            detail: format!("skipped: {none}"),
            cells,
        };
    }
    let failed: Vec<&String> = parts.iter().filter(|(ok, _)| !ok).map(|(_, s)| s).collect();
    if failed.is_empty() {
        let total = parts
            .iter()
            .find(|(_, s)| s.starts_with("total:"))
            .or(parts.last())
            .unwrap();
        Check {
            rule: rule.into(),
            status: CheckStatus::Pass,
            detail: total.1.clone(),
            cells,
        }
    } else {
        Check {
            rule: rule.into(),
            status: CheckStatus::Fail,
            detail: failed
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            cells,
        }
    }
}

/// The number of applications the prose of 一 states.
pub fn prose_request_count(report: &Report) -> Option<(String, f64)> {
    let prose: String = report
        .sections
        .iter()
        .filter(|s| (SectionKind::Overview..=SectionKind::Oversight).contains(&s.kind))
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    prose_request_count_in(&prose)
}

/// The number of applications stated in `prose` (the text of sections 一…): the phrase and N.
/// Line breaks are not read: a hard-wrapped text breaks the sentence anywhere ("受理政府信息公开
/// 申\n请21件").
pub fn prose_request_count_in(prose: &str) -> Option<(String, f64)> {
    let joined;
    let prose = if prose.contains('\n') {
        joined = prose.replace('\n', "");
        joined.as_str()
    } else {
        prose
    };
    static RES: OnceLock<Vec<Regex>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        [
            // "收到政府信息公开申请75件", "共受理政府信息公开申请859件", "收到依申请公开事项1件",
            // "本年度新收政府信息公开申请25件" (the table's own word), "…申请25宗" (广东's unit),
            // "共收到依申请信息公开26件" (沭阳县发改局 2023), "收到申请公开政府信息3件"
            r"(?:收到|受理|接到|接收|共接|办理|新收)[^。；，,\d]{0,12}?(?:政府信息公开申请|信息公开申请|依申请公开事项|依申请公开信息|依申请公开|依申请信息公开|申请公开政府信息|申请公开信息要求|公开申请)[^。；，,\d]{0,4}?(\d+|[零〇一二两三四五六七八九十百千]+)\s*(?:件|条|个|份|次|宗)",
            // "受理并顺利办结1条政府信息公开申请"
            r"(?:收到|受理|接到|接收|办结|新收)[^。；，,\d]{0,10}?(\d+|[零〇一二两三四五六七八九十百千]+)\s*(?:件|条|个|份|宗)(?:政府信息公开申请|信息公开申请|依申请公开)",
            // "本年度全区共收到70件申请" (a bare 申请 only right after a receiving verb's count)
            r"(?:收到|受理|接到|接收|新收)[^。；，,\d]{0,10}?(\d+|[零〇一二两三四五六七八九十百千]+)\s*(?:件|个|份|宗)(?:政府信息公开|信息公开|公开)?申请",
        ]
        .iter()
        .map(|p| Regex::new(p).unwrap())
        .collect()
    });
    // A change from last year is no count ("新收政府信息公开申请较上年多5件").
    const CHANGE: &[&str] = &[
        "较", "比上", "同比", "增加", "减少", "增长", "下降", "多", "少",
    ];
    let mut best: Option<(usize, String, f64)> = None;
    for re in res {
        let count = re
            .captures_iter(prose)
            .find(|c| !CHANGE.iter().any(|w| c[0].contains(w)));
        if let Some(c) = count {
            let m = c.get(0).unwrap();
            let Some(v) = c[1]
                .parse::<f64>()
                .ok()
                .or_else(|| chinese_count(&c[1]).map(f64::from))
            else {
                continue;
            };
            if best.as_ref().is_none_or(|b| m.start() < b.0) {
                best = Some((m.start(), m.as_str().to_string(), v));
            }
        }
    }
    best.map(|(_, s, v)| (s, v))
}

/// A count written in Chinese numerals, as prose spells small ones out: "二十五" → 25,
/// "十一" → 11, "一百零三" → 103, "两千" → 2000, "一〇三" → 103 (digit by digit).
fn chinese_count(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        '零' | '〇' => Some(0),
        '两' => Some(2),
        c => crate::parse::text::chinese_numeral(c).filter(|&d| d < 10),
    };
    if !s.contains(['十', '百', '千']) {
        // Digit by digit ("一〇三"), or a single digit.
        return s
            .chars()
            .try_fold(0u32, |n, c| Some(n.checked_mul(10)? + digit(c)?));
    }
    let (mut total, mut cur) = (0u32, None::<u32>);
    for c in s.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            c => {
                cur = Some(digit(c)?);
                continue;
            }
        };
        total += cur.unwrap_or(1) * unit;
        cur = None;
    }
    Some(total + cur.unwrap_or(0))
}

fn prose_requests(report: &Report) -> Check {
    let rule = "prose_requests";
    let cells = vec!["requests.new_received.total".to_string()];
    let Some(_) = report.tables.requests.as_ref() else {
        return Check {
            rule: rule.into(),
            status: CheckStatus::Skipped,
            detail: "skipped: no table 三 to compare with".into(),
            cells: vec![],
        };
    };
    let Some((phrase, v)) = prose_request_count(report) else {
        return Check {
            rule: rule.into(),
            status: CheckStatus::Skipped,
            detail: "skipped: 一、总体情况 gives no count of 信息公开 applications".into(),
            cells: vec![],
        };
    };
    let Some(nr) = report.tables.figure("requests.new_received.total") else {
        return Check {
            rule: rule.into(),
            status: CheckStatus::Skipped,
            detail: format!("skipped: prose '{phrase}' but new_received.total is not printed"),
            cells,
        };
    };
    let ok = (v - nr).abs() < 1e-9;
    Check {
        rule: rule.into(),
        status: if ok {
            CheckStatus::Pass
        } else {
            CheckStatus::Fail
        },
        detail: format!(
            "prose '{phrase}' = {} {} new_received.total {}",
            fmt(v),
            if ok { "=" } else { "!=" },
            fmt(nr)
        ),
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::prose_request_count_in;

    /// A hard-wrapped sentence states its count wherever the line breaks.
    #[test]
    fn the_prose_count_is_read_across_line_breaks() {
        let sentence = "2022年，本机关共受理政府信息公开申请21件，均按时答复。";
        let chars: Vec<char> = sentence.chars().collect();
        for at in 1..chars.len() {
            let wrapped: String = chars[..at]
                .iter()
                .chain(['\n'].iter())
                .chain(chars[at..].iter())
                .collect();
            let got = prose_request_count_in(&wrapped).map(|(_, n)| n);
            assert_eq!(got, Some(21.0), "{wrapped:?}");
        }
        assert_eq!(prose_request_count_in("共受理政府信息公开申请\n\n"), None);
    }

    /// The ways reports state the count, and sentences that state another one.
    #[test]
    fn the_prose_count_is_read_as_reports_word_it() {
        for (prose, n) in [
            (
                "本年度全区共收到70件申请，及时依法依规办结69件。",
                Some(70.0),
            ),
            ("共受理并办结3件政府信息公开申请。", Some(3.0)),
            ("收到依申请公开事项1件。", Some(1.0)),
            ("收到5件行政复议申请。", None),
            ("办结69件，1件结转下年度。", None),
            // Small counts spelt out in words, as some reports write them.
            ("共接到政府信息公开申请二十五件。", Some(25.0)),
            ("全年共受理政府信息公开申请十一件，均已办结。", Some(11.0)),
            ("共受理并办结三件政府信息公开申请。", Some(3.0)),
            ("收到依申请公开事项一百零三件。", Some(103.0)),
            ("本年度全区共收到两件申请。", Some(2.0)),
            // The table's own word, and the unit 广东's reports count cases in.
            ("本年度新收政府信息公开申请25件，上年结转2件。", Some(25.0)),
            ("全年共收到政府信息公开申请12宗，均按时答复。", Some(12.0)),
            (
                "2023年度我局共收到依申请信息公开26件，及时回复申请人。",
                Some(26.0),
            ),
            ("全年收到申请公开政府信息3件。", Some(3.0)),
            ("新收行政复议申请4宗。", None),
            ("全年新收政府信息公开申请较上年多5件，达25件。", None),
            (
                "收到政府信息公开申请同比增加5件，共收到政府信息公开申请25件。",
                Some(25.0),
            ),
        ] {
            assert_eq!(prose_request_count_in(prose).map(|(_, v)| v), n, "{prose}");
        }
    }
}

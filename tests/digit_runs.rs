//! Flattened tables, decoded as a whole. Every keyed report with tables (the shipped corpus and
//! the PDF reports of `../shared/corpus-pdf`) is re-printed the way crawlers flatten a page: the
//! whole body on one line, each table row's label glued to its digits with no separator
//! (`（一）予以公开2100000021（二）部分公开…`), blank cells printed as nothing, and in variants
//! single spaces between some of a row's cells. The parse of each re-print must give no wrong
//! cell, and must pin exactly the cells that the template's constraints force: an independent
//! brute-force reading of the same runs (below) says which those are.

use crate::common;

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Row key → the label as printed before it (pingtan's wording), per template.
const REQ_2021: &[(&str, &str)] = &[
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("disclosed", "三、本年度办理结果（一）予以公开"),
    (
        "partially_disclosed",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ),
    ("withheld_state_secret", "（三）不予公开1.属于国家秘密"),
    ("withheld_law_prohibited", "2.其他法律行政法规禁止公开"),
    ("withheld_three_safety", "3.危及“三安全一稳定”"),
    ("withheld_third_party", "4.保护第三方合法权益"),
    ("withheld_internal_affairs", "5.属于三类内部事务信息"),
    ("withheld_process_info", "6.属于四类过程性信息"),
    ("withheld_enforcement_file", "7.属于行政执法案卷"),
    ("withheld_admin_query", "8.属于行政查询事项"),
    (
        "unavailable_not_held",
        "（四）无法提供1.本机关不掌握相关政府信息",
    ),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "3.补正后申请内容仍不明确"),
    (
        "not_processed_petition",
        "（五）不予处理1.信访举报投诉类申请",
    ),
    ("not_processed_duplicate", "2.重复申请"),
    ("not_processed_publication", "3.要求提供公开出版物"),
    ("not_processed_excessive", "4.无正当理由大量反复申请"),
    (
        "not_processed_confirmation",
        "5.要求行政机关确认或重新出具已获取信息",
    ),
    (
        "other_overdue_correction",
        "（六）其他处理1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    ),
    (
        "other_unpaid_fee",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    ),
    ("other_other", "3.其他"),
    ("other", "（六）其他处理"),
    ("total_processed", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
];

const APPLICANTS: [&str; 7] = [
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_service",
    "other_org",
    "total",
];
const REVIEW: [&str; 3] = ["review", "litigation_direct", "litigation_after_review"];
const REVIEW_COLS: [&str; 5] = ["upheld", "corrected", "other", "pending", "total"];

/// Table 二 rows: (key, printed before the row, columns).
fn disclosure_rows(t2019: bool) -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    if t2019 {
        let docs = vec!["made", "published", "total_public"];
        let items = vec!["previous_items", "change", "decisions"];
        vec![
            (
                "rules",
                "第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章",
                docs.clone(),
            ),
            ("normative_documents", "规范性文件", docs),
            (
                "licensing",
                "第二十条第（五）项信息内容上一年项目数量本年增/减处理决定数量行政许可",
                items.clone(),
            ),
            ("other_services", "其他对外管理服务事项", items.clone()),
            (
                "penalty",
                "第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量行政处罚",
                items.clone(),
            ),
            ("coercion", "行政强制", items),
            (
                "fees",
                "第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费",
                vec!["previous_items", "change"],
            ),
            (
                "procurement",
                "第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购",
                vec!["items", "amount"],
            ),
        ]
    } else {
        let docs = vec!["issued", "repealed", "in_force"];
        vec![
            (
                "rules",
                "第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章",
                docs.clone(),
            ),
            ("normative_documents", "行政规范性文件", docs),
            (
                "licensing",
                "第二十条第（五）项信息内容本年处理决定数量行政许可",
                vec!["decisions"],
            ),
            (
                "penalty",
                "第二十条第（六）项信息内容本年处理决定数量行政处罚",
                vec!["decisions"],
            ),
            ("coercion", "行政强制", vec!["decisions"]),
            (
                "fees",
                "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费",
                vec!["amount"],
            ),
        ]
    }
}

/// A small deterministic generator (no dependency): which cell boundaries get a space.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn show(v: &Value) -> String {
    match v.as_f64() {
        None => String::new(),
        Some(f) if f.fract() == 0.0 => format!("{}", f as i64),
        Some(f) => format!("{f}"),
    }
}

/// One row as printed by the flattening: the cells run together, with a space at some cell
/// boundaries (`spaces` in 1/8: 0 = never); blank cells print as nothing.
fn run(vals: &[String], spaces: u64, rng: &mut Lcg) -> String {
    let mut out = String::new();
    for v in vals {
        if v.is_empty() {
            continue;
        }
        if !out.is_empty() && spaces > 0 && rng.next() % 8 < spaces {
            out.push(' ');
        }
        out.push_str(v);
    }
    out
}

/// A printed table row: its key and its cells' printed values.
struct Printed {
    table: &'static str,
    row: &'static str,
    cols: Vec<&'static str>,
    vals: Vec<String>,
    run: String,
}

/// The flattened report of a key (None without tables), and the rows it prints.
fn flatten(key: &Value, spaces: u64, seed: u64) -> Option<(String, Vec<Printed>)> {
    let cells = key["cells"].as_object()?;
    let t2019 = match key["template"].as_str()? {
        "2019" => true,
        "2021" => false,
        _ => return None,
    };
    let year = key["year"].as_i64().unwrap_or(2022);
    let mut rng = Lcg(seed);
    let mut rows: Vec<Printed> = Vec::new();
    let get = |t: &str, r: &str, c: &str| cells.get(&format!("{t}.{r}.{c}")).cloned();
    let row_of =
        |table: &'static str, row: &'static str, cols: Vec<&'static str>, rng: &mut Lcg| {
            let vals: Option<Vec<Value>> = cols.iter().map(|c| get(table, row, c)).collect();
            let vals: Vec<String> = vals?.iter().map(show).collect();
            let r = run(&vals, spaces, rng);
            Some(Printed {
                table,
                row,
                cols,
                vals,
                run: r,
            })
        };
    let mut body = format!(
        "平潭综合实验区{year}年政府信息公开工作年度报告 一、总体情况 {year}年，本机关认真贯彻落实《条例》，做好政府信息公开工作。"
    );
    body.push_str("二、主动公开政府信息情况");
    for (row, label, cols) in disclosure_rows(t2019) {
        if let Some(p) = row_of("disclosure", row, cols, &mut rng) {
            body.push_str(label);
            body.push_str(&p.run);
            if row == "procurement" {
                body.push('元');
            }
            rows.push(p);
        }
    }
    body.push_str("三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他");
    for (row, label) in REQ_2021 {
        let in_template = match *row {
            "other" => t2019,
            "other_overdue_correction" | "other_unpaid_fee" | "other_other" => !t2019,
            _ => true,
        };
        if !in_template {
            continue;
        }
        if let Some(p) = row_of("requests", row, APPLICANTS.to_vec(), &mut rng) {
            body.push_str(label);
            body.push_str(&p.run);
            rows.push(p);
        } else if label.starts_with("三、") {
            body.push_str("三、本年度办理结果");
        }
    }
    body.push_str("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计");
    let mut all: Vec<String> = Vec::new();
    let mut complete = true;
    for g in REVIEW {
        for c in REVIEW_COLS {
            match get("review_litigation", g, c) {
                Some(v) => all.push(show(&v)),
                None => complete = false,
            }
        }
    }
    if complete {
        let r = run(&all, spaces, &mut rng);
        body.push_str(&r);
        rows.push(Printed {
            table: "review_litigation",
            row: "*",
            cols: Vec::new(),
            vals: all,
            run: r,
        });
    }
    body.push_str(
        " 五、存在的主要问题及改进情况 一是工作机制有待完善。 六、其他需要报告的事项 无。",
    );
    Some((body, rows))
}

// ---- The oracle: every reading of each run, by brute force, and what the constraints force.

/// A piece of a run read as one cell: digits without a leading zero, a decimal point only in an
/// amount column, a minus only in 本年增/减.
fn piece_ok(s: &str, col: &str) -> Option<f64> {
    let body = s.strip_prefix('-').unwrap_or(s);
    if s.starts_with('-') && col != "change" {
        return None;
    }
    if body.contains('.') && col != "amount" {
        return None;
    }
    let int = body.split('.').next()?;
    if int.is_empty() || (int.len() > 1 && int.starts_with('0')) || body.ends_with('.') {
        return None;
    }
    s.parse().ok()
}

/// Every way to read `groups` (printed digit groups, in order) as `cols.len()` cells, each group
/// one or more whole cells; with `blanks`, cells may also be blank (printed as nothing).
fn readings(groups: &[&str], cols: &[&str], blanks: bool, sum: usize) -> Vec<Vec<Option<f64>>> {
    fn go(
        groups: &[&str],
        from: usize,
        cols: &[&str],
        (blanks, sum): (bool, usize),
        cur: &mut Vec<Option<f64>>,
        out: &mut Vec<Vec<Option<f64>>>,
    ) {
        // Sum groups are checked as soon as they are read (only to keep the oracle fast).
        if sum > 0
            && !cur.is_empty()
            && cur.len().is_multiple_of(sum)
            && !sums_hold(&cur[cur.len() - sum..], sum)
        {
            return;
        }
        if cur.len() == cols.len() {
            if groups.is_empty() {
                out.push(cur.clone());
            }
            return;
        }
        let col = cols[cur.len()];
        if blanks {
            cur.push(None);
            go(groups, from, cols, (blanks, sum), cur, out);
            cur.pop();
        }
        let Some(g) = groups.first() else { return };
        for end in from + 1..=g.len() {
            if let Some(v) = piece_ok(&g[from..end], col) {
                cur.push(Some(v));
                if end == g.len() {
                    go(&groups[1..], 0, cols, (blanks, sum), cur, out);
                } else {
                    go(groups, end, cols, (blanks, sum), cur, out);
                }
                cur.pop();
            }
        }
    }
    let mut out = Vec::new();
    go(groups, 0, cols, (blanks, sum), &mut Vec::new(), &mut out);
    out
}

fn sums_hold(vals: &[Option<f64>], group: usize) -> bool {
    vals.chunks(group).all(|g| {
        let (parts, total) = g.split_at(group - 1);
        match total[0] {
            Some(t) => (parts.iter().map(|x| x.unwrap_or(0.0)).sum::<f64>() - t).abs() < 1e-9,
            None => true,
        }
    })
}

/// What the oracle says: cell key → forced value, or None when the table's readings disagree;
/// `exact` is false where the oracle gives up (too many combinations, or the print breaks the
/// column sums for every reading, where the parser's fallback is not modelled here).
struct Oracle {
    forced: BTreeMap<String, Option<f64>>,
    exact: bool,
}

fn oracle(rows: &[Printed], t2019: bool) -> Oracle {
    let mut forced = BTreeMap::new();
    let mut exact = true;
    let agree = |cands: &[Vec<Option<f64>>], i: usize| -> Option<f64> {
        let first = cands.first()?[i]?;
        cands.iter().all(|c| c[i] == Some(first)).then_some(first)
    };
    // Table 三: each row's readings under its own sum, then the columns as a whole.
    let mut req: Vec<(&Printed, Vec<Vec<Option<f64>>>)> = Vec::new();
    for p in rows {
        // A minus glued to the digits before it ("20-97447") begins the next figure, as a
        // space would ("20 -97447"), when it is the stretch's only minus and the stretch is no
        // year-month ("2021-12"); else it ends the run for the tokenizer (the rest is not a
        // cell). The oracle reads what the parser is given.
        let glued = |i: usize| p.run[..i].ends_with(|d: char| d.is_ascii_digit());
        let first = p
            .run
            .char_indices()
            .find(|&(i, c)| c == '-' && glued(i))
            .map(|(i, _)| i);
        let run = match first {
            Some(i) => {
                let stretch_start = p.run[..i]
                    .rfind(|c: char| !c.is_ascii_digit())
                    .map_or(0, |k| k + 1);
                let tail = &p.run[i + 1..];
                let tail_len = tail
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(tail.len());
                let before = &p.run[stretch_start..i];
                let year_month = before.len() == 4
                    && (before.starts_with("19") || before.starts_with("20"))
                    && tail_len <= 2;
                let lone = !tail[tail_len..].starts_with(['-', '.']);
                if tail_len > 0 && lone && !year_month {
                    format!("{} -{}", &p.run[..i], tail)
                } else {
                    p.run[..i].to_string()
                }
            }
            None => p.run.clone(),
        };
        let groups: Vec<&str> = run.split(' ').filter(|g| !g.is_empty()).collect();
        match p.table {
            "disclosure" => {
                let cands = readings(&groups, &p.cols, true, 0);
                for (i, c) in p.cols.iter().enumerate() {
                    forced.insert(format!("disclosure.{}.{c}", p.row), agree(&cands, i));
                }
            }
            "review_litigation" => {
                let cols: Vec<&str> = vec!["n"; 15];
                // As many groups as cells: read as printed, whatever the sums say.
                let exact = groups.len() == 15;
                let cands: Vec<_> = readings(&groups, &cols, false, if exact { 0 } else { 5 })
                    .into_iter()
                    .filter(|c| exact || sums_hold(c, 5))
                    .collect();
                for (k, g) in REVIEW.iter().enumerate() {
                    for (j, c) in REVIEW_COLS.iter().enumerate() {
                        forced.insert(
                            format!("review_litigation.{g}.{c}"),
                            agree(&cands, k * 5 + j),
                        );
                    }
                }
            }
            _ => {
                let exact = groups.len() == 7;
                let cands: Vec<_> =
                    readings(&groups, &APPLICANTS, false, if exact { 0 } else { 7 })
                        .into_iter()
                        .filter(|c| exact || sums_hold(c, 7))
                        .collect();
                req.push((p, cands));
            }
        }
    }
    // Column constraints over the rows printed: （七）总计 = Σ result rows; 一 + 二 = 七 + 四.
    let pos = |k: &str| req.iter().position(|(p, _)| p.row == k);
    let results: Vec<usize> = req
        .iter()
        .enumerate()
        .filter(|(_, (p, _))| {
            !matches!(
                p.row,
                "new_received" | "carried_over" | "total_processed" | "carried_forward"
            )
        })
        .map(|(i, _)| i)
        .collect();
    let n_results = if t2019 { 19 } else { 21 };
    let tp = pos("total_processed");
    let t_ok = results.len() == n_results && tp.is_some();
    let bal = [
        pos("new_received"),
        pos("carried_over"),
        tp,
        pos("carried_forward"),
    ];
    let b_ok = bal.iter().all(|x| x.is_some());
    let check = |pick: &[usize]| -> bool {
        let v = |r: usize, c: usize| req[r].1[pick[r]][c].unwrap_or(0.0);
        (0..7).all(|c| {
            let t = !t_ok
                || (results.iter().map(|&r| v(r, c)).sum::<f64>() - v(tp.unwrap(), c)).abs() < 1e-9;
            let b = !b_ok || {
                let [a, b, p, f] = bal.map(|x| x.unwrap());
                (v(a, c) + v(b, c) - v(p, c) - v(f, c)).abs() < 1e-9
            };
            t && b
        })
    };
    let mut sols: Vec<Vec<usize>> = Vec::new();
    let any_empty = req.iter().any(|(_, c)| c.is_empty());
    let combos: f64 = req.iter().map(|(_, c)| c.len().max(1) as f64).product();
    if (t_ok || b_ok) && !any_empty && combos <= 2e6 {
        let mut pick = vec![0usize; req.len()];
        loop {
            if check(&pick) {
                sols.push(pick.clone());
            }
            let mut i = 0;
            while i < pick.len() {
                pick[i] += 1;
                if pick[i] < req[i].1.len() {
                    break;
                }
                pick[i] = 0;
                i += 1;
            }
            if i == pick.len() {
                break;
            }
        }
        if sols.is_empty() {
            exact = false;
        }
    } else if (t_ok || b_ok) && !any_empty {
        exact = false;
    }
    for (r, (p, cands)) in req.iter().enumerate() {
        let surviving: Vec<Vec<Option<f64>>> = if sols.is_empty() {
            cands.clone()
        } else {
            let mut ks: Vec<usize> = sols.iter().map(|s| s[r]).collect();
            ks.sort();
            ks.dedup();
            ks.iter().map(|&k| cands[k].clone()).collect()
        };
        for (i, c) in APPLICANTS.iter().enumerate() {
            forced.insert(format!("requests.{}.{c}", p.row), agree(&surviving, i));
        }
    }
    Oracle { forced, exact }
}

/// Parse one flattened re-print and compare with the key and the oracle.
#[derive(Default, Debug)]
struct Tally {
    printed: usize,
    pinned: usize,
    forced: usize,
    /// Pinned cells whose provenance names a column sum (the row's own sum left them open).
    by_columns: usize,
    wrong: Vec<String>,
    unforced_pins: Vec<String>,
    forced_missing: Vec<String>,
}

fn check_one(name: &str, key: &Value, spaces: u64, seed: u64) -> Option<Tally> {
    let (body, rows) = flatten(key, spaces, seed)?;
    let t2019 = key["template"] == "2019";
    let report = gongkai::report_from_bytes("flat.txt", body.as_bytes()).unwrap();
    let cells: &Map<String, Value> = key["cells"].as_object().unwrap();
    let o = oracle(&rows, t2019);
    let mut t = Tally {
        by_columns: report
            .provenance
            .cells
            .values()
            .filter(|p| {
                p.split
                    .as_ref()
                    .is_some_and(|s| s.sums.contains("Σ result rows") || s.sums.contains("一 + 二"))
            })
            .count(),
        ..Tally::default()
    };
    for p in &rows {
        let keys: Vec<String> = if p.table == "review_litigation" {
            REVIEW
                .iter()
                .flat_map(|g| {
                    REVIEW_COLS
                        .iter()
                        .map(move |c| format!("review_litigation.{g}.{c}"))
                })
                .collect()
        } else {
            p.cols
                .iter()
                .map(|c| format!("{}.{}.{c}", p.table, p.row))
                .collect()
        };
        let _ = &p.vals;
        for k in keys {
            t.printed += 1;
            let want = cells[&k].as_f64();
            let got = report.tables.figure(&k);
            let present = {
                let mut it = k.splitn(3, '.');
                let (a, b, c) = (it.next().unwrap(), it.next().unwrap(), it.next().unwrap());
                report
                    .tables
                    .get(a)
                    .and_then(|t| t.get(b))
                    .and_then(|r| r.get(c))
                    .is_some()
            };
            if present {
                t.pinned += 1;
                if got != want {
                    t.wrong.push(format!(
                        "{name}: {k} = {got:?}, printed {want:?} (run '{}')",
                        p.run
                    ));
                }
            }
            let f = o.forced.get(&k).copied().flatten();
            if f.is_some() {
                t.forced += 1;
            }
            if o.exact {
                match (f, present) {
                    (Some(_), false) => t
                        .forced_missing
                        .push(format!("{name}: {k} (run '{}')", p.run)),
                    (None, true) => t
                        .unforced_pins
                        .push(format!("{name}: {k} = {got:?} (run '{}')", p.run)),
                    _ => {}
                }
            }
        }
    }
    Some(t)
}

fn keys() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from("tests/expected")];
    if let Some(d) = common::shared_pdf_dir() {
        dirs.push(d.join("expected"));
    }
    for d in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        for f in files {
            let name = f.file_stem().unwrap().to_string_lossy().to_string();
            out.push((name, common::read_key(&f)));
        }
    }
    out
}

/// The re-prints: glued runs, and runs with spaces at some cell boundaries (several seeds).
#[test]
fn flattened_tables_decode_without_a_wrong_cell() {
    let mut total = Tally::default();
    let mut lines = Vec::new();
    for (name, key) in keys() {
        for (spaces, seeds) in [(0u64, 1u64), (2, 3), (5, 3)] {
            for seed in 0..seeds {
                let Some(t) = check_one(&name, &key, spaces, seed + 1) else {
                    continue;
                };
                lines.push(format!(
                    "{name} spaces {spaces}/8 seed {seed}: {} printed, {} forced, {} pinned",
                    t.printed, t.forced, t.pinned
                ));
                total.printed += t.printed;
                total.by_columns += t.by_columns;
                total.pinned += t.pinned;
                total.forced += t.forced;
                total.wrong.extend(t.wrong);
                total.unforced_pins.extend(t.unforced_pins);
                total.forced_missing.extend(t.forced_missing);
            }
        }
    }
    eprintln!("{}", lines.join("\n"));
    eprintln!(
        "total: {} cells printed, {} forced by the constraints, {} pinned ({} by column sums), {} wrong, {} pinned unforced, {} forced left out",
        total.printed,
        total.forced,
        total.pinned,
        total.by_columns,
        total.wrong.len(),
        total.unforced_pins.len(),
        total.forced_missing.len()
    );
    for (what, list) in [
        ("WRONG", &total.wrong),
        ("pinned but not forced", &total.unforced_pins),
        ("forced but left out", &total.forced_missing),
    ] {
        let mut l = list.clone();
        l.sort();
        l.dedup();
        for x in l {
            eprintln!("{what}: {x}");
        }
    }
    assert!(
        total.wrong.is_empty(),
        "wrong cells:\n{}",
        total.wrong.join("\n")
    );
    assert!(
        total.unforced_pins.is_empty(),
        "pinned but not forced:\n{}",
        total.unforced_pins.join("\n")
    );
    assert!(
        total.forced_missing.is_empty(),
        "forced but left out:\n{}",
        total.forced_missing.join("\n")
    );
}

/// A random table 三 (2021 rows) that adds up, as a key: mostly zeros, a few figures, the way
/// reports look; `break_it` then changes one printed figure so that a column sum no longer holds
/// (reports do print such tables).
fn random_key(rng: &mut Lcg, break_it: bool) -> Value {
    let results: Vec<&str> = REQ_2021
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| {
            !matches!(
                *k,
                "new_received" | "carried_over" | "total_processed" | "carried_forward" | "other"
            )
        })
        .collect();
    let mut cells = Map::new();
    let fig = |rng: &mut Lcg, col: usize| -> u64 {
        let r = rng.next() % 100;
        match (col, r) {
            (0, 0..=40) => 0,
            (0, 41..=80) => rng.next() % 20,
            (0, _) => rng.next() % 400,
            (_, 0..=80) => 0,
            (_, 81..=95) => rng.next() % 10,
            _ => rng.next() % 60,
        }
    };
    let mut tp = [0u64; 6];
    let put = |cells: &mut Map<String, Value>, row: &str, v: [u64; 6]| {
        for (i, c) in APPLICANTS[..6].iter().enumerate() {
            cells.insert(format!("requests.{row}.{c}"), Value::from(v[i]));
        }
        cells.insert(
            format!("requests.{row}.total"),
            Value::from(v.iter().sum::<u64>()),
        );
    };
    for r in &results {
        let v: [u64; 6] = std::array::from_fn(|c| {
            if rng.next().is_multiple_of(3) {
                fig(rng, c)
            } else {
                0
            }
        });
        for c in 0..6 {
            tp[c] += v[c];
        }
        put(&mut cells, r, v);
    }
    put(&mut cells, "total_processed", tp);
    let carried: [u64; 6] = std::array::from_fn(|c| {
        if rng.next().is_multiple_of(4) {
            fig(rng, c).min(tp[c])
        } else {
            0
        }
    });
    let forward: [u64; 6] = std::array::from_fn(|c| {
        if rng.next().is_multiple_of(4) {
            fig(rng, c)
        } else {
            0
        }
    });
    let new: [u64; 6] = std::array::from_fn(|c| tp[c] + forward[c] - carried[c]);
    put(&mut cells, "carried_over", carried);
    put(&mut cells, "carried_forward", forward);
    put(&mut cells, "new_received", new);
    if break_it {
        let keys: Vec<String> = cells
            .keys()
            .filter(|k| !k.ends_with(".total"))
            .cloned()
            .collect();
        let k = &keys[(rng.next() as usize) % keys.len()];
        let v = cells[k].as_u64().unwrap() + 1 + rng.next() % 9;
        let row = k.rsplit_once('.').unwrap().0.to_string();
        cells.insert(k.clone(), Value::from(v));
        let total: u64 = APPLICANTS[..6]
            .iter()
            .map(|c| cells[&format!("{row}.{c}")].as_u64().unwrap())
            .sum();
        cells.insert(format!("{row}.total"), Value::from(total));
    }
    serde_json::json!({ "template": "2021", "year": 2022, "cells": cells })
}

/// Random tables, flattened: the parse pins exactly what the constraints force and never a
/// wrong figure — also where the print breaks a column sum, so that a reading the identities
/// accept might differ from the print.
#[test]
fn random_flattened_tables_decode_without_a_wrong_cell() {
    let mut rng = Lcg(7);
    let mut total = Tally::default();
    let (mut ambiguous_rows, mut n) = (0, 0);
    for i in 0..300u64 {
        let key = random_key(&mut rng, i % 3 == 2);
        let name = format!("random-{i}");
        let Some(t) = check_one(&name, &key, (i % 3) * 2, i) else {
            continue;
        };
        n += 1;
        ambiguous_rows += usize::from(t.forced < t.printed);
        total.printed += t.printed;
        total.by_columns += t.by_columns;
        total.pinned += t.pinned;
        total.forced += t.forced;
        total.wrong.extend(t.wrong);
        total.unforced_pins.extend(t.unforced_pins);
        total.forced_missing.extend(t.forced_missing);
    }
    eprintln!(
        "{n} random tables ({ambiguous_rows} with cells the constraints do not force): {} cells printed, {} forced, {} pinned ({} by column sums), {} wrong, {} pinned unforced, {} forced left out",
        total.printed,
        total.forced,
        total.pinned,
        total.by_columns,
        total.wrong.len(),
        total.unforced_pins.len(),
        total.forced_missing.len()
    );
    assert!(
        total.wrong.is_empty(),
        "wrong cells:\n{}",
        total.wrong.join("\n")
    );
    assert!(
        total.unforced_pins.is_empty(),
        "pinned but not forced:\n{}",
        total.unforced_pins.join("\n")
    );
    assert!(
        total.forced_missing.is_empty(),
        "forced but left out:\n{}",
        total.forced_missing.join("\n")
    );
}

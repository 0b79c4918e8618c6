//! Unit tests of the digit-run readings: single rows, table 三 as a whole, table 二 with the
//! prose's figures, and hostile runs that must stay fast.

use super::*;
use crate::model::template;
use crate::model::template::RowDef;
use crate::model::Template;

/// A printed run ("23 0 00 0 023") as the cell scanner gives it, at byte `at`.
fn run_at(text: &str, at: usize) -> CellTok {
    let mut groups = Vec::new();
    let mut off = at;
    for g in text.split(' ') {
        if !g.is_empty() {
            groups.push(super::super::cells::Group {
                text: g.to_string(),
                range: off..off + g.len(),
            });
        }
        off += g.len() + 1;
    }
    CellTok {
        kind: CellKind::Blob(groups),
        range: at..at + text.len(),
    }
}

fn row_reading(text: &str) -> RowReading {
    read_row(
        &[run_at(text, 0)],
        7,
        Some(&[ColKind::Count; 7]),
        false,
        Some(7),
        &requests_row_sum,
    )
}

fn glue(vals: &[u32]) -> String {
    let mut v: Vec<String> = vals.iter().map(|x| x.to_string()).collect();
    v.push(vals.iter().sum::<u32>().to_string());
    v.concat()
}

/// Table 三 of the 2021 format from each row's six applicant figures (总计 appended), every
/// row printed as one glued run.
fn table(rows: &[(&str, [u32; 6])]) -> (Vec<&'static RowDef>, Vec<Option<RowReading>>) {
    let order = template::request_rows(Template::Y2021);
    let readings = order
        .iter()
        .map(|d| {
            let (_, v) = rows.iter().find(|(k, _)| *k == d.key)?;
            Some(row_reading(&glue(v)))
        })
        .collect();
    (order, readings)
}

fn value(s: &SolvedRow, col: usize) -> Option<f64> {
    s.cells[col].as_ref().and_then(|r| r.value)
}

/// Every result row of 2021 with its figures; `with` overrides some.
fn rows_2021(with: &[(&'static str, [u32; 6])]) -> Vec<(&'static str, [u32; 6])> {
    let mut rows: Vec<(&'static str, [u32; 6])> = template::request_rows(Template::Y2021)
        .iter()
        .map(|d| (d.key, [0; 6]))
        .collect();
    for (k, v) in with {
        rows.iter_mut().find(|(r, _)| r == k).unwrap().1 = *v;
    }
    rows
}

#[test]
fn the_only_split_is_not_taken_when_it_breaks_the_row_sum() {
    // [258, 12, ∅, ∅, 1, 1, ∅] printed with its blanks dropped: seven digits, one reading.
    let r = row_reading("2581211");
    assert!(r.unique().is_none());
    assert!(r.cands.is_empty() && r.complete);
    assert!(matches!(
        fit(&[run_at("2581211", 0)], 7, &requests_row_sum),
        Fit::Ambiguous { candidates: 0, .. }
    ));
}

#[test]
fn as_many_groups_as_cells_is_read_as_printed() {
    // A report whose own 总计 cells are 0 (huaian-hongze-2023): no split is made, so the
    // sums do not apply and the figures stay as printed.
    let (cells, warning) = review_row(&[run_at("10 1 0 0 0 0 0 0 0 0 5 0 0 0 0", 0)]);
    let v: Vec<Option<f64>> = cells.iter().map(|c| c.as_ref().unwrap().value).collect();
    assert_eq!(
        v[..5],
        [Some(10.0), Some(1.0), Some(0.0), Some(0.0), Some(0.0)]
    );
    assert!(warning.is_none());
    let why = &cells[0].as_ref().unwrap().why.as_ref().unwrap().1;
    assert!(why.contains("one cell per group, as printed"), "{why}");
}

#[test]
fn a_row_too_long_for_its_cells_says_how_many_figures_it_prints() {
    // 行政许可 has one cell; "10 69" in one field is two figures (no thousands: "69" is not a
    // group of three), not "1 cells where 1 are expected".
    let licensing = template::DISCLOSURE_2021
        .iter()
        .find(|r| r.key == "licensing")
        .unwrap();
    let (cells, w) = disclosure_row(&[run_at("10 69", 0)], licensing, &|| &[]);
    assert!(cells.iter().all(|c| c.is_none()));
    assert_eq!(
        w.as_deref(),
        Some("table 二: row 行政许可 has 1 cells holding 2 figures where 1 are expected; left out")
    );
}

#[test]
fn a_row_without_sums_pins_only_what_blank_cells_cannot_change() {
    let rules = &template::DISCLOSURE_2019[0];
    // '125' may be 1/2/5, 12/5/∅, 1/25/∅, 125/∅/∅, ∅/12/5…: nothing is forced.
    let (cells, w) = disclosure_row(&[run_at("125", 0)], rules, &|| &[]);
    assert!(cells.iter().all(|c| c.is_none()));
    assert!(w
        .unwrap()
        .contains("'125' has 1 possible splits (10 readings allowing for blank cells)"));
    // '5 12' (a layout line with a blank cell between): 5/1/2 is not the only reading.
    let (cells, _) = disclosure_row(&[run_at("5 12", 0)], rules, &|| &[]);
    assert!(cells.iter().all(|c| c.is_none()));
    // '000' has one reading even allowing for blanks (no piece starts with 0 but 0).
    let (cells, w) = disclosure_row(&[run_at("000", 0)], rules, &|| &[]);
    assert!(cells.iter().all(|c| c.as_ref().unwrap().value == Some(0.0)));
    assert!(w.is_none());
    // 上一年项目数量 20, 本年增/减 -9, 处理决定数量 7447 glued: only 本年增/减 may be
    // negative, so 20 is forced; -9/7447 or -97447/∅ is not.
    let other = &template::DISCLOSURE_2019[3];
    let (cells, w) = disclosure_row(&[run_at("20 -97447", 0)], other, &|| &[]);
    assert_eq!(cells[0].as_ref().unwrap().value, Some(20.0));
    assert!(cells[1].is_none() && cells[2].is_none());
    assert!(w.unwrap().contains("本年增/减, 处理决定数量 left out"));
}

#[test]
fn a_run_ambiguous_in_its_row_is_forced_by_the_column_sums() {
    // 部分公开 99/0/0/0/2/0 = 101 printed '9900020101' also reads 9/90/0/0/2/0 = 101; the
    // other rows and （七）总计 settle it.
    let rows = rows_2021(&[
        ("new_received", [150, 0, 0, 0, 2, 0]),
        ("disclosed", [51, 0, 0, 0, 0, 0]),
        ("partially_disclosed", [99, 0, 0, 0, 2, 0]),
        ("total_processed", [150, 0, 0, 0, 2, 0]),
    ]);
    let (order, readings) = table(&rows);
    let p = order
        .iter()
        .position(|d| d.key == "partially_disclosed")
        .unwrap();
    assert_eq!(readings[p].as_ref().unwrap().cands.len(), 2);
    let (solved, warnings) = solve_requests(&order, &readings, None);
    let s = solved[p].as_ref().unwrap();
    assert_eq!(value(s, 0), Some(99.0));
    assert_eq!(value(s, 1), Some(0.0));
    assert_eq!(value(s, 6), Some(101.0));
    assert!(warnings.is_empty(), "{warnings:?}");
    let (pieces, why) = s.cells[0].as_ref().unwrap().why.clone().unwrap();
    assert_eq!(pieces, ["99", "0", "0", "0", "2", "0", "101"]);
    assert!(
        why.starts_with("column 自然人: （七）总计 = Σ result rows"),
        "{why}"
    );
    assert!(why.contains("(the run alone has 2 readings"), "{why}");
    // 总计 is the same in both readings: the row's own sum pins it.
    let why = &s.cells[6].as_ref().unwrap().why.as_ref().unwrap().1;
    assert!(
        why.starts_with("row 总计 = Σ applicant columns: all 2 readings"),
        "{why}"
    );
}

#[test]
fn a_run_the_sums_do_not_force_is_left_out_with_a_warning() {
    // Two rows printed '9900020101' whose readings can swap without changing any column sum:
    // 99 + 9 = 9 + 99 in 自然人, 0 + 90 = 90 + 0 in 商业企业.
    let rows = rows_2021(&[
        ("new_received", [108, 90, 0, 0, 4, 0]),
        ("partially_disclosed", [99, 0, 0, 0, 2, 0]),
        ("withheld_third_party", [9, 90, 0, 0, 2, 0]),
        ("total_processed", [108, 90, 0, 0, 4, 0]),
    ]);
    let (order, readings) = table(&rows);
    let (solved, warnings) = solve_requests(&order, &readings, None);
    for key in ["partially_disclosed", "withheld_third_party"] {
        let p = order.iter().position(|d| d.key == key).unwrap();
        let s = solved[p].as_ref().unwrap();
        assert_eq!((value(s, 0), value(s, 1)), (None, None));
        assert_eq!((value(s, 4), value(s, 6)), (Some(2.0), Some(101.0)));
    }
    assert!(
        warnings.iter().any(|w| w.contains("'9900020101' has 2 readings that satisfy its row's sum; 自然人, 商业企业 not forced by them and the column sums; left out")),
        "{warnings:?}"
    );
}

#[test]
fn column_sums_that_no_reading_satisfies_fall_back_to_the_rows() {
    // （七）总计 printed 0 while a result row has figures: no reading satisfies the column
    // sums, so each run keeps only what its own row forces.
    let rows = rows_2021(&[
        ("new_received", [99, 0, 0, 0, 2, 0]),
        ("partially_disclosed", [99, 0, 0, 0, 2, 0]),
    ]);
    let (order, readings) = table(&rows);
    let (solved, warnings) = solve_requests(&order, &readings, None);
    let p = order
        .iter()
        .position(|d| d.key == "partially_disclosed")
        .unwrap();
    let s = solved[p].as_ref().unwrap();
    assert_eq!((value(s, 0), value(s, 6)), (None, Some(101.0)));
    assert!(
        warnings.iter().any(|w| w.contains("hold for no reading")),
        "{warnings:?}"
    );
}

fn reading_of(cands: &[[f64; 7]]) -> RowReading {
    let cell = |v: f64| Resolved {
        value: Some(v),
        range: 0..0,
        semantic: Semantic::Number,
        split: Some((0..1, vec![])),
        why: None,
    };
    let cands: Vec<Vec<Resolved>> = cands
        .iter()
        .map(|c| c.iter().map(|&v| cell(v)).collect())
        .collect();
    RowReading {
        full: cands.len(),
        splits: cands.len(),
        cands,
        complete: true,
        printed: "…".into(),
        found: 1,
        groups: 1,
        has_run: true,
        n: 7,
        unfit: None,
    }
}

#[test]
fn the_prose_count_narrows_only_what_the_table_leaves_open() {
    // 新收 read two ways (74 or 75 in 自然人 and 总计) and no 结转下年度 row, so the balance
    // cannot decide; the prose's 76 applications is 新收 + 结转 (75 + 1) for one of them only.
    let order = template::request_rows(Template::Y2021);
    let readings = |with_forward: bool| -> Vec<Option<RowReading>> {
        order
            .iter()
            .map(|d| match d.key {
                "new_received" => Some(reading_of(&[
                    [74.0, 0.0, 0.0, 0.0, 0.0, 0.0, 74.0],
                    [75.0, 0.0, 0.0, 0.0, 0.0, 0.0, 75.0],
                ])),
                "carried_over" => Some(reading_of(&[[1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0]])),
                "carried_forward" if !with_forward => None,
                "disclosed" | "total_processed" => {
                    Some(reading_of(&[[76.0, 0.0, 0.0, 0.0, 0.0, 0.0, 76.0]]))
                }
                _ => Some(reading_of(&[[0.0; 7]])),
            })
            .collect()
    };
    let rs = readings(false);
    let (solved, _) = solve_requests(&order, &rs, Some(("收到政府信息公开申请76件", 76.0)));
    let s = solved[0].as_ref().unwrap();
    assert_eq!((value(s, 0), value(s, 6)), (Some(75.0), Some(75.0)));
    let why = &s.cells[6].as_ref().unwrap().why.as_ref().unwrap().1;
    assert!(
        why.contains("the prose '收到政府信息公开申请76件'"),
        "{why}"
    );
    // A prose figure no reading fits is ignored, not forced on the table.
    let (solved, w) = solve_requests(&order, &rs, Some(("收到申请9件", 9.0)));
    assert!(solved[0].as_ref().is_none_or(|s| value(s, 6).is_none()));
    assert!(
        w.iter()
            .any(|w| w.contains("自然人") && w.contains("left out")),
        "{w:?}"
    );
    // With 结转下年度 printed (0), the balance decides without the prose: 74 + 1 ≠ 76 + 0.
    let rs = readings(true);
    let (solved, _) = solve_requests(&order, &rs, None);
    let s = solved[0].as_ref().unwrap();
    assert_eq!(value(s, 6), Some(75.0));
    let why = &s.cells[6].as_ref().unwrap().why.as_ref().unwrap().1;
    assert!(
        why.starts_with("column 总计: 一 + 二 = （七）总计 + 四"),
        "{why}"
    );
}

#[test]
fn figures_the_prose_states_narrow_a_table_two_row() {
    let prose = "设立规范性文件库，集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。清理规章制度12项。";
    let figs = disclosure_prose_figures(prose);
    let got: Vec<(&str, &str, f64)> = figs.iter().map(|f| (f.row, f.col, f.value)).collect();
    assert_eq!(
        got,
        [
            ("normative_documents", "in_force", 698.0),
            ("normative_documents", "issued", 88.0)
        ]
    );
    let docs = &template::DISCLOSURE_2021[1];
    let (cells, w) = disclosure_row(&[run_at("8855698", 0)], docs, &|| &figs);
    let v: Vec<Option<f64>> = cells.iter().map(|c| c.as_ref().unwrap().value).collect();
    assert_eq!(v, [Some(88.0), Some(55.0), Some(698.0)]);
    assert!(w.is_none());
    // Without the prose: left out.
    let (cells, w) = disclosure_row(&[run_at("8855698", 0)], docs, &|| &[]);
    assert!(cells.iter().all(|c| c.is_none()));
    assert!(w
        .unwrap()
        .contains("15 possible splits (36 readings allowing for blank cells)"));
    // A figure no reading prints is about something else: ignored.
    let other = disclosure_prose_figures("现行有效行政规范性文件7件");
    let (cells, _) = disclosure_row(&[run_at("8855698", 0)], docs, &|| &other);
    assert!(cells.iter().all(|c| c.is_none()));
    // Two different numbers for one cell: neither is used.
    assert!(disclosure_prose_figures("现行有效规章5件。现行有效规章6件。").is_empty());
}

#[test]
fn hostile_runs_stay_fast() {
    // A long run: the enumeration of its splits is bounded.
    let t = std::time::Instant::now();
    let (cells, w) = review_row(&[run_at(&"10".repeat(60), 0)]);
    assert!(cells.iter().all(|c| c.is_none()));
    assert!(w.unwrap().contains("left out"));
    let r = row_reading(&"1".repeat(40));
    assert!(!r.complete && r.cands.is_empty());
    // The search over rows: every result row with two readings, 0/2 or 2/0 in 自然人/商业企业,
    // against （七）总计 21/21 — odd, so no assignment fits, and no bound rules a branch out
    // early (2^21 assignments): the node budget stops it and each run is read by its own
    // row only.
    let order = template::request_rows(Template::Y2021);
    let readings: Vec<Option<RowReading>> = order
        .iter()
        .map(|d| {
            Some(match d.key {
                "total_processed" | "new_received" => {
                    reading_of(&[[21.0, 21.0, 0.0, 0.0, 0.0, 0.0, 42.0]])
                }
                "carried_over" | "carried_forward" => reading_of(&[[0.0; 7]]),
                _ => reading_of(&[
                    [0.0, 2.0, 0.0, 0.0, 0.0, 0.0, 2.0],
                    [2.0, 0.0, 0.0, 0.0, 0.0, 0.0, 2.0],
                ]),
            })
        })
        .collect();
    let (solved, warnings) = solve_requests(&order, &readings, None);
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("too many readings of the digit runs")),
        "{warnings:?}"
    );
    assert!(solved.iter().flatten().all(|s| s.cells[0].is_none()));
    assert!(
        t.elapsed() < std::time::Duration::from_secs(10),
        "{:?}",
        t.elapsed()
    );
}

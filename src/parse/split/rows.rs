//! Rows read on their own: table 二 (no sum checks it, so blank cells are allowed for and the
//! prose's figures narrow the readings) and table 四 (three groups, each with
//! 总计 = 维持+纠正+其他+未审结).

use super::prose::ProseFigure;
use super::{kind_of, read_row, review_sums, shown, ColKind, Resolved};
use crate::model::template::RowDef;
use crate::parse::cells::{CellKind, CellTok};

/// A row of table 二: no sum checks it, so a run is read allowing for blank cells too, and a
/// cell is kept only when every reading gives it one value; figures the prose states about the
/// row (`prose`) narrow the readings, only as evidence. The pinned cells (None: left out) and a
/// warning for what is left out.
pub fn disclosure_row<'p>(
    items: &[CellTok],
    def: &RowDef,
    prose: &dyn Fn() -> &'p [ProseFigure],
) -> (Vec<Option<Resolved>>, Option<String>) {
    let n = def.columns.len();
    let kinds: Vec<ColKind> = def.columns.iter().map(|c| kind_of(c.key)).collect();
    // A one-figure row whose figure a merged cell spans the table's columns, printed again in
    // each column by an export that undoes merges ("行政许可 | 10690 | 10690 | 10690").
    let once: CellTok;
    // (Blank cells after the last figure: a tab that ends the line.)
    let printed = items
        .iter()
        .rposition(|c| !matches!(c.kind, CellKind::Blank))
        .map_or(items, |last| &items[..=last]);
    let items = match printed {
        [first, rest @ ..]
            if n == 1
                && (1..=3).contains(&rest.len())
                && rest.iter().all(|c| same_figure(c, first)) =>
        {
            std::slice::from_ref(first)
        }
        // The same on a line of text: one run of groups, all alike ("行政许可   550   550   550").
        [CellTok {
            kind: CellKind::Blob(groups),
            ..
        }] if n == 1
            && (2..=4).contains(&groups.len())
            && groups.iter().all(|g| g.text == groups[0].text) =>
        {
            once = CellTok {
                kind: CellKind::Blob(vec![groups[0].clone()]),
                range: groups[0].range.clone(),
            };
            std::slice::from_ref(&once)
        }
        // The same for a row of two cells whose last spans two or three columns (the 2019
        // format's 本年增/减 of 行政事业性收费, 采购总金额): "行政事业性收费 | 0 | 5 | 5",
        // "政府集中采购 | 6 | 9.5 | 9.5". (No row of three cells has a merged cell.)
        _ if n == 2
            && (n + 1..=n + 2).contains(&printed.len())
            && printed.iter().all(|c| matches!(c.kind, CellKind::Fixed(_)))
            && printed[n - 1..]
                .iter()
                .all(|c| same_figure(c, &printed[n - 1])) =>
        {
            &printed[..n]
        }
        // Blank cells after the row's figures, past its width, are an empty column after it (a
        // 2019 row of two columns in a sub-table of three): trimmed before those in front.
        _ if printed.len() >= n => printed,
        _ => items,
    };
    // A merged cell written as its figure then an empty cell for each further column it spans
    // (`| 行政许可 | 0 | | 0 | 0 |`, an HTML table converted by pandoc or markdownify): where
    // the empty cells after figures are exactly the cells too many, they are those columns.
    let unmerged: Vec<CellTok>;
    let items = match merged_columns(items, n) {
        Some(kept) => {
            unmerged = kept;
            &unmerged[..]
        }
        None => items,
    };
    let mut reading = read_row(items, n, Some(&kinds), true, None, &|_| true);
    if reading.mismatch() {
        let w = format!(
            "table 二: row {} {}; left out",
            def.label,
            reading.left_out_because(n)
        );
        return (vec![None; n], Some(w));
    }
    let mut pinned = reading.pin("no sum checks this row; read allowing for blank cells");
    if reading.complete && pinned.iter().any(|c| c.is_none()) {
        // Figures the prose states about this row, only as evidence: each narrows the readings
        // to those that print it, unless none does (then it is about something else).
        let before = reading.cands.len();
        let mut used: Vec<&str> = Vec::new();
        for f in prose().iter().filter(|f| f.row == def.key) {
            let Some(c) = def.columns.iter().position(|c| c.key == f.col) else {
                continue;
            };
            let keep = |r: &Vec<Resolved>| r[c].value == Some(f.value);
            if reading.cands.iter().any(keep) && !reading.cands.iter().all(keep) {
                reading.cands.retain(keep);
                used.push(&f.phrase);
            }
        }
        if !used.is_empty() {
            let phrases = used
                .iter()
                .map(|p| format!("'{p}'"))
                .collect::<Vec<_>>()
                .join(", ");
            let narrowed = reading.agreed();
            let pieces: Vec<String> = narrowed
                .iter()
                .map(|x| x.as_ref().map_or("?".into(), |x| shown(x.value)))
                .collect();
            for (p, x) in pinned.iter_mut().zip(narrowed) {
                if let (None, Some(mut x)) = (p.as_ref(), x) {
                    x.why = Some((
                        pieces.clone(),
                        format!(
                            "no sum checks this row; of the run's {before} readings (allowing for blank cells), only those that print what the prose states ({phrases}) remain, and they all give this cell {}",
                            shown(x.value)
                        ),
                    ));
                    *p = Some(x);
                }
            }
        }
    }
    let left: Vec<&str> = def
        .columns
        .iter()
        .zip(&pinned)
        .filter(|(_, p)| p.is_none())
        .map(|(c, _)| c.label)
        .collect();
    let warning = if left.is_empty() {
        None
    } else if left.len() == n {
        Some(format!(
            "table 二: {} printed as '{}' has {}; left out",
            def.label,
            reading.printed,
            reading.describe()
        ))
    } else {
        Some(format!(
            "table 二: {} printed as '{}' has {}; {} left out",
            def.label,
            reading.printed,
            reading.describe(),
            left.join(", ")
        ))
    };
    (pinned, warning)
}

/// A row of table 二 printed apart from its label, read only as exactly its cells: every cell
/// printed (no blank allowed for), and one reading. None when it cannot be read so.
pub fn disclosure_row_exact(items: &[CellTok], def: &RowDef) -> Option<Vec<Resolved>> {
    let n = def.columns.len();
    let kinds: Vec<ColKind> = def.columns.iter().map(|c| kind_of(c.key)).collect();
    if items
        .iter()
        .any(|c| matches!(c.kind, CellKind::Blank | CellKind::Na))
    {
        return None;
    }
    // As many printed figures as cells: a run is never split (with a cell printed as nothing,
    // "3 21" is no 3, 2, 1).
    let printed: usize = items
        .iter()
        .map(|c| match &c.kind {
            CellKind::Blob(g) => g.len(),
            _ => 1,
        })
        .sum();
    if printed != n {
        return None;
    }
    read_row(items, n, Some(&kinds), false, None, &|_| true)
        .unique()
        .cloned()
}

/// Table 四's fifteen cells (three groups: 总计 = 维持+纠正+其他+未审结): the cells every reading
/// that satisfies the group sums agrees on, and a warning for what is left out.
pub fn review_row(items: &[CellTok]) -> (Vec<Option<Resolved>>, Option<String>) {
    let reading = read_row(
        items,
        15,
        Some(&[ColKind::Count; 15]),
        false,
        Some(5),
        &review_sums,
    );
    if reading.mismatch() {
        let w = match reading.unfit {
            Some(_) => format!("table 四: {}; left out", reading.left_out_because(15)),
            None => format!(
                "table 四: found {} where 15 are expected; left out",
                reading.found_words()
            ),
        };
        return (vec![None; 15], Some(w));
    }
    let pinned = reading.pin("总计 = 维持+纠正+其他+未审结 per group");
    let warning = if pinned.iter().all(|c| c.is_none()) {
        Some(if reading.complete {
            if reading.cands.is_empty() {
                format!(
                    "table 四: 行政复议、行政诉讼 printed as '{}' has no split that satisfies the row's sums; left out",
                    reading.printed
                )
            } else {
                format!(
                    "table 四: 行政复议、行政诉讼 printed as '{}' has {} possible splits; left out",
                    reading.printed,
                    reading.cands.len()
                )
            }
        } else {
            format!(
                "table 四: 行政复议、行政诉讼 printed as '{}' is too long a run of digits to split; left out",
                reading.printed
            )
        })
    } else if pinned.iter().any(|c| c.is_none()) {
        Some(format!(
            "table 四: '{}' has {} readings that satisfy the group sums; the cells they disagree on are left out",
            reading.printed,
            reading.cands.len()
        ))
    } else {
        None
    };
    (pinned, warning)
}

/// Two cells that print one figure.
fn same_figure(a: &CellTok, b: &CellTok) -> bool {
    matches!((&a.kind, &b.kind), (CellKind::Fixed(x), CellKind::Fixed(y)) if x == y)
}

/// A row's cells without the empty cells that follow its figures, when those are exactly the
/// cells more than `n` (each after a figure, as a converter writes a merged cell's further
/// columns), and no cell is a run of several figures.
fn merged_columns(items: &[CellTok], n: usize) -> Option<Vec<CellTok>> {
    let blank = |c: &CellTok| matches!(c.kind, CellKind::Blank);
    if items.len() <= n || items.iter().any(|c| matches!(c.kind, CellKind::Blob(_))) {
        return None;
    }
    let after_figure = |i: usize| i > 0 && blank(&items[i]) && !blank(&items[i - 1]);
    let spans: Vec<usize> = (0..items.len()).filter(|&i| after_figure(i)).collect();
    let blanks = items.iter().filter(|c| blank(c)).count();
    (spans.len() == items.len() - n && blanks == spans.len()).then(|| {
        items
            .iter()
            .enumerate()
            .filter(|(i, _)| !spans.contains(i))
            .map(|(_, c)| c.clone())
            .collect()
    })
}

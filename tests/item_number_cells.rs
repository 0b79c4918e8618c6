//! Table 三's item numbers printed in a cell of their own, as a table made in a spreadsheet
//! prints them (`（三）不予公开\t1\t属于国家秘密\t0…`, `\t2\t其他法律行政法规禁止公开\t0…`): each
//! number is its label's. Before, each was read as one more figure: every row printed so had a
//! cell too many and was lost, and a row printed blank took the next row's number for its 总计.
//! (Rows printed a cell a line, their numbers far apart, are not joined: see item_numbers.rs.)

use crate::common;

use common::every_variant_keeps_every_fact;

/// `line` with each cell after the first that opens with an item's number (`1.属于…`) split
/// into the number and the label, in the line's own delimiter.
fn numbers_apart(line: &str, sep: char) -> String {
    let cells: Vec<&str> = line.split(sep).collect();
    // (After a first cell, a group's name or blank: a pipe row's first is before its bar.)
    let first = usize::from(sep == '|');
    let mut out: Vec<String> = Vec::new();
    for (k, cell) in cells.iter().enumerate() {
        let t = cell.trim();
        let mut it = t.chars();
        let split = match (it.next(), it.next()) {
            (Some(n @ '1'..='8'), Some(stop @ ('.' | '．' | '、'))) if k > first => {
                let label = t[1 + stop.len_utf8()..].trim_start();
                label
                    .starts_with(|h: char| h > '\u{2e80}')
                    .then_some((n, label))
            }
            _ => None,
        };
        match split {
            Some((n, label)) if sep == '|' => {
                out.push(format!(" {n} "));
                out.push(format!(" {label} "));
            }
            Some((n, label)) => {
                out.push(n.to_string());
                out.push(label.to_string());
            }
            None => out.push(cell.to_string()),
        }
    }
    out.join(&sep.to_string())
}

#[test]
fn an_item_number_in_a_cell_of_its_own_is_its_labels() {
    let made = every_variant_keeps_every_fact("item numbers apart", |k, _| {
        if k.name.ends_with(".html") {
            // `<td><p>1.属于国家秘密</p></td>` → `<td><p>1</p></td><td><p>属于国家秘密</p></td>`.
            let re =
                regex::Regex::new(r"(<td[^>]*>)(<p[^>]*>)?\s*([1-8])[.．、]\s*(\p{Han})").unwrap();
            let v = re
                .replace_all(&k.source, "${1}${2}${3}</p></td><td>${2}${4}")
                .to_string();
            return vec![v];
        }
        let mut changed = 0;
        let lines: Vec<String> = k
            .source
            .lines()
            .map(|l| {
                let Some(sep) = common::row_delimiter(l) else {
                    return l.to_string();
                };
                // (Rows printed whole on their line: a label and its seven figures.)
                if l.split(sep).filter(|c| !c.trim().is_empty()).count() < 8 {
                    return l.to_string();
                }
                let v = numbers_apart(l, sep);
                changed += usize::from(v != l);
                v
            })
            .collect();
        if changed < 4 {
            return Vec::new();
        }
        vec![lines.join("\n") + "\n"]
    });
    assert!(made >= 2, "{made} variants");
}

//! Table 四 as a statistical form prints it, a row numbering its columns under the header
//! (`1 … 15`, or `1 … 5` for each group; 栏次; on one line, a group a line or a number a line):
//! the numbers are no figures. Before, the row was read as fifteen more cells (30 where 15 are
//! expected) and the table was lost whole.

use crate::common;

use common::every_variant_keeps_every_fact;

#[test]
fn a_row_numbering_table_fours_columns_is_no_row_of_figures() {
    let made = every_variant_keeps_every_fact("column numbers", |k, original| {
        if k.name.ends_with(".html") {
            return Vec::new();
        }
        let Some(first) = original
            .provenance
            .cells
            .get("review_litigation.review.upheld")
        else {
            return Vec::new();
        };
        // The row of figures: a line of its own, its cells apart by tabs or spaces.
        let start = k.source[..first.offset].rfind('\n').map_or(0, |p| p + 1);
        let end = k.source[start..]
            .find('\n')
            .map_or(k.source.len(), |p| start + p);
        let row = &k.source[start..end];
        if row.split_whitespace().count() != 15 || !k.source[start..first.offset].trim().is_empty()
        {
            return Vec::new();
        }
        let sep = if row.contains('\t') { "\t" } else { " " };
        let whole: Vec<String> = (1..=15).map(|i| i.to_string()).collect();
        let by_group: Vec<String> = (0..15).map(|i| (i % 5 + 1).to_string()).collect();
        // On one line; a group a line; a number a line.
        let groups = by_group
            .chunks(5)
            .map(|g| g.join(sep))
            .collect::<Vec<_>>()
            .join("\n");
        [
            whole.join(sep),
            by_group.join(sep),
            groups,
            whole.join("\n"),
        ]
        .iter()
        .map(|numbers| format!("{}{numbers}\n{}", &k.source[..start], &k.source[start..]))
        .collect()
    });
    assert!(made >= 28, "{made} variants");
}

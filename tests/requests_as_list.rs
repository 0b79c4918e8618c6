//! Table 三 written as a list, each row's figures after their columns' names
//! (`（一）予以公开：自然人1件，商业企业0件，…，总计1件。`, a blank cell as `科研机构件`): every keyed
//! report with its table 三 so written keeps every fact. Before, the table was lost whole.

use crate::common;

use common::every_variant_keeps_every_fact;
use gongkai::model::template::REQUEST_ROWS;
use gongkai::model::SectionKind;

const COLUMNS: [(&str, &str); 7] = common::REQUEST_COLUMN_NAMES;

#[test]
fn table_three_written_as_a_list_reads_as_its_rows() {
    let made = every_variant_keeps_every_fact("table 三 as a list", |k, original| {
        if k.name.ends_with(".html") {
            return Vec::new();
        }
        let cells = k.key["cells"].as_object().unwrap();
        let mut lines = Vec::new();
        for def in REQUEST_ROWS {
            let key = |col: &str| format!("requests.{}.{col}", def.key);
            if !COLUMNS.iter().any(|(c, _)| cells.contains_key(&key(c))) {
                continue;
            }
            let listed: Vec<String> = COLUMNS
                .iter()
                .map(|(c, name)| {
                    let v = cells.get(&key(c)).and_then(|v| v.as_f64());
                    format!("{name}{}件", v.map_or(String::new(), |v| v.to_string()))
                })
                .collect();
            lines.push(format!("{}：{}。", def.label, listed.join("，")));
        }
        // The table's lines: after its heading's line, up to the next part's line.
        let mut parts: Vec<(usize, SectionKind)> = original
            .provenance
            .sections
            .iter()
            .map(|s| (s.offset, s.kind))
            .collect();
        parts.sort();
        let Some(i) = parts.iter().position(|p| p.1 == SectionKind::RequestsTable) else {
            return Vec::new();
        };
        let Some(&(next, _)) = parts.get(i + 1) else {
            return Vec::new();
        };
        let from = parts[i].0 + k.source[parts[i].0..].find('\n').map_or(0, |p| p + 1);
        let to = k.source[..next].rfind('\n').map_or(0, |p| p + 1);
        if lines.is_empty() || to <= from {
            return Vec::new();
        }
        vec![format!(
            "{}{}\n{}",
            &k.source[..from],
            lines.join("\n"),
            &k.source[to..]
        )]
    });
    assert!(made >= 8, "{made} variants");
}

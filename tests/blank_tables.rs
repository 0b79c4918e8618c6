//! Table 四 printed with its row of 15 cells all blank (a year without a case, the figures left
//! empty instead of 0). The table is printed: every cell is blank (null), not the table absent,
//! and the checks over it are skipped, not failed. Made from every keyed report whose table 四
//! is all zeros and prints it as one row (a tab-separated line, a pipe row, a page's `<tr>`),
//! as it is and served as a page (cells empty, or `&nbsp;`); every other fact stays right.
//!
//! Before: "no figures found", the table left out (`null`), as if it were not printed.

use crate::common;

use common::page::as_page;
use common::{keyed_reports, regressions, score};

/// `source` with its row of 15 zeros blanked (a tab line, a pipe row, or a `<tr>` of 15 cells
/// holding `0`; a page's cells emptied, or holding `&nbsp;` with `nbsp`), or None where it
/// prints no such row.
fn blanked(source: &str, nbsp: bool) -> Option<String> {
    let mut out = String::new();
    let mut done = false;
    for line in source.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let fields: Vec<&str> = if body.contains('\t') {
            body.split('\t').collect()
        } else if body.trim().starts_with('|') {
            let t = body.trim().trim_start_matches('|');
            t.strip_suffix('|').unwrap_or(t).split('|').collect()
        } else if body.starts_with("<tr>") {
            body.trim_start_matches("<tr>")
                .trim_end_matches("</tr>")
                .split("</td>")
                .filter(|c| !c.is_empty())
                .map(|c| c.trim_start_matches("<td>"))
                .collect()
        } else {
            Vec::new()
        };
        if !done && fields.len() == 15 && fields.iter().all(|f| f.trim() == "0") {
            done = true;
            let blank = if body.contains('\t') {
                "\t".repeat(14)
            } else if body.trim().starts_with('|') {
                format!("|{}", "  |".repeat(15))
            } else {
                let cell = if nbsp { "<td>&nbsp;</td>" } else { "<td></td>" };
                format!("<tr>{}</tr>", cell.repeat(15))
            };
            out.push_str(&blank);
            out.push_str(&line[body.len()..]);
        } else {
            out.push_str(line);
        }
    }
    done.then_some(out)
}

#[test]
fn table_four_printed_blank_is_printed_blank() {
    let mut made = 0;
    for k in keyed_reports() {
        let page = as_page(&k);
        for (name, source, nbsp) in [
            (k.name.as_str(), &k.source, false),
            ("page.html", &page, false),
            ("page.html", &page, true),
        ] {
            let Some(v) = blanked(source, nbsp) else {
                continue;
            };
            made += 1;
            let r = gongkai::report_from_bytes(name, v.as_bytes()).unwrap();
            let table = r
                .tables
                .review_litigation
                .as_ref()
                .unwrap_or_else(|| panic!("{name} from {}: table 四 left out", k.name));
            let cells: Vec<_> = table.values().flat_map(|row| row.values()).collect();
            assert_eq!(cells.len(), 15, "{}", k.name);
            assert!(cells.iter().all(|c| c.is_none()), "{}: {cells:?}", k.name);
            for c in r
                .checks
                .iter()
                .filter(|c| c.cells.iter().all(|k| k.starts_with("review_litigation")))
            {
                assert_eq!(
                    c.status,
                    gongkai::model::CheckStatus::Skipped,
                    "{} {}",
                    k.name,
                    c.rule
                );
            }
            let lost: Vec<String> = regressions(&k, &score(&r, &k.key))
                .into_iter()
                .filter(|l| !l.contains("review_litigation") && !l.contains("check"))
                .collect();
            assert!(lost.is_empty(), "{name} from {}: {lost:?}", k.name);
        }
    }
    assert!(made >= 3, "{made} variants");
}

//! Each part's number printed as a banner on a line of its own above its title, as designed web
//! pages and WeChat articles print the six parts (`05` / `存在的主要问题及改进情况`). The number
//! is the heading's: before, it was the last line of the part above, and table 四 read the `05`
//! under it as a sixteenth figure and was lost whole (every keyed report).

use crate::common;

use common::{every_variant_keeps_every_fact, parts_renumbered};

#[test]
fn a_parts_number_on_a_line_above_its_title_is_the_headings() {
    let marker = |n: usize| "一二三四五六".chars().nth(n - 1).unwrap();
    let made = every_variant_keeps_every_fact("part banners", |k, original| {
        // (Where each part's title starts a line: not in a crawl run into one line, nor after
        // a markdown heading's marks.)
        let at_line_start = original.provenance.sections.iter().all(|s| {
            let numbered = k.source[s.offset..]
                .chars()
                .nth(1)
                .is_some_and(|c| c == '、');
            !numbered || k.source[..s.offset].ends_with('\n')
        });
        if k.name.ends_with(".html") || !at_line_start {
            return Vec::new();
        }
        [
            // `05`, then the title without its number.
            parts_renumbered(k, original, |n| format!("\n0{n}\n")),
            // `05` right under the text before, no blank line.
            parts_renumbered(k, original, |n| format!("0{n}\n")),
            // `05` above the title as printed (`五、存在…`).
            parts_renumbered(k, original, |n| format!("\n0{n}\n{}、", marker(n))),
            // A bare `5` after a blank line, the title without its number.
            parts_renumbered(k, original, |n| format!("\n{n}\n")),
            // A bare `5` above the title as printed: a banner because every part has one.
            parts_renumbered(k, original, |n| format!("\n{n}\n{}、", marker(n))),
        ]
        .into_iter()
        .flatten()
        .collect()
    });
    assert!(made >= 24, "{made} variants");
}

//! 一 printed as a dash in a heading's number (`（—）主动公开情况。…`, `—、总体情况`), as OCR reads
//! it and typists type it: the heading is still 一's. Before, a subsection's heading run into its
//! text lost its section (the dash was no number, and a run-in title needs one).

use crate::common;

use common::{every_variant_keeps_every_fact, parts_renumbered};

#[test]
fn a_dash_for_one_in_a_headings_number_is_one() {
    let marker = |n: usize| "一二三四五六".chars().nth(n - 1).unwrap();
    let made = every_variant_keeps_every_fact("dash for 一", |k, original| {
        if k.name.ends_with(".html") {
            return Vec::new();
        }
        ['—', '―', '－', 'ー']
            .into_iter()
            .flat_map(|dash| {
                let sub = k.source.replace("（一）", &format!("（{dash}）"));
                let top = parts_renumbered(k, original, |n| {
                    if n == 1 {
                        format!("{dash}、")
                    } else {
                        format!("{}、", marker(n))
                    }
                });
                [Some(sub), top]
            })
            .flatten()
            .collect()
    });
    assert!(made >= 40, "{made} variants");
}

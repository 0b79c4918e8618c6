//! A subsection title of part 一 with one character misread, as OCR reads it (`（二）依申清公开`,
//! `（五）监督保瘅`): still that subsection. Before, a misread title named no subject and the
//! subsection's text was lost into the one before.

use crate::common;

use common::every_variant_keeps_every_fact;

#[test]
fn a_subsection_title_with_one_character_misread_is_that_subsection() {
    // (the title as printed, one character misread as OCR reads it)
    let misread = [
        ("依申请公开", "依申清公开"),
        ("政府信息管理", "政府信息菅理"),
        ("监督保障", "监督保瘅"),
        ("主动公开", "主动公幵"),
    ];
    let made = every_variant_keeps_every_fact("misread subsection", |k, original| {
        if k.name.ends_with(".html") {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (title, read) in misread {
            // At each subsection heading the parse found that prints the title after its number.
            let mut v = k.source.clone();
            for s in original.provenance.sections.iter().rev() {
                let at = &k.source[s.offset..];
                let Some(p) = at.find(')').or_else(|| at.find('）')) else {
                    continue;
                };
                let after = p + at[p..].chars().next().unwrap().len_utf8();
                if p <= 9 && at[after..].starts_with(title) {
                    let from = s.offset + after;
                    v.replace_range(from..from + title.len(), read);
                }
            }
            if v != k.source {
                out.push(v);
            }
        }
        out
    });
    assert!(made >= 20, "{made} variants");
}

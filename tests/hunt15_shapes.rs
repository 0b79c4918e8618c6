//! Shapes of reports found by the fifteenth generality hunt, made from every keyed report (the
//! shipped corpus and, where present, the pdftotext extractions of `../shared/corpus-pdf`) and
//! scored against its key: every fact right on the original stays right, none becomes wrong.
//!
//! - A count of table 二 printed in 万 (`44.7228万`, `1.2万件`: a large city's 行政许可 or
//!   行政处罚) was read as printed, 44.7228: a wrong value, silently. It is the figure times
//!   ten thousand; the fees' amount, whose unit is 万元, printed with 万 alone (`4068.2万`), is
//!   the amount as printed.
//! - A change (本年增/减, the 2019 template) printed with a typesetter's dash for its minus
//!   (`–3`, Word's autocorrect; `—3`) left its row out, and with a space after the sign
//!   (`- 3`, as a PDF's glyph spacing gives it) read +3: a wrong sign.

mod common;

use common::{every_variant_keeps_every_fact, keyed_reports, regressions, score};
use gongkai::model::Report;

/// The cells of table 二 the original's parse read from a figure printed alone in its field
/// (a delimited field, a web page's cell, a line of its own) and not from a run of digits:
/// (offset, printed, key).
fn lone_disclosure_cells(source: &str, r: &Report) -> Vec<(usize, String, String)> {
    let mut out: Vec<(usize, String, String)> = r
        .provenance
        .cells
        .iter()
        .filter(|(key, c)| {
            key.starts_with("disclosure.")
                && c.split.is_none()
                && c.raw.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && alone(source, c.offset, c.raw.len())
        })
        .map(|(key, c)| (c.offset, c.raw.clone(), key.clone()))
        .collect();
    out.sort();
    out
}

/// Whether the text at `off..off + len` is a field of its own: bounded by a tab, a pipe, a tag
/// or its line's ends (white space aside).
fn alone(source: &str, off: usize, len: usize) -> bool {
    let before = source[..off].trim_end_matches([' ', '\u{3000}', '\u{a0}']);
    let after = source[off + len..].trim_start_matches([' ', '\u{3000}', '\u{a0}']);
    let open = before.is_empty() || before.ends_with(['\t', '|', '>', '\n']);
    let close = after.is_empty() || after.starts_with(['\t', '|', '<', '\n', '\r']);
    open && close
}

/// `source` with each (offset, length) replaced by its text.
fn replaced(source: &str, at: &[(usize, usize, String)]) -> String {
    let mut out = String::new();
    let mut from = 0;
    for (off, len, new) in at {
        out.push_str(&source[from..*off]);
        out.push_str(new);
        from = off + len;
    }
    out.push_str(&source[from..]);
    out
}

/// A cell of table 二 as the parse read it.
fn disclosure(r: &Report, row: &str, col: &str) -> Option<f64> {
    serde_json::to_value(&r.tables).unwrap()["disclosure"][row][col].as_f64()
}

/// `digits` (a count) divided by 10,000, as printed before 万: "447228" → "44.7228".
fn in_wan(digits: &str) -> String {
    let padded = format!("{digits:0>5}");
    let (int, frac) = padded.split_at(padded.len() - 4);
    let frac = frac.trim_end_matches('0');
    let int = int.trim_start_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

#[test]
fn counts_printed_in_wan_keep_every_fact() {
    for (unit, kinds) in [("万", 0), ("万件", 1), (" 万", 2)] {
        let made = every_variant_keeps_every_fact(&format!("counts in {unit}"), |k, r| {
            let mut at = Vec::new();
            for (off, raw, key) in lone_disclosure_cells(&k.source, r) {
                if key.ends_with(".amount") {
                    // The fees in 万元, printed with 万 alone: as printed.
                    if kinds != 1 {
                        at.push((off, raw.len(), format!("{raw}{unit}")));
                    }
                } else if raw.len() >= 3 && !raw.contains('.') {
                    at.push((off, raw.len(), format!("{}{unit}", in_wan(&raw))));
                }
            }
            if at.is_empty() {
                return vec![];
            }
            vec![replaced(&k.source, &at)]
        });
        assert!(made >= 3, "{unit}: {made} variants");
    }
}

#[test]
fn a_count_in_wan_is_ten_thousand_times_the_figure() {
    let k = keyed_reports()
        .into_iter()
        .find(|k| k.name == "shuyang-county-gov-2025.md")
        .expect("the shipped corpus");
    let r = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
    let cells = lone_disclosure_cells(&k.source, &r);
    let (off, raw, _) = cells
        .iter()
        .find(|c| c.2 == "disclosure.licensing.decisions")
        .expect("行政许可's cell");
    for (printed, want) in [
        ("51.76万", 517_600.0),
        ("3万件", 30_000.0),
        ("0.5万", 5_000.0),
    ] {
        let v = replaced(&k.source, &[(*off, raw.len(), printed.to_string())]);
        let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
        assert_eq!(
            disclosure(&r, "licensing", "decisions"),
            Some(want),
            "{printed}"
        );
    }
}

#[test]
fn a_change_printed_with_a_dash_or_a_spaced_sign_keeps_its_sign() {
    let mut made = 0;
    for k in keyed_reports() {
        let r = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        let cells: Vec<_> = lone_disclosure_cells(&k.source, &r)
            .into_iter()
            .filter(|c| c.2.ends_with(".change"))
            .collect();
        let Some((off, raw, key)) = cells.first() else {
            continue;
        };
        let (_, row, col) = {
            let mut p = key.split('.');
            (p.next(), p.next().unwrap(), p.next().unwrap())
        };
        for (printed, want) in [
            ("- 3", -3.0),
            ("–3", -3.0),
            ("—3", -3.0),
            ("−3", -3.0),
            ("－ 3", -3.0),
            ("+ 3", 3.0),
        ] {
            made += 1;
            let v = replaced(&k.source, &[(*off, raw.len(), printed.to_string())]);
            let r = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            let got = disclosure(&r, row, col);
            assert_eq!(got, Some(want), "{}: {printed}", k.name);
            // Every other fact as on the original.
            let lost: Vec<String> = regressions(&k, &score(&r, &k.key))
                .into_iter()
                .filter(|l| !l.contains(key.as_str()))
                .collect();
            assert!(lost.is_empty(), "{}: {printed}: {lost:?}", k.name);
        }
    }
    assert!(made >= 6, "{made} variants");
}

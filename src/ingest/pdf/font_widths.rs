//! Glyph widths of CID fonts as the PDF gives them, for pdf-extract.
//!
//! A CID font's `/W` array lists widths in two forms: `c [w1 w2 …]` (consecutive CIDs from c)
//! and `c_first c_last w` (one width for a range). pdf-extract 0.12 reads the second form wrong
//! (it takes `c_first` as both ends and as the width, so the range is empty) and every glyph of
//! such a range falls back to `/DW`, usually a whole em. Where a string of several glyphs is
//! shown at once (Word's `TJ` arrays, most PDF writers but WPS) each glyph is placed by the
//! widths of those before it: digits a whole em wide push the next glyph past the one after it,
//! and `2023` came out as `2032`. Before the pages are read, every range is rewritten in the
//! first form (or dropped where its width is `/DW`, which gives the same width).

use pdf_extract::{Document, Object, ObjectId};

/// Widths written out per CID at most (a range beyond this is left as it was: no real font has
/// that many glyphs of one width other than `/DW`).
const MAX_EXPANDED: i64 = 1 << 16;

/// Rewrite the `/W` ranges of every CID font of the document (see the module doc).
pub(super) fn expand_width_ranges(doc: &mut Document) {
    let mut fonts: Vec<(ObjectId, Option<ObjectId>, f64)> = Vec::new();
    for (&id, obj) in &doc.objects {
        let Ok(d) = obj.as_dict() else { continue };
        let cid_font = d
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"CIDFontType2" || s == b"CIDFontType0");
        let Ok(w) = d.get(b"W") else { continue };
        if !cid_font {
            continue;
        }
        // pdf-extract reads /DW as an integer, 1000 when absent.
        let dw = d.get(b"DW").and_then(Object::as_i64).unwrap_or(1000) as f64;
        fonts.push((id, w.as_reference().ok(), dw));
    }
    for (font, array_id, dw) in fonts {
        let holder = array_id.unwrap_or(font);
        let w = match array_id {
            Some(a) => doc.objects.get(&a).and_then(|o| o.as_array().ok()),
            None => doc
                .objects
                .get(&font)
                .and_then(|o| o.as_dict().ok())
                .and_then(|d| d.get(b"W").ok())
                .and_then(|o| o.as_array().ok()),
        };
        let Some(new) = w.and_then(|w| without_ranges(w, dw)) else {
            continue;
        };
        let new = Object::Array(new);
        match (array_id, doc.objects.get_mut(&holder)) {
            (Some(_), Some(o)) => *o = new,
            (None, Some(Object::Dictionary(d))) => d.set("W", new),
            _ => {}
        }
    }
}

fn number(o: &Object) -> Option<f64> {
    match *o {
        Object::Integer(i) => Some(i as f64),
        Object::Real(r) => Some(r as f64),
        _ => None,
    }
}

/// The `/W` array with each `c_first c_last w` written as `c_first [w …]`, or None when it has
/// no range (or is not well formed: then it is left as pdf-extract reads it).
fn without_ranges(w: &[Object], dw: f64) -> Option<Vec<Object>> {
    let mut out = Vec::with_capacity(w.len());
    let mut changed = false;
    let mut i = 0;
    while i < w.len() {
        let first = w[i].as_i64().ok()?;
        match w.get(i + 1)? {
            Object::Array(widths) => {
                out.push(w[i].clone());
                out.push(Object::Array(widths.clone()));
                i += 2;
            }
            last => {
                let last = last.as_i64().ok()?;
                let width = number(w.get(i + 2)?)?;
                let n = last - first + 1;
                if !(1..=MAX_EXPANDED).contains(&n) {
                    return None;
                }
                changed = true;
                if width != dw {
                    out.push(Object::Integer(first));
                    out.push(Object::Array(vec![w[i + 2].clone(); n as usize]));
                }
                i += 3;
            }
        }
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(v: &[i64]) -> Vec<Object> {
        v.iter().map(|&i| Object::Integer(i)).collect()
    }

    #[test]
    fn ranges_become_lists_and_default_widths_go() {
        let mut w = ints(&[3]);
        w.push(Object::Array(ints(&[250, 333])));
        w.extend(ints(&[19, 21, 500, 100, 200, 1000]));
        let got = without_ranges(&w, 1000.0).unwrap();
        let mut want = ints(&[3]);
        want.push(Object::Array(ints(&[250, 333])));
        want.push(Object::Integer(19));
        want.push(Object::Array(ints(&[500, 500, 500])));
        assert_eq!(got, want);
    }

    #[test]
    fn lists_only_or_malformed_arrays_are_left_alone() {
        let mut w = ints(&[3]);
        w.push(Object::Array(ints(&[250])));
        assert_eq!(without_ranges(&w, 1000.0), None);
        assert_eq!(without_ranges(&ints(&[19, 21]), 1000.0), None);
        assert_eq!(without_ranges(&ints(&[21, 19, 500]), 1000.0), None);
    }
}

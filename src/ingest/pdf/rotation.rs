//! Pages shown turned (`/Rotate 90`, `180`, `270`): a landscape table page in a portrait
//! report, or a whole report drawn sideways and turned upright by the viewer. pdf-extract hands
//! over the glyphs and rules in the page's own space, where the text runs up or down the page;
//! they are turned here into the space of the page as shown, so that lines and tables are read
//! as a reader sees them.

use pdf_extract::{Document, Object, ObjectId, Transform};

/// The page's `/Rotate` (inherited from the page tree), as 0, 90, 180 or 270.
pub(super) fn page_rotation(doc: &Document, page: ObjectId) -> i64 {
    let mut id = page;
    // The page tree is shallow; the bound only stops a cycle.
    for _ in 0..32 {
        let Ok(d) = doc.get_dictionary(id) else {
            return 0;
        };
        if let Ok(r) = d.get(b"Rotate").and_then(|r| doc.dereference(r)) {
            return r.1.as_i64().map_or(0, |r| r.rem_euclid(360) / 90 * 90);
        }
        match d.get(b"Parent").and_then(Object::as_reference) {
            Ok(p) => id = p,
            Err(_) => return 0,
        }
    }
    0
}

/// A page's turn: how a point of the page's space lands on the page as shown.
#[derive(Debug, Clone, Copy)]
pub(super) struct Turn {
    degrees: i64,
    /// The media box: (llx, lly, urx, ury).
    box_: (f64, f64, f64, f64),
}

impl Turn {
    pub(super) fn new(degrees: i64, box_: (f64, f64, f64, f64)) -> Turn {
        Turn { degrees, box_ }
    }

    /// The media box of the page as shown.
    pub(super) fn shown_box(&self) -> (f64, f64, f64, f64) {
        let (llx, lly, urx, ury) = self.box_;
        match self.degrees {
            90 | 270 => (0.0, 0.0, ury - lly, urx - llx),
            180 => (0.0, 0.0, urx - llx, ury - lly),
            _ => self.box_,
        }
    }

    /// `t` followed by the turn (the page is turned clockwise by `degrees` when shown).
    pub(super) fn apply(&self, t: &Transform) -> Transform {
        let (llx, lly, urx, ury) = self.box_;
        let (a, b, c, d, e, f) = (t.m11, t.m12, t.m21, t.m22, t.m31, t.m32);
        match self.degrees {
            90 => Transform::row_major(b, -a, d, -c, f - lly, urx - e),
            180 => Transform::row_major(-a, -b, -c, -d, urx - e, ury - f),
            270 => Transform::row_major(-b, a, -d, c, ury - f, e - llx),
            _ => *t,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Content drawn sideways for a turned page (`cm` as a writer puts it) comes out upright.
    #[test]
    fn sideways_content_comes_out_upright() {
        // Portrait content (595 × 842) drawn on a landscape media box, shown turned.
        let glyph = Transform::row_major(12.0, 0.0, 0.0, 12.0, 72.0, 700.0);
        for (degrees, cm) in [
            (90, Transform::row_major(0.0, 1.0, -1.0, 0.0, 842.0, 0.0)),
            (270, Transform::row_major(0.0, -1.0, 1.0, 0.0, 0.0, 595.0)),
        ] {
            let turn = Turn::new(degrees, (0.0, 0.0, 842.0, 595.0));
            let shown = turn.apply(&glyph.post_transform(&cm));
            let want = [12.0, 0.0, 0.0, 12.0, 72.0, 700.0];
            let got = [
                shown.m11, shown.m12, shown.m21, shown.m22, shown.m31, shown.m32,
            ];
            for (g, w) in got.iter().zip(want) {
                assert!((g - w).abs() < 1e-9, "{degrees}: {got:?}");
            }
            assert_eq!(turn.shown_box(), (0.0, 0.0, 595.0, 842.0));
        }
    }
}

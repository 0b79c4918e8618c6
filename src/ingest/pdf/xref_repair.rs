//! PDFs whose cross-reference table is lost or wrong, read the way PDF viewers read them (pdf.js,
//! poppler, Acrobat): the objects found by scanning the file for `N G obj`, and a new table and
//! trailer written after them. lopdf follows the table strictly, so a download cut short (no
//! `startxref`, no `%%EOF`), a table whose offsets a tool left stale, or a table overwritten
//! made the whole report unreadable while every page's objects were still there.
//!
//! Only used after lopdf refused a file: a sound PDF never comes here. Encrypted files are
//! left alone (their keys hang on the trailer's `/ID`, which a rebuilt trailer cannot vouch
//! for).

use memchr::memmem;
use regex::bytes::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The file with a rebuilt cross-reference table and trailer appended, or None where there is
/// nothing to rebuild from (no `%PDF-` header, no object, no document catalog, encryption).
pub fn rebuilt(bytes: &[u8]) -> Option<Vec<u8>> {
    // Offsets count from the header, as lopdf reads them (it skips what comes before it).
    let start = memmem::find(bytes, b"%PDF-")?;
    let body = &bytes[start..];
    if memmem::find(body, b"/Encrypt").is_some() {
        return None;
    }
    let objects = scan_objects(body);
    if objects.is_empty() {
        return None;
    }
    let root = root_reference(body, &objects)?;
    let size = objects.keys().next_back().map_or(0, |&n| n + 1);
    let mut out = body.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let xref_at = out.len();
    out.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
    for n in 0..size {
        let entry = match objects.get(&n) {
            Some(o) => format!("{:010} {:05} n \n", o.offset, o.generation),
            None => "0000000000 65535 f \n".to_string(),
        };
        out.extend_from_slice(entry.as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {size} /Root {} {} R >>\nstartxref\n{xref_at}\n%%EOF\n",
            root.0, root.1
        )
        .as_bytes(),
    );
    Some(out)
}

/// An object found in the file: where its `N G obj` starts and its generation.
#[derive(Debug, Clone, Copy)]
struct Found {
    offset: usize,
    generation: u16,
}

fn object_header() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?-u)(?:^|[\r\n \t\x0c\x00])(\d{1,10})[ \t\r\n\x0c\x00]+(\d{1,5})[ \t\r\n\x0c\x00]+obj\b")
            .expect("object header pattern")
    })
}

/// Every complete object of the file by number (the last one of a number wins, as an
/// incremental update's does). A stream's data is skipped whole, so bytes in it that happen to
/// spell `1 0 obj` are never taken for an object; an object cut off by the file's end (no
/// `endobj`, or a stream without `endstream`) is left out, since it cannot be read.
fn scan_objects(body: &[u8]) -> BTreeMap<u32, Found> {
    let mut objects = BTreeMap::new();
    let mut at = 0;
    while let Some(c) = object_header().captures_at(body, at) {
        let (num, gen) = (c.get(1).expect("number"), c.get(2).expect("generation"));
        let header_end = c.get(0).expect("match").end();
        let next_stream = memmem::find(&body[header_end..], b"stream");
        let next_end = memmem::find(&body[header_end..], b"endobj");
        let end = match (next_stream, next_end) {
            // A stream: its data runs to `endstream`, whatever bytes it holds.
            (Some(s), e) if e.is_none_or(|e| s < e) => {
                let data = header_end + s + b"stream".len();
                memmem::find(&body[data..], b"endstream").map(|k| data + k + b"endstream".len())
            }
            (_, Some(e)) => Some(header_end + e + b"endobj".len()),
            _ => None,
        };
        let Some(end) = end else { break };
        let parsed = (
            std::str::from_utf8(num.as_bytes())
                .ok()
                .and_then(|s| s.parse::<u32>().ok()),
            std::str::from_utf8(gen.as_bytes())
                .ok()
                .and_then(|s| s.parse::<u16>().ok()),
        );
        if let (Some(n), Some(g)) = parsed {
            objects.insert(
                n,
                Found {
                    offset: num.start(),
                    generation: g,
                },
            );
        }
        at = end;
    }
    objects
}

/// The document catalog's reference: from the last trailer or cross-reference stream that
/// names one (`/Root 1 0 R`) whose object is in the file, else the object whose dictionary says
/// `/Type /Catalog`.
fn root_reference(body: &[u8], objects: &BTreeMap<u32, Found>) -> Option<(u32, u16)> {
    static ROOT: OnceLock<Regex> = OnceLock::new();
    let root = ROOT.get_or_init(|| {
        Regex::new(
            r"(?-u)/Root[ \t\r\n\x0c\x00]*(\d{1,10})[ \t\r\n\x0c\x00]+(\d{1,5})[ \t\r\n\x0c\x00]+R",
        )
        .expect("root pattern")
    });
    let named = root
        .captures_iter(body)
        .filter_map(|c| {
            let n = std::str::from_utf8(&c[1]).ok()?.parse::<u32>().ok()?;
            let g = std::str::from_utf8(&c[2]).ok()?.parse::<u16>().ok()?;
            objects.contains_key(&n).then_some((n, g))
        })
        .last();
    if named.is_some() {
        return named;
    }
    static CATALOG: OnceLock<Regex> = OnceLock::new();
    let catalog = CATALOG.get_or_init(|| {
        Regex::new(r"(?-u)/Type[ \t\r\n\x0c\x00]*/Catalog\b").expect("catalog pattern")
    });
    let at = catalog.find_iter(body).last()?.start();
    // The object it is in: the last one that starts before it.
    objects
        .iter()
        .filter(|(_, o)| o.offset < at)
        .max_by_key(|(_, o)| o.offset)
        .map(|(&n, o)| (n, o.generation))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal PDF of a catalog, a page tree and one page, without any cross-reference
    /// table or trailer.
    fn bare() -> Vec<u8> {
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n\
3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n\
4 0 obj\n<< /Length 22 >>\nstream\n9 0 obj endobj stream\nendstream\nendobj\n"
            .to_vec()
    }

    #[test]
    fn objects_are_found_and_stream_data_is_skipped() {
        let body = bare();
        let objects = scan_objects(&body);
        assert_eq!(
            objects.keys().copied().collect::<Vec<_>>(),
            vec![1, 2, 3, 4]
        );
        assert_eq!(
            &body[objects[&2].offset..objects[&2].offset + 7],
            b"2 0 obj"
        );
        assert_eq!(root_reference(&body, &objects), Some((1, 0)));
    }

    #[test]
    fn an_object_cut_off_by_the_end_is_left_out() {
        let mut body = bare();
        body.extend_from_slice(b"5 0 obj\n<< /Length 100 >>\nstream\nabc");
        assert_eq!(scan_objects(&body).len(), 4);
    }

    #[test]
    fn the_rebuilt_table_points_at_every_object() {
        let out = rebuilt(&bare()).unwrap();
        let text = String::from_utf8_lossy(&out);
        let xref = text.rfind("xref\n0 5\n").unwrap();
        let entries: Vec<&str> = text[xref..].lines().skip(2).take(5).collect();
        assert_eq!(entries[0], "0000000000 65535 f ");
        for (n, e) in entries.iter().enumerate().skip(1) {
            let off: usize = e[..10].parse().unwrap();
            assert!(text[off..].starts_with(&format!("{n} 0 obj")), "{e}");
        }
        assert!(text.ends_with(&format!("startxref\n{xref}\n%%EOF\n")));
        assert!(text.contains("/Root 1 0 R"));
    }

    #[test]
    fn encrypted_or_headerless_files_are_not_rebuilt() {
        let mut enc = bare();
        enc.extend_from_slice(b"trailer\n<< /Root 1 0 R /Encrypt 9 0 R >>\n");
        assert!(rebuilt(&enc).is_none());
        assert!(rebuilt(b"1 0 obj\n<< >>\nendobj\n").is_none());
    }
}

//! Content streams read by hand (`pdf_extract::decode_content`, vendored) against lopdf's own
//! parser (`Content::decode`): the same operations, or the same refusal, on every stream of the
//! three real PDFs (page contents, forms, and fonts and images as garbage input), on mutations
//! of their page contents, and on the grammar's edge cases. The hand reader must also read the
//! real page contents itself, not hand them all back to lopdf.

use crate::common;

use common::{shared_pdf_dir, Rng};
use pdf_extract::content::Content;
use pdf_extract::{decode_content, read_content, Document, Object, Operations};

/// Both readers agree on `data`: the same operators with the same operands, or both refuse.
fn assert_same(data: &[u8], what: &str) {
    let ours = decode_content(data);
    let lopdf = Content::decode(data);
    match (ours, lopdf) {
        (Ok(a), Ok(b)) => {
            // What the text extraction reads: the same, through the flat form.
            let flat = Operations::decode(data)
                .expect("lopdf read it")
                .to_content();
            assert_eq!(
                flat.operations.len(),
                b.operations.len(),
                "{what}: flat form"
            );
            for (x, y) in flat.operations.iter().zip(&b.operations) {
                assert!(
                    x.operator == y.operator && x.operands == y.operands,
                    "{what}: flat form"
                );
            }
            assert_eq!(
                a.operations.len(),
                b.operations.len(),
                "{what}: operation count differs\n  data: {:?}",
                String::from_utf8_lossy(&data[..data.len().min(300)])
            );
            for (k, (x, y)) in a.operations.iter().zip(&b.operations).enumerate() {
                assert!(
                    x.operator == y.operator && x.operands == y.operands,
                    "{what}: operation {k} differs: {x:?} against lopdf's {y:?}"
                );
            }
        }
        (Err(_), Err(_)) => {}
        (a, b) => panic!(
            "{what}: ours {:?}, lopdf's {:?}",
            a.map(|c| c.operations.len()),
            b.map(|c| c.operations.len())
        ),
    }
}

/// Every stream's decoded bytes in a PDF, and which of them are page contents.
fn streams(doc: &Document) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let mut all = Vec::new();
    for obj in doc.objects.values() {
        if let Object::Stream(s) = obj {
            all.push(
                s.decompressed_content()
                    .unwrap_or_else(|_| s.content.clone()),
            );
        }
    }
    let pages = doc
        .get_pages()
        .values()
        .map(|&id| doc.get_page_content(id).unwrap())
        .collect();
    (all, pages)
}

/// Bytes that matter to the grammar, for mutations.
const SPECIAL: &[&[u8]] = &[
    b"%",
    b"%c\n",
    b"(",
    b")",
    b"\\",
    b"<",
    b">",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"/",
    b"#",
    b"#4",
    b"#41",
    b"\0",
    b"\x0C",
    b"\r",
    b"\n",
    b" ",
    b"BI",
    b"BI /W 1 /H 1 /BPC 8 /CS /G ID x EI ",
    b"null",
    b"true",
    b"false",
    b"1 0 R",
    b"-",
    b"+",
    b".",
    b"1.",
    b".5",
    b"-.5",
    b"{",
    b"}",
    b"99999999999999999999",
    b"\xe4\xb8\xad",
    b"'",
    b"\"",
    b"*",
    b"\\053",
    b"\\\r\n",
    b"\\q",
];

fn mutations(page: &[u8], rng: &mut Rng, n: usize) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for _ in 0..n {
        let mut v = page.to_vec();
        match rng.below(3) {
            0 => v.truncate(rng.below(v.len() + 1)),
            1 => {
                let at = rng.below(v.len() + 1);
                let s = SPECIAL[rng.below(SPECIAL.len())];
                v.splice(at..at, s.iter().copied());
            }
            _ => {
                if !v.is_empty() {
                    let at = rng.below(v.len());
                    v.remove(at);
                }
            }
        }
        out.push(v);
    }
    out
}

#[test]
fn the_real_pdfs_streams_read_as_lopdf_reads_them() {
    let Some(dir) = shared_pdf_dir() else {
        eprintln!("../shared/corpus-pdf absent: skipped");
        return;
    };
    let mut rng = Rng(19);
    let (mut pages_read, mut streams_seen, mut mutants) = (0, 0, 0);
    for stem in [
        "huaian-city-2024",
        "huaian-hongze-2023",
        "huaian-hongze-2024",
    ] {
        let doc = Document::load(dir.join(format!("{stem}.pdf"))).unwrap();
        let (all, pages) = streams(&doc);
        for (k, s) in all.iter().enumerate() {
            assert_same(s, &format!("{stem} stream {k}"));
            streams_seen += 1;
        }
        for (k, page) in pages.iter().enumerate() {
            assert!(
                read_content(page).is_some(),
                "{stem} page {}: the hand reader gave this page back to lopdf",
                k + 1
            );
            assert_same(page, &format!("{stem} page {}", k + 1));
            pages_read += 1;
            // Mutations of the first 4 KB keep the test quick and reach every kind of token.
            let head = &page[..page.len().min(4096)];
            for (m, v) in mutations(head, &mut rng, 150).iter().enumerate() {
                assert_same(v, &format!("{stem} page {} mutation {m}", k + 1));
                mutants += 1;
            }
        }
    }
    eprintln!("{pages_read} pages, {streams_seen} streams, {mutants} mutations: same as lopdf");
    assert!(pages_read >= 10 && streams_seen > pages_read);
}

#[test]
fn edge_cases_read_as_lopdf_reads_them() {
    let cases: &[&[u8]] = &[
        b"",
        b"   \r\n\t",
        b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET",
        b"BT/F1 12 Tf[(A)-250(B)12.5(C)]TJ ET",
        b"1 0 0 1 0 0 cm q Q",
        b"1.5.5 2 m",
        b"-.5 +.5 +5 -0 5. l",
        b"- 1 m",
        b". 1 m",
        b"99999999999999999999 0 m",
        b"9223372036854775807 -9223372036854775808 +9223372036854775807 m",
        b"9223372036854775808 m",
        b"-9223372036854775809 m",
        b"00000000000000000000000000000012 -000 +0 m",
        b"340282350000000000000000000000000000000.5 1e5 m",
        b"(a(b)c) Tj",
        b"(a\\(b) Tj",
        b"(\\101\\1011\\0\\777) Tj",
        b"(line\\\nbreak\\\r\nand\\\rmore) Tj",
        b"(raw\r\nlines\rhere\n) Tj",
        b"(\\n\\r\\t\\b\\f\\q\\\\) Tj",
        b"(unterminated Tj",
        b"(ends in escape\\",
        b"<48656C6C6F> Tj",
        b"<48 65 6C\n6C 6F> Tj",
        b"<4> Tj",
        b"<48\x0C65\x0065> Tj",
        b"<4G> Tj",
        b"<> Tj",
        b"/Name /N#41me /N#4 /N#zz Do",
        b"/ Do",
        b"/Span <</MCID 3>> BDC EMC",
        b"/P <</MCID 0 /Lang (zh-CN) /ActualText <FEFF4E2D>>> BDC EMC",
        b"/P <</Pg 12 0 R>> BDC EMC",
        b"/P <</K [1 2 3] /D <</X 1>>>> BDC EMC",
        b"/P <</A 1 /A 2>> BDC",
        b"/P << /A 1 %c\n >> BDC",
        b"/P <</A null>> BDC",
        b"/P <</A true>> BDC",
        b"/P <</A>> BDC",
        b"/P < <>> BDC",
        b"[(A) 1 0 R] TJ",
        b"[(A) 10 0R] TJ",
        b"[(A)50R] TJ",
        b"[ 1 2\x0C3\x00] TJ",
        b"[1 %c\n 2] TJ",
        b"[[[[1]]]] TJ",
        b"[null] TJ",
        b"[(A) -12 (B)] TJ",
        b"[/A/B]TJ",
        b"(A) '",
        b"1 2 (A) \"",
        b"0 0 m 10 10 l S f* B* b*",
        b"% a comment\nBT ET",
        b"BT ET % trailing comment\n",
        b"BT ET % trailing comment without end",
        b"BT ET\x0C BT ET",
        b"BT \x00 ET",
        b"1 2 3",
        b"1 2 3 re f 4",
        b"nullop",
        b"true Tj",
        b"q 1 0 0 1 0 0 cm /Im1 Do Q BI /W 1 /H 1 /BPC 8 /CS /G ID x EI Q",
        b"BI /W 1 /H 1 /BPC 8 /CS /RGB ID abc EI Q",
        b"BIG",
        b"d0 d1",
        b"{ 1 } f",
        b"ET }",
        b"\xe4\xb8\xad Tj",
        b"(\xe4\xb8\xad) Tj",
        b"1 ] m",
        b"[1 2",
        b"<</A 1",
        b"<<",
    ];
    for (k, c) in cases.iter().enumerate() {
        assert_same(c, &format!("case {k} {:?}", String::from_utf8_lossy(c)));
    }
    // The common shapes are read by hand, not handed back.
    for c in [
        &b"BT/F1 12 Tf[(A)-250(B)12.5(C)]TJ ET"[..],
        b"/P <</MCID 0 /Lang (zh-CN) /ActualText <FEFF4E2D>>> BDC EMC",
        b"(\\101\\1011\\0\\777) Tj",
        b"<48 65 6C\n6C 6F> Tj",
    ] {
        assert!(
            read_content(c).is_some(),
            "{:?}",
            String::from_utf8_lossy(c)
        );
    }
}

/// The operators `Operations::decode` reads from `data`.
fn operators(data: &[u8]) -> Option<Vec<String>> {
    Operations::decode(data).map(|ops| ops.iter().map(|o| o.operator.to_string()).collect())
}

#[test]
fn streams_lopdf_refuses_for_an_inline_image_keep_their_text() {
    let text = ["BT", "Tj", "ET"];
    for (data, tail) in [
        // Hex data ending `>EI`, with no space before EI.
        (
            &b"BT (a) Tj ET BI /W 2 /H 2 /BPC 8 /CS /G /F /AHx ID 00ff00ff>EI BT (b) Tj ET"[..],
            &text[..],
        ),
        // EI as the stream's last bytes.
        (
            b"BT (a) Tj ET BI /W 2 /H 2 /BPC 8 /CS /G /F /Fl ID xyz EI",
            &[],
        ),
        // A comment after it too.
        (
            b"BT (a) Tj ET BI /W 2 /H 2 /BPC 8 /CS /G /F /AHx ID 00ff00ff>EI\n% note\nBT (b) Tj ET",
            &text,
        ),
    ] {
        assert!(
            Content::decode(data).is_err(),
            "lopdf reads {:?} now",
            String::from_utf8_lossy(data)
        );
        let mut want: Vec<String> = ["BT", "Tj", "ET", "BI"].map(String::from).to_vec();
        want.extend(tail.iter().map(|s| s.to_string()));
        assert_eq!(
            operators(data),
            Some(want),
            "{:?}",
            String::from_utf8_lossy(data)
        );
    }
    // Where lopdf reads the stream, its reading stands (the image's data kept as a stream).
    let ok = b"BT (a) Tj ET BI /W 2 /H 2 /BPC 8 /CS /G ID abcd EI BT (b) Tj ET";
    assert_same(ok, "an inline image lopdf reads");
    assert_eq!(
        operators(ok),
        Some(
            ["BT", "Tj", "ET", "BI", "BT", "Tj", "ET"]
                .map(String::from)
                .to_vec()
        )
    );
}

#[test]
fn numbers_read_as_lopdf_reads_them() {
    // Decimals of every length and split around the 7-digit fast path, signs, zeros.
    let mut rng = Rng(7);
    let mut text = String::new();
    for k in 0..20_000 {
        let frac_len = rng.below(7);
        let int_len = rng.below(6).max(usize::from(frac_len == 0));
        let digits = |n: usize, rng: &mut Rng| -> String {
            (0..n)
                .map(|_| char::from(b'0' + rng.below(10) as u8))
                .collect()
        };
        let sign = ["", "-", "+"][rng.below(3)];
        let (i, f) = (digits(int_len, &mut rng), digits(frac_len, &mut rng));
        text.push_str(&format!("{sign}{i}.{f} "));
        if k % 6 == 5 {
            text.push_str("cm\n");
        }
    }
    text.push_str("cm");
    assert!(read_content(text.as_bytes()).is_some());
    assert_same(text.as_bytes(), "20,000 decimals");
}

#[test]
fn deep_nesting_is_lopdfs_to_read() {
    let deep = format!("{}1{} TJ", "[".repeat(60), "]".repeat(60));
    assert!(read_content(deep.as_bytes()).is_none());
    assert_same(deep.as_bytes(), "60 nested arrays");
    let parens = format!("({}x{}) Tj", "(".repeat(60), ")".repeat(60));
    assert!(read_content(parens.as_bytes()).is_none());
    assert_same(parens.as_bytes(), "60 nested parentheses");
}

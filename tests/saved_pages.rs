//! Pages saved as one file (MHTML): Chrome's and Edge's "Webpage, single file" (`.mhtml`, the
//! page in quoted-printable UTF-8 among its style sheets and images), Word's and Internet
//! Explorer's `.mht` (quoted-printable in the page's own charset, GB2312), and a page in base64.
//! Every keyed report served as a page and so saved keeps every fact (read as text before, the
//! page's words were `=E4=B8=80` escapes and nothing was found).

use crate::common;

use common::every_variant_keeps_every_fact;

/// Quoted-printable as a browser writes it: every byte outside printable ASCII and `=` as
/// `=XX`, lines broken with a soft `=` before 76 characters, line ends as CRLF.
fn quoted_printable(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut col = 0;
    for &b in bytes {
        if b == b'\n' {
            out.push_str("\r\n");
            col = 0;
            continue;
        }
        let piece = if (b' '..=b'~').contains(&b) && b != b'=' {
            (b as char).to_string()
        } else {
            format!("={b:02X}")
        };
        if col + piece.len() > 73 {
            out.push_str("=\r\n");
            col = 0;
        }
        col += piece.len();
        out.push_str(&piece);
    }
    out
}

fn blink(page: &str) -> String {
    format!(
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://www.example.gov.cn/zwgk/ndbg/t1.html\r\n\
         Subject: =?utf-8?Q?=E5=B9=B4=E5=BA=A6=E6=8A=A5=E5=91=8A?=\r\nDate: Sat, 5 Dec 2026 20:00:00 -0000\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n\
         \tboundary=\"----MultipartBoundary--X1y2Z3----\"\r\n\r\n\r\n\
         ------MultipartBoundary--X1y2Z3----\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n\
         Content-Transfer-Encoding: quoted-printable\r\nContent-Location: https://www.example.gov.cn/zwgk/ndbg/t1.html\r\n\r\n\
         {}\r\n\
         ------MultipartBoundary--X1y2Z3----\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n\
         Content-Location: cid:css-1@mhtml.blink\r\n\r\n@charset =\"utf-8\";\r\n\r\n\
         ------MultipartBoundary--X1y2Z3------\r\n",
        quoted_printable(page.as_bytes())
    )
}

fn word_mht(page: &str) -> String {
    let (gb, _, _) = encoding_rs::GBK.encode(page);
    format!(
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01DB4A.1\"\r\n\r\n\
         此文档为“单个文件网页”，也称为“Web 档案”文件。\r\n\r\n\
         ------=_NextPart_01DB4A.1\r\nContent-Location: file:///C:/report.htm\r\n\
         Content-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"gb2312\"\r\n\r\n\
         {}\r\n\r\n------=_NextPart_01DB4A.1--\r\n",
        quoted_printable(&gb)
    )
}

fn base64_page(page: &str) -> String {
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(page.as_bytes());
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b1\n\n--b1\nContent-Type: text/html; charset=utf-8\n\
         Content-Transfer-Encoding: base64\n\n{}\n--b1--\n",
        lines.join("\n")
    )
}

#[test]
fn pages_saved_as_one_file_keep_every_fact() {
    let made = every_variant_keeps_every_fact("saved page", |k, _| {
        if k.name.contains(".raw.") || k.name.contains(".layout.") {
            return Vec::new();
        }
        let page = common::page::as_page(k);
        vec![blink(&page), word_mht(&page), base64_page(&page)]
    });
    assert_eq!(made, 30);
}

//! A page saved as one file (MHTML: Chrome's and Edge's "Webpage, single file" `.mhtml`, Word's
//! and Internet Explorer's `.mht`): a MIME message whose first HTML part is the page, written
//! quoted-printable (`=E4=B8=80` for 一, lines broken by a soft `=`) or in base64, in the charset
//! its part names. Read as text, the page's words were escapes and nothing was found; the page
//! is decoded and read as a web page, and that page is the report's source.

use base64::Engine as _;

/// Whether bytes are a saved single-file page: a MIME message (its first line a header, no
/// markup) whose headers declare `multipart/related`, or `MIME-Version` and an HTML body.
pub fn is_mhtml(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let Some(end) = header_end(head) else {
        return false;
    };
    let headers = String::from_utf8_lossy(&head[..end]).to_ascii_lowercase();
    let first = headers.lines().next().unwrap_or("");
    let header_line = first.split_once(':').is_some_and(|(n, _)| {
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    header_line
        && (headers.contains("multipart/related")
            || (headers.contains("mime-version") && headers.contains("text/html")))
}

/// Where a block of headers ends (the empty line after it), if it does.
fn header_end(b: &[u8]) -> Option<usize> {
    let crlf = b.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = b.windows(2).position(|w| w == b"\n\n");
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// A part's (or the message's) headers, unfolded, by lower-cased name.
fn headers(block: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(block);
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':') {
            out.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    out
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// A parameter of a header's value (`boundary="…"`, `charset=gb2312`).
fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|p| {
        let (n, v) = p.split_once('=')?;
        n.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

/// The page of a saved single-file page: its HTML, decoded.
pub fn page(bytes: &[u8]) -> Result<String, String> {
    let not = || "not a saved web page (no HTML part in the MHTML file)".to_string();
    let end = header_end(bytes).ok_or_else(not)?;
    let top = headers(&bytes[..end]);
    let body = &bytes[end..];
    let content_type = header(&top, "content-type").unwrap_or("");
    let Some(boundary) = parameter(content_type, "boundary") else {
        // A single part: the message is the page.
        return decoded(
            &top,
            body.strip_prefix(b"\r\n")
                .or(body.strip_prefix(b"\n"))
                .unwrap_or(body),
        );
    };
    let delimiter = format!("--{boundary}");
    let d = delimiter.as_bytes();
    let mut at = 0;
    let mut starts = Vec::new();
    while let Some(i) = body[at..].windows(d.len()).position(|w| w == d) {
        starts.push(at + i);
        at += i + d.len();
    }
    for pair in starts.windows(2) {
        let part = &body[pair[0] + d.len()..pair[1]];
        let part = part
            .strip_prefix(b"\r\n")
            .or(part.strip_prefix(b"\n"))
            .unwrap_or(part);
        let Some(end) = header_end(part) else {
            continue;
        };
        let hs = headers(&part[..end]);
        let kind = header(&hs, "content-type").unwrap_or("text/plain");
        if kind.to_ascii_lowercase().starts_with("text/html") {
            let content = &part[end..];
            let content = content
                .strip_prefix(b"\r\n\r\n")
                .or(content.strip_prefix(b"\n\n"))
                .unwrap_or(content);
            return decoded(&hs, content);
        }
    }
    Err(not())
}

/// A part's content: its transfer encoding undone, its charset decoded.
fn decoded(hs: &[(String, String)], content: &[u8]) -> Result<String, String> {
    let encoding = header(hs, "content-transfer-encoding")
        .unwrap_or("8bit")
        .to_ascii_lowercase();
    let raw = match encoding.trim() {
        "quoted-printable" => quoted_printable(content),
        "base64" => {
            let clean: Vec<u8> = content
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            base64::engine::general_purpose::STANDARD
                .decode(&clean)
                .map_err(|e| format!("damaged MHTML file (its page's base64: {e})"))?
        }
        _ => content.to_vec(),
    };
    let charset = header(hs, "content-type").and_then(|v| parameter(v, "charset"));
    match charset.and_then(|c| encoding_rs::Encoding::for_label(c.as_bytes())) {
        Some(enc) => Ok(enc.decode_with_bom_removal(&raw).0.into_owned()),
        None => super::decode::decode(&raw).map(|d| d.text),
    }
}

/// Quoted-printable undone: `=XX` is the byte XX, `=` at a line's end joins it to the next.
fn quoted_printable(s: &[u8]) -> Vec<u8> {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'=' {
            match (s.get(i + 1), s.get(i + 2)) {
                (Some(b'\r'), Some(b'\n')) => {
                    i += 3;
                    continue;
                }
                (Some(b'\n'), _) => {
                    i += 2;
                    continue;
                }
                (Some(&a), Some(&b)) => {
                    if let (Some(h), Some(l)) = (hex(a), hex(b)) {
                        out.push(h << 4 | l);
                        i += 3;
                        continue;
                    }
                }
                _ => {}
            }
        }
        out.push(s[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_bytes_and_soft_breaks() {
        assert_eq!(
            String::from_utf8(quoted_printable(
                b"<p class=3D\"a\">=E4=B8=80=\r\n=E3=80=81x=\ny</p>"
            ))
            .unwrap(),
            "<p class=\"a\">一、xy</p>"
        );
        // A stray `=` that escapes nothing stays.
        assert_eq!(quoted_printable(b"a=zz"), b"a=zz");
    }

    #[test]
    fn the_first_html_part_in_its_charset() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<p>一、总体情况</p>");
        let qp: String = gbk.iter().map(|b| format!("={b:02X}")).collect();
        let mht = format!(
            "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"----=_NextPart_01\"\r\n\r\n\
             ------=_NextPart_01\r\nContent-Type: text/css\r\n\r\np {{}}\r\n\
             ------=_NextPart_01\r\nContent-Type: text/html; charset=\"gb2312\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{qp}\r\n\
             ------=_NextPart_01--\r\n"
        );
        assert!(is_mhtml(mht.as_bytes()));
        assert_eq!(page(mht.as_bytes()).unwrap().trim(), "<p>一、总体情况</p>");
        assert!(!is_mhtml(
            b"<html><body>Content-Type: multipart/related</body></html>"
        ));
        assert!(!is_mhtml(b"Title: a\n\nContent-Type: multipart/related\n"));
        let b64 =
            base64::engine::general_purpose::STANDARD.encode("<p>二、主动公开</p>".as_bytes());
        let mht = format!(
            "From: <Saved by Blink>\nMIME-Version: 1.0\nContent-Type: multipart/related; type=\"text/html\"; boundary=b\n\n\
             --b\nContent-Type: text/html\nContent-Transfer-Encoding: base64\n\n{b64}\n--b--\n"
        );
        assert_eq!(page(mht.as_bytes()).unwrap().trim(), "<p>二、主动公开</p>");
    }
}

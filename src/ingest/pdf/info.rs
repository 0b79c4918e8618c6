//! The title a PDF's document information gives (`/Info` → `/Title`): Word and WPS write the
//! document's title there, often the report's own (`洪泽区人民政府2023年政府信息公开工作年度报告`).
//! It is read for the metadata last, as the file's name is, and only where it names a report
//! (`meta::metadata`): a template's stale title must never overrule what the text prints.

/// The `/Title` of the document information, decoded (UTF-16 with either byte-order mark, as
/// WPS writes it little-endian; UTF-8; else GBK, as some Chinese tools write it raw); `None`
/// where there is none or it decodes to no Han character.
pub(super) fn title(doc: &pdf_extract::Document) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let (_, info) = doc.dereference(info).ok()?;
    let title = info.as_dict().ok()?.get(b"Title").ok()?;
    let (_, title) = doc.dereference(title).ok()?;
    let text = decode(title.as_str().ok()?)?;
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\0');
    text.chars()
        .any(crate::ingest::normalize::is_han)
        .then(|| text.to_string())
}

/// A PDF text string's characters.
fn decode(bytes: &[u8]) -> Option<String> {
    let utf16 = |le: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|p| match le {
                true => u16::from_le_bytes([p[0], p[1]]),
                false => u16::from_be_bytes([p[0], p[1]]),
            })
            .collect();
        String::from_utf16(&units).ok()
    };
    match bytes {
        [0xFE, 0xFF, ..] => utf16(false),
        [0xFF, 0xFE, ..] => utf16(true),
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => Some(s.to_string()),
            Err(_) => {
                let (s, _, bad) = encoding_rs::GBK.decode(bytes);
                (!bad).then(|| s.into_owned())
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn text_strings_in_every_encoding_tools_write() {
        let title = "洪泽区人民政府2023年政府信息公开工作年度报告";
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(title.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(title.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let (gbk, _, _) = encoding_rs::GBK.encode(title);
        for bytes in [be, le, title.as_bytes().to_vec(), gbk.into_owned()] {
            assert_eq!(decode(&bytes).as_deref(), Some(title));
        }
    }
}

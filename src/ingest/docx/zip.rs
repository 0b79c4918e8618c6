//! The parts of a ZIP container (a .docx is one), read from its central directory: stored or
//! deflated members, each inflated with a cap on its size. Written here rather than taken from
//! the `zip` crate: reading a document's few parts needs only the directory walk below, and
//! flate2 (already in the tree through the PDF reader) does the inflating.

use std::io::Read;

/// No part of an annual report's document is this big inflated; a member that claims more is a
/// damaged file or a ZIP bomb.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// One member of the archive, as its central directory describes it.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    method: u16,
    compressed: u64,
    header_at: u64,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The members listed in the archive's central directory.
pub fn members(b: &[u8]) -> Result<Vec<Member>, String> {
    // The end-of-directory record is the last 22 bytes, before a comment of up to 64 KiB.
    let floor = b.len().saturating_sub(22 + 0xFFFF);
    let end = (floor..b.len().saturating_sub(21))
        .rev()
        .find(|&i| b[i..].starts_with(b"PK\x05\x06"))
        .ok_or("no ZIP directory at its end (a truncated download?)")?;
    let count = u16_at(b, end + 10).unwrap_or(0) as usize;
    let mut at = u32_at(b, end + 16).unwrap_or(u32::MAX) as usize;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        if !b.get(at..).is_some_and(|r| r.starts_with(b"PK\x01\x02")) {
            return Err("a ZIP directory entry is missing".into());
        }
        let field = |off: usize| u16_at(b, at + off).unwrap_or(0) as usize;
        let (name_len, extra_len, comment_len) = (field(28), field(30), field(32));
        let name = b
            .get(at + 46..at + 46 + name_len)
            .ok_or("a ZIP directory entry runs past the end")?;
        let compressed = u32_at(b, at + 20).unwrap_or(0);
        let header_at = u32_at(b, at + 42).unwrap_or(0);
        if compressed == u32::MAX || header_at == u32::MAX {
            return Err("ZIP64 containers are not supported".into());
        }
        out.push(Member {
            name: String::from_utf8_lossy(name).replace('\\', "/"),
            method: u16_at(b, at + 10).unwrap_or(0),
            compressed: u64::from(compressed),
            header_at: u64::from(header_at),
        });
        at += 46 + name_len + extra_len + comment_len;
    }
    Ok(out)
}

/// The bytes of the member named `name` (case-insensitive, as Office reads part names), or
/// `Ok(None)` if there is none.
pub fn read(b: &[u8], members: &[Member], name: &str) -> Result<Option<Vec<u8>>, String> {
    let Some(m) = members.iter().find(|m| m.name.eq_ignore_ascii_case(name)) else {
        return Ok(None);
    };
    let damaged = || format!("part {} is cut short", m.name);
    let at = m.header_at as usize;
    if !b.get(at..).is_some_and(|r| r.starts_with(b"PK\x03\x04")) {
        return Err(damaged());
    }
    let name_len = u16_at(b, at + 26).unwrap_or(0) as usize;
    let extra_len = u16_at(b, at + 28).unwrap_or(0) as usize;
    let start = at + 30 + name_len + extra_len;
    let data = b
        .get(start..start + m.compressed as usize)
        .ok_or_else(damaged)?;
    let mut out = Vec::new();
    match m.method {
        0 => out.extend_from_slice(data),
        8 => {
            flate2::read::DeflateDecoder::new(data)
                .take(MAX_PART_BYTES + 1)
                .read_to_end(&mut out)
                .map_err(|e| format!("part {} does not inflate ({e})", m.name))?;
        }
        other => {
            return Err(format!(
                "part {} is compressed with ZIP method {other}, not supported",
                m.name
            ))
        }
    }
    if out.len() as u64 > MAX_PART_BYTES {
        return Err(format!("part {} is larger than 64 MiB inflated", m.name));
    }
    Ok(Some(out))
}

/// A ZIP archive of stored members, each with its CRC: what the tests build documents with.
pub fn stored(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut dir = Vec::new();
    for (name, data) in parts {
        let at = out.len() as u32;
        let crc = crc32(data);
        let len = data.len() as u32;
        let head = |sig: &[u8], dir_entry: bool| {
            let mut h = sig.to_vec();
            if dir_entry {
                h.extend_from_slice(&20u16.to_le_bytes());
            }
            h.extend_from_slice(&20u16.to_le_bytes()); // version needed
            h.extend_from_slice(&0u16.to_le_bytes()); // flags
            h.extend_from_slice(&0u16.to_le_bytes()); // stored
            h.extend_from_slice(&0u32.to_le_bytes()); // time, date
            h.extend_from_slice(&crc.to_le_bytes());
            h.extend_from_slice(&len.to_le_bytes());
            h.extend_from_slice(&len.to_le_bytes());
            h.extend_from_slice(&(name.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // extra
            if dir_entry {
                h.extend_from_slice(&[0; 6]); // comment, disk, internal attributes
                h.extend_from_slice(&0u32.to_le_bytes());
                h.extend_from_slice(&at.to_le_bytes());
            }
            h.extend_from_slice(name.as_bytes());
            h
        };
        out.extend(head(b"PK\x03\x04", false));
        out.extend_from_slice(data);
        dir.extend(head(b"PK\x01\x02", true));
    }
    let dir_at = out.len() as u32;
    out.extend_from_slice(&dir);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
    out.extend_from_slice(&(dir.len() as u32).to_le_bytes());
    out.extend_from_slice(&dir_at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// CRC-32 (IEEE), bit by bit: only the test documents are written, and they are small.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_stored_and_deflated_members() {
        let zip = stored(&[("a.txt", b"hello"), ("word/document.xml", b"<x/>")]);
        let m = members(&zip).unwrap();
        assert_eq!(m.len(), 2);
        assert_eq!(
            read(&zip, &m, "WORD/document.xml").unwrap().unwrap(),
            b"<x/>"
        );
        assert_eq!(read(&zip, &m, "missing").unwrap(), None);

        // A deflated member: the archive rewritten with method 8.
        use std::io::Write;
        let mut enc = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all("报告".repeat(100).as_bytes()).unwrap();
        let deflated = enc.finish().unwrap();
        let mut zip = stored(&[("p", &deflated)]);
        zip[8] = 8; // local header's method
        let dir = zip.windows(4).position(|w| w == b"PK\x01\x02").unwrap();
        zip[dir + 10] = 8;
        let m = members(&zip).unwrap();
        assert_eq!(
            read(&zip, &m, "p").unwrap().unwrap(),
            "报告".repeat(100).as_bytes()
        );
    }

    #[test]
    fn a_truncated_archive_is_an_error() {
        let zip = stored(&[("word/document.xml", b"<x/>")]);
        assert!(members(&zip[..zip.len() - 30])
            .unwrap_err()
            .contains("truncated"));
        let mut cut = zip.clone();
        cut.truncate(10);
        assert!(members(&cut).is_err());
    }
}

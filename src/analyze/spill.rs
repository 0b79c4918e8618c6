//! Texts written once and read back by number, held in memory or in a temporary file: what an
//! analysis over a national corpus keeps of every report (the problem items for `themes`)
//! without holding it in memory. The file is unlinked as soon as it is created, so nothing is
//! left behind whatever ends the process; the page cache keeps what is read often.

use std::borrow::Cow;
use std::io;

/// Numbered texts (see the module doc).
#[derive(Debug)]
pub struct Texts {
    /// Where each text ends, in bytes from the start of the first.
    ends: Vec<u64>,
    store: Store,
}

#[derive(Debug)]
enum Store {
    Memory(String),
    File(std::fs::File),
}

impl Default for Texts {
    fn default() -> Self {
        Texts::in_memory()
    }
}

impl Texts {
    pub fn in_memory() -> Texts {
        Texts {
            ends: Vec::new(),
            store: Store::Memory(String::new()),
        }
    }

    /// Texts kept in an unlinked file in the temporary directory.
    pub fn on_disk() -> io::Result<Texts> {
        static FILES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = FILES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("gongkai-texts-{}-{n}", std::process::id()));
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        std::fs::remove_file(&path)?;
        Ok(Texts {
            ends: Vec::new(),
            store: Store::File(file),
        })
    }

    /// Append texts (one write for all of them).
    pub fn push_all(&mut self, texts: &[&str]) -> io::Result<()> {
        let mut end = self.ends.last().copied().unwrap_or(0);
        match &mut self.store {
            Store::Memory(s) => texts.iter().for_each(|t| s.push_str(t)),
            Store::File(f) => {
                use std::io::Write;
                f.write_all(texts.concat().as_bytes())?;
            }
        }
        for t in texts {
            end += t.len() as u64;
            self.ends.push(end);
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Text `i`.
    pub fn get(&self, i: usize) -> io::Result<Cow<'_, str>> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        let end = self.ends[i];
        match &self.store {
            Store::Memory(s) => Ok(Cow::Borrowed(&s[start as usize..end as usize])),
            Store::File(f) => {
                use std::os::unix::fs::FileExt;
                let mut buf = vec![0; (end - start) as usize];
                f.read_exact_at(&mut buf, start)?;
                String::from_utf8(buf)
                    .map(Cow::Owned)
                    .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_disk_reads_back_what_memory_does() {
        let mut m = Texts::in_memory();
        let mut d = Texts::on_disk().unwrap();
        for batch in [&["政务公开", "", "a"][..], &[], &["平台建设不足，需加强"]] {
            m.push_all(batch).unwrap();
            d.push_all(batch).unwrap();
        }
        assert_eq!(m.len(), 4);
        for i in 0..4 {
            assert_eq!(m.get(i).unwrap(), d.get(i).unwrap(), "{i}");
        }
        assert_eq!(d.get(3).unwrap(), "平台建设不足，需加强");
        assert_eq!(d.get(1).unwrap(), "");
    }
}

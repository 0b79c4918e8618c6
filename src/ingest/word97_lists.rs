//! The list numbers of a Word 97–2003 document, which Word prints but does not store in the
//! text (as a .docx's, [`super::docx`]): the lists (`PlfLst`: each level's start, number format
//! and pattern, the level numbers in it as the characters 0–8) and the list instances
//! paragraphs name (`PlfLfo`: `sprmPIlfo`, with the level in `sprmPIlvl`).

use std::collections::HashMap;

use super::docx::numbering::written;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

#[derive(Debug, Clone)]
struct Level {
    start: u32,
    format: &'static str,
    /// The pattern, a level's number standing as the character of its index (0–8).
    pattern: Vec<u16>,
    legal: bool,
}

/// The document's lists, and their counters as the paragraphs are read in order.
#[derive(Debug, Default)]
pub struct Lists {
    /// By list id: its levels.
    lists: HashMap<u32, Vec<Level>>,
    /// By list instance (1-based `ilfo`): its list's id and the levels it restarts.
    instances: Vec<(u32, Vec<(usize, u32)>)>,
    counters: HashMap<u32, Vec<u32>>,
    started: std::collections::HashSet<usize>,
}

/// Word's number formats (`nfc`) by the name a .docx gives them.
fn format(nfc: u8) -> &'static str {
    match nfc {
        1 => "upperRoman",
        2 => "lowerRoman",
        3 => "upperLetter",
        4 => "lowerLetter",
        10 | 11 | 33 | 35 | 37 | 39 => "chineseCounting",
        14 | 19 => "decimalFullWidth",
        18 => "decimalEnclosedCircle",
        22 => "decimalZero",
        23 => "bullet",
        27 => "decimalEnclosedParen",
        28 => "decimalEnclosedCircleChinese",
        29 => "ideographEnclosedCircle",
        30 => "ideographTraditional",
        34 | 38 => "chineseLegalSimplified",
        255 => "none",
        _ => "decimal",
    }
}

/// A level (LVL) at `at`: the level and where the next one starts.
fn level(t: &[u8], at: usize) -> Option<(Level, usize)> {
    let start = u32_at(t, at)?;
    let nfc = *t.get(at + 4)?;
    let flags = *t.get(at + 5)?;
    let chpx = *t.get(at + 24)? as usize;
    let papx = *t.get(at + 25)? as usize;
    let text_at = at + 28 + papx + chpx;
    let n = u16_at(t, text_at)? as usize;
    let pattern = (0..n)
        .map(|i| u16_at(t, text_at + 2 + 2 * i))
        .collect::<Option<Vec<u16>>>()?;
    Some((
        Level {
            start,
            format: format(nfc),
            pattern,
            legal: flags & 0x04 != 0,
        },
        text_at + 2 + 2 * n,
    ))
}

impl Lists {
    /// From the table stream's `PlfLst` (from its start to the stream's end: the levels follow
    /// the lists' definitions) and `PlfLfo`; either may be missing or damaged, and then the
    /// paragraphs of its lists are not numbered.
    pub fn read(lst: &[u8], lfo: &[u8]) -> Lists {
        let mut out = Lists::default();
        let count = u16_at(lst, 0).unwrap_or(0) as usize;
        let mut at = 2 + count * 28;
        for i in 0..count {
            let def = 2 + i * 28;
            let (Some(id), Some(&flags)) = (u32_at(lst, def), lst.get(def + 26)) else {
                break;
            };
            let n = if flags & 1 != 0 { 1 } else { 9 };
            let mut levels = Vec::with_capacity(n);
            for _ in 0..n {
                let Some((l, next)) = level(lst, at) else {
                    break;
                };
                levels.push(l);
                at = next;
            }
            if levels.len() < n {
                break;
            }
            out.lists.insert(id, levels);
        }
        let instances = u32_at(lfo, 0).unwrap_or(0).min(4096) as usize;
        let mut data = 4 + instances * 16;
        for i in 0..instances {
            let base = 4 + i * 16;
            let (Some(id), Some(&levels)) = (u32_at(lfo, base), lfo.get(base + 12)) else {
                break;
            };
            // Its data: a character position, then each overridden level.
            data += 4;
            let mut overrides = Vec::new();
            for _ in 0..levels {
                let (Some(start), Some(flags)) = (u32_at(lfo, data), u32_at(lfo, data + 4)) else {
                    break;
                };
                data += 8;
                let ilvl = (flags & 0xF) as usize;
                if flags & 0x10 != 0 {
                    overrides.push((ilvl, start));
                }
                // A level defined again for this instance: its start counts too.
                if flags & 0x20 != 0 {
                    match level(lfo, data) {
                        Some((l, next)) => {
                            if flags & 0x10 == 0 {
                                overrides.push((ilvl, l.start));
                            }
                            data = next;
                        }
                        None => break,
                    }
                }
            }
            out.instances.push((id, overrides));
        }
        out
    }

    /// The label of a paragraph in list instance `ilfo` (1-based) at level `ilvl`, counting it.
    pub fn label(&mut self, ilfo: u16, ilvl: u8) -> Option<String> {
        let index = (ilfo as usize).checked_sub(1)?;
        let (id, overrides) = self.instances.get(index)?.clone();
        let levels = self.lists.get(&id)?;
        let level = (ilvl as usize).min(levels.len().saturating_sub(1));
        let counters = self
            .counters
            .entry(id)
            .or_insert_with(|| levels.iter().map(|l| l.start.saturating_sub(1)).collect());
        if self.started.insert(index) {
            for &(i, start) in &overrides {
                if let Some(c) = counters.get_mut(i) {
                    *c = start.saturating_sub(1);
                }
            }
        }
        counters[level] += 1;
        for (deeper, l) in counters.iter_mut().zip(levels).skip(level + 1) {
            *deeper = l.start.saturating_sub(1);
        }
        let def = &levels[level];
        if matches!(def.format, "bullet" | "none") {
            return None;
        }
        let mut out = String::new();
        for &u in &def.pattern {
            if u < 9 {
                let i = u as usize;
                let format = if def.legal && i < level {
                    "decimal"
                } else {
                    levels.get(i).map_or("decimal", |l| l.format)
                };
                out.push_str(&written(
                    counters.get(i).copied().unwrap_or(1).max(1),
                    format,
                ));
            } else {
                out.push(char::from_u32(u32::from(u)).unwrap_or('\u{FFFD}'));
            }
        }
        (!out.trim().is_empty()).then_some(out)
    }
}

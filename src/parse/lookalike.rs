//! Letters that OCR reads for digits in a table's figures: a scanned report put through OCR
//! prints some 0s as `O` and some 1s as `l` ("1O3", "O", "l2"). Inside a row of figures such a
//! token can be nothing but a figure, and is read as one (the row is reported); anywhere else —
//! labels, prose, item numbers ("I.", "（一）"), words — nothing changes.
//!
//! The repair is made on a copy of the text in which each such token is rewritten in place to
//! the same number of bytes (its digits, then spaces): every offset into the text still points
//! at the same place, so the cell reading and the provenance (which quotes the source as
//! printed) are unchanged.

use std::borrow::Cow;
use std::ops::Range;

/// A letter that OCR reads for a digit.
pub struct LookAlike {
    pub printed: char,
    pub digit: char,
    pub alone: Alone,
}

/// Where a token of look-alikes without a real digit ("O", "lO") is read as a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Alone {
    /// Never: only beside a real digit ("1S" → 15); alone it is too likely a letter.
    Never,
    /// In a row of three figures or more, as the row's only token of look-alikes without a
    /// digit (an OCR layer's `0 0 S 0 0` in table 四); "许可 S B 3" stays as printed.
    AmongFigures,
    /// Among lines of figures, but not as the one token after a label ("表 I": a numeral).
    BesideFigures,
    /// Wherever it ends a line of a table with figures: no word or numeral is printed so.
    Anywhere,
}

/// The look-alikes read as digits. Not '|' (a column border) nor '丨' (printed as a rule); not
/// '〇' either: three bytes for one, it cannot be rewritten in place inside a run of digits.
pub const LOOK_ALIKES: &[LookAlike] = &[
    LookAlike {
        printed: 'O',
        digit: '0',
        alone: Alone::Anywhere,
    },
    LookAlike {
        printed: 'o',
        digit: '0',
        alone: Alone::BesideFigures,
    },
    LookAlike {
        printed: 'l',
        digit: '1',
        alone: Alone::Anywhere,
    },
    LookAlike {
        printed: 'I',
        digit: '1',
        alone: Alone::BesideFigures,
    },
    LookAlike {
        printed: 'S',
        digit: '5',
        alone: Alone::AmongFigures,
    },
    LookAlike {
        printed: 'B',
        digit: '8',
        alone: Alone::AmongFigures,
    },
];

fn look_alike(c: char) -> Option<&'static LookAlike> {
    LOOK_ALIKES.iter().find(|l| l.printed == c)
}

/// A token read as a figure: where it is printed, as printed, and its digits.
#[derive(Debug, Clone, PartialEq)]
pub struct Repair {
    pub range: Range<usize>,
    pub printed: String,
    pub read: String,
}

/// What a token of a line is.
#[derive(Debug, PartialEq)]
enum Tok {
    /// Digits: a figure.
    Figure,
    /// A mark for "nothing to report" ("-", "/", "无"): part of a row, but no evidence of one
    /// (a page footer "- l -" holds two).
    Na,
    /// Digits and look-alikes: the figure read, whether it holds a real digit, and where its
    /// letters may be read without one.
    LookAlike {
        read: String,
        with_digit: bool,
        alone: Alone,
    },
    /// Text (a label, a heading, a word).
    Text,
}

/// The number part of a token, without a unit after it.
fn number_part(t: &str) -> &str {
    super::figure::UNITS
        .iter()
        .find_map(|u| t.strip_suffix(u))
        .filter(|b| !b.is_empty())
        .unwrap_or(t)
}

fn classify(t: &str) -> Tok {
    if super::figure::is_na(t) {
        return Tok::Na;
    }
    let body = number_part(t);
    let unsigned = body.strip_prefix('-').unwrap_or(body);
    let edge = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit() || look_alike(c).is_some());
    if !edge(unsigned.chars().next()) || !edge(unsigned.chars().last()) {
        return Tok::Text;
    }
    let mut read = String::with_capacity(body.len());
    if body.len() > unsigned.len() {
        read.push('-');
    }
    let (mut letters, mut digits, mut alone) = (0, 0, Alone::Anywhere);
    for c in unsigned.chars() {
        if c.is_ascii_digit() || c == '.' || c == ',' {
            digits += usize::from(c.is_ascii_digit());
            read.push(c);
        } else if let Some(l) = look_alike(c) {
            letters += 1;
            alone = alone.min(l.alone);
            read.push(l.digit);
        } else {
            return Tok::Text;
        }
    }
    match (letters, digits) {
        (0, _) => Tok::Figure,
        (_, 0) if alone == Alone::Never => Tok::Text,
        _ => Tok::LookAlike {
            read: format!("{read}{}", &t[body.len()..]),
            with_digit: digits > 0,
            alone,
        },
    }
}

/// The tokens of a line: separated by white space or column borders, with their ranges.
fn tokens(line: &str, off: usize) -> Vec<(Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices().chain([(line.len(), ' ')]) {
        if c.is_whitespace() || c == '|' {
            if let Some(s) = start.take() {
                out.push((off + s..off + i, &line[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// A line of a table region read for its trailing figures.
struct Line {
    /// The line holds text before its figures (a label).
    text: bool,
    /// The figures that end the line: (range, class), in order.
    run: Vec<(Range<usize>, Tok)>,
}

impl Line {
    fn read(line: &str, off: usize) -> Line {
        let toks = tokens(line, off);
        let classes: Vec<Tok> = toks.iter().map(|(_, t)| classify(t)).collect();
        let first = classes
            .iter()
            .rposition(|c| *c == Tok::Text)
            .map_or(0, |i| i + 1);
        let mut run: Vec<(Range<usize>, Tok)> = toks[first..]
            .iter()
            .map(|(r, _)| r.clone())
            .zip(classes.into_iter().skip(first))
            .collect();
        // A figure glued to the label before it ("行政许可1O3": normalisation joins a label and
        // the digit after it): the token's tail after its last Han character, when it starts
        // with a real digit.
        if first > 0 {
            let (r, t) = &toks[first - 1];
            if let Some((i, c)) = t
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_ascii() && look_alike(*c).is_none())
            {
                let tail = &t[i + c.len_utf8()..];
                if crate::ingest::normalize::is_han(c)
                    && tail.starts_with(|c: char| c.is_ascii_digit())
                {
                    if let tok @ Tok::LookAlike { .. } = classify(tail) {
                        run.insert(0, (r.end - tail.len()..r.end, tok));
                    }
                }
            }
        }
        Line {
            text: first > 0,
            run,
        }
    }

    /// A real figure ends the line (or a token with real digits in it).
    fn has_figure(&self) -> bool {
        self.run.iter().any(|(_, t)| {
            matches!(
                t,
                Tok::Figure
                    | Tok::LookAlike {
                        with_digit: true,
                        ..
                    }
            )
        })
    }
}

/// The text with the look-alikes of the figures in `regions` read as digits, and what was read.
pub fn repair<'a>(text: &'a str, regions: &[Range<usize>]) -> (Cow<'a, str>, Vec<Repair>) {
    let mut repairs = Vec::new();
    // Figures with their thousands grouped ("1,288", "3，985，758"): read without the commas,
    // and no OCR's letters (no warning).
    let mut grouped = Vec::new();
    for region in regions {
        if text[region.clone()].contains([',', '，']) {
            grouped.extend(grouped_figures(text, region.clone()));
        }
        // Most tables have no letters among their figures: nothing to read.
        if !text[region.clone()].contains(|c: char| look_alike(c).is_some()) {
            continue;
        }
        // (A table whose every figure OCR printed as a letter, table 四's one row of 0s as
        // "O O … O", is read when another of the report's tables holds real figures.)
        let elsewhere = regions
            .iter()
            .any(|r| r != region && text[r.clone()].bytes().any(|b| b.is_ascii_digit()));
        repairs.extend(region_repairs(text, region.clone(), elsewhere));
    }
    if repairs.is_empty() && grouped.is_empty() {
        return (Cow::Borrowed(text), repairs);
    }
    let mut out = text.to_string();
    for r in repairs.iter().chain(&grouped) {
        let pad = r.range.len() - r.read.len();
        out.replace_range(r.range.clone(), &format!("{}{}", r.read, " ".repeat(pad)));
    }
    (Cow::Owned(out), repairs)
}

/// The figures of a table region printed with their thousands grouped by commas, as tokens of
/// their own on a line ("（一）予以公开 1,288 21 0 0 50 3 1,362", "行政许可 447,228"): one to three
/// digits, then groups of three after each comma (ASCII or full-width), perhaps decimals; or
/// such a figure glued to its label ("行政许可447,228"). Each
/// is rewritten in place to its digits and spaces, so that a line of figures separated by
/// spaces reads it as one figure (before, the comma cut it and the row was left out).
fn grouped_figures(text: &str, region: Range<usize>) -> Vec<Repair> {
    let grouped = |t: &str| -> Option<String> {
        let (int, dec) = t.split_once('.').unwrap_or((t, ""));
        let mut parts = int.split([',', '，']);
        let head = parts.next()?;
        let mut read = head.to_string();
        let mut n = 0;
        for p in parts {
            if p.len() != 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            read.push_str(p);
            n += 1;
        }
        let ok = n > 0
            && (1..=3).contains(&head.len())
            && head.bytes().all(|b| b.is_ascii_digit())
            && dec.bytes().all(|b| b.is_ascii_digit())
            && !(t.contains('.') && dec.is_empty());
        ok.then(|| {
            if dec.is_empty() {
                read
            } else {
                format!("{read}.{dec}")
            }
        })
    };
    let mut out = Vec::new();
    for (off, line) in super::text::lines_with_offsets(&text[region.clone()]) {
        if !line.contains([',', '，']) {
            continue;
        }
        for (r, t) in tokens(line, region.start + off) {
            if !t.contains([',', '，']) {
                continue;
            }
            // A figure glued to its label by normalisation ("行政许可447,228"): the tail after
            // the last Han character.
            let tail_at = t
                .char_indices()
                .rev()
                .find(|&(_, c)| crate::ingest::normalize::is_han(c))
                .map_or(0, |(i, c)| i + c.len_utf8());
            let tail = &t[tail_at..];
            if let Some(read) = grouped(tail) {
                out.push(Repair {
                    range: r.start + tail_at..r.end,
                    printed: tail.to_string(),
                    read,
                });
            }
        }
    }
    out
}

/// The repairs of one region. Lines that end in figures and follow each other (blank lines and
/// bare borders aside) form a block. A token with real digits in it ("1O3") is read wherever it
/// ends a line; a token of look-alikes alone ("O", "lO") as its letters allow ([`Alone`]): `O`
/// and `l` in any table with figures, `I` and `o` in a block with a real figure where they
/// stand on a line of figures, in a run of two or more, or beside a figure.
fn region_repairs(text: &str, region: Range<usize>, figures_elsewhere: bool) -> Vec<Repair> {
    let lines: Vec<(usize, &str, Line)> = super::text::lines_with_offsets(&text[region.clone()])
        .into_iter()
        .filter(|(_, l)| l.contains(|c: char| !c.is_whitespace() && c != '|'))
        .map(|(o, l)| (region.start + o, l, Line::read(l, region.start + o)))
        .collect();
    let region_figures = figures_elsewhere || lines.iter().any(|(_, _, l)| l.has_figure());
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j < lines.len() && !lines[j].2.run.is_empty() {
            j += 1;
        }
        let block = &lines[i..j];
        let figures = block.iter().any(|(_, _, l)| l.has_figure());
        for (_, _, line) in block {
            let beside = figures && (!line.text || line.run.len() >= 2 || line.has_figure());
            let real = line
                .run
                .iter()
                .filter(|(_, t)| matches!(t, Tok::Figure))
                .count();
            let lone = line
                .run
                .iter()
                .filter(|(_, t)| {
                    matches!(
                        t,
                        Tok::LookAlike {
                            with_digit: false,
                            ..
                        }
                    )
                })
                .count();
            for (r, t) in &line.run {
                let Tok::LookAlike {
                    read,
                    with_digit,
                    alone,
                } = t
                else {
                    continue;
                };
                let ok = *with_digit
                    || match alone {
                        Alone::Anywhere => region_figures,
                        Alone::BesideFigures => beside,
                        Alone::AmongFigures => real >= 3 && lone == 1,
                        Alone::Never => false,
                    };
                if ok {
                    out.push(Repair {
                        range: r.clone(),
                        printed: text[r.clone()].to_string(),
                        read: read.clone(),
                    });
                }
            }
        }
        i = j.max(i + 1);
    }
    for (off, line, _) in &lines {
        glued_repairs(*off, line, &mut out);
    }
    out
}

/// Figures glued between words, as a body flattened into one line prints a table
/// ("规章00O行政规范性文件", "数量23O 0O0O23二、"): a stretch of digits, ASCII look-alikes and
/// single spaces between two non-ASCII characters (or a line's ends) and before no unit,
/// holding at least two real digits and more digits than letters ("O2O" is a word), is read as
/// digits.
fn glued_repairs(off: usize, line: &str, out: &mut Vec<Repair>) {
    let in_run = |c: char| {
        c.is_ascii_digit()
            || matches!(c, '.' | ',' | ' ')
            || (c.is_ascii() && look_alike(c).is_some())
    };
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !in_run(chars[i].1) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && in_run(chars[j].1) {
            j += 1;
        }
        let bounded = |k: Option<&(usize, char)>| k.is_none_or(|(_, c)| !c.is_ascii());
        let (a, b) = (chars[i].0, chars.get(j).map_or(line.len(), |(p, _)| *p));
        let run = line[a..b].trim_matches(' ');
        let a = a + (line[a..b].len() - line[a..b].trim_start_matches(' ').len());
        let digits = run.chars().filter(char::is_ascii_digit).count();
        let letters = run.chars().filter(|c| look_alike(*c).is_some()).count();
        let range = off + a..off + a + run.len();
        // A unit after it makes it prose ("2O23年", "l0件"): left as printed.
        let unit = chars
            .get(j)
            .is_some_and(|(_, c)| super::cells::PROSE_UNITS.contains(*c));
        if bounded(i.checked_sub(1).and_then(|k| chars.get(k)))
            && bounded(chars.get(j))
            && !unit
            && letters > 0
            && digits >= 2
            && digits > letters
            && run.starts_with(|c: char| c != '.' && c != ',')
            && !out
                .iter()
                .any(|r| r.range.start < range.end && range.start < r.range.end)
        {
            out.push(Repair {
                range,
                printed: run.to_string(),
                read: run
                    .chars()
                    .map(|c| look_alike(c).map_or(c, |l| l.digit))
                    .collect(),
            });
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(s: &str) -> String {
        repair(s, std::slice::from_ref(&(0..s.len())))
            .0
            .into_owned()
    }

    #[test]
    fn look_alikes_in_rows_of_figures_are_read() {
        assert_eq!(
            repaired("规章\t0\tO\t1O3\n规范性文件\tl3\t0\t55\n"),
            "规章\t0\t0\t103\n规范性文件\t13\t0\t55\n"
        );
        assert_eq!(
            repaired("| 规章 | O | O | O |\n| 规范性文件 | 13 | O | 55 |\n"),
            "| 规章 | 0 | 0 | 0 |\n| 规范性文件 | 13 | 0 | 55 |\n"
        );
        // One cell per line, between labels; a lone `O` after a label in a table with figures.
        assert_eq!(
            repaired("3.咨询\n\nO\n\n0\n\nl\n(四)不予处理\n1.信访\nO\n|\n"),
            "3.咨询\n\n0\n\n0\n\n1\n(四)不予处理\n1.信访\n0\n|\n"
        );
        assert_eq!(
            repaired("行政强制\tO\n行政处罚 3\n"),
            "行政强制\t0\n行政处罚 3\n"
        );
        // `I` and `o` only among figures.
        assert_eq!(repaired("许可 I\n0\n"), "许可 I\n0\n");
        assert_eq!(repaired("许可 I o\n0\n"), "许可 1 0\n0\n");
        // Glued between words in a body flattened into one line.
        assert_eq!(
            repaired("规章00O行政规范性文件8855698第二十条 数量23O 0O0O23二、使用O2O模式"),
            "规章000行政规范性文件8855698第二十条 数量230 000023二、使用O2O模式"
        );
        // Glued to its label, with a unit, signed; not '〇' (see LOOK_ALIKES).
        assert_eq!(repaired("行政许可1O3"), "行政许可103");
        assert_eq!(repaired("收费 l2万元 3"), "收费 12万元 3");
        assert_eq!(repaired("规章 -l 3"), "规章 -1 3");
        assert_eq!(repaired("处罚 〇 5"), "处罚 〇 5");
        // S and B beside a real digit, or alone as the one misread token of a row of figures.
        assert_eq!(repaired("许可 1S 2B 3"), "许可 15 28 3");
        assert_eq!(repaired("许可 S B 3"), "许可 S B 3");
        assert_eq!(
            repaired("行政复议\t0\t0\tS\t0\t0\t1\t0\t0"),
            "行政复议\t0\t0\t5\t0\t0\t1\t0\t0"
        );
        assert_eq!(repaired("许可\tS\t3\t4"), "许可\tS\t3\t4");
    }

    #[test]
    fn labels_prose_and_words_are_unchanged() {
        for s in [
            "I.属于国家秘密 0 0\n",
            "（一）予以公开 0 0\n",
            "II 行政许可 0 0\n",
            "表 I\n规章 0 0 0\n",
            "共收到申请l0件，办结lO件。\n",
            "2O23年度 0\n",
            "PDF 0 0\n",
            "Total IO\n",
            "第 l 页\n",
            "- l -\n",
            "APPl0 3\n",
        ] {
            assert_eq!(repaired(s), s, "{s}");
        }
        // A look-alike in a text without a figure is no figure.
        assert_eq!(repaired("O\n"), "O\n");
        assert_eq!(repaired("表 O\nI\n"), "表 O\nI\n");
    }

    #[test]
    fn every_look_alike_is_one_character_of_a_figure() {
        for l in LOOK_ALIKES {
            assert!(l.digit.is_ascii_digit() && !l.printed.is_ascii_digit());
            let s = format!("许可 1{} 3", l.printed);
            let (t, r) = repair(&s, std::slice::from_ref(&(0..s.len())));
            assert_eq!(r.len(), 1, "{s}");
            assert!(t.starts_with(&format!("许可 1{}", l.digit)), "{t}");
            assert_eq!(t.len(), s.len());
        }
    }
}

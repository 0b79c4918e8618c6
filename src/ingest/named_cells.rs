//! Table 三 written as a list, each row's figures after their columns' names
//! (`（一）予以公开：自然人1件，商业企业0件，科研机构0件，社会公益组织0件，法律服务机构0件，其他0件，
//! 总计1件。`), read as the tab row the table reader knows (`（一）予以公开\t1\t0\t0\t0\t0\t0\t1`).
//! Before, the table was lost whole ("heading found but no figures"). Only a line naming all
//! seven columns, in the table's order, each with one figure or none (`科研机构件`: a blank
//! cell), and nothing else after its label is read so; every other line is left as it is. Every character keeps its source bytes.

use super::MChar;

/// Table 三's columns in order, as a list names them.
const COLUMNS: [&[&str]; 7] = [
    &["自然人"],
    &["商业企业"],
    &["科研机构"],
    &["社会公益组织"],
    &["法律服务机构"],
    &["其他组织", "其他"],
    &["总计", "合计"],
];

/// Between a name's figure and the next name.
fn is_separator(c: char) -> bool {
    matches!(c, '，' | ',' | '、' | '；' | ';' | ' ' | '和' | '及')
}

/// Units a count may be printed with.
fn is_unit(c: char) -> bool {
    matches!(c, '件' | '宗' | '个' | '人' | '次')
}

/// Each line that lists table 三's row by its columns' names, as a tab row.
pub fn as_rows(chars: Vec<MChar>) -> Vec<MChar> {
    // Only a line that names the first column can be such a row: the lines around each
    // occurrence of its name are tried (in most texts, table 三's header alone names it, and
    // no character is copied).
    let first: Vec<char> = COLUMNS[0][0].chars().collect();
    let mut rows: Vec<(std::ops::Range<usize>, Vec<MChar>)> = Vec::new();
    let mut at = 0;
    while at + first.len() <= chars.len() {
        if !chars[at..at + first.len()]
            .iter()
            .map(|m| m.c)
            .eq(first.iter().copied())
        {
            at += 1;
            continue;
        }
        let start = chars[..at]
            .iter()
            .rposition(|m| m.c == '\n')
            .map_or(0, |p| p + 1);
        let end = chars[at..]
            .iter()
            .position(|m| m.c == '\n')
            .map_or(chars.len(), |p| at + p);
        if let Some(row) = row(&chars[start..end]) {
            rows.push((start..end, row));
        }
        // The next line: a line is read once, from its first occurrence of the name.
        at = end + 1;
    }
    if rows.is_empty() {
        return chars;
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut copied = 0;
    for (line, row) in rows {
        out.extend_from_slice(&chars[copied..line.start]);
        out.extend(row);
        copied = line.end;
    }
    out.extend_from_slice(&chars[copied..]);
    out
}

fn starts(line: &[MChar], at: usize, s: &str) -> bool {
    let n = s.chars().count();
    at + n <= line.len() && line[at..at + n].iter().map(|m| m.c).eq(s.chars())
}

/// The line as a tab row: its label, then each column's figure after a tab.
fn row(line: &[MChar]) -> Option<Vec<MChar>> {
    let name0 = COLUMNS[0][0];
    let first = (0..line.len()).find(|&i| starts(line, i, name0))?;
    let label_end = line[..first]
        .iter()
        .rposition(|m| !matches!(m.c, '：' | ':' | ' ' | '\t'))
        .map_or(0, |p| p + 1);
    let label = &line[..label_end];
    if !label.iter().any(|m| super::normalize::is_han(m.c)) {
        return None;
    }
    let mut out: Vec<MChar> = label.to_vec();
    let mut i = first;
    for (k, names) in COLUMNS.iter().enumerate() {
        if k > 0 {
            while i < line.len() && is_separator(line[i].c) {
                i += 1;
            }
        }
        let name = names.iter().find(|n| starts(line, i, n))?;
        let name_at = i;
        i += name.chars().count();
        while i < line.len() && matches!(line[i].c, '：' | ':' | '为' | ' ') {
            i += 1;
        }
        let digits = i;
        while i < line.len() && (line[i].c.is_ascii_digit() || (line[i].c == ',' && i > digits)) {
            i += 1;
        }
        // A name with no figure (`科研机构件，`): the cell printed blank.
        if i == digits
            && !(i == line.len()
                || is_unit(line[i].c)
                || is_separator(line[i].c)
                || line[i].c == '。')
        {
            return None;
        }
        out.push(MChar {
            c: '\t',
            ..line[name_at]
        });
        out.extend(line[digits..i].iter().filter(|m| m.c != ','));
        if i < line.len() && is_unit(line[i].c) {
            i += 1;
        }
    }
    // Nothing after the last figure but a sentence's end.
    line[i..]
        .iter()
        .all(|m| matches!(m.c, '。' | '；' | ';' | '.' | ' ' | '\r'))
        .then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> String {
        as_rows(MChar::of(s)).iter().map(|m| m.c).collect()
    }

    #[test]
    fn a_row_listed_by_its_columns_names_is_a_tab_row() {
        assert_eq!(
            read("三、收到\n（一）予以公开：自然人1件，商业企业0件，科研机构0件，社会公益组织0件，法律服务机构0件，其他0件，总计1件。\n四、"),
            "三、收到\n（一）予以公开\t1\t0\t0\t0\t0\t0\t1\n四、"
        );
        // A thousands separator, no units, 为, 合计.
        assert_eq!(
            read("一、本年新收：自然人为1,234、商业企业2、科研机构0、社会公益组织0、法律服务机构0、其他0、合计1,236"),
            "一、本年新收\t1234\t2\t0\t0\t0\t0\t1236"
        );
        // Prose naming some columns only, or going on after them: unchanged.
        for s in [
            "全年收到申请75件，其中自然人72件，商业企业3件。",
            "（一）予以公开：自然人1件，商业企业0件，科研机构0件，社会公益组织0件，法律服务机构0件，其他0件，总计1件，较上年增加。",
        ] {
            assert_eq!(read(s), s);
        }
    }
}

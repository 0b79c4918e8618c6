//! Markdown pipe tables printed without their outer pipes (GitHub's form `a | b` over
//! `:---:|:---:`) given them back, so that every row reads as the bordered rows the table
//! reader knows. Without borders a row whose first or last cell is empty (` | （二）部分公开 | 3 | `)
//! cannot be told by itself from a bordered row with one cell fewer; the table's delimiter row
//! tells: when it has no outer pipes, no row of that table has.

use super::MChar;

/// The characters of a text with a border pipe (mapped to no source byte) put around each row of
/// a table whose delimiter row has no outer pipes: the header row above the delimiter and the
/// rows below it, up to a blank line, that have as many pipes as the delimiter. Rows with
/// another count of pipes are left as printed.
pub fn with_borders(chars: Vec<MChar>) -> Vec<MChar> {
    if !chars.iter().any(|m| m.c == '|') {
        return chars;
    }
    let lines = super::csv::line_spans(&chars);
    let body = |i: usize| &chars[lines[i].0..lines[i].1];
    let pipes = |l: &[MChar]| l.iter().filter(|m| m.c == '|').count();
    let blank = |l: &[MChar]| l.iter().all(|m| m.c.is_whitespace());
    let mut bordered = vec![false; lines.len()];
    for i in 1..lines.len() {
        let Some(n) = borderless_delimiter(body(i)) else {
            continue;
        };
        let same = |l: &[MChar]| pipes(l) == n && !blank(l);
        if !same(body(i - 1)) {
            continue;
        }
        bordered[i - 1] = true;
        bordered[i] = true;
        for (j, flag) in bordered.iter_mut().enumerate().skip(i + 1) {
            let row = body(j);
            if blank(row) || pipes(row) == 0 {
                break;
            }
            // A row of fewer (or more) cells than the header, opening and closing with a cell
            // (`0| 0| 0`, html2text's row of a table's last seven columns): its borders are
            // plain. One that opens or closes with a pipe is left as printed: an empty end
            // cell or a border, its count cannot tell.
            *flag = same(row) || !opens_or_closes_with_pipe(row);
        }
    }
    if !bordered.contains(&true) {
        return chars;
    }
    let mut out = Vec::with_capacity(chars.len() + 64);
    for (&(a, b, end), border) in lines.iter().zip(bordered) {
        if border {
            let at = |i: usize| chars.get(i).map_or(0, |m| m.s as usize);
            out.push(MChar::new('|', at(a), at(a)));
            out.extend_from_slice(&chars[a..b]);
            let after = if b > a {
                chars[b - 1].e as usize
            } else {
                at(a)
            };
            out.push(MChar::new('|', after, after));
            out.extend_from_slice(&chars[b..end]);
        } else {
            out.extend_from_slice(&chars[a..end]);
        }
    }
    out
}

/// A line whose first or last printed character is a pipe.
fn opens_or_closes_with_pipe(line: &[MChar]) -> bool {
    let mut printed = line.iter().filter(|m| !m.c.is_whitespace());
    let first = printed.next();
    let last = printed.next_back().or(first);
    first.is_some_and(|m| m.c == '|') || last.is_some_and(|m| m.c == '|')
}

/// A delimiter row without outer pipes (`:---:|---| ---:`): its number of pipes.
fn borderless_delimiter(line: &[MChar]) -> Option<usize> {
    if !line.iter().any(|m| m.c == '-') {
        return None;
    }
    let t: String = line.iter().map(|m| m.c).collect();
    let t = t.trim();
    if t.starts_with('|') || t.ends_with('|') || !t.contains('|') {
        return None;
    }
    let cell = |c: &str| {
        let c = c.trim();
        let c = c.strip_prefix(':').unwrap_or(c);
        let c = c.strip_suffix(':').unwrap_or(c);
        !c.is_empty() && c.bytes().all(|b| b == b'-')
    };
    t.split('|').all(cell).then(|| t.matches('|').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(src: &str) -> String {
        with_borders(MChar::of(src)).iter().map(|m| m.c).collect()
    }

    #[test]
    fn rows_of_a_borderless_table_get_their_borders() {
        let src = " | 申请人 | 总计\n:---:|:---:|:---:\n（二）部分公开 |  | 3\n | 1.属于国家秘密 | \n\n后文 | 不是表\n";
        assert_eq!(
            text(src),
            "| | 申请人 | 总计|\n|:---:|:---:|:---:|\n|（二）部分公开 |  | 3|\n| | 1.属于国家秘密 | |\n\n后文 | 不是表\n"
        );
        // The borders map to no source byte: the row's characters keep theirs.
        let v = with_borders(MChar::of("a | b\n-|-\n"));
        assert_eq!((v[0].c, v[0].s, v[0].e), ('|', 0, 0));
        assert_eq!((v[1].c, v[1].s), ('a', 0));
        assert_eq!((v[6].c, v[6].s, v[6].e), ('|', 5, 5));
    }

    #[test]
    fn a_row_of_fewer_cells_gets_its_borders_where_its_ends_are_cells() {
        let src = "a | b | c\n---|---|---\n三、| 予以公开| 9\n0| 0\n | 1\n";
        assert_eq!(
            text(src),
            "|a | b | c|\n|---|---|---|\n|三、| 予以公开| 9|\n|0| 0|\n | 1\n"
        );
    }

    #[test]
    fn bordered_tables_and_other_lines_are_left_alone() {
        for src in [
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            "a | b\n-|-|-\nc | d\n",
            "甲 | 乙\n不是分隔行\n",
            "--- | ---\n",
        ] {
            assert_eq!(text(src), src);
        }
    }
}

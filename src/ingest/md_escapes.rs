//! Markdown's backslash escapes (CommonMark: a backslash before ASCII punctuation prints the
//! punctuation). Converters write them where a character would otherwise be markup — an item
//! number that would start a list ("1\. 属于国家秘密"), `\*`, `\_`, `\(` — and a reader of the
//! report's text must see the character alone: "1\." is no label, and its "1" would be read as a
//! figure. `\|` is left as printed: inside a pipe table it is a pipe that separates no cells.
//! And a backslash at a line's end is a hard line break (pandoc writes one for each manual line
//! break of a Word document, in tables' cells and titles too): only the line break is text.

use super::MChar;

/// The characters with every backslash escape of a markdown text resolved (but `\|`).
pub fn unescaped(chars: Vec<MChar>) -> Vec<MChar> {
    if !chars.iter().any(|m| m.c == '\\') {
        return chars;
    }
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let m = chars[i];
        match chars.get(i + 1) {
            Some(n) if m.c == '\\' && n.c.is_ascii_punctuation() && n.c != '|' => {
                // The escaped character stands for both: its source is the pair.
                out.push(MChar {
                    c: n.c,
                    s: m.s,
                    e: n.e,
                });
                i += 2;
            }
            _ => {
                out.push(m);
                i += 1;
            }
        }
    }
    out
}

/// The characters without the backslash of each hard line break (`\` right before a line
/// break, not itself escaped): markdown's, and so in a text file, where a report's line never
/// ends with a backslash of its own.
pub fn without_hard_breaks(mut chars: Vec<MChar>) -> Vec<MChar> {
    if !chars.iter().any(|m| m.c == '\\') {
        return chars;
    }
    let breaks: Vec<std::ops::Range<usize>> = (0..chars.len())
        .filter(|&i| {
            chars[i].c == '\\'
                && (i == 0 || chars[i - 1].c != '\\')
                && match chars.get(i + 1).map(|m| m.c) {
                    Some('\n') => true,
                    Some('\r') => chars.get(i + 2).is_some_and(|m| m.c == '\n'),
                    _ => false,
                }
        })
        .map(|i| i..i + 1)
        .collect();
    super::drop_ranges(&mut chars, breaks);
    chars
}

#[cfg(test)]
mod tests {
    use super::*;

    fn un(s: &str) -> String {
        unescaped(MChar::of(s)).iter().map(|m| m.c).collect()
    }

    #[test]
    fn escapes_print_their_character() {
        assert_eq!(un(r"1\. 属于国家秘密"), "1. 属于国家秘密");
        assert_eq!(un(r"\*\*7\*\* a\_b \(一\) \#"), "**7** a_b (一) #");
        // An escaped backslash is one backslash, and does not escape what follows it.
        assert_eq!(un(r"a\\*b"), r"a\*b");
    }

    #[test]
    fn what_is_no_escape_stays() {
        // A pipe escaped in a table cell separates no cells: kept as printed.
        assert_eq!(un(r"| a \| b | 1 |"), r"| a \| b | 1 |");
        // Before a letter, a digit, a Han character or at the end: a backslash as printed.
        assert_eq!(un(r"C:\temp\3\一\"), r"C:\temp\3\一\");
    }

    #[test]
    fn hard_line_breaks_are_line_breaks() {
        let dropped = |s: &str| -> String {
            without_hard_breaks(MChar::of(s))
                .iter()
                .map(|m| m.c)
                .collect()
        };
        assert_eq!(
            dropped("某局2023年政府信息\\\n公开工作年度报告\\\r\n一、总体情况"),
            "某局2023年政府信息\n公开工作年度报告\r\n一、总体情况"
        );
        // An escaped backslash before the break, and one inside a line, stay.
        assert_eq!(dropped("C:\\\\\n a\\b"), "C:\\\\\n a\\b");
    }

    #[test]
    fn the_source_of_an_escape_is_the_pair() {
        let out = unescaped(MChar::of(r"1\.属"));
        assert_eq!(out[1], MChar::new('.', 1, 3));
        assert_eq!(out[2], MChar::new('属', 3, 6));
    }
}

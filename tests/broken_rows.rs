//! Table rows broken across a page: Word lets a row break where the page ends, so a row whose
//! label wraps inside its cell prints the label's first part with the row's figures at the
//! foot of one page and the rest of the label alone, every other cell empty, at the head of the
//! next (`5.要求行政机关确认\t38\t0…`, then `\f\t\t或重新出具已获取信息\t\t…`; gongkai's PDF
//! reader gives a ruled table so, a row a line). Read as two rows, the label's rest took the
//! blank cells and the figures were left without a label. Every keyed report whose tables are
//! rows of fields (tab-separated, and the markdown ones with their pipes as tabs) keeps every
//! fact with each long label of a row with figures so broken, with and without the page break.

use crate::common;

use common::every_variant_keeps_every_fact;

/// The row's first field broken after its item number and a few characters, the rest on a
/// line of its own under the same field, the row's other fields empty.
fn broken(line: &str, page_break: bool) -> Option<String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let (i, label) = fields
        .iter()
        .enumerate()
        .find(|(_, f)| !f.trim().is_empty())?;
    let label = label.trim();
    let han = label
        .chars()
        .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .count();
    let numbered = label.starts_with(|c: char| c.is_ascii_digit() || c == '（' || c == '(');
    let figures = fields[i + 1..]
        .iter()
        .any(|f| !f.trim().is_empty() && f.trim().chars().all(|c| c.is_ascii_digit()));
    if han < 10 || !numbered || !figures {
        return None;
    }
    let cut = label.char_indices().nth(label.chars().count() * 3 / 5)?.0;
    let mut first = fields.clone();
    first[i] = &label[..cut];
    let mut rest: Vec<&str> = vec![""; fields.len()];
    rest[i] = &label[cut..];
    let feed = if page_break { "\u{c}" } else { "" };
    Some(format!("{}\n{feed}{}", first.join("\t"), rest.join("\t")))
}

#[test]
fn rows_broken_across_a_page_keep_every_fact() {
    let made = every_variant_keeps_every_fact("row broken across a page", |k, _| {
        // The shipped text and markdown reports (a PDF's text extraction lays rows out apart).
        if !(k.name.ends_with(".txt") || k.name.ends_with(".md")) || k.name.matches('.').count() > 1
        {
            return Vec::new();
        }
        // Markdown's pipe rows as tab rows.
        let tabbed: String = k
            .source
            .lines()
            .map(|l| {
                let t = l.trim();
                match t.strip_prefix('|').and_then(|r| r.strip_suffix('|')) {
                    Some(inner) if !inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) => {
                        inner
                            .split('|')
                            .map(str::trim)
                            .collect::<Vec<_>>()
                            .join("\t")
                    }
                    _ => l.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let original_tabs = k.source.contains('\t');
        [true, false]
            .iter()
            .filter_map(|&page_break| {
                let mut n = 0;
                let out: Vec<String> = tabbed
                    .lines()
                    .map(
                        |l| match l.contains('\t').then(|| broken(l, page_break)).flatten() {
                            Some(b) => {
                                n += 1;
                                b
                            }
                            None => l.to_string(),
                        },
                    )
                    .collect();
                // The markdown reports only where their pipe rows became tab rows to break.
                (n > 0 && (original_tabs || tabbed != k.source)).then(|| out.join("\n"))
            })
            .collect()
    });
    assert_eq!(made, 4, "{made} variants");
}

/// The other break: the row's label (or its first part) with every other cell empty at the
/// foot of one page, the label's rest (if any) and all the figures atop the next, under the
/// table's header repeated or not (the hunt's PDFs as the ruled-table reader gives them). Before,
/// the label's row was read with every cell blank: seven figures asserted empty.
fn broken_before_figures(line: &str, split_label: bool, header: &[String]) -> Option<String> {
    let fields: Vec<&str> = line.split('\t').collect();
    let label_at = fields.iter().rposition(|f| {
        let f = f.trim();
        !f.is_empty() && !f.chars().all(|c| c.is_ascii_digit())
    })?;
    let label = fields[label_at].trim();
    let values = &fields[label_at + 1..];
    if values.len() != 7 || !values.iter().all(|f| f.trim().parse::<u64>().is_ok()) {
        return None;
    }
    if label.chars().count() < 10 || !label.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let cut = if split_label {
        label.char_indices().nth(label.chars().count() - 2)?.0
    } else {
        label.len()
    };
    let mut first: Vec<&str> = fields.clone();
    first[label_at] = &label[..cut];
    for f in &mut first[label_at + 1..] {
        *f = "";
    }
    let mut rest: Vec<&str> = vec![""; fields.len()];
    rest[label_at] = &label[cut..];
    rest[label_at + 1..].copy_from_slice(values);
    let mut out = first.join("\t") + "\n\u{c}";
    for h in header {
        out.push_str(h);
        out.push('\n');
    }
    Some(out + &rest.join("\t"))
}

#[test]
fn rows_whose_figures_go_to_the_next_page_keep_every_fact() {
    use common::template_doc::{tab_table, template_document, text, Table};
    use common::{keyed_reports, lost_line, regressions, score};
    let rows_of = |t: &Table| -> Vec<String> { tab_table(t).lines().map(String::from).collect() };
    let mut failures = Vec::new();
    let mut made = 0;
    for k in keyed_reports() {
        let doc = template_document(&k);
        for split_label in [true, false] {
            for repeat_header in [true, false] {
                // One row a table broken, the first that can be.
                let table = |t: &Table| {
                    let rows = rows_of(t);
                    let header_rows = rows
                        .iter()
                        .take_while(|r| !r.split('\t').any(|f| f.trim().parse::<u64>().is_ok()));
                    let header: Vec<String> = if repeat_header {
                        header_rows.cloned().collect()
                    } else {
                        Vec::new()
                    };
                    let mut done = false;
                    rows.iter()
                        .map(|r| {
                            match (!done).then(|| broken_before_figures(r, split_label, &header)) {
                                Some(Some(b)) => {
                                    done = true;
                                    b
                                }
                                _ => r.clone(),
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                let source = text(&doc, &|_, h| Some(h.to_string()), &table, "\n");
                made += 1;
                let r = gongkai::report_from_bytes("broken.txt", source.as_bytes()).unwrap();
                let lost = regressions(&k, &score(&r, &k.key));
                if !lost.is_empty() {
                    failures.push(lost_line(
                        &format!("{} split {split_label} header {repeat_header}", k.name),
                        &lost,
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(made >= 48, "{made} variants");
}

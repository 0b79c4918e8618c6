//! Parse: a normalised [`Document`] → a [`Report`] (metadata, sections, tables, problems) with
//! the provenance of every figure and section. Checks are added by `analyze::checks`.

pub mod blank_lines;
pub mod cells;
pub mod chrome;
pub mod columns;
mod empty_cell_lines;
pub mod fields;
pub mod figure;
mod file_title;
mod form_notes;
pub mod grid;
mod improvement_cues;
mod info_box;
mod label_notes;
pub mod layout;
pub mod lookalike;
pub mod meta;
mod month_date;
mod preface_title;
pub mod problems;
mod prose_lines;
pub mod region;
pub mod sections;
pub mod split;
pub mod tables;
pub mod text;
pub mod title;

use crate::ingest::Document;
use crate::model::{
    CellSource, Provenance, Report, Section, SectionKind, SectionSource, Semantic, Split,
};

/// Parse a document into a report (checks not yet computed).
pub fn parse(doc: &Document) -> Report {
    // Page chrome that shares a line with the report (a crawl flattened into one line) is blanked
    // byte for byte, so that every offset into `text` is still an offset into `doc.text`.
    let (masked, chrome_spans) = chrome::mask_inline(&doc.text);
    let text: &str = &masked;
    let page_labels: Vec<&str> = chrome_spans.iter().map(|r| &doc.text[r.clone()]).collect();
    let outline = sections::outline(text);
    // A second report after this one (the outline stops before it) is no source of metadata:
    // its sign-off is not this report's.
    let own_text = &text[..outline.left_out.unwrap_or(text.len())];
    let meta = meta::metadata(
        own_text,
        &outline,
        &page_labels,
        doc.head_title.as_deref(),
        &meta::NamedOutside {
            path: &doc.path,
            info_title: doc.info_title.as_deref(),
        },
    );
    // Where a table laid out with spaces printed its figures: on the source's lines (a web
    // page's source is its markup, so there the text's own lines).
    let to_source = |r: std::ops::Range<usize>| doc.src_range(r);
    let same = |r: std::ops::Range<usize>| r;
    let printed = if doc.format == crate::ingest::Format::Html {
        layout::Printed {
            source: text,
            map: &same,
            pdf: false,
        }
    } else {
        layout::Printed {
            source: &doc.source,
            map: &to_source,
            pdf: doc.format == crate::ingest::Format::Pdf,
        }
    };
    // Units printed after every figure of a row ("50件  0件  0件") blanked for the tables.
    let table_text = figure::blank_row_units(text);
    let parsed = tables::parse_tables(&table_text, &outline, &printed);

    let mut sections_out = Vec::new();
    let mut prov_sections = Vec::new();
    // The first problems section's body as read, before wraps are joined: its items are split
    // from it below.
    let mut problems_body: Option<String> = None;
    for s in &outline.sections {
        let body = sections::body_text(text, s.body.clone(), &outline.chrome);
        if s.kind == SectionKind::Problems && problems_body.is_none() {
            problems_body = Some(body.clone());
        }
        // A preamble of marks alone (a page's "• -" of share buttons printed without their
        // words) is no text of the report.
        if s.kind == SectionKind::Preamble && !body.chars().any(char::is_alphanumeric) {
            continue;
        }
        // A body that starts on its heading's line is measured from the line's start: a wrap
        // is told by the lengths of whole printed lines.
        let line_start = text[..s.body.start].rfind('\n').map_or(0, |i| i + 1);
        let mid_line = line_start < s.body.start
            && text[s.body.clone()].starts_with(|c: char| !c.is_whitespace());
        let wrapped = if mid_line {
            is_hard_wrapped(&format!("{}{body}", &text[line_start..s.body.start]))
        } else {
            is_hard_wrapped(&body)
        };
        let body = if doc.format == crate::ingest::Format::Markdown || wrapped {
            text::join_han_wraps(&body)
        } else {
            body
        };
        // Provenance: the heading, or the first text of a heading-less section.
        let anchor = if s.kind == SectionKind::Preamble {
            let slice = &text[s.body.clone()];
            s.body.start + (slice.len() - slice.trim_start().len())
        } else {
            s.start
        };
        let src = doc.src_range(anchor..anchor + 1);
        prov_sections.push(SectionSource {
            kind: s.kind,
            offset: src.start,
            line: doc.src_line(src.start),
        });
        sections_out.push(Section {
            kind: s.kind,
            title: s.title.clone(),
            text: body,
        });
    }

    let problems = problems_body
        .map(|body| problems::split_problems_of_year(&body, meta.year))
        .unwrap_or_default();

    let mut prov_cells = crate::model::KeyMap::default();
    for (key, r) in &parsed.cells {
        let (range, split) = match &r.split {
            Some((run, pieces)) => {
                let cells_printed: Vec<String> = pieces.clone();
                (run.clone(), Some(cells_printed))
            }
            None => (r.range.clone(), None),
        };
        let src = doc.src_range(range.clone());
        let raw = if range.is_empty() {
            String::new()
        } else {
            doc.source[src.clone()].to_string()
        };
        let offset = src.start;
        let split = split.map(|groups| {
            let mine = &text[r.range.clone()];
            Split {
                cells: vec![mine.to_string()],
                sums: format!(
                    "run '{}' read as one cell per column; this cell is '{}'",
                    groups.join(" "),
                    mine
                ),
            }
        });
        prov_cells.insert(
            key.clone(),
            CellSource {
                offset,
                line: doc.src_line(offset),
                raw,
                semantic: r.semantic,
                split,
                page: doc.pdf_location(offset).map(|(page, _)| page),
                page_line: doc.pdf_location(offset).map(|(_, line)| line),
            },
        );
    }
    fill_split_details(&mut prov_cells, &parsed.cells, text);

    let mut warnings = doc.warnings.clone();
    warnings.extend(meta.warnings);
    warnings.extend(parsed.warnings);
    // The template is the format of tables actually read: none read, no template (figures seen
    // in a table's place that could not be read are no table).
    let template = parsed.template.filter(|_| {
        parsed.tables.disclosure.is_some()
            || parsed.tables.requests.is_some()
            || parsed.tables.review_litigation.is_some()
    });
    if let Some(at) = outline.left_out {
        let n = text[at..].chars().filter(|c| !c.is_whitespace()).count();
        warnings.push(format!(
            "sections: a second report starts at line {} (its title, 一 again after the first report's later parts); its {n} characters were left out",
            doc.src_line(doc.src_range(at..at + 1).start)
        ));
    }
    if outline.pre2019 {
        warnings.push(
            "tables: a report in the pre-2019 layout (statistics in prose, no standard tables); tables are null"
                .to_string(),
        );
    } else if template.is_none() && parsed.tables.review_litigation.is_none() {
        let has_table_heading = outline.sections.iter().any(|s| {
            matches!(
                s.kind,
                SectionKind::DisclosureTable
                    | SectionKind::RequestsTable
                    | SectionKind::ReviewLitigationTable
            )
        });
        warnings.push(if has_table_heading {
            "tables: the table headings are printed but no figures follow them; tables are null"
                .to_string()
        } else {
            "tables: no statistical tables in this report; tables are null".to_string()
        });
    }
    // A page with hundreds of characters of text and no section: say so loudly (the report may
    // be hidden in page chrome or printed in a layout the outline does not know).
    if !outline
        .sections
        .iter()
        .any(|s| s.kind != SectionKind::Preamble)
    {
        let n = text.chars().filter(|c| !c.is_whitespace()).count();
        if n >= 300 {
            warnings.push(format!(
                "sections: {n} characters of text but no section heading found; the report's outline may be lost in page chrome or printed in an unknown layout"
            ));
        }
    }
    let _ = Semantic::Blank;
    let (level, kind) = meta
        .agency
        .as_deref()
        .map_or((None, None), |a| region::classify(a, &meta.region));
    Report {
        source: doc.path.clone(),
        agency: meta.agency,
        year: meta.year,
        published: meta.published,
        region: meta.region,
        template,
        level,
        kind,
        sections: sections_out,
        tables: parsed.tables,
        problems,
        checks: Vec::new(),
        warnings,
        provenance: Provenance {
            cells: prov_cells,
            sections: prov_sections,
        },
    }
}

/// For cells split out of one run: list every piece of the run and the row it belongs to (for a
/// run with several readings, the reading and reasons the solver gave).
fn fill_split_details(
    prov: &mut crate::model::KeyMap<CellSource>,
    cells: &[(String, split::Resolved)],
    text: &str,
) {
    use std::collections::HashMap;
    let mut by_run: HashMap<(usize, usize), Vec<(String, String)>> = HashMap::new();
    for (key, r) in cells {
        // A run with several readings: the solver says how it was read and what fixed the cell.
        if let (Some((pieces, sums)), Some(c)) = (&r.why, prov.get_mut(key)) {
            c.split = Some(Split {
                cells: pieces.clone(),
                sums: sums.clone(),
            });
            continue;
        }
        if let Some((run, _)) = &r.split {
            by_run
                .entry((run.start, run.end))
                .or_default()
                .push((key.clone(), text[r.range.clone()].to_string()));
        }
    }
    for ((_, _), members) in by_run {
        let pieces: Vec<String> = members.iter().map(|(_, p)| p.clone()).collect();
        let keys: Vec<&str> = members.iter().map(|(k, _)| k.as_str()).collect();
        let row_prefix = common_row(&keys);
        let sums = sums_text(&row_prefix, &pieces);
        for (key, _) in &members {
            if let Some(c) = prov.get_mut(key) {
                c.split = Some(Split {
                    cells: pieces.clone(),
                    sums: sums.clone(),
                });
            }
        }
    }
}

fn common_row(keys: &[&str]) -> String {
    let first = keys.first().copied().unwrap_or("");
    let parts: Vec<&str> = first.split('.').collect();
    if parts.len() >= 2
        && keys
            .iter()
            .all(|k| k.starts_with(&format!("{}.{}.", parts[0], parts[1])))
    {
        format!("{}.{}", parts[0], parts[1])
    } else {
        parts.first().copied().unwrap_or("").to_string()
    }
}

/// The sums that make a split unique, in words.
fn sums_text(row: &str, pieces: &[String]) -> String {
    if row.starts_with("requests.") && pieces.len() == 7 {
        format!(
            "{} = {} (总计 = sum of the six applicant columns); the only split of the run that satisfies it",
            pieces[6],
            pieces[..6].join("+")
        )
    } else if row.starts_with("review_litigation") && pieces.len() == 15 {
        let g: Vec<String> = pieces
            .chunks(5)
            .map(|c| format!("{} = {}", c[4], c[..4].join("+")))
            .collect();
        format!(
            "{} (总计 = 维持+纠正+其他+未审结 per group); the only split that satisfies them",
            g.join("; ")
        )
    } else {
        format!("the only way to read the run as {} cells", pieces.len())
    }
}

/// PDF text with hard wraps: many short lines ending without punctuation.
pub(crate) fn is_hard_wrapped(body: &str) -> bool {
    // Lines of more than 10 characters (told without counting a long line whole), and how many
    // of them end without a sentence end.
    let (mut long, mut unterminated) = (0usize, 0usize);
    for l in body.lines().filter(|l| l.chars().nth(10).is_some()) {
        long += 1;
        unterminated += usize::from(!l.ends_with(['。', '：', '；', ':', '！', '？', '|']));
    }
    long >= 4 && unterminated * 3 > long * 2
}

#[cfg(test)]
mod tests {
    /// Hundreds of characters and no section: a warning says so (the report may be lost).
    #[test]
    fn warns_when_text_yields_no_section() {
        let prose = "本机关全年坚持依法行政，认真做好各项工作，取得了较好成效。".repeat(15);
        let r = crate::report_from_bytes("x.txt", prose.as_bytes()).unwrap();
        assert!(r
            .sections
            .iter()
            .all(|s| s.kind == crate::model::SectionKind::Preamble));
        assert!(
            r.warnings.iter().any(|w| w.starts_with("sections:")),
            "{:?}",
            r.warnings
        );
        let short = crate::report_from_bytes("y.txt", "无。".as_bytes()).unwrap();
        assert!(!short.warnings.iter().any(|w| w.starts_with("sections:")));
    }
}

//! `gongkai compare LEFT RIGHT` and `gongkai compare AGENCY --years A..B`: the comparison is
//! computed in `analyze::compare`; this file resolves the names and prints.

use super::style::{bold, dim, fit, green, lpad, pad, red, truncate};
use super::CompareArgs;
use gongkai::analyze::compare::{self, Comparison, Timeline};
use gongkai::analyze::themes::Taxonomy;
use gongkai::model::{CheckStatus, Num, Report};
use gongkai::Error;
use std::io::Write;
use std::path::Path;

/// Exit 0 done, 2 on an error.
pub fn run(args: CompareArgs, quiet: bool) -> Result<super::Exit, Error> {
    let text = compare_cmd(&args, quiet)?;
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::stdout)?;
    Ok(super::Exit::Success)
}

fn compare_cmd(args: &CompareArgs, quiet: bool) -> Result<String, Error> {
    let years = args
        .years
        .as_deref()
        .map(gongkai::index::query::parse_years)
        .transpose()
        .map_err(Error::Usage)?;
    match &args.right {
        Some(right) => {
            if years.is_some() {
                return Err(Error::Usage(
                    "--years compares one agency; give one name, not two".into(),
                ));
            }
            let mut opened = None;
            let left = load(&args.left, &args.index, quiet, &mut opened)?;
            let right = load(right, &args.index, quiet, &mut opened)?;
            let mut c = compare::pair(&left, &right, &Taxonomy::builtin(), args.lines);
            if args.text {
                c = c.with_text(&left, &right);
            }
            Ok(if args.json {
                serde_json::to_string(&c).unwrap() + "\n"
            } else {
                let mut s = render_pair(&c, args.all, args.lines);
                if args.text {
                    s.push_str(&render_text(&c, text_width()));
                }
                s
            })
        }
        None => {
            if args.text {
                return Err(Error::Usage(
                    "--text compares two reports: give two AGENCY:YEAR (or files), e.g. 平潭:2019 平潭:2022".into(),
                ));
            }
            gongkai::answer::compare::agency_of(&args.left)?;
            let opened = super::shared::open(&args.index, quiet)?;
            let mut note = |m: String| {
                if !quiet {
                    eprintln!("gongkai: {m}");
                }
            };
            let t = gongkai::answer::compare::timeline(
                &opened, &args.left, years, args.all, &mut note,
            )?;
            Ok(if args.json {
                serde_json::to_string(&t).unwrap() + "\n"
            } else {
                render_timeline(&t)
            })
        }
    }
}

/// A side: a report file, or AGENCY[:YEAR] looked up in the index (opened on first need).
fn load(
    spec: &str,
    index: &Path,
    quiet: bool,
    opened: &mut Option<gongkai::answer::Opened>,
) -> Result<Report, Error> {
    let p = Path::new(spec);
    if p.is_file() {
        return Ok(gongkai::load_report(p)?);
    }
    let opened = match opened {
        Some(o) => o,
        None => opened.insert(super::shared::open(index, quiet)?),
    };
    gongkai::answer::compare::side(opened, spec)
}

/// AGENCY YEAR in 40 columns: a long name is cut, the year always shows.
fn who(agency: &Option<String>, year: Option<i32>, source: &str) -> String {
    fit(
        agency.as_deref().unwrap_or(source),
        &year.map_or("?".into(), |y| y.to_string()),
        40,
    )
}

fn cell(v: Option<Num>, line: Option<usize>, lines: bool) -> String {
    let v = v.map_or("–".to_string(), |n| n.to_string());
    match (lines, line) {
        (true, Some(l)) => format!("{v} L{l}"),
        (true, None) => format!("{v}    "),
        _ => v,
    }
}

fn signed(d: Option<Num>) -> String {
    match d {
        None => String::new(),
        Some(n) if n.0 > 0.0 => green(&format!("+{n}")),
        Some(n) if n.0 < 0.0 => red(&n.to_string()),
        Some(_) => dim("0"),
    }
}

fn status(s: CheckStatus) -> String {
    match s {
        CheckStatus::Pass => green("pass"),
        CheckStatus::Fail => red("FAIL"),
        CheckStatus::Skipped => dim("skipped"),
    }
}

const TABLE_NAMES: &[(&str, &str)] = &[
    ("二", "二、主动公开政府信息情况"),
    ("三", "三、收到和处理政府信息公开申请情况"),
    ("四", "四、政府信息公开行政复议、行政诉讼情况"),
];

pub fn render_pair(c: &Comparison, all: bool, lines: bool) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "{} {}  {}\n{} {}  {}\n\n",
        bold("left "),
        who(&c.left.agency, c.left.year, &c.left.source),
        dim(&c.left.source),
        bold("right"),
        who(&c.right.agency, c.right.year, &c.right.source),
        dim(&c.right.source)
    ));
    let shown: Vec<_> = c.figures.iter().filter(|f| all || !f.is_idle()).collect();
    let vw = if lines { 12 } else { 8 };
    s.push_str(&bold(&format!(
        "{}{}{}{}\n",
        pad("figures", 50),
        lpad("left", vw),
        lpad("right", vw),
        lpad("Δ", 8)
    )));
    let mut table = "";
    for f in &shown {
        let mut parts = f.label.splitn(2, '·');
        let (t, rest) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        if t != table {
            table = TABLE_NAMES
                .iter()
                .find(|(k, _)| *k == t)
                .map_or(t, |(k, _)| k);
            let name = TABLE_NAMES
                .iter()
                .find(|(k, _)| *k == t)
                .map_or(t, |(_, n)| n);
            s.push_str(&format!("{}\n", dim(name)));
        }
        s.push_str(&format!(
            "  {}{}{}{}\n",
            pad(&truncate(&rest.replace('·', " · "), 48), 48),
            lpad(&cell(f.left, f.left_line, lines), vw),
            lpad(&cell(f.right, f.right_line, lines), vw),
            lpad(&signed(f.delta), 8)
        ));
    }
    let folded = c.figures.len() - shown.len();
    for (side, x) in [("left", &c.left), ("right", &c.right)] {
        if !x.tables {
            s.push_str(&dim(&format!(
                "  {side}: no statistical tables in this report (–: not printed, never 0)\n"
            )));
        }
    }
    if folded > 0 && !c.figures.is_empty() {
        s.push_str(&dim(&format!(
            "  {folded} figures zero or not printed on both sides are folded (--all shows them)\n"
        )));
    }
    s.push('\n');
    s.push_str(&bold(&format!(
        "{}{}{}\n",
        pad("checks", 32),
        pad("left", 10),
        "right"
    )));
    for l in &c.checks.left {
        let r = c.checks.right.iter().find(|r| r.rule == l.rule);
        s.push_str(&format!(
            "  {}{}{}\n",
            pad(&l.rule, 30),
            pad(&status(l.status), 10),
            r.map_or(String::new(), |r| status(r.status))
        ));
    }
    for (side, list) in [("left", &c.checks.left), ("right", &c.checks.right)] {
        for ch in list.iter().filter(|ch| ch.status == CheckStatus::Fail) {
            s.push_str(&format!(
                "    {} {}: {}\n",
                dim(side),
                ch.rule,
                truncate(&ch.detail, 90)
            ));
        }
    }
    s.push('\n');
    s.push_str(&bold(&format!(
        "{}{}{}{}\n",
        pad("sections", 42),
        lpad("left", 7),
        lpad("right", 7),
        lpad("similarity", 12)
    )));
    for sd in &c.sections {
        let name = format!("{} {}", sd.kind.key(), sd.kind.chinese());
        let l = match (lines, sd.left_line) {
            (true, Some(n)) => format!("{} L{n}", sd.left_chars),
            _ => sd.left_chars.to_string(),
        };
        let r = match (lines, sd.right_line) {
            (true, Some(n)) => format!("{} L{n}", sd.right_chars),
            _ => sd.right_chars.to_string(),
        };
        let w = if lines { 11 } else { 7 };
        s.push_str(&format!(
            "  {}{}{}{}\n",
            pad(&truncate(&name, 40), 40),
            lpad(&l, w),
            lpad(&r, w),
            lpad(&format!("{:.2}", sd.similarity), 12)
        ));
    }
    s.push('\n');
    s.push_str(&bold("problems\n"));
    for (side, items) in [("left", &c.problems.left), ("right", &c.problems.right)] {
        if items.is_empty() {
            s.push_str(&format!("  {} {}\n", dim(side), dim("(none listed)")));
        }
        for it in items {
            s.push_str(&format!(
                "  {} {}  {}\n",
                dim(&pad(side, 5)),
                truncate(&it.text, 60),
                dim(&format!("[{}]", it.themes.join(", ")))
            ));
        }
    }
    s.push_str(&format!(
        "  shared themes: {}\n",
        if c.problems.shared_themes.is_empty() {
            "none".to_string()
        } else {
            c.problems.shared_themes.join(", ")
        }
    ));
    s
}

pub fn render_timeline(t: &Timeline) -> String {
    let mut s = format!("{}  {}\n\n", bold(&t.agency), dim(&t.sources.join(", ")));
    let colw = 14;
    s.push_str(&bold(&format!(
        "{}{}\n",
        pad("figure", 46),
        t.years
            .iter()
            .map(|y| lpad(&y.to_string(), colw))
            .collect::<String>()
    )));
    for f in &t.figures {
        let label = f.label.replace('·', " · ");
        let mut row = format!("  {}", pad(&truncate(&label, 44), 44));
        for (v, d) in f.values.iter().zip(&f.changes) {
            let v = v.map_or("–".to_string(), |n| n.to_string());
            let cellv = match d {
                Some(d) if d.0 != 0.0 => format!("{v} ({})", signed(Some(*d))),
                _ => v,
            };
            row.push_str(&lpad(&cellv, colw));
        }
        s.push_str(&row);
        s.push('\n');
    }
    if t.figures.is_empty() {
        s.push_str(&dim("  no statistical tables in these years\n"));
    }
    s.push('\n');
    s.push_str(&bold("cross-year checks\n"));
    for c in &t.cross_checks {
        s.push_str(&format!(
            "  {} {}  {}  {}\n",
            pad(&c.rule, 24),
            pad(&format!("{}→{}", c.from, c.to), 10),
            pad(&status(c.status), 7),
            truncate(&c.detail, 80)
        ));
    }
    if t.cross_checks.is_empty() {
        s.push_str(&dim("  one year only\n"));
    }
    s.push('\n');
    s.push_str(&bold("text similarity (prose, tables excluded)\n"));
    for y in &t.similarity {
        s.push_str(&format!(
            "  {}→{}  similarity {:.2}   {:.0}% of {} found in {}\n",
            y.from,
            y.to,
            y.similarity,
            y.reused * 100.0,
            y.to,
            y.from
        ));
    }
    s
}

/// The width `compare --text` fills: the terminal's, else 120 columns (a pipe or a file).
fn text_width() -> usize {
    console::Term::stdout()
        .size_checked()
        .map_or(120, |(_, w)| usize::from(w))
        .clamp(60, 200)
}

/// Each prose section's two texts side by side in `width` columns, paragraph against
/// paragraph; a paragraph the other side lacks faces a blank, and paragraphs the same on both
/// sides are dimmed.
pub fn render_text(c: &Comparison, width: usize) -> String {
    let col = (width - 5) / 2;
    let mut s = String::new();
    s.push('\n');
    s.push_str(&bold(&format!(
        "{}{}\n",
        pad("text, paragraph by paragraph", col + 3),
        "right"
    )));
    for sd in &c.sections {
        let Some(pairs) = &sd.aligned else { continue };
        if pairs.is_empty() {
            continue;
        }
        let head = format!(
            "── {} {} · similarity {:.2} ",
            sd.kind.chinese(),
            sd.kind.key(),
            sd.similarity
        );
        s.push_str(&format!("{}\n", bold(&pad_with(&head, width - 2, '─'))));
        for (k, p) in pairs.iter().enumerate() {
            if k > 0 {
                s.push_str(&format!("  {} │\n", " ".repeat(col)));
            }
            let same = p.left.is_some() && p.left == p.right;
            let (l, r) = (
                wrap(p.left.as_deref().unwrap_or(""), col),
                wrap(p.right.as_deref().unwrap_or(""), col),
            );
            for i in 0..l.len().max(r.len()) {
                let (a, b) = (
                    l.get(i).map_or("", String::as_str),
                    r.get(i).map_or("", String::as_str),
                );
                let line = format!("  {} │ {b}", pad(a, col));
                s.push_str(&if same { dim(&line) } else { line });
                s.push('\n');
            }
        }
    }
    s
}

/// `s` padded with `fill` to `w` columns.
fn pad_with(s: &str, w: usize, fill: char) -> String {
    let n = super::style::width(s);
    format!("{s}{}", fill.to_string().repeat(w.saturating_sub(n)))
}

/// `text` cut into lines of at most `w` columns (Han text has no spaces to break at: it
/// breaks between any two characters).
fn wrap(text: &str, w: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut n = 0;
    for c in text.chars() {
        let cw = super::style::width(c.encode_utf8(&mut [0; 4]));
        if n + cw > w {
            lines.push(String::new());
            n = 0;
        }
        lines.last_mut().expect("one line at least").push(c);
        n += cw;
    }
    if text.is_empty() {
        lines.clear();
    }
    lines
}

//! Shapes of real crawled reports that earlier hunts found and left unread (the fortieth hunt),
//! each written from every keyed report's template document (`common::template_doc`) and
//! asserted to keep every fact its source keeps, besides what the shape itself asks:
//! - a subsection's title cut at its closing word before a comma (`(三)政府信息管理方面，全年…`):
//!   its text began with the comma (`，全年…`), or, the line wrapped before its 。, the whole
//!   line was the title;
//! - a part with no kind of its own (咨询处理, 保密审查 …) before 五 or 六: no section of its
//!   own (the contract has no kind for it), and it must not take the known part after it (a
//!   guard: it never did on these variants);
//! - problems listed as clauses after a lead-in naming a measure of shortcomings (`…还存在一定
//!   的差距，A不够，B不足，C不深的问题`): one item, lead-in and all;
//! - a sign-off dated to the month (`2022年1月`): it stayed in the last part's text;
//! - `一、基本情况` opening its text in a one-line crawl: lost into the preamble, or read as
//!   主动公开 by its text's words.

use crate::common;

use common::template_doc::{as_text, html, template_document, Block};
use common::{
    assert_variants_keep_facts, assert_variants_keep_facts_but, regressions, score, Variant,
};
use gongkai::model::SectionKind;

/// The document with each subsection of 一 run into its first paragraph after `方面，`
/// (`（一）主动公开方面，2023年，…`), and each run-in heading's first paragraph as printed.
fn subsections_run_in(doc: Vec<Block>) -> (Vec<Block>, Vec<String>) {
    let mut out = Vec::new();
    let mut firsts = Vec::new();
    let mut blocks = doc.into_iter().peekable();
    while let Some(b) = blocks.next() {
        match (b, blocks.peek()) {
            (Block::Heading(2, h), Some(Block::Para(p))) => {
                firsts.push(p.clone());
                out.push(Block::Para(format!("{h}方面，{p}")));
                blocks.next();
            }
            (b, _) => out.push(b),
        }
    }
    (out, firsts)
}

const SUBSECTIONS: [SectionKind; 5] = [
    SectionKind::Proactive,
    SectionKind::OnRequest,
    SectionKind::Management,
    SectionKind::Platforms,
    SectionKind::Oversight,
];

/// Every keyed report with its subsections so written, as text and as a page: each
/// subsection's text is its paragraph as printed after the comma, never `，…`.
#[test]
fn a_subsection_title_cut_before_its_comma() {
    assert_variants_keep_facts(
        20,
        |k| {
            let (doc, _) = subsections_run_in(template_document(k));
            vec![
                Variant::new("g.txt", "方面， as text", as_text(&doc)),
                Variant::new("g.html", "方面， as a page", html(&doc)),
            ]
        },
        |k, v, r| {
            let (_, firsts) = subsections_run_in(template_document(k));
            let texts: Vec<&str> = r
                .sections
                .iter()
                .filter(|s| SUBSECTIONS.contains(&s.kind))
                .map(|s| s.text.as_str())
                .collect();
            assert_eq!(texts.len(), firsts.len(), "{} {}", k.name, v.label);
            // (Compared on their first characters: the text's lines are joined as parsed.)
            let start = |s: &str| {
                s.chars()
                    .filter(|c| !c.is_whitespace())
                    .take(12)
                    .collect::<String>()
            };
            for (t, p) in texts.iter().zip(&firsts) {
                assert!(
                    start(t) == start(p),
                    "{} {}: {t:.40} is not {p:.40}",
                    k.name,
                    v.label
                );
            }
        },
    );
}

/// Parts of real reports with no kind of their own, as their titles word them.
const KINDLESS_PARTS: [(&str, &str); 6] = [
    (
        "政府信息公开咨询处理情况",
        "全年接受群众咨询35人次，均及时予以答复。",
    ),
    (
        "政府信息公开保密审查情况",
        "严格落实先审查、后公开制度，全年未发生泄密事件。",
    ),
    (
        "重点领域信息公开情况",
        "及时公开财政预决算、重大建设项目等重点领域信息。",
    ),
    (
        "政策解读和回应关切情况",
        "全年发布政策解读5篇，回应社会关切3次。",
    ),
    (
        "机构建设和保障经费情况",
        "配备专职工作人员2名，工作经费列入年度预算。",
    ),
    (
        "人大建议政协提案办理情况",
        "全年办理人大代表建议3件、政协委员提案2件。",
    ),
];

/// The template document with `part` (title, text) inserted as a top part before 五 (or, with
/// `after_problems`, before 六), the parts after it numbered on.
fn with_kindless_part(doc: Vec<Block>, part: (&str, &str), after_problems: bool) -> Vec<Block> {
    const TOP: [&str; 8] = ["一", "二", "三", "四", "五", "六", "七", "八"];
    let before = if after_problems { "六、" } else { "五、" };
    let mut out = Vec::new();
    let mut shift = 0;
    for b in doc {
        match b {
            Block::Heading(1, h) => {
                let n = TOP.iter().position(|t| h.starts_with(&format!("{t}、")));
                if shift == 0 && h.starts_with(before) {
                    let at = n.unwrap();
                    out.push(Block::Heading(1, format!("{}、{}", TOP[at], part.0)));
                    out.push(Block::Para(part.1.to_string()));
                    shift = 1;
                }
                out.push(Block::Heading(
                    1,
                    match n {
                        Some(i) if shift > 0 => {
                            format!("{}、{}", TOP[i + 1], &h[TOP[i].len() + 3..])
                        }
                        _ => h,
                    },
                ));
            }
            b => out.push(b),
        }
    }
    out
}

/// Every keyed report with a part of no kind of its own before 五 or 六, as text and as a page:
/// every fact kept (the part before must not swallow 五 or 六, the problems counted as before),
/// and the part's text stays with the part before it.
#[test]
fn a_part_with_no_kind_of_its_own() {
    assert_variants_keep_facts(
        300,
        |k| {
            let mut out = Vec::new();
            for part in KINDLESS_PARTS {
                for after in [false, true] {
                    let doc = with_kindless_part(template_document(k), part, after);
                    let at = if after { "before 六" } else { "before 五" };
                    out.push(Variant::new(
                        "a.txt",
                        format!("{} {at} as text", part.0),
                        as_text(&doc),
                    ));
                    out.push(Variant::new(
                        "a.html",
                        format!("{} {at} as a page", part.0),
                        html(&doc),
                    ));
                }
            }
            out
        },
        |_, _, _| {},
    );
}

/// Problems as some reports list them: clauses after a lead-in that names only a measure of
/// shortcomings (`…还存在一定的差距，`), each closed by what is lacking, the last by `的问题`.
/// As many as the report's key counts (three where it counts none).
const LISTED: [&str; 5] = [
    "政策解读形式不够丰富",
    "信息更新不及时",
    "对政务公开工作认识不深",
    "业务培训力度不够",
    "公开平台功能还有待完善",
];

fn listed(k: &common::Keyed) -> Option<&'static [&'static str]> {
    match k.key["problem_count"].as_u64() {
        None => Some(&LISTED[..3]),
        Some(n @ 2..=5) => Some(&LISTED[..n as usize]),
        Some(_) => None,
    }
}

/// Section 五 of every keyed report so written, as text and as a page: the problems, item for
/// item (they were one, lead-in and all; `的问题` stayed on the last), the improvement after
/// them kept, every other fact kept.
#[test]
fn problems_listed_after_a_measure_of_shortcomings() {
    let bodies = |items: &[&str]| {
        [
            format!(
                "与群众的期待相比，我局政府信息公开工作还存在一定的差距，{}的问题。",
                items.join("，")
            ),
            format!("对照上级要求，仍有一些不足，{}。", items.join("，")),
            format!("主要存在问题：{}的问题。", items.join("，")),
        ]
    };
    assert_variants_keep_facts(
        60,
        |k| {
            let mut out = Vec::new();
            let Some(items) = listed(k) else {
                return out;
            };
            for (i, body) in bodies(items).iter().enumerate() {
                let doc = with_problems(
                    template_document(k),
                    &format!("{body}\n下一步，我局将进一步加强学习培训。"),
                );
                out.push(Variant::new(
                    "f.txt",
                    format!("#{i} as text"),
                    as_text(&doc),
                ));
                out.push(Variant::new(
                    "f.html",
                    format!("#{i} as a page"),
                    html(&doc),
                ));
            }
            out
        },
        |k, v, r| {
            assert_eq!(
                r.problems.problems,
                listed(k).unwrap(),
                "{} {}",
                k.name,
                v.label
            );
            assert_eq!(r.problems.improvements.len(), 1, "{} {}", k.name, v.label);
        },
    );
}

/// The document with section 五's paragraphs replaced by `body` (one paragraph a line).
fn with_problems(doc: Vec<Block>, body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut in_problems = false;
    for b in doc {
        match b {
            Block::Heading(1, h) => {
                in_problems = h.starts_with("五、");
                out.push(Block::Heading(1, h));
                if in_problems {
                    out.extend(body.lines().map(|l| Block::Para(l.to_string())));
                }
            }
            Block::Para(_) if in_problems => {}
            b => {
                in_problems &= !matches!(b, Block::SignOff(_));
                out.push(b)
            }
        }
    }
    out
}

/// Every keyed report signed off by a date to the month only (`2022年1月`, `二〇二二年一月`)
/// under its agency's line: no publication date (the contract's is a day), and the last part's
/// text is what it is under the same sign-off dated to the day (the sign-off was its text:
/// `无。\n某局\n2022年1月`).
#[test]
fn a_sign_off_dated_to_the_month() {
    let signed = |k: &common::Keyed, date: &str| {
        let agency = k.key["agency"].as_str().unwrap_or("").to_string();
        let mut doc: Vec<Block> = template_document(k)
            .into_iter()
            .filter(|b| !matches!(b, Block::SignOff(_)))
            .collect();
        doc.push(Block::SignOff(agency));
        doc.push(Block::SignOff(date.to_string()));
        doc
    };
    assert_variants_keep_facts_but(
        40,
        |k| {
            let mut out = Vec::new();
            for date in ["2022年1月", "二〇二二年一月"] {
                let doc = signed(k, date);
                out.push(Variant::new(
                    "b.txt",
                    format!("{date} as text"),
                    as_text(&doc),
                ));
                out.push(Variant::new(
                    "b.html",
                    format!("{date} as a page"),
                    html(&doc),
                ));
            }
            out
        },
        |lost| lost.contains("published"),
        |k, v, r| {
            assert_eq!(r.published, None, "{} {}", k.name, v.label);
            let (file, doc) = (v.file, signed(k, "2022年1月20日"));
            let source = if file.ends_with(".html") {
                html(&doc)
            } else {
                as_text(&doc)
            };
            let by_day = gongkai::report_from_bytes(file, source.as_bytes()).unwrap();
            let last = |r: &gongkai::model::Report| r.sections.last().map(|s| s.text.clone());
            assert_eq!(last(r), last(&by_day), "{} {}", k.name, v.label);
        },
    );
}

/// Every keyed report crawled as one line, its 一 worded `一、基本情况` (or `一、工作概况`) with
/// its text after a gap, and the same with nothing before 一: 一 is the overview (it was lost
/// into the preamble, or, opening the text, read as 主动公开 by its text's words, swallowing
/// 二), every other fact kept. (A report whose one line loses facts with 一、总体情况 too has
/// another shape than this one, and is left out.)
#[test]
fn a_one_line_report_opening_with_its_basic_facts() {
    let one_line = |k: &common::Keyed, title: &str, titled: bool| {
        let doc: Vec<Block> = template_document(k)
            .into_iter()
            .filter(|b| titled || !matches!(b, Block::Title(_)))
            .map(|b| match b {
                Block::Heading(1, h) if h == "一、总体情况" => {
                    Block::Heading(1, title.to_string())
                }
                b => b,
            })
            .collect();
        as_text(&doc).replace('\n', " ")
    };
    assert_variants_keep_facts(
        24,
        |k| {
            let plain = one_line(k, "一、总体情况", true);
            let r = gongkai::report_from_bytes("e.txt", plain.as_bytes()).unwrap();
            if !regressions(k, &score(&r, &k.key)).is_empty() {
                return vec![];
            }
            let mut out = Vec::new();
            for title in ["一、基本情况", "一、工作概况"] {
                out.push(Variant::new(
                    "e.txt",
                    format!("{title} one line"),
                    one_line(k, title, true),
                ));
            }
            out
        },
        |k, v, r| {
            let overview = r.sections.iter().find(|s| s.kind == SectionKind::Overview);
            assert!(
                overview.is_some_and(|s| s.title.as_deref().is_some_and(|t| t.starts_with("一、"))),
                "{} {}: {:?}",
                k.name,
                v.label,
                r.sections
                    .iter()
                    .map(|s| (s.kind, s.title.clone()))
                    .collect::<Vec<_>>()
            );
        },
    );
}

/// The same lines without the title (the text opens with 一、基本情况): 一 is the overview, not
/// 主动公开 read from its text with 二 swallowed. (Only the parts are asserted: no title, no
/// agency.)
#[test]
fn a_one_line_text_opening_with_its_basic_facts() {
    for k in common::keyed_reports() {
        let doc: Vec<Block> = template_document(&k)
            .into_iter()
            .filter(|b| !matches!(b, Block::Title(_)))
            .map(|b| match b {
                Block::Heading(1, h) if h == "一、总体情况" => {
                    Block::Heading(1, "一、基本情况".into())
                }
                b => b,
            })
            .collect();
        let text = as_text(&doc).replace('\n', " ");
        let r = gongkai::report_from_bytes("e.txt", text.as_bytes()).unwrap();
        let first = r
            .sections
            .iter()
            .find(|s| s.kind != SectionKind::Preamble)
            .unwrap();
        assert_eq!(
            (first.kind, first.title.as_deref()),
            (SectionKind::Overview, Some("一、基本情况")),
            "{}",
            k.name
        );
    }
}

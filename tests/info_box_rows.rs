//! A page's info box crawled as table rows above the report (real pages of 西藏自治区's
//! departments, 2023–2025: `| 标 题 | 某厅2023年政府信息公开工作年度报告 | ||`, then `索引号`,
//! `发布机构`, `发布日期` rows): the label 标题 sits in a cell of its own, with no colon after it,
//! and the agency was read with the label and the pipe in it (`标题|西藏自治区民委`). The same
//! box crawled with tabs or padded with spaces (`标      题 …`) did the same.

use crate::common;

use common::template_doc::{as_text, html, template_document, untitled, Block};
use common::{assert_key_str, assert_variants_keep_facts, Keyed, Variant};
use gongkai::model::{Report, SectionKind};

/// The box's rows as the crawls print them: the title row, then the record's other fields
/// (its 发布日期 the report's own, `date`: the keyed report's publication date, or none).
fn info_boxes(title: &str, date: Option<&str>) -> Vec<(&'static str, String)> {
    let date = date.map_or(String::new(), |d| format!("{d} 17:44:04"));
    vec![
        (
            "pipe rows",
            format!("| 标 题 | {title} | ||\n| 索引号 | 000014349/2024-00459 | 文 号 | |\n| 发布机构 | 发布日期 | {date} | |"),
        ),
        (
            "pipe rows without the opening border",
            format!("标 题 | {title} | ||\n索引号 | 000014349/2024-00469 | 文 号 | |"),
        ),
        (
            "padded with spaces",
            format!("标      题 {title}\n索引号 000014349/2024-00600 文      号\n发布机构 发布日期 {date}"),
        ),
        (
            "the record's rows first",
            format!("索 引 号 | 0142581323/2025-00001 | 分 类 | 科技、教育/教育 / 报告 |\n发布机构 | 办公室 | 发文日期 | {date} |\n标 题 | {title} | ||\n文 号 | 无〔〕号 | 主 题 词 | |\n时 效 | 有效 |"),
        ),
        (
            "tab cells",
            format!("标题\t{title}\t索引号\t000014349/2024-00162\n发布机构\t\t发布日期\t{date}"),
        ),
    ]
}

/// The keyed report's title as its template document prints it.
fn title_of(k: &Keyed) -> String {
    template_document(k)
        .into_iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(t),
            _ => None,
        })
        .unwrap_or_default()
}

#[test]
fn a_title_in_a_crawled_info_box_names_the_agency() {
    let plain_preambles =
        std::cell::RefCell::new(std::collections::HashMap::<String, Option<String>>::new());
    assert_variants_keep_facts(
        90,
        |k| {
            let title = title_of(k);
            let body = untitled(k, vec![]);
            let mut out = Vec::new();
            let boxes = info_boxes(&title, k.key["published"].as_str());
            for (i, (form, box_rows)) in boxes.into_iter().enumerate() {
                // The box alone names the report, or the page prints the title again under it.
                out.push(Variant::new(
                    "v.txt",
                    format!("{form}, the title only in the box"),
                    format!("{box_rows}\n{}", as_text(&body)),
                ));
                // (One line again, and the page's form, for the first box: the others differ
                // from it only in the box.)
                if i == 0 {
                    let mut titled = vec![Block::Title(title.clone())];
                    titled.extend(untitled(k, vec![]));
                    out.push(Variant::new(
                        "v.txt",
                        format!("{form}, the title again under the box"),
                        format!("{box_rows}\n{}", as_text(&titled)),
                    ));
                    out.push(Variant::new(
                        "v.html",
                        format!("{form} as a page's text, the title only in the box"),
                        html(&body).replacen(
                            "<body>\n",
                            &format!("<body>\n<pre>{box_rows}</pre>\n"),
                            1,
                        ),
                    ));
                }
                // …wrapped before its year, the agency on a line of its own.
                if let Some(at) = title.find(|c: char| c.is_ascii_digit()) {
                    let mut wrapped = vec![
                        Block::Title(title[..at].to_string()),
                        Block::Title(title[at..].to_string()),
                    ];
                    wrapped.extend(untitled(k, vec![]));
                    out.push(Variant::new(
                        "v.txt",
                        format!("{form}, the title again under the box, wrapped"),
                        format!("{box_rows}\n{}", as_text(&wrapped)),
                    ));
                }
            }
            out
        },
        |k, v, r| {
            assert_key_str(k, v, "agency", r.agency.as_deref());
            // The preamble is the report's preface alone: neither the box nor the title
            // printed again is in it.
            let preamble = |r: &Report| {
                r.sections
                    .iter()
                    .find(|s| s.kind == SectionKind::Preamble)
                    .map(|s| s.text.clone())
            };
            // (The document's own preamble, read once for all its variants.)
            let want = plain_preambles
                .borrow_mut()
                .entry(k.name.clone())
                .or_insert_with(|| {
                    let mut titled = vec![Block::Title(title_of(k))];
                    titled.extend(untitled(k, vec![]));
                    preamble(
                        &gongkai::report_from_bytes("v.txt", as_text(&titled).as_bytes()).unwrap(),
                    )
                })
                .clone();
            assert_eq!(preamble(r), want, "{} {}", k.name, v.label);
        },
    );
}

/// The page's header table crawled cell by cell above the article (a real 云县 township's page,
/// 2023): the title closed by its cell's border (`…年度报告 |`), a row of borders alone, the
/// source and date row, then the article's own title. The title printed again stood as the
/// report's preamble.
#[test]
fn a_header_tables_borders_leave_no_preamble_of_the_title_again() {
    let header = |title: &str, date: &str| {
        format!(
            "{title} |\n{}\n来源：县政府 作者： 时间：{date} 点击率：【 打印 】【 关闭 】 | {}\n",
            "|".repeat(60),
            "|".repeat(40)
        )
    };
    let mut made = 0;
    for k in common::keyed_reports() {
        let title = title_of(&k);
        let mut titled = vec![Block::Title(title.clone())];
        titled.extend(untitled(&k, vec![]));
        let plain = as_text(&titled);
        let date = k.key["published"].as_str().unwrap_or("2024-01-31");
        let kinds = |src: &str| -> Vec<_> {
            gongkai::report_from_bytes("v.txt", src.as_bytes())
                .unwrap()
                .sections
                .iter()
                .map(|s| s.kind)
                .collect()
        };
        assert_eq!(
            kinds(&format!("{}{plain}", header(&title, date))),
            kinds(&plain),
            "{}",
            k.name
        );
        made += 1;
    }
    assert!(made >= 10, "{made} reports");
}

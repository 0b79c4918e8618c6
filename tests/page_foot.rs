//! A page's foot after the report, where no sign-off ends the report before it: the links to the
//! pages before and after, its editor, its counters, its tool bar, its share and follow prompts,
//! its links to the report's files and a wiki mirror's link lists. Crawled pages keep these lines after the report's last words;
//! before, they became the text of its last part (六, or 五 where a crawl stops there).

use crate::common;

use common::{text_reports, TEXT_FORMS};
use gongkai::ingest::normalize::normalize_str;
use gongkai::parse::chrome::is_chrome;

/// Page feet as crawls of government sites (and of a wiki mirror) print them, one line each.
const FEET: &[&[&str]] = &[
    &[
        "上一篇：关于某某的通知",
        "下一篇：没有了",
        "责任编辑：张三",
        "【打印】 【关闭】",
    ],
    &[
        "相关文章",
        "阅读量：1234",
        "分享：",
        "扫一扫",
        "[ 打印本页 ] [ 关闭窗口 ]",
    ],
    &[
        "（责任编辑：王某）",
        "编辑：李四",
        "审核：王五",
        "发布人：admin",
    ],
    &[
        "更多精彩内容欢迎扫描下方二维码关注某区！",
        "打印 关闭",
        "网站纠错",
    ],
    &["相关词条", "热门词条", "联络我们"],
    &["年报全文.pdf", "统计表.xlsx（35KB）", "下载：年报.DOCX"],
];

#[test]
fn a_page_foot_after_the_report_is_no_part_of_it() {
    let reports = text_reports(TEXT_FORMS, true);
    assert!(reports.len() >= 10, "{} reports", reports.len());
    for (file, text) in &reports {
        let before = gongkai::report_from_bytes(file, text.as_bytes()).unwrap();
        for foot in FEET {
            let shaped = with_foot(file, text, foot);
            let after = gongkai::report_from_bytes(file, shaped.as_bytes()).unwrap();
            assert_eq!(
                after.sections.len(),
                before.sections.len(),
                "{file}: {foot:?}"
            );
            for (a, b) in after.sections.iter().zip(&before.sections) {
                assert_eq!(a, b, "{file}: the foot {foot:?} changed a section");
            }
            assert_eq!(after.problems, before.problems, "{file}: {foot:?}");
            assert_eq!(after.agency, before.agency, "{file}: {foot:?}");
        }
    }
}

/// The report with the foot after it: lines after a text's last, a line's element each before
/// a page's `</body>` (or `</html>`, or its end).
fn with_foot(file: &str, text: &str, foot: &[&str]) -> String {
    if file.ends_with(".html") {
        let at = text
            .rfind("</body>")
            .or_else(|| text.rfind("</html>"))
            .unwrap_or(text.len());
        let lines: String = foot.iter().map(|l| format!("<p>{l}</p>\n")).collect();
        format!("{}{lines}{}", &text[..at], &text[at..])
    } else {
        format!("{}\n{}\n", text.trim_end(), foot.join("\n"))
    }
}

/// The counters and prompts are chrome only as a page prints them, with their colon or alone on
/// their line: prose a PDF wrapped before the same words stays the report's.
#[test]
fn prose_opening_with_a_foot_word_stays_text() {
    for line in [
        "点击量达120万次，访问人数显著增加。",
        "阅读量突破10万人次。",
        "扫一扫即可查询办事指南。",
        "相关文件均已在网站公开。",
        "上一篇文章发布后，群众反响良好。",
        "编辑制作政策解读图解10期。",
        "网址为www.example.gov.cn，欢迎访问",
        "附件1.统计表",
        "全年发布信息2.5万条",
    ] {
        assert!(
            !is_chrome(&normalize_str(line)),
            "{line} was read as chrome"
        );
    }
    for line in FEET.iter().flat_map(|f| f.iter()) {
        assert!(is_chrome(&normalize_str(line)), "{line}");
    }
}

//! Unit tests of the outline: headings found, classified and accepted on small texts.

use super::*;

/// The automaton gives what a substring search per word gives, on every line of the
/// shipped reports and on the subject words themselves.
#[test]
fn subjects_by_automaton_as_by_substring_search() {
    let naive = |title: &str| -> Option<SectionKind> {
        SUBJECTS
            .iter()
            .find(|(_, alts)| {
                alts.iter()
                    .any(|need| need.iter().all(|n| title.contains(n)))
            })
            .map(|(kind, _)| *kind)
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut lines: Vec<String> = SUBJECTS
        .iter()
        .flat_map(|(_, alts)| alts.iter().map(|need| need.concat()))
        .collect();
    for e in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        lines.extend(String::from_utf8_lossy(&bytes).lines().map(str::to_string));
    }
    assert!(lines.len() > 1000);
    let mut named = 0;
    for l in &lines {
        assert_eq!(classify(l), naive(l), "{l}");
        named += classify(l).is_some() as usize;
    }
    assert!(named > 50, "{named}");
}

#[test]
fn a_wrapped_sentence_that_reads_like_a_title_is_no_heading() {
    use SectionKind::*;
    // A narrow page wraps the preface so that a piece of it names 五 and 六: on its own line,
    // short, no punctuation — but the line before stops on 、, and it stops on 的.
    let preface = "本年度报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情\n况、因政府信息公开工作被申请行政复议和提起行政诉讼情况、\n{LINE}\n事项。\n一、总体情况\n本年公开信息12条。\n二、主动公开政府信息情况\n规章\t0\t0\t0\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。";
    let want = vec![Preamble, Overview, DisclosureTable, Problems, Other];
    for line in [
        "政府信息公开工作存在的主要问题及改进情况及其他需要报告的",
        "政府信息公开工作存在的主要问题及改进情况",
    ] {
        assert_eq!(kinds(&preface.replace("{LINE}", line)), want, "{line}");
    }
    // A full line of the paragraph after another, the line before stopping mid-word.
    let wrapped = "本年度报告全文包括总体情况、主动公开政府信息情况、收到和处理政府信\n息公开申请情况、因政府信息公开工作被申请行政复议和提起行\n政诉讼情况、政府信息公开工作存在的主要问题及改进情况\n及其他需要报告的事项。\n一、总体情况\n本年公开信息12条。\n二、主动公开政府信息情况\n规章\t0\t0\t0\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。";
    assert_eq!(kinds(wrapped), want);
    // A short title after a finished sentence, or after a paragraph break, stays a heading.
    assert_eq!(
        kinds("前言到此结束。\n总体情况\n本年公开信息12条。\n存在的主要问题及改进情况\n无。"),
        vec![Preamble, Overview, Problems]
    );
    // A heading's marker wrapped onto the line before it: the title still heads its part.
    assert_eq!(
        kinds("前言到此结束。\n总体情况\n本年公开信息12条，完善相关制度规定。六、\n其他需要报告的事项无其他需要报告的事项"),
        vec![Preamble, Overview, Other]
    );
    assert_eq!(
        kinds("列举如下：甲、乙、\n\n总体情况\n本年公开信息12条。"),
        vec![Preamble, Overview]
    );
}

/// A heading long enough to be a full line, after a table's last row (cells, a figure and its
/// unit at the end), heads its part: the row is no paragraph the heading could continue.
#[test]
fn a_long_heading_after_a_table_row_is_a_heading() {
    use SectionKind::*;
    let report = "前言到此结束。\n第一部分 总体情况\n本年公开信息12条。\n第二部分 主动公开政府信息情况\n规章\t0\t0\t0\n{ROW}\n第三部分 收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\t1\t0\t0\t0\t0\t0\t1\n第五部分 政府信息公开工作存在的主要问题及改进情况\n无。";
    let want = vec![Preamble, Overview, DisclosureTable, RequestsTable, Problems];
    for row in [
        "政府集中采购\t6\t251000元",
        "政府集中采购 6 251000元",
        "第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购\t6\t251000元",
    ] {
        assert_eq!(kinds(&report.replace("{ROW}", row)), want, "{row}");
    }
}

fn kinds(text: &str) -> Vec<SectionKind> {
    let text = &crate::ingest::normalize::normalize_str(text);
    outline(text).sections.iter().map(|s| s.kind).collect()
}

#[test]
fn run_in_and_unnumbered_headings() {
    use SectionKind::*;
    let t = "2023年政府信息公开工作年度报告(某局)\n本年报根据条例编制。\n总体情况\n概述。\n主动公开  拓宽公开渠道。\n（二）依申请公开  收到1件。\n主动公开政府信息情况\n规章\n0\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n（一）主要问题。1.少。\n六、其他需要报告的事项\n无。";
    assert_eq!(
        kinds(t),
        vec![
            Preamble,
            Overview,
            Proactive,
            OnRequest,
            DisclosureTable,
            ReviewLitigationTable,
            Problems,
            Other
        ]
    );
    // Every heading glued to the text before and after it, in one line.
    let glued = "某区2021年政府信息公开工作年度报告根据《条例》编制完成了本报告。一、总体情况2021年，我区扎实推进政务公开。(一)主动公开方面。按照要求公开信息120条。(二)依申请公开情况2021年共收到申请12件。(三)政府信息管理一是规范发布流程。(四)政府信息公开平台建设我区门户网站运行平稳。(五)监督保障方面。开展培训2次。二、主动公开政府信息情况第二十条第(一)项规章 0 0 0三、收到和处理政府信息公开申请情况(本列数据的勾稽关系为：第一项加第二项之和)一、本年新收政府信息公开申请数量 12 0 0 0 0 0 12四、政府信息公开行政复议、行政诉讼情况 0 0 0 0 0五、存在的主要问题及改进情况一是公开深度不够。六、其他需要报告的事项无。";
    assert_eq!(
        kinds(glued),
        vec![
            Preamble,
            Overview,
            Proactive,
            OnRequest,
            Management,
            Platforms,
            Oversight,
            DisclosureTable,
            RequestsTable,
            ReviewLitigationTable,
            Problems,
            Other
        ]
    );
    let text = crate::ingest::normalize::normalize_str(glued);
    let titles: Vec<String> = outline(&text)
        .sections
        .iter()
        .filter_map(|s| s.title.clone())
        .collect();
    assert_eq!(
        titles,
        [
            "一、总体情况",
            "(一)主动公开方面",
            "(二)依申请公开情况",
            "(三)政府信息管理",
            "(四)政府信息公开平台建设",
            "(五)监督保障方面",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项"
        ]
    );
    // The pre-2019 layout in an older phrasing: told by subject, its 二 is proactive prose.
    let old = "某县2010年政府信息公开工作年度报告\n本报告根据条例编制。\n一、概述\n全年工作有序。\n二、主动公开政府信息的情况\n全年公开信息300条。\n三、依申请公开政府信息和不予公开政府信息的情况\n受理申请5件。\n四、政府信息公开收费及减免情况\n未收费。\n五、行政复议和行政诉讼情况\n无。\n六、存在的主要问题和改进措施\n一是更新不及时。\n七、其他需要报告的事项\n无。";
    assert_eq!(
        kinds(old),
        vec![
            Preamble,
            Overview,
            Proactive,
            OnRequest,
            OnRequest,
            ReviewLitigationTable,
            Problems,
            Other
        ]
    );
    let norm = crate::ingest::normalize::normalize_str(old);
    assert!(outline(&norm).pre2019);
    let one_line = "标题\n==== 正文 ====\n某区2019年政府信息公开工作年度报告 根据条例。一、总体情况2019年，我区。（二）主要做法1.加强。二、主动公开政府信息情况 第二十条规章000三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量230 000023三、本年度办理结果 四、结转下年度继续办理 0 0 四、政府信息公开行政复议、行政诉讼情况000 五、存在的主要问题及改进情况一是少。六、其他需要报告的事项 无";
    assert_eq!(
        kinds(one_line),
        vec![
            Preamble,
            Overview,
            DisclosureTable,
            RequestsTable,
            ReviewLitigationTable,
            Problems,
            Other
        ]
    );
}

/// Headings run into their text: an unnumbered 总体情况 before its year (the spaces
/// between them are normalised away), a subsection whose text names another subject
/// (门户网站 is 平台建设's), a subsection before its text's 一是.
#[test]
fn headings_run_into_their_text() {
    use SectionKind::*;
    let text = "某局2023年政府信息公开工作年度报告\n本年报根据《条例》编制。\n\
        总体情况  2023年，我局认真贯彻落实《条例》。\n\
        （一）主动公开方面2019年，通过门户网站、政府公报等平台主动公开规章13件。\n\
        （二）依申请公开  全年收到申请3件。\n\
        （五）强化监督保障一是严格落实信息发布审核制度。\n";
    let doc = crate::ingest::Document::from_bytes("r.txt", text.as_bytes()).unwrap();
    let kinds: Vec<SectionKind> = outline(&doc.text).sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [Preamble, Overview, Proactive, OnRequest, Oversight]);
}
/// Each section after the first is `want`'s: its kind, its title and its text's first `bytes`
/// bytes (all of a shorter text).
fn assert_titles_and_openings(text: &str, bytes: usize, want: &[(SectionKind, &str, &str)]) {
    let report = crate::report_from_bytes("r.txt", text.as_bytes()).unwrap();
    let got: Vec<(SectionKind, &str, &str)> = report
        .sections
        .iter()
        .skip(1)
        .map(|s| {
            (
                s.kind,
                s.title.as_deref().unwrap_or(""),
                s.text.get(..bytes).unwrap_or(&s.text),
            )
        })
        .collect();
    assert_eq!(got, want);
}

/// A title run into its text ends at its closing word and a whole tail of it: the first
/// characters of the text (进一步, 及时) are the text's.
#[test]
fn run_in_titles_keep_their_text() {
    let text = "某局2023年政府信息公开工作年度报告\n一、总体情况\n\
        （三）政府信息管理方面进一步规范信息发布。\n\
        （四）平台建设方面及时更新网站。\n\
        五、存在的主要问题及改进情况存在问题少。\n\
        六、其他需要报告的事项。无。\n";
    use SectionKind::*;
    assert_titles_and_openings(
        text,
        9,
        &[
            (Management, "(三)政府信息管理方面", "进一步"),
            (Platforms, "(四)平台建设方面", "及时更"),
            (Problems, "五、存在的主要问题及改进情况", "存在问"),
            (Other, "六、其他需要报告的事项", "无。"),
        ],
    );
}

/// A heading sentence closed by its 。 at the start of its line is the title whole, where it
/// reads as one (short, no comma, no figure): `政府信息。` was the text's first words; one with
/// a comma is cut at its closing word as before, the comma no part of the text (hunt 40).
#[test]
fn a_heading_sentence_closed_by_its_stop_is_the_title() {
    let text = "某委2022年政府信息公开工作年度报告\n一、总体情况\n本委坚持依法公开。\n\
        （一）主动公开政府信息。全年共发布信息220多篇。\n\
        （二）依申请公开工作有序推进。全年未收到申请。\n\
        （三）政府信息管理方面，全年规范发布信息。\n\
        （四）平台建设。依托门户网站发布信息。\n";
    use SectionKind::*;
    assert_titles_and_openings(
        text,
        12,
        &[
            (Proactive, "(一)主动公开政府信息", "全年共发"),
            (OnRequest, "(二)依申请公开工作有序推进", "全年未收"),
            (Management, "(三)政府信息管理方面", "全年规范"),
            (Platforms, "(四)平台建设", "依托门户"),
        ],
    );
}

/// A heading's number tells what its words leave open: 二、 worded as 主动公开 is table 二
/// when no heading of the table's own words follows; （一） worded as the table under 一 is
/// the subsection when the table's own heading follows. Headings worded otherwise
/// (基本情况, 其他需要说明的事项) count only with a top number.
/// A line that names the agency (a byline, a page's 来源) is no heading, whatever subject
/// words the name holds (医疗保障局, 市场监督管理局).
#[test]
fn bylines_are_no_headings() {
    use SectionKind::*;
    let body = "一、总体情况\n概述。\n五、存在的主要问题及改进情况\n一是少。";
    for byline in ["广州市医疗保障局", "（广州市医疗保障局　2023年1月29日）"]
    {
        let t = format!("广州市医疗保障局2022年度政府信息公开工作年度报告\n{byline}\n{body}");
        assert_eq!(kinds(&t), [Preamble, Overview, Problems], "{byline}");
    }
    // A page's labelled info line (a full-width colon as well as an ASCII one) is the page's:
    // in no section.
    for info in [
        "发布机构：遵义市市场监督管理局",
        "发布日期：2026-02-16来源：邵阳市医疗保障局",
        "发布机构:遵义市市场监督管理局",
    ] {
        let t = format!("广州市医疗保障局2022年度政府信息公开工作年度报告\n{info}\n{body}");
        assert_eq!(kinds(&t), [Overview, Problems], "{info}");
    }
    // A heading of those words stays one.
    let t = "一、总体情况\n概述。\n监督保障\n无。\n五、存在的主要问题及改进情况\n一是少。";
    assert_eq!(kinds(t), [Overview, Oversight, Problems]);
}

/// 五 and 六 printed the other way round: the problems are read still.
#[test]
fn problems_after_other_when_numbered_so() {
    use SectionKind::*;
    let head = "一、总体情况\n概述。\n四、政府信息公开行政复议、行政诉讼情况\n0\n";
    let t = format!("{head}五、其他需要报告的事项\n无。\n六、存在的主要问题及改进情况\n一是少。\n（二）其他\n无。");
    assert_eq!(
        kinds(&t),
        [Overview, ReviewLitigationTable, Other, Problems]
    );
    // Not without the next number: a problems heading after 六 is text of 六.
    let t = format!("{head}六、其他需要报告的事项\n无。\n五、存在的主要问题及改进情况\n一是少。");
    assert_eq!(kinds(&t), [Overview, ReviewLitigationTable, Other]);
}

/// White space between a heading's number and its words, as Word's list numbering pads it,
/// is no gap that ends the title.
#[test]
fn headings_padded_after_their_number() {
    use SectionKind::*;
    let t = "一、\u{a0}\u{a0}\u{a0}\u{a0} 总体情况\n概述。\n二、     工作机制保障\n设立小组。\n三、     政府信息管理\n规范管理。\n五、     存在的主要问题及改进情况\n一是少。";
    assert_eq!(kinds(t), [Overview, Oversight, Management, Problems]);
}

#[test]
fn numbers_tell_what_words_leave_open() {
    use SectionKind::*;
    let tail = "四、政府信息公开行政复议、行政诉讼情况\n五、存在的不足及改进措施\n一是少。\n六、其他需要说明的事项\n无。";
    let t = format!("一、基本情况\n概述。\n（一）主动公开政府信息情况\n公开1条。\n（二）依申请公开\n收到1件。\n二、主动公开政府信息情况\n规章\n0\n三、收到和处理政府信息公开申请情况\n{tail}");
    assert_eq!(
        kinds(&t),
        [
            Overview,
            Proactive,
            OnRequest,
            DisclosureTable,
            RequestsTable,
            ReviewLitigationTable,
            Problems,
            Other
        ]
    );
    let t = format!("一、总体情况\n概述。\n二、政府信息主动公开情况\n规章\n0\n三、依申请公开政府信息情况\n一、本年新收政府信息公开申请数量\n0\n{tail}");
    assert_eq!(
        kinds(&t),
        [
            Overview,
            DisclosureTable,
            RequestsTable,
            ReviewLitigationTable,
            Problems,
            Other
        ]
    );
    // Wrapped onto a second line, as a PDF prints a long heading.
    let t = "一、总体情况\n概述。\n二、主动公开政府\n信息情况\n规章\n0\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、\n行政诉讼情况\n0\n五、存在的主要问题及改进情况\n一是少。";
    let o = outline(&crate::ingest::normalize::normalize_str(t));
    let titles: Vec<(SectionKind, Option<&str>)> = o
        .sections
        .iter()
        .map(|s| (s.kind, s.title.as_deref()))
        .collect();
    assert_eq!(
        titles[1],
        (DisclosureTable, Some("二、主动公开政府信息情况"))
    );
    assert_eq!(
        titles[3],
        (
            ReviewLitigationTable,
            Some("四、政府信息公开行政复议、行政诉讼情况")
        )
    );
    // Unnumbered, the table's own words under the heading tell it.
    let t = "一、总体情况\n概述。\n（一）主动公开\n公开。\n（二）依申请公开\n收到。\n主动公开政府信息情况\n信息内容\n规章\n0\n依申请公开政府信息情况\n申请人情况\n一、本年新收政府信息公开申请数量\n1\n存在的主要问题及改进情况\n一是少。";
    assert_eq!(
        kinds(t),
        [
            Overview,
            Proactive,
            OnRequest,
            DisclosureTable,
            RequestsTable,
            Problems
        ]
    );
    // Tables numbered （一）…（三） after the report's six parts stay tables.
    let t = "一、总体情况\n概述。\n三、主动公开工作情况\n公开。\n六、政府信息公开平台建设\n网站。\n（一）主动公开政府信息情况\n规章\n0\n## 表二：主动公开政府信息情况\n规章\n0";
    assert_eq!(kinds(t), [Overview, Proactive, Platforms, DisclosureTable]);
    // An Arabic-numbered line in 一 far from 1 is a list item; one numbered so among
    // （二）…（五） is read as the heading its line is.
    let t = "一、总体情况\n（14）推进其他应主动公开的信息公开。全年公开100条。\n二、主动公开政府信息情况\n规章\n0";
    assert_eq!(kinds(t), [Overview, DisclosureTable]);
    let t = "一、总体情况\n概述。\n（1）全面做好主动公开\n公开1条。\n（二）依法规范依申请公开\n收到1件。\n二、主动公开政府信息情况\n规章\n0";
    assert_eq!(kinds(t), [Overview, Proactive, OnRequest, DisclosureTable]);
    // "其他" alone is table 三's column, not 六.
    assert_eq!(
        kinds("一、总体情况\n概述。\n其他\n0\n六、其他\n无。"),
        [Overview, Other]
    );
    assert_eq!(kinds("一、总体情况\n概述。\n其他\n0\n"), [Overview]);
}
/// The pre-2019 reports (平潭 2011–2018) print the statistics table, an attachment or the
/// sign-off right after their last part, on the same crawled line: the problems part, and
/// its last item, end before them (the improvements were read from the table's 1、2、).
#[test]
fn problems_end_where_the_table_attachment_or_sign_off_follows() {
    let head = "平潭县人民政府2011年政府信息公开工作年度报告 本报告由概述等五个部分组成。一、 概述 2011年工作稳步开展。二、主动公开政府信息情况 2011年主动公开政府信息425条。三、政府信息依申请公开工作情况 2011年全县未收到申请。 四、政府信息公开工作存在的主要问题及改进情况 仍存在一些不足。一是人员流动性大；二是属性界定不准确。因此，我们考虑从以下几个方面作进一步的改进： （一）深化公开内容。 （二）进一步规范政府信息公开行为 1、加强培训。 2、做好巡查。";
    for tail in [
        " 二○一二年二月二十日 平潭综合实验区政府信息公开情况统计表 指标名称 计量单位 2012年度 历年累计 主动公开信息数 条 739 4359 其中：1、网站公开 条 739 4359 2、政府公报公开 条 0 0",
        " 二○一二年二月二十日 附件1：平潭县人民政府2011年政府信息公开情况统计表 指标名称 计量单位",
        "五、政府信息公开情况统计表指标名称计量单位2018年度历年累计主动公开文件数条206912106其中：1.政府网站公开数条2069",
        " 平潭县人民政府办公室 2012年2月20日",
    ] {
        let r = crate::report_from_bytes("r.txt", format!("{head}{tail}").as_bytes()).unwrap();
        let p = r
            .sections
            .iter()
            .find(|s| s.kind == SectionKind::Problems)
            .unwrap();
        assert!(p.text.ends_with("2、做好巡查。"), "{tail}: {}", p.text);
        assert_eq!(r.problems.problems, ["人员流动性大", "属性界定不准确"]);
        assert_eq!(r.problems.improvements.len(), 2, "{tail}: {:?}", r.problems.improvements);
        assert!(r.problems.improvements[1].ends_with("做好巡查"), "{tail}");
    }
    // A date inside a sentence, or a table named in one, is text of the part.
    let inline = format!("{head} 2012年3月1日起施行新制度。详见统计表。");
    let r = crate::report_from_bytes("r.txt", inline.as_bytes()).unwrap();
    let p = r
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Problems)
        .unwrap();
    assert!(p.text.ends_with("详见统计表。"), "{}", p.text);
}

/// A problems heading that names the next year's plan too ("二、存在问题及下一步工作计划",
/// 平潭 2014) is the whole title; its text starts after it.
#[test]
fn problems_title_keeps_its_plan_tail() {
    let t = "关于2014年政府信息公开工作要点落实情况的函 省政府办公厅： 现将我区2014年政府信息公开工作要点落实情况函告如下： 一、2014年政府信息公开工作情况 （一）全面深化政府信息公开工作。一是扎实推进主动公开。 二、存在问题及下一步工作计划 目前仍存在一些不足。一是人员流动性大；二是属性界定不准确。因此，我区计划从以下几个方面作进一步的改进： （一）深化公开内容。 （二）规范公开行为。";
    let r = crate::report_from_bytes("r.txt", t.as_bytes()).unwrap();
    let p = r
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Problems)
        .unwrap();
    assert_eq!(p.title.as_deref(), Some("二、存在问题及下一步工作计划"));
    assert!(p.text.starts_with("目前"), "{}", p.text);
    assert_eq!(r.problems.problems, ["人员流动性大", "属性界定不准确"]);
    assert_eq!(r.problems.improvements, ["深化公开内容", "规范公开行为"]);
}

/// Headings as WeChat articles and web editors print them, behind a symbol or an emoji
/// (◆（二）依申请公开, ### ◆(一)…, 。📌一、总体情况 in a one-line body): found as without it.
#[test]
fn headings_behind_a_decorating_symbol() {
    use SectionKind::*;
    let plain = "某局2023年政府信息公开工作年度报告\n根据条例编制。\n一、总体情况\n2023年，本局扎实推进政务公开。\n（一）主动公开  2023年主动公开信息120条。\n（二）依申请公开  2023年收到申请3件。\n（三）政府信息管理  规范发布流程。\n五、存在的主要问题及改进情况\n一是公开深度不够。\n六、其他需要报告的事项\n无。";
    let want = kinds(plain);
    assert_eq!(
        want,
        [Preamble, Overview, Proactive, OnRequest, Management, Problems, Other]
    );
    for deco in [
        "◆", "■", "● ", "▲", "★", "☆", "◇", "□", "▶", "► ", "✦", "🔹", "📌", "✅", "✔️",
    ] {
        let lines: Vec<String> = plain
            .lines()
            .map(|l| {
                if l.starts_with(['一', '五', '六', '（']) {
                    format!("{deco}{l}")
                } else {
                    l.to_string()
                }
            })
            .collect();
        assert_eq!(kinds(&lines.join("\n")), want, "{deco}");
        let md = plain.replace("\n（", &format!("\n### {deco}("));
        assert_eq!(kinds(&md), want, "markdown {deco}");
        // One line, the symbol right after a sentence end.
        let flat: String = lines.join("");
        assert_eq!(kinds(&flat), want, "one line {deco}");
    }
}

/// Two reports in one file (a binder of years, a listing page with two articles): the
/// first one ends where the second one's title starts, with a warning; nothing of the
/// second is added to the first one's last part, and it is not read instead of the first.
#[test]
fn a_second_report_ends_the_first() {
    let one = "某区{y}年政府信息公开工作年度报告\n根据条例编制。\n一、总体情况\n{y}年，本区扎实推进政务公开。\n二、主动公开政府信息情况\n规章\t0\t0\t0\n五、存在的主要问题及改进情况\n一是公开深度不够。二是队伍不稳。\n六、其他需要报告的事项\n无其他事项{y}。\n";
    let text = format!(
        "{}\n{}",
        one.replace("{y}", "2022"),
        one.replace("{y}", "2021")
    );
    let r = crate::report_from_bytes("r.txt", text.as_bytes()).unwrap();
    let other = r
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Other)
        .unwrap();
    assert_eq!(other.text.trim(), "无其他事项2022。");
    assert_eq!(r.year, Some(2022));
    assert!(
        r.warnings.iter().any(|w| w.contains("second report")),
        "{:?}",
        r.warnings
    );
    // Crawled into one line each, the same.
    let flat = format!(
        "{}{}",
        one.replace("{y}", "2022").replace('\n', ""),
        one.replace("{y}", "2021").replace('\n', " ")
    );
    let r = crate::report_from_bytes("r.txt", flat.as_bytes()).unwrap();
    let other = r
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Other)
        .unwrap();
    assert_eq!(other.text.trim(), "无其他事项2022。");
    // The first crawled into one line, the second laid out line by line after it: the first
    // is read (its title is no link listed before the second one's).
    let mixed = format!(
        "{}\n\n{}",
        one.replace("{y}", "2022").replace('\n', ""),
        one.replace("{y}", "2021")
    );
    let r = crate::report_from_bytes("r.txt", mixed.as_bytes()).unwrap();
    let other = r
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Other)
        .unwrap();
    assert_eq!(other.text.trim(), "无其他事项2022。");
    assert_eq!(r.year, Some(2022));
    // One report alone: no warning.
    let r = crate::report_from_bytes("r.txt", one.replace("{y}", "2022").as_bytes()).unwrap();
    assert!(!r.warnings.iter().any(|w| w.contains("second report")));
}
/// Headings letter-spaced (分散对齐) inside a body crawled into one line, with a space or an
/// ideographic space after each character, the table's first header glued after them.
#[test]
fn letter_spaced_headings_in_a_one_line_body() {
    use SectionKind::*;
    let body = "某区2021年政府信息公开工作年度报告根据《条例》编制完成了本报告。一、总体情况2021年，我区扎实推进政务公开。{2}第二十条第(一)项规章 0 0 0 三、收到和处理政府信息公开申请情况 一、本年新收政府信息公开申请数量 12 0 0 0 0 0 12 {4}行政复议结果维持结果纠正 0 0 0 0 0 五、存在的主要问题及改进情况一是公开深度不够。六、其他需要报告的事项无。";
    for sep in [" ", "\u{3000}"] {
        let spaced = |t: &str| {
            t.chars()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(sep)
        };
        let t = body
            .replace("{2}", &format!("二、 {}", spaced("主动公开政府信息情况")))
            .replace(
                "{4}",
                &format!("四、 {}", spaced("政府信息公开行政复议、行政诉讼情况")),
            );
        assert_eq!(
            kinds(&t),
            [
                Preamble,
                Overview,
                DisclosureTable,
                RequestsTable,
                ReviewLitigationTable,
                Problems,
                Other
            ],
            "{t}"
        );
    }
}

/// A heading glued to an e-mail address the text before it ends with (平潭 2017:
/// "电子邮箱：pzxxgkb＠163.com一、概述2017年…") is found as after a stop.
#[test]
fn heading_glued_after_an_address() {
    use SectionKind::*;
    let t = "平潭综合实验区2017年度政府信息公开工作年度报告 本报告由概述等六个部分组成。电子邮箱：pzxxgkb＠163.com一、概述2017年，我区不断深化公开内容。二、主动公开政府信息情况（一）主动公开政府信息的数量2017年全区主动公开政府信息2122条。三、政府信息依申请公开工作情况 2017年未收到有关政府信息公开申请。";
    assert_eq!(kinds(t), [Preamble, Overview, Proactive, OnRequest]);
}

/// 二 三 四 printed after 五 and 六: taken where they are printed, in that order, each once; 六
/// ends before the attachment line that follows it.
#[test]
fn tables_printed_after_six() {
    use SectionKind::*;
    let head = "某局2023年政府信息公开工作年度报告\n一、总体情况\n本局扎实推进政务公开。\n五、存在的主要问题及改进情况\n一是公开深度不够。\n六、其他需要报告的事项\n无。\n";
    let tables = "二、主动公开政府信息情况\n规章\t0\t0\t0\n三、收到和处理政府信息公开申请情况\n自然人\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n";
    let order = [
        Overview,
        Problems,
        Other,
        DisclosureTable,
        RequestsTable,
        ReviewLitigationTable,
    ];
    assert_eq!(kinds(&format!("{head}{tables}")), order);
    // Under an attachment line: 六 does not hold it.
    let text = format!("{head}附件：政府信息公开情况统计表\n{tables}");
    assert_eq!(kinds(&text), order);
    let text = crate::ingest::normalize::normalize_str(&text);
    let o = outline(&text);
    let other = o.sections.iter().find(|s| s.kind == Other).unwrap();
    assert_eq!(text[other.body.clone()].trim(), "无。");
    // Renumbered in the printed order.
    let renumbered = format!("{head}{tables}")
        .replace("五、存在", "二、存在")
        .replace("六、其他", "三、其他")
        .replace("四、政府信息公开行政", "六、政府信息公开行政")
        .replace("三、收到", "五、收到")
        .replace("二、主动", "四、主动");
    assert_eq!(kinds(&renumbered), order);
    // Only table 四 after 六: taken there.
    let text = "一、总体情况\n概述。\n二、主动公开政府信息情况\n规章\t0\t0\t0\n三、收到和处理政府信息公开申请情况\n自然人\n五、存在的主要问题及改进情况\n少。\n六、其他需要报告的事项\n无。\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n";
    assert_eq!(
        kinds(text),
        [
            Overview,
            DisclosureTable,
            RequestsTable,
            Problems,
            Other,
            ReviewLitigationTable
        ]
    );
}

/// What follows 六 after 一's heading again is a second report's (or a copy's): its tables and
/// parts are none of this report's, whatever this report lacks.
#[test]
fn tables_after_a_second_overview_are_no_late_tables() {
    use SectionKind::*;
    let text = "一、总体情况\n概述。\n五、存在的主要问题及改进情况\n少。\n六、其他需要报告的事项\n无。\n一、总体情况\n又一年。\n二、主动公开政府信息情况\n规章\t1\t1\t1\n三、收到和处理政府信息公开申请情况\n自然人\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n五、存在的主要问题及改进情况\n多。\n";
    assert_eq!(kinds(text), [Overview, Problems, Other]);
    // A report with its tables in place and a second one after it: the second one's table
    // headings are printed again, not read for this report's.
    let text = "一、总体情况\n概述。\n二、主动公开政府信息情况\n详见附件。\n五、存在的主要问题及改进情况\n少。\n六、其他需要报告的事项\n无。\n一、总体情况\n又一年。\n二、主动公开政府信息情况\n规章\t1\t1\t1\n";
    let text = crate::ingest::normalize::normalize_str(text);
    assert!(outline(&text).tables_again.is_empty());
}

/// 二 三 四 in their place saying in words that the tables are attached, the tables printed
/// after 六 under their own headings: the sections stay as printed, each table's figures are
/// where it is printed again, and 六 ends before them.
#[test]
fn tables_printed_again_after_six() {
    use SectionKind::*;
    let text = "一、总体情况\n概述。\n二、主动公开政府信息情况\n详见附件。\n三、收到和处理政府信息公开申请情况\n详见附件。\n四、政府信息公开行政复议、行政诉讼情况\n详见附件。\n五、存在的主要问题及改进情况\n少。\n六、其他需要报告的事项\n无。\n附件：政府信息公开情况统计表\n二、主动公开政府信息情况\n规章\t0\t0\t0\n三、收到和处理政府信息公开申请情况\n自然人\n四、政府信息公开行政复议、行政诉讼情况\n行政复议\n";
    assert_eq!(
        kinds(text),
        [
            Overview,
            DisclosureTable,
            RequestsTable,
            ReviewLitigationTable,
            Problems,
            Other
        ]
    );
    let text = crate::ingest::normalize::normalize_str(text);
    let o = outline(&text);
    let again: Vec<(SectionKind, &str)> = o
        .tables_again
        .iter()
        .map(|(k, r)| (*k, text[r.clone()].trim()))
        .collect();
    assert_eq!(
        again,
        [
            (DisclosureTable, "规章\t0\t0\t0"),
            (RequestsTable, "自然人"),
            (ReviewLitigationTable, "行政复议")
        ]
    );
    let other = o.sections.iter().find(|s| s.kind == Other).unwrap();
    assert_eq!(text[other.body.clone()].trim(), "无。");
}

/// 一's subsections numbered with circled digits ("①主动公开信息情况。2020年…") are the same
/// subsections as "（一）…": every shipped text report that numbers them （一）…（五） at the start
/// of a line keeps the same sections when they are renumbered ①…⑤. They were not markers,
/// and the five subsections were lost without a warning.
#[test]
fn circled_subsection_numbers() {
    assert_eq!(arabic_marker("①主动公开"), Some((Level::Sub, 3, Some(1))));
    assert_eq!(arabic_marker("⑤ 监督保障"), Some((Level::Sub, 3, Some(5))));
    assert_eq!(arabic_marker("⑴依申请公开"), Some((Level::Sub, 3, Some(1))));
    assert_eq!(arabic_marker("①"), None);
    assert_eq!(arabic_marker("①2020年"), None);
    let circled = ["①", "②", "③", "④", "⑤"].map(String::from);
    assert!(renumbered_alike(|n| circled[n].clone()) >= 1);
}

/// Subsections numbered in Arabic digits, as many reports number them ("1、主动公开", "1.",
/// "（1）"), are found as (一)–(五) are.
#[test]
fn arabic_subsection_numbers() {
    for form in ["{}、", "{}.", "{}．", "（{}）", "({})"] {
        let n = renumbered_alike(|n| form.replace("{}", &(n + 1).to_string()));
        assert!(n >= 1, "{form}: {n}");
    }
}

/// Every shipped text report whose 一 has subsections （一）–（五） at the start of their lines,
/// renumbered with `number(0..5)`, has the sections the original has; how many were renumbered.
fn renumbered_alike(number: impl Fn(usize) -> String) -> usize {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let kinds = |text: &str| -> Vec<SectionKind> {
        let r = crate::report_from_bytes("r.txt", text.as_bytes()).unwrap();
        r.sections.iter().map(|s| s.kind).collect()
    };
    let mut renumbered = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().and_then(|x| x.to_str()) != Some("txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let mut seen = 0;
        let marked: Vec<String> = text
            .lines()
            .map(|l| {
                let paren = ["（一）", "（二）", "（三）", "（四）", "（五）"];
                if let Some(rest) = paren.get(seen).and_then(|p| l.trim_start().strip_prefix(p)) {
                    let marked = format!("{}{rest}", number(seen));
                    seen += 1;
                    return marked;
                }
                l.to_string()
            })
            .collect();
        if seen < 5 {
            continue;
        }
        renumbered += 1;
        assert_eq!(
            kinds(&marked.join("\n")),
            kinds(&text),
            "{path:?} numbered {}",
            number(0)
        );
    }
    renumbered
}

/// A Word multilevel list numbers 一's subsections by their part (`1.1 主动公开情况`); a decimal
/// before a unit is a figure.
#[test]
fn decimal_subsection_numbers() {
    assert_eq!(arabic_marker("1.1主动公开"), Some((Level::Sub, 3, Some(1))));
    assert_eq!(
        arabic_marker("1.5 监督保障"),
        Some((Level::Sub, 3, Some(5)))
    );
    assert_eq!(arabic_marker("1.2、依申请"), Some((Level::Sub, 6, Some(2))));
    assert_eq!(arabic_marker("1.5万人次参加"), None);
    assert_eq!(arabic_marker("0.5万元"), None);
    assert_eq!(arabic_marker("1.0"), None);
}

/// Roman numerals typed in ASCII capitals number parts as Ⅰ…Ⅵ do; a bare letter does not.
#[test]
fn ascii_roman_part_numbers() {
    assert_eq!(marker("IV.政府信息公开"), Some((Level::Top, 3, Some(4))));
    assert_eq!(marker("VI、其他"), Some((Level::Top, 5, Some(6))));
    assert_eq!(marker("III．收到"), Some((Level::Top, 6, Some(3))));
    assert_eq!(marker("Ⅳ、政府"), Some((Level::Top, 6, Some(4))));
    assert_eq!(marker("IVa.政府"), None);
    assert_eq!(marker("I政府"), None);
}

/// A part's number above its title is a banner; a table's last cell there is not: table 四
/// printed a cell a line (blank lines between) ends on `5` right above 五's unnumbered title,
/// and the `5` stays table 四's (found by a review: before, it became the banner and the table
/// was lost). Under a banner style (every part so numbered) a bare number is the heading's.
#[test]
fn a_tables_last_cell_above_an_unnumbered_title_is_no_banner() {
    let table = (1..=15)
        .map(|i| if i == 15 { "5" } else { "0" })
        .collect::<Vec<_>>()
        .join("\n\n");
    let text = format!(
        "某局2023年政府信息公开工作年度报告\n\n总体情况\n\n略。\n\n政府信息公开行政复议、行政诉讼情况\n\n行政复议\n\n{table}\n\n存在的主要问题及改进情况\n\n略。\n"
    );
    assert!(text.contains("\n\n5\n\n存在的"));
    // Table 四's text as the outline ends it.
    let review_body = |text: &str| {
        let o = outline(text);
        let review = o
            .sections
            .iter()
            .find(|s| s.kind == SectionKind::ReviewLitigationTable)
            .unwrap();
        text[review.body.clone()].trim_end().to_string()
    };
    assert!(review_body(&text).ends_with('5'));
    // Under a banner style, a `5` after the table's last cell (3) is the heading's.
    let text = text
        .replace("\n总体情况", "\n1\n\n总体情况")
        .replace("\n政府信息公开行政复议", "\n4\n\n政府信息公开行政复议")
        .replace("\n\n5\n\n存在的", "\n\n3\n\n5\n\n存在的");
    assert!(review_body(&text).ends_with('3'));
}

/// A short line that says something did not happen is a sentence of its part, never a heading,
/// whatever subject words (table 四's) it repeats; with or without its full stop.
#[test]
fn a_sentence_saying_nothing_happened_is_no_heading() {
    use SectionKind::*;
    let t = "五、存在的主要问题及改进情况\n一是少。\n六、其他需要报告的事项\n（一）因政府信息公开申请行政复议、提起行政诉讼的情况\n全年未出现因政府信息公开申请行政复议、提起行政诉讼的情况。\n本年度没有因政府信息公开申请行政复议、提起行政诉讼的情况\n";
    assert_eq!(kinds(t), [Problems, Other]);
}

/// 一's first subsection worded as table 二 was before 2019 (`（一）政府信息主动公开情况`) is the
/// subsection where its siblings follow it, whatever follows 一 (here nothing: the tables printed
/// as pictures); a subsection's hard-wrapped line naming 主动公开 on its own is no part between
/// them. Tables numbered as subsections under 一 stay tables.
#[test]
fn a_subsection_worded_as_table_two_is_the_subsection_before_its_siblings() {
    use SectionKind::*;
    for first in ["（一）政府信息主动公开情况", "（一）主动公开政府信息情况。"]
    {
        let t = format!("一、总体情况\n略。\n{first}\n全年通过门户网站主动公开政府\n信息80条。\n（二）政府信息依申请公开情况\n全年收到申请1件。\n（三）政府信息管理情况\n略。\n五、存在的主要问题及改进情况\n一是少。\n");
        assert_eq!(
            kinds(&t),
            [Overview, Proactive, OnRequest, Management, Problems],
            "{first}"
        );
    }
    let t = "一、总体情况\n（一）主动公开政府信息情况\n第二十条第（一）项\n（二）收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量\n";
    assert_eq!(kinds(t), [Overview, DisclosureTable, RequestsTable]);
}

//! Shapes of section 五 (and 六) that the thirty-sixth hunt found read wrong in real crawled
//! reports (2009–2025: bureaus, townships, sub-districts, a development zone), each written from
//! every keyed report's own problems and asserted to give those problems, item for item, text for
//! text, while every other fact stays right:
//! - the improvements opened by a sentence about the time to come with no cue word (`在以后的
//!   工作中，我局将…`, `今后，…将…`, `下一年度，我局要…`, `我们在今年的工作中，将…`): the
//!   sentence was read into the last problem;
//! - `下步` for `下一步` (`(二)下步工作措施` on its line, `…，下步打算将…` opening a clause of
//!   the last problem): the problems were read as improvements, or the last one kept the plan;
//! - a problems' sub-heading on its own line (`(一)存在的问题`) and a `(二)` part without a cue
//!   word: every problem was read as an improvement;
//! - a single sentence naming the problems (`信息公开工作主要存在…等问题。`) was dropped as a
//!   sub-heading, and the improvement after it taken for the problem;
//! - the problems' sentence closing on the cue (`…都还需要在今后的工作中加以改进。` then `1、…`):
//!   the improvements were read as the problems and the problem was lost;
//! - problems separated by ASCII semicolons (`A;B;C等。`): one problem where there were three;
//! - a sentence of 六 that repeats table 四's subject (`全年未出现因政府信息公开申请行政复议、
//!   提起行政诉讼的情况。`) was read as table 四's heading and lost from 六.

use crate::common;

use common::{keyed_reports, regressions, score, with_section_body, Keyed};
use gongkai::model::{Report, SectionKind};

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// The problems numbered 一是…；二是… in one sentence (one problem: as it is).
fn in_one_sentence(ps: &[String]) -> String {
    if ps.len() == 1 {
        return format!("{}。", ps[0]);
    }
    let items: Vec<String> = ps
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}是{p}", NUMERALS[i]))
        .collect();
    format!("{}。", items.join("；"))
}

/// The problems numbered 一是… one a line.
fn one_a_line(ps: &[String]) -> String {
    if ps.len() == 1 {
        return format!("{}。", ps[0]);
    }
    let items: Vec<String> = ps
        .iter()
        .enumerate()
        .map(|(i, p)| format!("{}是{p}。", NUMERALS[i]))
        .collect();
    items.join("\n")
}

/// Section 五's body written in each shape, from the report's own problems.
fn shapes(ps: &[String]) -> Vec<(&'static str, String)> {
    let lead = "我局政府信息公开工作仍存在一些不足：";
    let mut out = vec![
        (
            "a later-work sentence",
            format!(
                "{lead}{}\n在以后的工作中，我局将继续抓好学习培训。",
                in_one_sentence(ps)
            ),
        ),
        (
            "今后 in the same paragraph",
            format!(
                "{lead}{}今后，我局将继续抓好学习培训。",
                in_one_sentence(ps)
            ),
        ),
        (
            "下一年度",
            format!(
                "{lead}{}\n下一年度，我局要健全工作机制。",
                in_one_sentence(ps)
            ),
        ),
        (
            "今年的工作中 in the same paragraph",
            format!(
                "{lead}{}我们在今年的工作中，将着力补齐短板。",
                in_one_sentence(ps)
            ),
        ),
        (
            "(二)下步工作措施",
            format!(
                "(一)存在的问题\n{}\n(二)下步工作措施\n健全工作机制。",
                one_a_line(ps)
            ),
        ),
        (
            "下步 opening a clause",
            format!(
                "存在的主要问题：{}，下步打算将加大公开力度。",
                in_one_sentence(ps).trim_end_matches('。')
            ),
        ),
        (
            "a sub-heading and no cue",
            format!(
                "(一)存在的问题\n{}\n(二)整改举措\n健全工作机制。",
                one_a_line(ps)
            ),
        ),
    ];
    // (Not where the first problem itself reads as a lead-in, "…问题，如…": split off by a
    // semicolon it loses that head, as it does split by "；".)
    if ps.len() >= 2 && !ps.iter().any(|p| p.contains([';', '；'])) && !ps[0].contains("，如") {
        out.push((
            "ASCII semicolons",
            format!(
                "工作中存在以下主要问题:{}。改进措施:抓好学习培训。",
                ps.join(";")
            ),
        ));
    }
    out
}

/// Each keyed report (text formats) whose problems the parser reads as its key counts them, its
/// parse and those problems.
fn reports_with_problems() -> Vec<(Keyed, Report, Vec<String>)> {
    keyed_reports()
        .into_iter()
        .filter(|k| !k.name.ends_with(".html"))
        .filter_map(|k| {
            let r = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
            let ps = r.problems.problems.clone();
            let want = k.key["problem_count"].as_u64()?;
            (want >= 1 && ps.len() as u64 == want).then_some((k, r, ps))
        })
        .collect()
}

/// `k`'s source with the body of its section `kind` replaced by `body`.
fn rewritten(k: &Keyed, r: &Report, kind: SectionKind, body: &str) -> Option<String> {
    let title = r.sections.iter().find(|s| s.kind == kind)?.title.clone()?;
    with_section_body(&k.source, r, kind, &title, body, false)
}

#[test]
fn problems_worded_as_real_reports_word_them_keep_their_items() {
    let mut failures = Vec::new();
    let mut made = 0;
    for (k, r, ps) in reports_with_problems() {
        for (shape, body) in shapes(&ps) {
            let Some(v) = rewritten(&k, &r, SectionKind::Problems, &body) else {
                continue;
            };
            made += 1;
            let got = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            if got.problems.problems != ps {
                failures.push(format!(
                    "{} {shape}: {:?}, want {ps:?}",
                    k.name, got.problems.problems
                ));
            }
            let lost = regressions(&k, &score(&got, &k.key));
            if !lost.is_empty() {
                failures.push(common::lost_line(&format!("{} {shape}", k.name), &lost));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(made >= 60, "{made} variants");
}

/// One sentence names the problems, or closes on the cue before a numbered list of measures:
/// that sentence is the one problem.
#[test]
fn a_sentence_naming_the_problems_is_the_problem() {
    let mut made = 0;
    for (k, r, ps) in reports_with_problems() {
        let first = &ps[0];
        if first.contains(['，', ',', '。']) {
            continue;
        }
        let named = format!("信息公开工作主要存在{first}等问题");
        let closed = format!("虽然工作取得了一定进展，但{first}等都还需要在今后的工作中加以改进");
        for (body, want) in [
            (
                format!("{named}。我们在今年的工作中，将着力补齐短板。"),
                &named,
            ),
            (
                format!("{closed}。\n1、健全工作机制。\n2、抓好学习培训。"),
                &closed,
            ),
        ] {
            let v = rewritten(&k, &r, SectionKind::Problems, &body).unwrap();
            let got = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
            assert_eq!(
                got.problems.problems,
                std::slice::from_ref(want),
                "{}",
                k.name
            );
            assert_eq!(
                got.problems.improvements.len(),
                1 + usize::from(want == &closed),
                "{}",
                k.name
            );
            made += 1;
        }
    }
    assert!(made >= 4, "{made} variants");
}

/// 六 listing what it has to report as (一)…(二)… with a sentence each; the last sentence repeats
/// table 四's subject words.
#[test]
fn sentences_of_the_other_part_stay_in_it() {
    let said = "全年未出现因政府信息公开申请行政复议、提起行政诉讼的情况。";
    let body = format!(
        "（一）政府信息公开的收费及减免情况\n全年未出现收费情况。\n（二）因政府信息公开申请行政复议、提起行政诉讼的情况\n{said}"
    );
    let mut made = 0;
    let mut failures = Vec::new();
    for k in keyed_reports()
        .into_iter()
        .filter(|k| !k.name.ends_with(".html"))
    {
        let r = gongkai::report_from_bytes(&k.name, k.source.as_bytes()).unwrap();
        let Some(v) = rewritten(&k, &r, SectionKind::Other, &body) else {
            continue;
        };
        made += 1;
        let got = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
        let other: String = got
            .sections
            .iter()
            .filter(|s| s.kind == SectionKind::Other)
            .map(|s| s.text.as_str())
            .collect();
        if !other.contains(said) {
            failures.push(format!("{}: 六 reads {other:?}", k.name));
        }
        let lost = regressions(&k, &score(&got, &k.key));
        if !lost.is_empty() {
            failures.push(common::lost_line(&k.name, &lost));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(made >= 12, "{made} variants");
}

/// The exact items of pingtan 2022's three problems written with a later-work sentence after them
/// and with (二)下步工作措施.
#[test]
fn pingtan_2022_keeps_its_three_problems() {
    let (k, r, ps) = reports_with_problems()
        .into_iter()
        .find(|(k, _, _)| k.name == "pingtan-2022.txt")
        .unwrap();
    assert_eq!(ps.len(), 3);
    assert_eq!(ps[2], "政策解读形式单一，缺少多个角度多种形式的解读");
    for (shape, body) in shapes(&ps) {
        let v = rewritten(&k, &r, SectionKind::Problems, &body).unwrap();
        let got = gongkai::report_from_bytes(&k.name, v.as_bytes()).unwrap();
        assert_eq!(got.problems.problems, ps, "{shape}");
        assert!(!got.problems.improvements.is_empty(), "{shape}");
    }
}

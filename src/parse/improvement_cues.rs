//! Where the improvement part of section 五 may start: the words that announce measures
//! (改进措施, 下一步, 针对上述问题…), a sentence about the next year, a sentence that opens on
//! the time to come (今后，我局将…; 在以后的工作中，我局将…; 下一年度，我乡要…).

use regex::Regex;
use std::sync::OnceLock;

/// Words that open the improvement part.
pub(super) const IMPROVEMENT_CUES: &[&str] = &[
    "改进措施",
    "改进情况",
    "改进方向",
    "整改措施",
    "整改情况",
    "下一步",
    // "下步打算", "下步工作措施"
    "下步",
    "将采取以下措施",
    "采取以下措施",
    "采取如下措施",
    "加以改进",
    "工作计划",
    "工作打算",
    "努力方向",
    "改进举措",
    // "2025年，将重点从以下方面做好改进：一是…" in the problems' own paragraph
    "做好改进",
];

/// Cues with a count or a year in them: "从以下三个方面作进一步的改进", "从以下几方面";
/// "针对上述问题".
fn cue_patterns() -> &'static [Regex] {
    static RE: OnceLock<Vec<Regex>> = OnceLock::new();
    RE.get_or_init(|| {
        [
            r"针对[^。；\n]{0,20}问题",
            r"从以下[两二三四五六七八九十几]{0,2}个?方面",
        ]
        .iter()
        .map(|p| Regex::new(p).unwrap())
        .collect()
    })
}

/// A sentence about the next year with no cue word, after the problems ("2015年，我区将进一步
/// 规范…"): a year later than the report's (when known) and than every year named before it,
/// then 将 within the clause. Where it starts, or `None`.
fn next_year_sentence(t: &str, report_year: Option<i32>) -> Option<usize> {
    static RE: OnceLock<Regex> = OnceLock::new();
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"(?:^|[。；！\n])\s*((\d{4})年(?:度)?[，,]?[^。；，,\n]{0,12}将)").unwrap()
    });
    let year = YEAR.get_or_init(|| Regex::new(r"(\d{4})年").unwrap());
    for c in re.captures_iter(t) {
        let m = c.get(1).unwrap();
        let y: u32 = c[2].parse().ok()?;
        let before = &t[..m.start()];
        if before.trim().is_empty() {
            continue;
        }
        let latest_before = year
            .captures_iter(before)
            .filter_map(|c| c[1].parse::<u32>().ok())
            .chain(report_year.and_then(|y| u32::try_from(y).ok()))
            .max();
        if latest_before.is_none_or(|b| y > b) {
            return Some(m.start());
        }
    }
    None
}

/// A sentence that opens on the time to come and says what will be done in it ("今后，我区将重点
/// 从三个方面…", "在以后的工作中，我局将继续…", "下一年度，我乡要完善…", "我们在今年的工作中，
/// 将进一步改进" in a report written early in the year after): where it starts, or `None`.
/// The verb must follow within the clause: "今年以来，…存在…" is no such sentence, nor is "主要"
/// or "需要" a verb of will.
fn future_sentence(t: &str) -> Option<usize> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(
            r"(?:^|[。；！\n])\s*([^。；！\n，,]{0,6}?在?(?:今后|以后|下一?步|下一?年度?|新的一年|明年|今年)[^。；！\n]{0,12}?(?:将|拟|计划|打算|[^主需重必只]要[^求]))",
        )
        .unwrap()
    });
    re.captures_iter(t)
        .map(|c| c.get(1).unwrap().start())
        .find(|&p| !t[..p].trim().is_empty())
}

/// Where a cue opens the improvements: at the start of its sentence, or, for "下一步" / "下步",
/// at the clause it opens when no sentence of problems comes before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CueStart {
    Sentence(usize),
    Clause(usize),
}

impl CueStart {
    fn at(self) -> usize {
        match self {
            CueStart::Sentence(p) | CueStart::Clause(p) => p,
        }
    }
}

/// Every cue's first place in `t`, earliest first.
pub(super) fn cue_starts(t: &str, year: Option<i32>) -> Vec<CueStart> {
    let mut cues: Vec<CueStart> = IMPROVEMENT_CUES
        .iter()
        .filter_map(|c| {
            // 下步 / 下一步 inside 以下步骤 or 上下步调 is no cue.
            let p = t
                .match_indices(c)
                .map(|(p, _)| p)
                .find(|&p| !c.starts_with('下') || !t[..p].ends_with(['以', '上']))?;
            Some(if c.starts_with('下') {
                CueStart::Clause(p)
            } else {
                CueStart::Sentence(p)
            })
        })
        .collect();
    cues.extend(
        cue_patterns()
            .iter()
            .filter_map(|re| re.find(t).map(|m| CueStart::Sentence(m.start()))),
    );
    // A sentence about the next year, with no cue word.
    cues.extend(next_year_sentence(t, year).map(CueStart::Sentence));
    cues.extend(future_sentence(t).map(CueStart::Sentence));
    cues.sort_unstable_by_key(|c| c.at());
    cues
}

#[cfg(test)]
mod tests {
    #[test]
    fn xia_bu_inside_other_words_is_no_cue() {
        let t = "一是上下步调不够一致；二是按以下步骤整改不及时。下步，我局将加强统筹。";
        let starts: Vec<usize> = cue_starts(t, None).iter().map(|c| c.at()).collect();
        assert_eq!(starts.first(), t.find("下步，").as_ref());
    }

    use super::*;

    #[test]
    fn a_sentence_about_the_time_to_come_opens_the_improvements() {
        for (t, want) in [
            ("公开不够及时。在以后的工作中，我局将继续改进。", "在以后"),
            ("公开不够及时。今后，我区将重点抓好培训。", "今后"),
            ("公开不够及时。\n下一年度，我乡要完善机制。", "下一年度"),
            (
                "公开不够及时。我们在今年的工作中，将着力补齐短板。",
                "我们在今年",
            ),
        ] {
            let p = future_sentence(t).unwrap_or_else(|| panic!("{t}"));
            assert!(t[p..].starts_with(want), "{t}: {}", &t[p..]);
        }
    }

    #[test]
    fn no_will_no_sentence_about_the_time_to_come() {
        for t in [
            "工作稳步推进。今年以来，全镇公开工作主要存在薄弱环节。",
            "工作稳步推进。今年需要进一步加强培训。",
            "均有待今后予以高度重视并加以解决。",
            "今后，我局将继续抓好培训。",
        ] {
            assert_eq!(future_sentence(t), None, "{t}");
        }
    }

    #[test]
    fn xiabu_opens_a_clause() {
        let t = "主要问题是内容不够全面，下步打算将扩大公开内容。";
        let p = t.find("下步").unwrap();
        assert!(cue_starts(t, None).contains(&CueStart::Clause(p)));
    }
}

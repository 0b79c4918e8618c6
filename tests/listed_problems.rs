//! Problems a report lists as the examples of one sentence rather than numbers them: after a
//! lead-in (`…仍存在一定差距。如A、B、C等。`, the real 洪泽 2023 PDF; `…仍存在一些不足，主要是：
//! A，B，C等。`, 洪泽 2024) or an intro colon (`主要存在问题：A，B，C。`, a real 2022 page), each
//! clause a whole problem ending on what is lacking (有待提高, 不足, 尚需完善 …). Before, the
//! lead-in and every problem were one item. A list of subjects sharing one predicate, or a clause
//! that goes on from the one before (`…认识不足，导致…滞后`), stays one problem.

/// guangzhou-ybj-2022 with its problems' sentence (一是…；二是…) replaced by `sentence`, and its
/// improvements opened by 下一步 (its own `2022年我局将…` names the report's year: no cue).
fn problems_of(sentence: &str) -> Vec<String> {
    let text = std::fs::read_to_string("corpus/guangzhou-ybj-2022.txt").unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("存在的主要问题:一是"))
        .unwrap();
    let variant = text
        .replace(line, &format!("  {sentence}"))
        .replace("2022年我局将围绕", "下一步，我局将围绕");
    let r = gongkai::report_from_bytes("gz.txt", variant.as_bytes()).unwrap();
    r.problems.problems
}

const A: &str = "依申请公开工作规范性还有待提高";
const B: &str = "政务公开内容的深度和广度还有待提升";
const C: &str = "疑难问题协调处理机制尚需完善";

#[test]
fn examples_listed_after_a_lead_in_are_the_problems() {
    for sentence in [
        format!("2022年，我局政府信息公开工作取得一定的成效，但对照上级要求，仍存在一定差距。如{A}、{B}、{C}等。"),
        format!("2022年，我局政府信息公开工作虽取得一定成绩，但仍存在一些不足，主要是：{A}，{B}，{C}等。"),
        format!("我局政府信息公开工作，主要存在问题：{A}，{B}，{C}。"),
        format!("我局政府信息公开工作运行状况较好，但也存在不足之处，如{A}，{B}，{C}。"),
    ] {
        assert_eq!(problems_of(&sentence), [A, B, C], "{sentence}");
    }
    // A clause saying a shortcoming still exists is one (a real 2021 page).
    let exists = "主要存在问题：信息公开的便民性还需进一步提高，培训和宣传力度还需加大，政府信息公开不全面、不完整的情况还一定程度存在。";
    assert_eq!(
        problems_of(exists),
        [
            "信息公开的便民性还需进一步提高",
            "培训和宣传力度还需加大",
            "政府信息公开不全面、不完整的情况还一定程度存在"
        ]
    );
}

#[test]
fn one_problem_with_clauses_stays_one() {
    // Subjects sharing one predicate.
    let shared = "2022年，我局工作仍存在一定差距，如政务公开、政策解读、关切回应等工作有待加强。";
    assert_eq!(
        problems_of(shared),
        ["政务公开、政策解读、关切回应等工作有待加强"]
    );
    // A clause going on from the one before (suining 2020's problem, after an intro colon).
    let goes_on = "存在的主要问题：政务信息公开责任传导有待进一步加强，个别股室对政务信息及时公开的认识不足，导致相关工作相对滞后。";
    assert_eq!(problems_of(goes_on).len(), 1);
    // A clause that names no lack.
    let plain = "主要存在问题：信息公开的便民性还需进一步提高，培训和宣传工作按计划开展。";
    assert_eq!(problems_of(plain).len(), 1);
}

#[test]
fn taishan_2021_lists_two_problems_as_examples() {
    // The shipped report: "…但也存在不足之處,如政策解讀的質量和時效有待進一步提高,依申請公開答覆
    // 規範性有待加強。" (traditional characters, read simplified).
    let r = gongkai::load_report(std::path::Path::new("corpus/taishan-ybj-2021.txt")).unwrap();
    assert_eq!(
        r.problems.problems,
        [
            "政策解读的质量和时效有待进一步提高",
            "依申请公开答复规范性有待加强"
        ]
    );
}

//! Metamorphic tests of character normalisation: every keyed report (`corpus/` with
//! `tests/expected/`, and the pdftotext extractions of `../shared/corpus-pdf` where present) is
//! rewritten the way real reports differ in characters alone, and every fact right on the
//! original must stay right and no fact may become wrong:
//!
//! - simplified → traditional as OpenCC writes it (s2t, s2tw, s2twp with Taiwan vocabulary,
//!   s2hk), by the `ferrous-opencc` crate, an implementation independent of ours;
//! - an invisible character between the digits of every number and the characters of every
//!   word (U+2060, U+200E, U+2061, U+180E, U+FE0F, U+200B, U+00AD);
//! - every space a no-break space;
//! - the decimal digits of other scripts (Arabic-Indic, mathematical bold);
//! - and, where no fact may become wrong but some may go missing, a character that cannot be
//!   read away between the digits of every number (U+FFFD, '?', U+0301, '·', 'O').
//!
//! (Full-width digits and ideographic or no-break indents of text reports are in
//! `tests/metamorphic.rs`.)
//!
//! HTML is rewritten in its text only (not in tags or character references). Run with
//! `--nocapture` for a score per report and variant.

use crate::common;

use common::{read_key, score, shared_pdf_dir, Score};
use ferrous_opencc::{config::BuiltinConfig, OpenCC};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A keyed report: its file and its key.
fn keyed_reports() -> Vec<(PathBuf, Value)> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files {
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        out.push((
            f,
            read_key(&root.join(format!("tests/expected/{stem}.json"))),
        ));
    }
    if let Some(dir) = shared_pdf_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("text"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            // huaian-city-2024.layout.txt → huaian-city-2024
            let name = f.file_name().unwrap().to_string_lossy().to_string();
            let stem = name.split('.').next().unwrap().to_string();
            let key = dir.join(format!("expected/{stem}.json"));
            if key.is_file() {
                out.push((f, read_key(&key)));
            }
        }
    } else {
        eprintln!("../shared/corpus-pdf absent: only the shipped corpus");
    }
    out
}

/// Apply `f` to the text of a report: all of it, or for HTML the text between tags, character
/// references kept as they are.
fn map_text(src: &str, html: bool, f: &dyn Fn(&str) -> String) -> String {
    if !html {
        return f(src);
    }
    let mut out = String::with_capacity(src.len() * 2);
    let mut run = String::new();
    let mut rest = src;
    while let Some(c) = rest.chars().next() {
        let opaque = match c {
            '<' => rest.find('>').map(|e| e + 1),
            '&' => rest[1..]
                .find(';')
                .filter(|&e| {
                    e <= 10
                        && rest[1..1 + e]
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '#')
                })
                .map(|e| e + 2),
            _ => None,
        };
        match opaque {
            Some(n) => {
                out.push_str(&f(&run));
                run.clear();
                out.push_str(&rest[..n]);
                rest = &rest[n..];
            }
            None => {
                run.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out.push_str(&f(&run));
    out
}

fn is_han(c: char) -> bool {
    gongkai::ingest::normalize::is_han(c)
}

/// `inv` between two digits and between two Han characters.
fn insert_between(s: &str, inv: char) -> String {
    insert(s, inv, true)
}

/// `c` between two digits, and when `han` between two Han characters.
fn insert(s: &str, inv: char, han: bool) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if let Some(p) = prev {
            if (p.is_ascii_digit() && c.is_ascii_digit()) || (han && is_han(p) && is_han(c)) {
                out.push(inv);
            }
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

fn digits_from(s: &str, zero: char) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32(zero as u32 + d).unwrap(),
            _ => c,
        })
        .collect()
}

/// Facts right on the original that the variant lost or got wrong, and facts it got wrong.
fn regressions(original: &Score, variant: &Score) -> Vec<String> {
    let now_right: BTreeSet<&String> = variant.right.iter().collect();
    let was_wrong: BTreeSet<&String> = original.wrong.iter().collect();
    let mut out: Vec<String> = original
        .right
        .iter()
        .filter(|f| !now_right.contains(f))
        .map(|f| {
            let why = variant
                .wrong
                .iter()
                .chain(&variant.missing)
                .find(|w| w.starts_with(f.as_str()))
                .unwrap_or(f);
            format!("lost   {why}")
        })
        .collect();
    out.extend(
        variant
            .wrong
            .iter()
            .filter(|w| !was_wrong.contains(w))
            .map(|w| format!("WRONG  {w}")),
    );
    out
}

/// Parse every keyed report and its variant by `f`; print the scores; fail on a fact that was
/// right and is not, or that becomes wrong (`lenient`: only on a fact that becomes wrong).
fn check_variant(name: &str, f: &dyn Fn(&str) -> String, lenient: bool) {
    let (mut failures, mut right, mut total, mut reports) = (Vec::new(), 0, 0, 0);
    for (path, key) in keyed_reports() {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(&path).unwrap();
        let source = String::from_utf8(bytes.clone()).expect("keyed reports are UTF-8");
        let original = score(&gongkai::report_from_bytes(&file, &bytes).unwrap(), &key);
        let text = map_text(&source, file.ends_with(".html"), f);
        let variant = score(
            &gongkai::report_from_bytes(&file, text.as_bytes()).unwrap(),
            &key,
        );
        eprintln!(
            "{name:<16} {file:<34} {:>3}/{:<3} right (original {:>3}), {} wrong, {} missing",
            variant.right.len(),
            variant.total(),
            original.right.len(),
            variant.wrong.len(),
            variant.missing.len()
        );
        reports += 1;
        right += variant.right.len();
        total += variant.total();
        let mut r = regressions(&original, &variant);
        if lenient {
            r.retain(|w| w.starts_with("WRONG"));
        }
        if !r.is_empty() {
            failures.push(format!("{name} × {file}:\n    {}", r.join("\n    ")));
        }
    }
    eprintln!(
        "{name:<16} all {reports} reports: {right}/{total} facts right, {} with regressions",
        failures.len()
    );
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn opencc(config: BuiltinConfig) -> impl Fn(&str) -> String {
    let cc = OpenCC::from_config(config).unwrap();
    move |s: &str| cc.convert(s)
}

#[test]
fn traditional_s2t() {
    check_variant("s2t", &opencc(BuiltinConfig::S2t), false);
}

#[test]
fn traditional_s2tw() {
    check_variant("s2tw", &opencc(BuiltinConfig::S2tw), false);
}

#[test]
fn traditional_taiwan_vocabulary_s2twp() {
    check_variant("s2twp", &opencc(BuiltinConfig::S2twp), false);
}

#[test]
fn traditional_s2hk() {
    check_variant("s2hk", &opencc(BuiltinConfig::S2hk), false);
}

macro_rules! invisible_tests {
    ($($name:ident => $c:literal),* $(,)?) => {
        $( #[test] fn $name() {
            check_variant(stringify!($name), &|s: &str| insert_between(s, $c), false);
        } )*
    };
}

invisible_tests! {
    word_joiner_2060 => '\u{2060}',
    left_to_right_mark_200e => '\u{200e}',
    function_application_2061 => '\u{2061}',
    mongolian_vowel_separator_180e => '\u{180e}',
    variation_selector_fe0f => '\u{fe0f}',
    zero_width_space_200b => '\u{200b}',
    soft_hyphen_00ad => '\u{ad}',
}

/// Characters as the radicals that look the same, as fonts of some word processors map them
/// (`⼀、总体情况`, `⼈⺠政府`): every character that is a Kangxi radical's NFKC form, and the
/// simplified characters of the CJK Radicals Supplement.
fn as_radicals(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut radical_of = std::collections::HashMap::new();
    for r in '\u{2f00}'..='\u{2fd5}' {
        let c: Vec<char> = r.to_string().nfkc().collect();
        radical_of.insert(c[0], r);
    }
    for (c, r) in [
        ('民', '⺠'),
        ('长', '⻓'),
        ('门', '⻔'),
        ('见', '⻅'),
        ('车', '⻋'),
        ('页', '⻚'),
        ('马', '⻢'),
        ('风', '⻛'),
        ('飞', '⻜'),
        ('贝', '⻉'),
        ('龙', '⻰'),
        ('齐', '⻬'),
        ('黄', '⻩'),
        ('青', '⻘'),
        ('西', '⻄'),
        ('鱼', '⻥'),
        ('鸟', '⻦'),
    ] {
        radical_of.insert(c, r);
    }
    s.chars()
        .map(|c| *radical_of.get(&c).unwrap_or(&c))
        .collect()
}

#[test]
fn radicals_in_place_of_characters() {
    check_variant("radicals", &as_radicals, false);
}

/// Characters as the CJK Compatibility Ideographs that stand for them (年 as U+F98E, 不 as
/// U+F967), as fonts of some PDF writers map them: each character that is a compatibility
/// ideograph's NFC form, as the first such ideograph.
fn as_compatibility_ideographs(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut form_of = std::collections::HashMap::new();
    for cp in 0xf900..=0xfad9u32 {
        let Some(f) = char::from_u32(cp) else {
            continue;
        };
        let c: Vec<char> = f.to_string().nfc().collect();
        if c.len() == 1 && c[0] != f {
            form_of.entry(c[0]).or_insert(f);
        }
    }
    s.chars().map(|c| *form_of.get(&c).unwrap_or(&c)).collect()
}

#[test]
fn compatibility_ideographs_in_place_of_characters() {
    check_variant("compatibility", &as_compatibility_ideographs, false);
}

#[test]
fn no_break_spaces() {
    check_variant("nbsp", &|s: &str| s.replace(' ', "\u{a0}"), false);
}

#[test]
fn arabic_indic_digits() {
    check_variant("arabic-indic", &|s: &str| digits_from(s, '\u{660}'), false);
}

#[test]
fn mathematical_bold_digits() {
    check_variant("math-bold", &|s: &str| digits_from(s, '\u{1d7ce}'), false);
}

/// A number with a character between its digits that no reader can take for nothing — a
/// character lost in decoding (U+FFFD, '?'), a combining accent, a middle dot (a decimal
/// point?) — is left out, never read as the digits before it: facts may go missing, none may
/// become wrong. (A letter O between a table's digits is OCR's 0, printed in its place, and is
/// read so: `tests/ocr_shapes.rs`.)
#[test]
fn unreadable_numbers_are_left_out_not_changed() {
    for c in ['\u{fffd}', '?', '\u{301}', '·'] {
        check_variant(
            &format!("unreadable {c:?}"),
            &|s: &str| insert(s, c, false),
            true,
        );
    }
}

#[test]
fn the_metamorphic_rewrites_do_what_they_say() {
    assert_eq!(
        insert_between("收到21件", '|'),
        "收|到21件".replace("21", "2|1")
    );
    assert_eq!(digits_from("第3条", '\u{660}'), "第\u{663}条");
    let html = "<td class=\"a1\">收到&nbsp;12&#160;件</td>";
    assert_eq!(
        map_text(html, true, &|s| insert_between(s, '|')),
        "<td class=\"a1\">收|到&nbsp;1|2&#160;件</td>"
    );
    assert_eq!(as_radicals("一、人民政府行政"), "⼀、⼈⺠政府⾏政");
    assert_eq!(
        as_compatibility_ideographs("2024年不"),
        "2024\u{f98e}\u{f967}"
    );
    assert_eq!(
        gongkai::ingest::normalize::normalize_str("⼀、⼈⺠政府⾏政⾨⻔"),
        "一、人民政府行政门门"
    );
    let s2twp = opencc(BuiltinConfig::S2twp);
    assert_eq!(s2twp("政府信息公开"), "政府資訊公開");
    assert_eq!(
        gongkai::ingest::normalize::normalize_str(&s2twp("无正当理由大量反复申请")),
        "无正当理由大量反复申请"
    );
}

/// The text itself reads back: simplified → traditional by OpenCC and back by us changes at most
/// one Han character in a thousand (OpenCC's own round trip is not exact: 复盘 → 覆盤 → 覆盘).
#[test]
fn traditional_text_reads_back_as_the_original() {
    let norm = gongkai::ingest::normalize::normalize_str;
    for (name, config) in [
        ("s2t", BuiltinConfig::S2t),
        ("s2tw", BuiltinConfig::S2tw),
        ("s2hk", BuiltinConfig::S2hk),
    ] {
        let cc = opencc(config);
        let (mut han, mut differ) = (0usize, Vec::new());
        for (path, _) in keyed_reports() {
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                let (a, b) = (norm(line), norm(&cc(line)));
                han += a.chars().filter(|&c| is_han(c)).count();
                if a.chars().count() != b.chars().count() {
                    differ.push(format!("{a} | {b}"));
                    continue;
                }
                for (i, (x, y)) in a.chars().zip(b.chars()).enumerate() {
                    if x != y {
                        let around: String = b.chars().skip(i.saturating_sub(3)).take(7).collect();
                        differ.push(format!("{x} → {y} in {around}"));
                    }
                }
            }
        }
        eprintln!(
            "{name}: {} of {han} Han characters differ: {differ:?}",
            differ.len()
        );
        assert!(differ.len() * 1000 <= han, "{name}: {differ:#?}");
    }
}

/// The Han string literals of the template (labels, variants, header words).
fn template_strings() -> Vec<String> {
    let src = include_str!("../src/model/template.rs");
    let mut out: Vec<String> = src
        .split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| s.chars().any(is_han) && !s.contains('\n'))
        .map(String::from)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Every label of the template, as OpenCC's s2twp writes it in Taiwan vocabulary, reads back
/// as the label. Where one does not (檔案 is 文件 in Taiwan but also 档案 in the mainland, so
/// no general rule maps it back), `data/t2s_template.txt` lists the label's Taiwan spelling;
/// this test prints the lines to add.
#[test]
fn template_labels_read_back_from_taiwan_vocabulary() {
    let (s2twp, s2t) = (opencc(BuiltinConfig::S2twp), opencc(BuiltinConfig::S2t));
    let norm = gongkai::ingest::normalize::normalize_str;
    let strings = template_strings();
    assert!(strings.len() > 100, "{}", strings.len());
    let missing: Vec<String> = strings
        .iter()
        .filter(|l| norm(&s2twp(l)) != norm(l))
        .map(|l| format!("{}\t{}", s2twp(l), s2t(l)))
        .collect();
    assert!(
        missing.is_empty(),
        "add to data/t2s_template.txt:\n{}",
        missing.join("\n")
    );
}

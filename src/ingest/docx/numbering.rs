//! The list numbers Word prints but does not store in the text: a heading `一、总体情况` whose
//! `一、` comes from the numbering part (`%1、` in Chinese counting) reads `总体情况` alone in
//! the document part. Each numbered paragraph is given the label Word would print for it.

use std::collections::HashMap;

use super::xml::Element;

/// One level of a list: where it starts, how its number is written and the label's pattern.
#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    pattern: String,
    legal: bool,
}

/// A list instance (`w:num`): its definition and the levels it restarts.
#[derive(Debug, Clone, Default)]
struct Instance {
    definition: String,
    overrides: Vec<(usize, u32)>,
}

/// A paragraph style's list (instance and level), and the style it is based on.
type StyleList = (Option<(String, usize)>, Option<String>);

/// The numbering definitions and styles of a document, and the counters as the paragraphs are
/// read in order.
#[derive(Debug, Default)]
pub struct Numbering {
    definitions: HashMap<String, Vec<Level>>,
    instances: HashMap<String, Instance>,
    /// Paragraph style → (numbering instance, level), and the style it is based on.
    styles: HashMap<String, StyleList>,
    counters: HashMap<String, Vec<u32>>,
    restarted: std::collections::HashSet<String>,
}

impl Numbering {
    /// From the numbering part and the styles part (either may be missing).
    pub fn new(numbering: Option<&Element>, styles: Option<&Element>) -> Numbering {
        let mut n = Numbering::default();
        for e in numbering.into_iter().flat_map(|e| e.elements()) {
            match e.name.as_str() {
                "abstractNum" => {
                    let id = e.attr("abstractNumId").unwrap_or_default().to_string();
                    let mut levels = vec![Level::default(); 9];
                    for lvl in e.elements().filter(|l| l.name == "lvl") {
                        let i: usize = lvl.attr("ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
                        if let Some(slot) = levels.get_mut(i) {
                            *slot = Level {
                                start: lvl
                                    .child_val("start")
                                    .and_then(|v| v.parse().ok())
                                    .unwrap_or(1),
                                format: lvl.child_val("numFmt").unwrap_or("decimal").to_string(),
                                pattern: lvl.child_val("lvlText").unwrap_or_default().to_string(),
                                legal: super::xml::is_on(lvl.child("isLgl")),
                            };
                        }
                    }
                    n.definitions.insert(id, levels);
                }
                "num" => {
                    let id = e.attr("numId").unwrap_or_default().to_string();
                    let overrides = e
                        .elements()
                        .filter(|o| o.name == "lvlOverride")
                        .filter_map(|o| {
                            let i = o.attr("ilvl")?.parse().ok()?;
                            Some((i, o.child_val("startOverride")?.parse().ok()?))
                        })
                        .collect();
                    let definition = e.child_val("abstractNumId").unwrap_or_default().to_string();
                    n.instances.insert(
                        id,
                        Instance {
                            definition,
                            overrides,
                        },
                    );
                }
                _ => {}
            }
        }
        for s in styles
            .into_iter()
            .flat_map(|e| e.elements())
            .filter(|s| s.name == "style")
        {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let num = s.child("pPr").and_then(|p| p.child("numPr")).map(|np| {
                let level = np
                    .child_val("ilvl")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                (np.child_val("numId").unwrap_or_default().to_string(), level)
            });
            let based = s.child_val("basedOn").map(str::to_string);
            n.styles.insert(id.to_string(), (num, based));
        }
        n
    }

    /// The list label of a paragraph (`一、`, `（二）`, `3.`), counting it; `None` if the
    /// paragraph is not numbered (or its list prints a bullet).
    pub fn label(&mut self, paragraph_props: Option<&Element>) -> Option<String> {
        let (num, level) = self.numbered(paragraph_props)?;
        let instance = self.instances.get(&num)?.clone();
        let levels = self.definitions.get(&instance.definition)?.clone();
        let def = levels.get(level)?;
        let counters = self
            .counters
            .entry(instance.definition.clone())
            .or_insert_with(|| levels.iter().map(|l| l.start.saturating_sub(1)).collect());
        if self.restarted.insert(num.clone()) {
            for &(i, start) in &instance.overrides {
                if let Some(c) = counters.get_mut(i) {
                    *c = start.saturating_sub(1);
                }
            }
        }
        counters[level] += 1;
        for (deeper, l) in counters.iter_mut().zip(&levels).skip(level + 1) {
            *deeper = l.start.saturating_sub(1);
        }
        if def.format == "bullet" || def.format == "none" {
            return None;
        }
        let mut out = String::new();
        let mut chars = def.pattern.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let i = d as usize - 1;
                    let (count, format) =
                        (counters.get(i).copied().unwrap_or(1), &levels[i].format);
                    let format = if def.legal && i < level {
                        "decimal"
                    } else {
                        format
                    };
                    out.push_str(&written(count.max(1), format));
                }
                _ => out.push(c),
            }
        }
        (!out.trim().is_empty()).then_some(out)
    }

    /// The list and level of a paragraph: its own `numPr`, else its style's (or a style it is
    /// based on). A `numId` of 0 takes the paragraph out of its style's list.
    fn numbered(&self, props: Option<&Element>) -> Option<(String, usize)> {
        let own = props.and_then(|p| p.child("numPr"));
        let own_level = own
            .and_then(|np| np.child_val("ilvl"))
            .and_then(|v| v.parse::<usize>().ok());
        if let Some(id) = own.and_then(|np| np.child_val("numId")) {
            return (id != "0").then(|| (id.to_string(), own_level.unwrap_or(0)));
        }
        let mut style = props
            .and_then(|p| p.child_val("pStyle"))
            .map(str::to_string);
        for _ in 0..10 {
            let (num, based) = self.styles.get(style.as_deref()?)?;
            if let Some((id, level)) = num {
                return (id != "0" && !id.is_empty())
                    .then(|| (id.clone(), own_level.unwrap_or(*level)));
            }
            style = based.clone();
        }
        None
    }
}

/// A list number written in one of Word's number formats (`w:numFmt`).
pub(crate) fn written(n: u32, format: &str) -> String {
    const CIRCLED: &str = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳";
    const PARENTHESISED: &str = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇";
    const STEMS: &str = "甲乙丙丁戊己庚辛壬癸";
    let nth = |set: &str| set.chars().nth(n as usize - 1).map(String::from);
    let written = match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographLegalTraditional" => chinese(n, "一二三四五六七八九", '十'),
        "chineseLegalSimplified" => chinese(n, "壹贰叁肆伍陆柒捌玖", '拾'),
        "ideographTraditional" => nth(STEMS),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            nth(CIRCLED)
        }
        "decimalEnclosedParen" => nth(PARENTHESISED),
        "decimalFullWidth" | "decimalFullWidth2" => Some(
            n.to_string()
                .chars()
                .map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap_or(d))
                .collect(),
        ),
        "decimalZero" if n < 10 => Some(format!("0{n}")),
        "upperLetter" | "lowerLetter" => {
            let base = if format == "upperLetter" { b'A' } else { b'a' };
            let letter = (base + ((n - 1) % 26) as u8) as char;
            Some(letter.to_string().repeat((n as usize - 1) / 26 + 1))
        }
        "upperRoman" | "lowerRoman" => {
            let r = roman(n);
            Some(if format == "lowerRoman" {
                r.to_lowercase()
            } else {
                r
            })
        }
        _ => None,
    };
    written.unwrap_or_else(|| n.to_string())
}

/// 1–99 in Chinese numerals (`十一`, `二十`); larger numbers in digits.
fn chinese(n: u32, digits: &str, ten: char) -> Option<String> {
    let d = |i: u32| digits.chars().nth(i as usize - 1);
    match n {
        1..=9 => d(n).map(String::from),
        10..=99 => {
            let mut s = String::new();
            if n >= 20 {
                s.push(d(n / 10)?);
            }
            s.push(ten);
            if !n.is_multiple_of(10) {
                s.push(d(n % 10)?);
            }
            Some(s)
        }
        _ => None,
    }
}

fn roman(mut n: u32) -> String {
    let mut s = String::new();
    for (v, r) in [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_every_chinese_format() {
        assert_eq!(written(1, "chineseCounting"), "一");
        assert_eq!(written(10, "chineseCountingThousand"), "十");
        assert_eq!(written(12, "chineseCounting"), "十二");
        assert_eq!(written(20, "chineseCounting"), "二十");
        assert_eq!(written(3, "ideographTraditional"), "丙");
        assert_eq!(written(2, "decimalEnclosedCircleChinese"), "②");
        assert_eq!(written(4, "upperRoman"), "IV");
        assert_eq!(written(7, "decimalFullWidth"), "７");
        assert_eq!(written(150, "chineseCounting"), "150");
    }

    #[test]
    fn labels_count_and_restart_by_level() {
        let numbering = super::super::xml::parse(
            r#"<w:numbering xmlns:w="w">
            <w:abstractNum w:abstractNumId="5">
              <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
              <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
            </w:abstractNum>
            <w:num w:numId="3"><w:abstractNumId w:val="5"/></w:num>
            </w:numbering>"#,
            "numbering",
        )
        .unwrap();
        let styles = super::super::xml::parse(
            r#"<w:styles xmlns:w="w"><w:style w:styleId="h1"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
            <w:style w:styleId="h1b"><w:basedOn w:val="h1"/></w:style></w:styles>"#,
            "styles",
        )
        .unwrap();
        let mut n = Numbering::new(Some(&numbering), Some(&styles));
        let props = |xml: &str| super::super::xml::parse(xml, "p").unwrap();
        let level = |l: u32| {
            props(&format!(
                r#"<w:pPr xmlns:w="w"><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="3"/></w:numPr></w:pPr>"#
            ))
        };
        assert_eq!(n.label(Some(&level(0))).as_deref(), Some("一、"));
        assert_eq!(n.label(Some(&level(1))).as_deref(), Some("（一）"));
        assert_eq!(n.label(Some(&level(1))).as_deref(), Some("（二）"));
        let by_style = props(r#"<w:pPr xmlns:w="w"><w:pStyle w:val="h1b"/></w:pPr>"#);
        assert_eq!(n.label(Some(&by_style)).as_deref(), Some("二、"));
        assert_eq!(n.label(Some(&level(1))).as_deref(), Some("（一）"));
        let out = props(
            r#"<w:pPr xmlns:w="w"><w:pStyle w:val="h1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>"#,
        );
        assert_eq!(n.label(Some(&out)), None);
        assert_eq!(n.label(None), None);
    }
}

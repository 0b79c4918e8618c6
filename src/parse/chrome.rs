//! Page chrome: the lines around a report that are not the report (share buttons, crawler
//! headers, copyright footers, page numbers). Data tables, not code paths: add a site's chrome
//! by adding a line here.

/// Whole lines that are chrome (after bullets and white space are stripped).
const EXACT: &[&str] = &[
    "听全文",
    "分享到",
    "分享",
    "打印",
    "关闭",
    "打印本页",
    "关闭窗口",
    "【打印】",
    "【关闭】",
    "[打印]",
    "[关闭]",
    "相关附件",
    "相关新闻",
    "相关链接",
    "扫一扫在手机打开当前页",
    "继续访问放弃",
    "继续访问",
    "放弃",
    "正文",
    "返回顶部",
    "收藏",
    "字号:大中小",
    "【字体:大中小】",
    "-",
    "—",
    "来源:",
    "附件:",
    "附件下载",
];

/// Prefixes of chrome lines.
const PREFIX: &[&str] = &[
    "来源:",
    "来源：",
    "信息来源:",
    "标题:",
    "发布时间:",
    "发布日期:",
    "文号:",
    "发布机构:",
    "栏目:",
    "原文链接:",
    "本地目录:",
    "页面链接与图片详见",
    "关注·",
    "凡本网注明",
    "版权所有",
    "copyright",
    "Copyright",
    "©",
    "您访问的链接即将离开",
    "网站标识码",
    "主办单位:",
    "主办:",
    "承办单位:",
    "浏览次数",
    "访问次数",
    "分享到:",
    "字体:",
    "字号:",
    "【字体",
    "索引号:",
    "信息索引号",
    // Breadcrumbs ("当前位置:首页>政务公开>政府信息公开年报"): they name the report's column,
    // and would otherwise pass for its title.
    "当前位置",
    "您当前的位置",
    "您现在的位置",
    "您的位置",
    "所在位置",
];

/// Substrings that make a short line chrome.
const CONTAINS: &[&str] = &[
    "ICP备",
    "公网安备",
    "扫一扫在手机",
    "即将离开",
    "本网协议授权",
];

fn contains_finder() -> &'static aho_corasick::AhoCorasick {
    static F: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    F.get_or_init(|| aho_corasick::AhoCorasick::new(CONTAINS).expect("patterns make an automaton"))
}

/// Is this whole line page chrome rather than report text?
pub fn is_chrome(line: &str) -> bool {
    // Page footers first: "- 3 -" starts with the dash that is stripped as a bullet below.
    if page_footer_line(line) {
        return true;
    }
    // Called on every line by several passes: allocate only for a line with inner white space.
    let stripped = line
        .trim()
        .trim_start_matches(['•', '·', '●', '▪', '*', '-', '>']);
    let t: std::borrow::Cow<str> = if stripped.contains(char::is_whitespace) {
        stripped.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        stripped.into()
    };
    let t = t.as_ref();
    if t.is_empty() {
        return false;
    }
    if EXACT.contains(&t) || PREFIX.iter().any(|p| t.starts_with(p)) {
        return true;
    }
    if t.len() <= 120 * 4 && t.chars().count() <= 120 && contains_finder().is_match(t) {
        return true;
    }
    if t.chars()
        .all(|c| c == '=' || c == '-' || c == '—' || c == '_')
        && t.len() >= 3
    {
        return true;
    }
    if t.contains("====") && t.contains("正文") {
        return true;
    }
    page_footer(t) || date_only(t).is_some()
}

/// A page footer with any white space inside ("- 3 -", "— 3 —", "第 3 页 共 6 页").
fn page_footer_line(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 40 {
        return false;
    }
    if t.contains(char::is_whitespace) {
        page_footer(&t.chars().filter(|c| !c.is_whitespace()).collect::<String>())
    } else {
        page_footer(t)
    }
}

/// "—3—", "-3-", "第3页", "第3页共5页".
fn page_footer(t: &str) -> bool {
    let dashes = ['-', '—', '–'];
    if t.starts_with(dashes) && t.ends_with(dashes) {
        let inner = t.trim_matches(dashes);
        return !inner.is_empty() && inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit());
    }
    if let Some(rest) = t.strip_prefix('第') {
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if !digits.is_empty() {
            let after = &rest[digits.len()..];
            return after == "页" || (after.starts_with("页共") && after.ends_with('页'));
        }
    }
    false
}

/// A line that is only a date: "2023-01-29", "(2026年1月23日)", "2020-01-20 15:22".
/// Returns the ISO date.
pub fn date_only(t: &str) -> Option<String> {
    let t = t
        .trim()
        .trim_matches(|c| matches!(c, '(' | ')' | '[' | ']' | '【' | '】'));
    let (date, rest) = parse_date_prefix(t)?;
    let rest = rest.trim();
    if rest.is_empty() || is_time(rest) {
        Some(date)
    } else {
        None
    }
}

fn is_time(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.len() <= 8 && s.chars().all(|c| c.is_ascii_digit() || c == ':')
}

/// Parse "2023-01-29", "2023/1/29", "2023.1.29", "2023年1月29日" at the start of `t`.
/// Returns (ISO date, the rest of the string).
pub fn parse_date_prefix(t: &str) -> Option<(String, &str)> {
    let b = t.as_bytes();
    let mut i = 0;
    let num = |i: &mut usize, max: usize| -> Option<u32> {
        let s = *i;
        while *i < b.len() && b[*i].is_ascii_digit() && *i - s < max {
            *i += 1;
        }
        if *i == s {
            None
        } else {
            t[s..*i].parse().ok()
        }
    };
    let y = num(&mut i, 4)?;
    if !(1990..=2100).contains(&y) {
        return None;
    }
    let sep = |i: &mut usize, opts: &[&str]| -> Option<()> {
        for o in opts {
            if t[*i..].starts_with(o) {
                *i += o.len();
                return Some(());
            }
        }
        None
    };
    sep(&mut i, &["-", "/", ".", "年"])?;
    let m = num(&mut i, 2)?;
    sep(&mut i, &["-", "/", ".", "月"])?;
    let d = num(&mut i, 2)?;
    let _ = sep(&mut i, &["日"]);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some((format!("{y:04}-{m:02}-{d:02}"), &t[i..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_chrome() {
        for l in [
            "  • 听全文",
            "来源:广州市医疗保障局",
            "— 3 —",
            "- 3 -",
            "-12-",
            "第 3 页 共 6 页",
            "2023-01-29",
            "==================== 正文 ====",
            "关注 · 广州政府网",
            "当前位置：首页 > 政务公开 > 政府信息公开年报",
            "您现在的位置: 首页 > 信息公开 > 年度报告",
        ] {
            assert!(is_chrome(l), "{l}");
        }
        for l in [
            "0",
            "25",
            "一、总体情况",
            "行政许可",
            "本年度没有向政府信息公开申请人收取费用的情况。",
        ] {
            assert!(!is_chrome(l), "{l}");
        }
        assert_eq!(date_only("(2026年1月23日)").as_deref(), Some("2026-01-23"));
    }
}

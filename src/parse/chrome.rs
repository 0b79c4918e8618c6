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
    // A page's foot: its tool bar squashed ("打印 关闭", "[ 打印本页 ] [ 关闭窗口 ]"), its lists
    // of other pages' links, and a wiki mirror's.
    "打印关闭",
    "【打印】【关闭】",
    "[打印][关闭]",
    "打印本页关闭窗口",
    "[打印本页][关闭窗口]",
    "【打印本页】【关闭窗口】",
    "扫一扫",
    "网站纠错",
    "相关文章",
    "相关阅读",
    "相关文件",
    "相关词条",
    "热门词条",
    // A table of contents' heading (its entries are `toc_entry`).
    "目录",
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
    // A page's foot after the report (where no sign-off ends it): the links to the pages
    // before and after, its editor, its counters, its share and follow prompts.
    // (With their colons, which keep them to short lines and off prose wrapped before
    // `点击量达…`; a one-line crawl that holds the whole report is never read as one.)
    "上一篇:",
    "下一篇:",
    "责任编辑:",
    "(责任编辑:",
    "编辑:",
    "审核:",
    "发布人:",
    "阅读量:",
    "阅读次数:",
    "点击量:",
    "点击数:",
    "点击次数:",
    "分享:",
    "更多精彩内容",
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
    F.get_or_init(|| {
        // No prefilter: on a short line or word the DFA alone is faster (a fifth fewer
        // instructions than with the prefilter, which Chinese text hardly ever lets skip ahead).
        aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .prefilter(false)
            .build(CONTAINS)
            .expect("patterns make an automaton")
    })
}

/// [`EXACT`] as a set and [`PREFIX`] as one anchored automaton: `is_chrome` runs on every line
/// in several passes, and comparing each line with every entry was most of its time.
fn exact_set() -> &'static std::collections::HashSet<&'static str> {
    static S: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    S.get_or_init(|| EXACT.iter().copied().collect())
}

fn prefix_finder() -> &'static aho_corasick::AhoCorasick {
    static F: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(PREFIX)
            .expect("prefixes make an automaton")
    })
}

/// Does `t` open with one of [`PREFIX`]? A label with its colon (`标题:`, `来源:`) only on a
/// short line, as [`wide_colon_chrome`] takes the full-width one: a long one is the report
/// crawled into one line behind its page's label (`标题: …年度报告 本报告根据… 一、总体情况 …`).
/// (A word without a colon, `当前位置`, keeps a line of any length: a breadcrumb's line is read
/// by [`mask_inline`], and a title wrapped after it must not be taken with it.)
fn has_chrome_prefix(t: &str) -> bool {
    let input = aho_corasick::Input::new(t).anchored(aho_corasick::Anchored::Yes);
    prefix_finder().find(input).is_some_and(|m| {
        !PREFIX[m.pattern().as_usize()].ends_with(':') || t.chars().count() <= PREFIXED_MAX_CHARS
    })
}

/// The entries of [`EXACT`] and [`PREFIX`] that hold an ASCII colon, with the full-width one a
/// page as often prints ("发布时间：…"): a set and an anchored automaton, built once.
fn wide_colon_exact() -> &'static std::collections::HashSet<String> {
    static S: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        EXACT
            .iter()
            .filter(|e| e.contains(':'))
            .map(|e| e.replace(':', "："))
            .collect()
    })
}

fn wide_colon_prefix_finder() -> &'static aho_corasick::AhoCorasick {
    static F: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let wide: Vec<String> = PREFIX
            .iter()
            .filter(|p| p.contains(':'))
            .map(|p| p.replace(':', "："))
            .collect();
        aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(&wide)
            .expect("prefixes make an automaton")
    })
}

/// A short line that is an entry of [`EXACT`] or opens with one of [`PREFIX`] written with a
/// full-width colon; a long one after such a label is the report crawled into one line behind
/// its page's labels ("标题：…年度报告 一、总体情况 …").
fn wide_colon_chrome(t: &str) -> bool {
    let input = aho_corasick::Input::new(t).anchored(aho_corasick::Anchored::Yes);
    let matched = wide_colon_prefix_finder().find(input).is_some()
        || (t.len() <= EXACT_MAX_BYTES && wide_colon_exact().contains(t));
    matched && t.chars().count() <= PREFIXED_MAX_CHARS
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
    let t: std::borrow::Cow<str> = if has_whitespace(stripped) {
        super::text::without_whitespace(stripped).into()
    } else {
        stripped.into()
    };
    let t = t.as_ref();
    if t.is_empty() {
        return false;
    }
    if (t.len() <= EXACT_MAX_BYTES && exact_set().contains(t)) || has_chrome_prefix(t) {
        return true;
    }
    // The lists write the colon ASCII; a page as often prints it full-width ("发布时间：…").
    if wide_colon_chrome(t) {
        return true;
    }
    // The same labels in cells of their own, the page's info box crawled as rows.
    if super::info_box::is_info_box_row(line) {
        return true;
    }
    if t.len() <= 120 * 4 && t.chars().count() <= 120 && contains_finder().is_match(t) {
        return true;
    }
    if menu_line(stripped) {
        return true;
    }
    // Three characters, not bytes: "—" alone (one character of three bytes) is a table's
    // "nothing to report" cell, not a rule.
    if t.chars()
        .all(|c| c == '=' || c == '-' || c == '—' || c == '_')
        && t.chars().nth(2).is_some()
        && !is_na_cell_row(line)
    {
        return true;
    }
    if t.as_bytes().contains(&b'=')
        && t.contains("====")
        && t.contains("正文")
        && body_mark(t) != Some(false)
    {
        return true;
    }
    // (A footer with white space inside is `page_footer_line`'s: squashed, a row of dash cells
    // around figures, `—\t—\t2\t2\t—`, reads `——22—` like one.)
    (page_footer(t) && !has_whitespace(stripped))
        || date_only(t).is_some()
        || print_margin(t)
        || labelled_date(t)
        || toc_entry(t)
        || attachment_link(t)
}

/// The extensions of the files a page links its report to.
const ATTACHED_FILES: &[&str] = &[
    ".pdf", ".doc", ".docx", ".wps", ".ofd", ".xls", ".xlsx", ".et", ".zip", ".rar",
];

/// A page's link to a file of the report, a line of its own (`年报全文.pdf`,
/// `附件：统计表.xlsx（35KB）`): the name of a file, never the report's words. (Squashed `t`; a
/// size or a 下载 after the name is the link's.)
fn attachment_link(t: &str) -> bool {
    if t.len() > 100 * 3 || !t.contains('.') || t.contains('。') {
        return false;
    }
    let name = t.trim_end_matches("下载").trim_end_matches(|c: char| {
        c.is_ascii_digit()
            || matches!(c, '.' | '(' | ')' | '（' | '）' | '[' | ']')
            || c.eq_ignore_ascii_case(&'k')
            || c.eq_ignore_ascii_case(&'m')
            || c.eq_ignore_ascii_case(&'b')
    });
    // A report's own title written as its file's name (`某局2023年政府信息公开工作年度报告.pdf`,
    // an attachment's link text over the report) names the report: the title's, not chrome.
    if (name.contains("报告") || name.contains("年报")) && name.contains("公开") {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    ATTACHED_FILES.iter().any(|e| {
        lower.ends_with(e)
            && lower.len() > e.len()
            && !lower[..lower.len() - e.len()].ends_with('.')
    })
}

/// An entry of a table of contents, as Word and WPS print one: a heading, a leader of dots and
/// its page number (`一、总体情况……………………1`, `（一）主动公开.........3`). The report's own
/// headings come after; read as text, the entries made a preamble of the report, or stood
/// before its title where a cover page prints the contents.
fn toc_entry(t: &str) -> bool {
    if !opens_with_heading_number(t) {
        return false;
    }
    let body = t.trim_end_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let page_digits = t.len() - body.len();
    if page_digits == 0 || page_digits > 9 {
        return false;
    }
    let heading = body.trim_end_matches(['.', '…', '·', '．', '⋯', '・']);
    let leader = &body[heading.len()..];
    let (dots, ellipses) = leader.chars().fold((0, 0), |(d, e), c| match c {
        '…' | '⋯' => (d, e + 1),
        _ => (d + 1, e),
    });
    let long_leader = ellipses >= 2 || dots >= 4 || (ellipses >= 1 && dots >= 2);
    // A heading's words after its number (`（三）其他……3` is too short to be sure of).
    let words = heading
        .chars()
        .filter(|&c| crate::ingest::normalize::is_han(c) && !"一二三四五六七八九十第".contains(c))
        .count();
    long_leader && words >= 4
}

/// A heading's number opens the text: `一、`, `（一）`, `(1)`, `1.`, `1、`, `第一部分`.
pub(crate) fn opens_with_heading_number(t: &str) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let numeral = |c: char| NUMERALS.contains(c) || c.is_ascii_digit();
    let t = t.trim_start();
    let t = t.strip_prefix('第').unwrap_or(t);
    if let Some(rest) = t.strip_prefix(['（', '(']) {
        let inner = rest.trim_start_matches(numeral);
        return inner.len() < rest.len() && inner.starts_with(['）', ')']);
    }
    let rest = t.trim_start_matches(numeral);
    rest.len() < t.len() && rest.starts_with(['、', '.', '．', '部', '章'])
}

/// A line of a contents page: its heading (`目录`) or an entry (see `toc_entry`).
pub fn is_contents_line(line: &str) -> bool {
    let t = super::text::without_whitespace(line.trim());
    t == "目录" || toc_entry(&t)
}

/// Labels of a page's date line ("日期：2025-01-20 09:30", "成文日期：2025-01-20",
/// "时间：2025-01-20 浏览次数：12"), each followed by a colon.
const DATE_LABELS: &[&str] = &[
    "日期",
    "时间",
    "成文日期",
    "发文日期",
    "印发日期",
    "更新时间",
    "更新日期",
];

/// A short line that opens with a date's label, its colon and the date: the page's, whatever
/// follows (a long one is the report crawled into one line behind it).
fn labelled_date(t: &str) -> bool {
    DATE_LABELS
        .iter()
        .find_map(|l| t.strip_prefix(l))
        .and_then(|rest| rest.strip_prefix([':', '：']))
        .is_some_and(|rest| parse_date_prefix(rest).is_some())
        && t.chars().count() <= PREFIXED_MAX_CHARS
}

/// A row of table cells that each have nothing to report — "—\t—\t—", "— | — | —",
/// "—   —   —" — rather than a rule: without its white space it reads "———", but its dashes
/// stand apart as cells. A small agency's table 四 is often one such row. A markdown separator
/// ("|---|---|", "| - | - |") stays a separator: its dashes are ASCII hyphens between pipes.
pub fn is_na_cell_row(line: &str) -> bool {
    let t = line.trim();
    // A cell's dash: one or two of them ("——" is a common Chinese "nothing"), never a long run.
    let dash = |w: &str| {
        let n = w.chars().count();
        (1..=2).contains(&n) && w.chars().all(|c| matches!(c, '—' | '－' | '–' | '-' | '─'))
    };
    if t.contains(['\t', '|']) {
        let cells: Vec<&str> = t
            .split(['\t', '|'])
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .collect();
        let ascii_only = cells.iter().all(|w| w.bytes().all(|b| b == b'-'));
        return cells.len() >= 2
            && cells.iter().all(|w| dash(w))
            && !(t.contains('|') && ascii_only);
    }
    // Cells apart by white space: a dotted rule ("- - - - -") is one space apart; cells are
    // laid out wider ("—  —  —") or with an ideographic space.
    let words: Vec<&str> = t.split_whitespace().collect();
    let wide_gaps = t
        .split(|c: char| !c.is_whitespace())
        .filter(|g| !g.is_empty())
        .all(|g| g.chars().count() >= 2 || g.contains('\u{3000}'));
    words.len() >= 2 && words.iter().all(|w| dash(w)) && wide_gaps
}

/// The margins a browser prints on every page of a web page saved as PDF — "2025/1/20 10:35"
/// and the page's title at the top, its address and "5/7" at the bottom — and "Page 5 of 7".
/// `t` is the line without white space. Read as table lines, their digits joined the row
/// before them, which was then left out.
fn print_margin(t: &str) -> bool {
    // A date, then a time, then anything.
    if let Some((_, rest)) = parse_date_prefix(t) {
        let b = rest.as_bytes();
        let hours = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=2).contains(&hours)
            && b.get(hours) == Some(&b':')
            && b.len() >= hours + 3
            && b[hours + 1..hours + 3].iter().all(u8::is_ascii_digit)
        {
            return true;
        }
    }
    // Only an address or "Page" from here: most lines leave at their first character.
    if !t.starts_with(['h', 'H', 'p', 'P']) {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    // An address, then "5/7".
    if lower.starts_with("http://") || lower.starts_with("https://") {
        if let Some((a, b)) = lower.rsplit_once('/') {
            let page = a.rsplit(|c: char| !c.is_ascii_digit()).next().unwrap_or("");
            if digits(b) && digits(page) {
                return true;
            }
        }
    }
    // "Page 5 of 7", "Page 5".
    lower
        .strip_prefix("page")
        .is_some_and(|r| match r.split_once("of") {
            Some((n, m)) => digits(n) && digits(m),
            None => digits(r),
        })
}

/// The chrome verdict of every line of a text, decided once: the outline, the section bodies,
/// the table scan and the sign-off all ask it of the same lines (asking [`is_chrome`] again in
/// each pass was an eighth of parsing).
#[derive(Debug, Clone, Default)]
pub struct ChromeLines {
    /// Each line's start and end byte (without the newline), in order, and its verdict.
    lines: Vec<(usize, usize, bool)>,
}

impl ChromeLines {
    pub fn of(text: &str) -> ChromeLines {
        let mut lines = Vec::with_capacity(text.len() / 32 + 1);
        // Lines that name a report: (index in `lines`, the name without white space), and the
        // index of the first line that opens part 一 (where the report's text begins).
        let mut titles: Vec<(usize, String)> = Vec::new();
        let mut part_one = None;
        for (start, line) in super::text::split_lines(text) {
            let chrome = is_chrome(line);
            if !chrome {
                if let Some(t) = report_title(line) {
                    titles.push((lines.len(), t));
                }
                if part_one.is_none() && opens_part_one(line) {
                    part_one = Some(lines.len());
                }
            }
            lines.push((start, start + line.len(), chrome));
        }
        // A PDF's running header: a report's name printed at the top of each page, inside a
        // table too, where its year would be read as a figure. A name printed more than once is
        // chrome where it is printed after part 一 has begun, or a page after its last printing;
        // before part 一 and close together, its printings are the title (a web page prints it
        // as a heading and again as the text's first line).
        if titles.len() > 1 {
            let mut last: rustc_hash::FxHashMap<&str, usize> = Default::default();
            for (i, t) in &titles {
                if let Some(prev) = last.insert(t, *i) {
                    if part_one.is_some_and(|p| *i > p) || *i >= prev + PAGE_APART_LINES {
                        lines[*i].2 = true;
                    }
                    // The earlier printing too, when it is inside the report's text.
                    if part_one.is_some_and(|p| prev > p) {
                        lines[prev].2 = true;
                    }
                }
            }
        }
        ChromeLines { lines }
    }

    /// Is `line`, which starts at byte `off` of the text, chrome? A whole line's verdict is
    /// looked up; part of a line (a section body that starts after its heading) is tested.
    pub fn at(&self, off: usize, line: &str) -> bool {
        match self.lines.binary_search_by_key(&off, |l| l.0) {
            Ok(i) if self.lines[i].1 == off + line.len() => self.lines[i].2,
            _ => is_chrome(line),
        }
    }
}

/// A line that names a report, as a title or a running header does
/// ("广州市医疗保障局2022年度政府信息公开工作年度报告", "2023年政府信息公开工作年度报告
/// (上海市崇明区医疗保障局)", letter-spaced "年 度 报 告"): the name without white space.
fn report_title(line: &str) -> Option<String> {
    // A title is one short line: a longer one is prose that mentions the report. (告, not
    // 报告: a PDF letter-spaces a centred header.)
    if line.len() > 5 * RUNNING_TITLE_MAX_CHARS || !line.contains('告') {
        return None;
    }
    let t = super::text::without_whitespace(line);
    // The agency may follow in brackets.
    let named = match t.strip_suffix([')', '）']) {
        Some(r) => r.rfind(['(', '（']).map_or(r, |i| &r[..i]),
        None => &t,
    };
    let title = named.ends_with("报告")
        && (t.contains("政府信息公开") || t.contains("年度报告") || t.contains("年报"))
        && t.chars().count() <= RUNNING_TITLE_MAX_CHARS;
    title.then_some(t)
}

/// Does `line` open part 一 ("一、总体情况", "## 一、概述", "**一、总体情况**")?
fn opens_part_one(line: &str) -> bool {
    line.trim_start()
        .trim_start_matches(['#', '*', ' ', '\u{3000}'])
        .starts_with("一、")
}

/// How many lines apart two printings of a report's name are a page apart (a running header),
/// not a heading and the text's first line.
const PAGE_APART_LINES: usize = 10;

/// The longest report title a running header repeats, in characters without white space.
const RUNNING_TITLE_MAX_CHARS: usize = 60;

/// The longest line with a full-width colon that [`EXACT`] or a [`PREFIX`] written with an ASCII
/// one makes chrome, and the longest that a [`DATE_LABELS`] label makes chrome, in characters
/// without white space: a page's info line with every label (来源, 发布时间, 浏览次数, 字号 …)
/// holds about 80.
const PREFIXED_MAX_CHARS: usize = 200;

/// The longest line in [`EXACT`], in bytes: a longer line is not looked up (hashing every long
/// line of a report was a tenth of this test).
const EXACT_MAX_BYTES: usize = longest(EXACT);

/// The byte length of the longest of `words` (for a list's bound, at compile time).
const fn longest(words: &[&str]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < words.len() {
        if words[i].len() > max {
            max = words[i].len();
        }
        i += 1;
    }
    max
}

/// Does `s` hold white space (`char::is_whitespace`)? Read as bytes (see
/// [`super::text::find_whitespace`]).
fn has_whitespace(s: &str) -> bool {
    super::text::find_whitespace(s.as_bytes(), 0).is_some()
}

/// A page footer with any white space inside ("- 3 -", "— 3 —", "第 3 页 共 6 页").
fn page_footer_line(line: &str) -> bool {
    let t = line.trim();
    // (A line split by tabs is a row of cells.)
    if t.is_empty() || t.len() > 40 || t.contains('\t') {
        return false;
    }
    if has_whitespace(t) {
        page_footer(&super::text::without_whitespace(t))
    } else {
        page_footer(t)
    }
}

/// How far a chrome word reaches past itself, on a line where page chrome and report text share
/// the line (a crawl that flattened the page into one line).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reach {
    /// The word alone ("分享", "打印本页").
    Word,
    /// A label and its value, when a colon follows the label ("来源：XX县人民政府",
    /// "发布时间：2021-01-20 15:22"); without a colon the word is not chrome (来源 and 时间 are
    /// also words of prose).
    Value,
    /// A breadcrumb: "当前位置：首页 > 政务公开 > 政府信息公开年报", segments joined by '>'.
    Breadcrumb,
    /// A font-size switch and its choices ("字号：大 中 小").
    Sizes,
    /// A footer that runs to the end of the line ("凡本网注明…不得转载。"): after the report's
    /// last words only.
    Rest,
}

/// Chrome words that may share a line with the report, and how far each reaches. Data: add a
/// site's chrome by adding a word here.
const INLINE: &[(&str, Reach)] = &[
    ("当前位置", Reach::Breadcrumb),
    ("当前所在位置", Reach::Breadcrumb),
    ("您当前的位置", Reach::Breadcrumb),
    ("您当前位置", Reach::Breadcrumb),
    ("您现在的位置", Reach::Breadcrumb),
    ("您现在的位置是", Reach::Breadcrumb),
    ("您的位置", Reach::Breadcrumb),
    ("所在位置", Reach::Breadcrumb),
    ("首页", Reach::Word),
    ("来源", Reach::Value),
    ("信息来源", Reach::Value),
    ("文章来源", Reach::Value),
    ("发布时间", Reach::Value),
    ("发布日期", Reach::Value),
    ("更新时间", Reach::Value),
    ("时间", Reach::Value),
    ("日期", Reach::Value),
    ("作者", Reach::Value),
    ("编辑", Reach::Value),
    ("责任编辑", Reach::Value),
    ("浏览次数", Reach::Value),
    ("访问次数", Reach::Value),
    ("点击数", Reach::Value),
    ("点击量", Reach::Value),
    ("浏览量", Reach::Value),
    ("阅读量", Reach::Value),
    ("阅读次数", Reach::Value),
    ("文号", Reach::Value),
    // A crawler's header (the Pingtan archive's), joined onto one line with the report.
    ("原文链接", Reach::Value),
    ("本地目录", Reach::Value),
    ("页面链接与图片详见 links.tsv(同目录)", Reach::Word),
    ("发文字号", Reach::Value),
    ("索引号", Reach::Value),
    ("信息索引号", Reach::Value),
    ("发布机构", Reach::Value),
    ("发文机关", Reach::Value),
    ("发布单位", Reach::Value),
    ("成文日期", Reach::Value),
    ("生成日期", Reach::Value),
    ("栏目", Reach::Value),
    ("所属栏目", Reach::Value),
    ("主题分类", Reach::Value),
    ("公开方式", Reach::Value),
    ("公开范围", Reach::Value),
    ("有效性", Reach::Value),
    ("上一篇", Reach::Value),
    ("下一篇", Reach::Value),
    ("版权所有", Reach::Rest),
    ("凡本网注明", Reach::Rest),
    ("您访问的链接即将离开", Reach::Rest),
    ("主办单位", Reach::Value),
    ("主办", Reach::Value),
    ("承办单位", Reach::Value),
    ("承办", Reach::Value),
    ("技术支持", Reach::Value),
    ("网站标识码", Reach::Value),
    ("字号", Reach::Sizes),
    ("字体", Reach::Sizes),
    ("听全文", Reach::Word),
    ("朗读", Reach::Word),
    ("微信", Reach::Word),
    ("微博", Reach::Word),
    ("QQ空间", Reach::Word),
    ("分享到", Reach::Word),
    ("分享", Reach::Word),
    ("打印本页", Reach::Word),
    ("打印此页", Reach::Word),
    ("打印", Reach::Word),
    ("关闭窗口", Reach::Word),
    ("关闭本页", Reach::Word),
    ("关闭", Reach::Word),
    ("加入收藏", Reach::Word),
    ("收藏", Reach::Word),
    ("返回顶部", Reach::Word),
    ("扫一扫在手机打开当前页", Reach::Word),
    ("扫一扫", Reach::Word),
    ("相关链接", Reach::Word),
    ("相关附件", Reach::Word),
    ("相关新闻", Reach::Word),
    ("相关文件", Reach::Word),
    ("相关文章", Reach::Word),
    ("相关阅读", Reach::Word),
    ("相关词条", Reach::Word),
    ("热门词条", Reach::Word),
    ("网站纠错", Reach::Word),
    ("联络我们", Reach::Word),
    ("附件下载", Reach::Word),
    ("我要纠错", Reach::Word),
    ("网站地图", Reach::Word),
    ("联系我们", Reach::Word),
    ("无障碍", Reach::Word),
    ("正文", Reach::Word),
    // Version switches and downloads in a page's tool bar ("全真版 文字版 文件下载").
    ("全真版", Reach::Word),
    ("纯文字版", Reach::Word),
    ("文字版", Reach::Word),
    ("图文版", Reach::Word),
    ("文件下载", Reach::Word),
    ("下载附件", Reach::Word),
    ("长者模式", Reach::Word),
    ("关怀版", Reach::Word),
    ("繁體", Reach::Word),
];

/// Where the report itself starts on a line shared with page chrome: these openings, the title
/// (with its year), a "一、" heading or a year-led first sentence ("2021年，").
const OPENINGS: &[&str] = &[
    "根据《",
    "依据《",
    "按照《",
    "根据<",
    "本报告",
    "本年度报告",
    "本年报",
    "前言",
];

/// Characters that separate chrome words (and mean nothing in themselves).
fn is_sep(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '>' | '»'
                | '|'
                | '【'
                | '】'
                | '['
                | ']'
                | '·'
                | '•'
                | '-'
                | '<'
                | '!'
                | '/'
                | ':'
                | '：'
        )
}

fn inline_finder() -> &'static aho_corasick::AhoCorasick {
    static F: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .start_kind(aho_corasick::StartKind::Both)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .prefilter(false)
            .build(INLINE.iter().map(|(w, _)| *w))
            .expect("chrome words make an automaton")
    })
}

/// Finds whatever could start chrome inside a line: every [`INLINE`] word, every [`CONTAINS`]
/// word and the marks [`chrome_token`] tests. A line holding none of them has no inline chrome,
/// and most lines of a report hold none: one pass that stops at the first hit spares them the
/// chain, title and token tests and the scan for a trailing chain. (A packed SIMD searcher
/// (Teddy) for these ~100 words cost more: too many candidates to verify in Chinese text.)
fn hint_finder() -> &'static aho_corasick::AhoCorasick {
    static F: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let words = INLINE.iter().map(|(w, _)| *w);
        let marks = CONTAINS.iter().copied().chain(["©", "®", "Copyright"]);
        aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .prefilter(false)
            .build(words.chain(marks))
            .expect("chrome hints make an automaton")
    })
}

/// The chrome word at the very start of `s` (its pattern's match, followed by anything).
fn raw_word_at(s: &str) -> Option<aho_corasick::Match> {
    let input = aho_corasick::Input::new(s).anchored(aho_corasick::Anchored::Yes);
    inline_finder().find(input)
}

/// The chrome word at the very start of `s`: (its reach, its byte length). A word must stand
/// apart — a separator, another chrome word, the report's opening or the end after it — so that
/// prose starting with one ("打印机采购…", "首页面改版…") is not chrome.
fn word_at(s: &str) -> Option<(Reach, usize)> {
    let m = raw_word_at(s)?;
    let (_, reach) = INLINE[m.pattern().as_usize()];
    let after = &s[m.end()..];
    let apart = match reach {
        Reach::Value => after.trim_start().starts_with([':', '：']),
        Reach::Sizes => after
            .chars()
            .next()
            .is_none_or(|c| is_sep(c) || "大中小".contains(c)),
        // A footer's opening words are followed by the footer's own text.
        Reach::Rest => true,
        // (Or a rule glued to it: a crawler's `==== 正文 ====` after its header's last word.)
        _ => {
            after.chars().next().is_none_or(is_sep)
                || raw_word_at(after).is_some()
                || report_starts(after).is_some()
                || after.starts_with("==")
        }
    };
    apart.then_some((reach, m.end()))
}

/// A whitespace-free token that is chrome by what it contains ("苏ICP备12345678号"). (A new mark
/// here belongs in [`hint_finder`] too.)
fn chrome_token(tok: &str) -> bool {
    contains_finder().is_match(tok) || tok.starts_with(['©', '®']) || tok.starts_with("Copyright")
}

/// The report title starting at the start of `s` ("XX县2021年政府信息公开工作年度报告"): its byte
/// length. A title names the report, holds a year and has no sentence punctuation.
pub fn title_at(s: &str) -> Option<usize> {
    let mut digits = 0;
    let mut end = None;
    let mut prev = None;
    for (n, (i, c)) in s.char_indices().enumerate() {
        // (White space beside a year's digits is a word processor's, `2024 年`: inside it.)
        let beside_digit = || {
            prev.is_some_and(|p: char| p.is_ascii_digit())
                || s[i + c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
        };
        if n > 80
            || (c.is_whitespace() && !(c == ' ' && beside_digit()))
            || matches!(c, '。' | '，' | '；' | ',' | '《' | '>' | '：')
        {
            break;
        }
        prev = Some(c);
        if c.is_ascii_digit() {
            digits += 1;
        }
        let here = &s[..i + c.len_utf8()];
        if digits >= 4
            && (here.ends_with("年度报告") || here.ends_with("年报") || here.ends_with("工作报告"))
            && (here.contains("信息公开") || here.contains("政务公开"))
            && !super::text::opens_sentence(here)
        {
            end = Some(i + c.len_utf8());
        }
    }
    let mut end = end?;
    // "(XX局)" right after the title names its agency.
    if let Some(rest) = s[end..].strip_prefix('(') {
        if let Some(q) = rest.find(')') {
            if rest[..q].chars().count() <= 30 && !rest[..q].contains(['。', '，']) {
                end += q + 2;
            }
        }
    }
    Some(end)
}

/// Does the report start at the start of `s`? Returns whether it starts with a title.
fn report_starts(s: &str) -> Option<bool> {
    if OPENINGS.iter().any(|o| s.starts_with(o)) {
        return Some(false);
    }
    let mut it = s.chars();
    if let (Some('一'), Some('、'), Some(h)) = (it.next(), it.next(), it.next()) {
        if crate::ingest::normalize::is_han(h) {
            return Some(false);
        }
    }
    let b = s.as_bytes();
    if b.len() > 7 && b[..4].iter().all(u8::is_ascii_digit) {
        let rest = &s[4..];
        if ["年，", "年,", "年度，", "年以来", "年度,"]
            .iter()
            .any(|w| rest.starts_with(w))
        {
            return Some(false);
        }
    }
    if title_at(s).is_some() || title_broken_by_space(s) {
        return Some(true);
    }
    byline_at(s).then_some(false)
}

/// A title with one space inside it, as a page prints a title broken over two lines
/// ("平潭综合实验区地方税务局2013年 信息公开年度报告").
fn title_broken_by_space(s: &str) -> bool {
    let first = token(s);
    if first.is_empty() || first.chars().count() > 40 {
        return false;
    }
    let rest = &s[first.len()..];
    let second = rest.trim_start_matches([' ', '\u{3000}']);
    // One space (or one ideographic space), not a wider gap between two words of a page; the
    // words before it no chrome word, and the words after it no title on their own.
    if rest[..rest.len() - second.len()].chars().count() != 1
        || first.chars().count() < 4
        || word_at(s).is_some()
        || title_at(second).is_some()
    {
        return false;
    }
    let joined = format!("{first}{}", token(second));
    title_at(&joined).is_some_and(|e| e > first.len())
}

/// A byline at the start of `s`: an agency's name, then the date it was written, as an older
/// report prints them above its text ("平潭综合实验区管委会办公室 二〇一三年一月").
fn byline_at(s: &str) -> bool {
    let name = token(s);
    let n = name.chars().count();
    if !(4..=30).contains(&n)
        || name.contains(['。', '，', '：', ':'])
        || ![
            "局",
            "委员会",
            "管委会",
            "人民政府",
            "办公室",
            "办公厅",
            "中心",
        ]
        .iter()
        .any(|e| name.ends_with(e))
    {
        return false;
    }
    let after = s[name.len()..].trim_start();
    // A year (in digits or written out) and 年, then the month.
    let mut chars = after.chars();
    (0..4).all(|_| chars.next().and_then(super::text::written_digit).is_some())
        && chars.next() == Some('年')
        && chars.take(4).any(|c| c == '月')
}

/// The word at the start of `s`: up to white space, at most 64 characters (a longer run is no
/// chrome word, and measuring it whole from every word of a long line would be quadratic).
fn token(s: &str) -> &str {
    let mut end = 0;
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n >= 64 || c.is_whitespace() {
            break;
        }
        end = i + c.len_utf8();
    }
    &s[..end]
}

/// Does `s` open with a word of more than 12 characters (up to white space), or a sentence?
fn long_word(s: &str) -> bool {
    let w = token(s);
    w.chars().count() > 12 || w.contains(['。', '，'])
}

/// How a chain of chrome words ended.
#[derive(Debug, PartialEq)]
enum ChainEnd {
    /// At the start of the report (true: with its title).
    Report(bool),
    /// At the end of the line.
    Line,
    /// At text that is neither chrome nor a report opening.
    Text,
}

/// Follow a chain of chrome words from byte `from` of `line`: the byte where the chain ends and
/// why. `links` (after the report: 上一篇/相关链接 lists) reads titles as chrome link texts
/// rather than as the report's start. Short unknown words between chrome words (nav items such as
/// "政务公开") belong to the chain; three in a row end it where they begin.
fn chain(line: &str, from: usize, links: bool) -> (usize, ChainEnd) {
    let mut p = from;
    let mut unknown_from: Option<usize> = None;
    let mut unknowns = 0;
    loop {
        let rest = &line[p..];
        let skip = rest.len() - rest.trim_start_matches(is_sep).len();
        // A word after '>' is a breadcrumb's segment ("首页 > 政务公开 > 政府信息公开 > 年报").
        // ("-->", the end of an HTML comment left in the text, is no breadcrumb arrow.)
        let gap = &rest[..skip];
        let crumb = p > from && gap.contains(['>', '»']) && !gap.contains("->");
        p += skip;
        let rest = &line[p..];
        if rest.is_empty() {
            return (unknown_from.filter(|_| !links).unwrap_or(p), ChainEnd::Line);
        }
        // A crawler's body mark (`==== 正文 ====`): the report follows it.
        // (Looked for in the next few characters only: a line of a million `==` must not be
        // searched to its end at each.)
        let window = &rest[..rest.char_indices().nth(80).map_or(rest.len(), |(i, _)| i)];
        let mark = body_mark(window).map(|alone| alone && window.len() == rest.len());
        if rest.starts_with("==") && mark == Some(false) {
            let after = rest.find("正文").map_or(0, |i| i + "正文".len());
            let body = rest[after..].trim_start_matches(|c: char| c == '=' || c.is_whitespace());
            return (line.len() - body.len(), ChainEnd::Report(false));
        }
        if !links {
            if let Some(title) = report_starts(rest) {
                return (unknown_from.unwrap_or(p), ChainEnd::Report(title));
            }
        } else if rest.starts_with("根据《") || rest.starts_with("一、") {
            return (unknown_from.unwrap_or(p), ChainEnd::Text);
        }
        let tok_len = token(rest).len();
        // A bare date (and time): the page's date line.
        if let Some((_, after)) = parse_date_prefix(rest) {
            p += rest.len() - after.len();
            p += reach_time(&line[p..]);
            unknown_from = None;
            unknowns = 0;
            continue;
        }
        if let Some((reach, len)) = word_at(rest) {
            if reach == Reach::Rest && links {
                return (line.len(), ChainEnd::Line);
            }
            p += len;
            unknown_from = None;
            unknowns = 0;
            p += reach_len(&line[p..], reach);
            continue;
        }
        // A menu's item (`网站首页 新闻中心 政务公开`, or glued: `新闻中心政务公开`), where
        // a word ends after it.
        let glued = glued_menu(rest);
        let menu = if glued > 0 {
            glued
        } else {
            glued_menu_words(rest)
        };
        if menu > 0 && (glued > 0 || menu_word_ends(&rest[menu..])) {
            p += menu;
            unknown_from = None;
            unknowns = 0;
            continue;
        }
        if chrome_token(&rest[..tok_len]) || (links && title_at(rest).is_some()) {
            p += tok_len;
            unknown_from = None;
            unknowns = 0;
            continue;
        }
        // An unknown word: up to white space, a separator or the next chrome word.
        // (Measured up to 13 characters: a longer word ends the chain anyway, and a long run of
        // text must not be walked again from every chrome word before it.)
        let mut wlen = 0;
        for (n, (i, c)) in rest.char_indices().enumerate() {
            if n > 12
                || (i > 0
                    && (is_sep(c)
                        || word_at(&rest[i..]).is_some()
                        || glued_menu_words(&rest[i..]) > 0))
            {
                break;
            }
            wlen = i + c.len_utf8();
        }
        let word = &rest[..wlen];
        if crumb && word.chars().count() <= 20 && !word.contains(['。', '，']) {
            let tok = &rest[..tok_len];
            p += tok.find(['>', '»']).unwrap_or(wlen.max(tok_len));
            unknown_from = None;
            unknowns = 0;
            continue;
        }
        let short = word.chars().count() <= 12
            && rest[wlen..].chars().next().is_none_or(|c| {
                is_sep(c) || word_at(&rest[wlen..]).is_some() || glued_menu_words(&rest[wlen..]) > 0
            })
            && !word.contains(['。', '，', '；', ',']);
        unknowns += 1;
        if !short || unknowns > 2 {
            return (unknown_from.unwrap_or(p), ChainEnd::Text);
        }
        unknown_from.get_or_insert(p);
        p += wlen;
    }
}

/// Bytes a time after a date takes (" 15:22", " 15:22:01"), or 0.
fn reach_time(s: &str) -> usize {
    let time = s.trim_start();
    let tl = time
        .find(|c: char| !(c.is_ascii_digit() || c == ':'))
        .unwrap_or(time.len());
    if tl > 0 && time[..tl].contains(':') && is_time(&time[..tl]) {
        s.len() - time.len() + tl
    } else {
        0
    }
}

/// Bytes a chrome word's value takes after the word.
/// The longest segment of a breadcrumb, in characters (a column's name: `政府信息公开年报`).
const MAX_CRUMB_CHARS: usize = 30;

/// The longest address or path a label's value runs to, in characters.
const MAX_PATH_CHARS: usize = 200;

fn reach_len(s: &str, reach: Reach) -> usize {
    match reach {
        Reach::Word | Reach::Rest => 0,
        Reach::Sizes => {
            s.len()
                - s.trim_start_matches(|c: char| is_sep(c) || "大中小默认标准超".contains(c))
                    .len()
        }
        Reach::Value => {
            // The colon, then one word (up to white space or a bracket, at most 40 characters,
            // never into the report's opening); a date keeps its time ("2020-01-20 15:22").
            let t = s.trim_start().trim_start_matches([':', '：']).trim_start();
            // An address or a path (`原文链接: https://…`, `本地目录: zwgk/…/某局年报`) runs to
            // white space, the next chrome word or a rule, whatever it holds (at most
            // `MAX_PATH_CHARS`: a page joined with nothing between its strings has no white
            // space to end it).
            let mut word = 0;
            for (n, (i, c)) in t.char_indices().enumerate() {
                let here = &t[i..];
                if c.is_whitespace()
                    || n >= MAX_PATH_CHARS
                    || (i > 0 && (here.starts_with("==") || word_at(here).is_some()))
                {
                    break;
                }
                word = i + c.len_utf8();
            }
            // (An address or a path opens with a letter: `https://`, `www.`, `zwgk/`; a date
            // written with slashes, `2023/01/29`, is no path.)
            let word = &t[..word];
            if word.starts_with(|c: char| c.is_ascii_alphabetic())
                && word.contains('/')
                && !word.contains(['。', '，'])
            {
                return s.len() - t.len() + word.len();
            }
            let mut p = s.len() - t.len();
            for (n, (i, c)) in t.char_indices().enumerate() {
                // (Or the next label: the space between a figure and a label after it,
                // `浏览次数：1234 字号：`, is squashed when the text is normalised.)
                if c.is_whitespace()
                    || matches!(c, '】' | ']' | '|')
                    || n >= 40
                    || (i > 0
                        && (report_starts(&t[i..]).is_some()
                            || (!c.is_ascii_digit() && word_at(&t[i..]).is_some())))
                {
                    break;
                }
                p = s.len() - t.len() + i + c.len_utf8();
            }
            let value = &s[s.len() - t.len()..p];
            if parse_date_prefix(value).is_some() {
                p += reach_time(&s[p..]);
            }
            p
        }
        Reach::Breadcrumb => {
            // Segments joined by '>' (a segment ends at white space or the next '>'); the report's
            // own title after the last '>' is not part of it.
            let mut p = s.len() - s.trim_start_matches([':', '：', ' ']).len();
            loop {
                let rest = &s[p..];
                let t = rest.trim_start();
                if title_at(t).is_some() {
                    return p;
                }
                // (At most `MAX_CRUMB_CHARS`, and never into a title glued to it: a page's
                // strings joined with nothing between them leave no white space to end it.)
                let mut seg = t.len();
                for (n, (i, c)) in t.char_indices().enumerate() {
                    if c.is_whitespace()
                        || c == '>'
                        || c == '»'
                        || n >= MAX_CRUMB_CHARS
                        || (i > 0 && title_at(&t[i..]).is_some())
                    {
                        seg = i;
                        break;
                    }
                }
                p += rest.len() - t.len() + seg;
                let after = &s[p..];
                let a = after.trim_start();
                if let Some(arrow) = a.chars().next().filter(|c| matches!(c, '>' | '»')) {
                    p += after.len() - a.len() + arrow.len_utf8();
                } else {
                    return p;
                }
            }
        }
    }
}

/// The byte ranges of `line` that are page chrome sharing the line with report text: a chain of
/// chrome words before the report starts (breadcrumb, source, date, share buttons), chrome after
/// the title, and a chain of chrome words that runs to the end of the line (print/close buttons,
/// copyright footer). A line that is chrome and nothing else gives nothing here: the line-level
/// tests ([`is_chrome`]) deal with it, as before.
pub fn inline_spans(line: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let lead = line.len()
        - line
            .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '•' | '·' | '*'))
            .len();
    let body = &line[lead..];
    // Every test below starts at a chrome word or a chrome token's mark.
    if body.is_empty() || !hint_finder().is_match(body) {
        return out;
    }
    // 1. Chrome before the report.
    let mut report_from = lead;
    // (Or a menu's items glued together, `首页政务公开…`: two at least, as a line of the
    // report may open with one.)
    let starts_with_chrome =
        word_at(body).is_some() || chrome_token(token(body)) || glued_menu(body) > 0;
    if starts_with_chrome {
        let (end, how) = chain(line, lead, false);
        match how {
            ChainEnd::Report(_) => report_from = end,
            // Unknown text after the chrome: the report when it is long or when its first word
            // is (a title wrapped onto the next line: "2024年上海市科委政府信息公开工作") —
            // rather than lose the line, as a chrome line, with the report in it.
            ChainEnd::Text if line.len() - end >= 300 || long_word(&line[end..]) => {
                report_from = end
            }
            _ => return out,
        }
        out.push(lead..report_from);
    }
    // 2. Chrome right after a title ("…年度报告 来源：… 时间：… 分享 根据《…").
    let at = &line[report_from..];
    // (Behind menu words the chain above does not take, `首页 政务公开 `, and behind its page's
    // label, `标题: ` with a space after the colon as well.)
    let menu = leading_menu_words(at);
    let label = menu + super::title::title_label_len(&at[menu..]);
    if let Some(tl) = title_at(&at[label..]) {
        let after = report_from + label + tl;
        let rest = line[after..].trim_start_matches(is_sep);
        let rest_at = line.len() - rest.len();
        if word_at(rest).is_some() {
            let (end, how) = chain(line, rest_at, false);
            if matches!(how, ChainEnd::Report(_) | ChainEnd::Line) && end > rest_at {
                out.push(rest_at..end);
                report_from = end;
            }
        }
    }
    // 3. Chrome running to the end of the line: the first chrome word (after a gap or sentence
    // end) whose chain reaches the end. A failed chain is not tried again from inside itself.
    let finder = inline_finder();
    let mut next_try = report_from;
    let mut found = None;
    for m in finder.find_iter(&line[report_from..]) {
        let s = report_from + m.start();
        if s < next_try || s == report_from {
            continue;
        }
        let prev = line[..s].chars().next_back().unwrap_or(' ');
        let Some((reach, _)) = word_at(&line[s..]) else {
            continue;
        };
        // A footer's opening words are chrome wherever they fall ("…2022年1月19日凡本网注明");
        // other words only after a gap or a sentence end.
        if reach != Reach::Rest && !(is_sep(prev) || matches!(prev, '。' | '！' | '？' | '”' | ')'))
        {
            continue;
        }
        let (end, how) = chain(line, s, true);
        if how == ChainEnd::Line {
            found = Some(s);
            break;
        }
        next_try = end.max(s + 1);
    }
    if let Some(s) = found {
        // Keep the separators that close the report's last words out of the chrome.
        // (And an opening bracket before it, also one a space apart: `[ 打印本页 ]`.)
        let opened = line[..s].trim_end_matches(['【', '[', ' ']);
        let s = if opened.len() < line[..s].trim_end_matches(' ').len() {
            opened.len()
        } else {
            s
        };
        out.push(s..line.len());
    }
    out
}

/// The text with chrome that shares lines with report text blanked out, byte for byte (every
/// offset stays valid, so provenance still maps back to the source): each chrome range becomes
/// spaces ending in a line break, so the report text after it starts a line of its own, as on
/// the page. Returns the text and the blanked ranges (for the labels in them, such as a date).
pub fn mask_inline(text: &str) -> (std::borrow::Cow<'_, str>, Vec<std::ops::Range<usize>>) {
    let mut spans = Vec::new();
    for (off, line) in super::text::split_lines(text) {
        if line.len() > 8 {
            let (head, tail) = footers_beside_text(line);
            spans.extend(head.map(|r| off + r.start..off + r.end));
            spans.extend(
                inline_spans(line)
                    .into_iter()
                    .filter(|r| !r.is_empty())
                    .map(|r| off + r.start..off + r.end),
            );
            spans.extend(tail.map(|r| off + r.start..off + r.end));
        }
    }
    if spans.is_empty() {
        // The common case: no copy.
        return (std::borrow::Cow::Borrowed(text), spans);
    }
    let mut bytes = text.as_bytes().to_vec();
    for r in &spans {
        for b in &mut bytes[r.clone()] {
            *b = b' ';
        }
        bytes[r.end - 1] = b'\n';
    }
    // Whole characters were replaced by ASCII: still UTF-8.
    let masked = String::from_utf8(bytes).unwrap_or_else(|_| text.to_string());
    (std::borrow::Cow::Owned(masked), spans)
}

/// A page footer printed on one line with the report's text, apart from it by a gap of two
/// spaces or more, at the line's start or its end: PyMuPDF's `sort=True` joins blocks that
/// share a baseline, so the footer of a page comes out beside the first row of the next
/// (`- 3 -             3.补正后申请内容仍不明确     0   0 …`), and its number was read as a
/// figure of the row before. (A line split by tabs is a row of cells: not read.)
fn footers_beside_text(
    line: &str,
) -> (
    Option<std::ops::Range<usize>>,
    Option<std::ops::Range<usize>>,
) {
    if line.contains('\t') || !line.contains(['-', '—', '–', '页']) {
        return (None, None);
    }
    let body = line.trim_end_matches(['\n', '\r']);
    let start = body.len() - body.trim_start().len();
    let end = body.trim_end().len();
    if start >= end {
        return (None, None);
    }
    // The pieces of the line between gaps of two white spaces or more.
    let gap = |s: &str| s.find("  ");
    let footer = |r: &std::ops::Range<usize>| {
        let t = &body[r.clone()];
        t.len() <= 24 && page_footer(&super::text::without_whitespace(t))
    };
    let head = gap(&body[start..end])
        .map(|g| start..start + g)
        .filter(|r| footer(r));
    let tail = body[start..end]
        .rfind("  ")
        .map(|g| {
            let from = start + g;
            from + (body[from..end].len() - body[from..end].trim_start().len())..end
        })
        .filter(|r| footer(r) && head.as_ref().is_none_or(|h| h.end <= r.start));
    (head, tail)
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
    // (A full stop after it: "2023.1.29.", "2023年1月29日。".)
    let rest = rest.trim().trim_start_matches(['.', '。']).trim();
    if rest.is_empty() || is_time(rest) {
        Some(date)
    } else {
        None
    }
}

pub(crate) fn is_time(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.len() <= 8 && s.chars().all(|c| c.is_ascii_digit() || c == ':')
}

/// Parse "2023-01-29", "2023/1/29", "2023.1.29", "2023年1月29日" (or 29号, as people write
/// the day; 元月 for January) or, as official documents sign, "二〇二三年一月二十九日" at the
/// start of `t`.
/// Returns (ISO date, the rest of the string).
pub fn parse_date_prefix(t: &str) -> Option<(String, &str)> {
    if !t.starts_with(|c: char| c.is_ascii_digit()) {
        return chinese_date_prefix(t);
    }
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
    // 元月: January, as some sign-offs write it ("2023年元月29日").
    let m = if t[i..].starts_with("元月") && t[..i].ends_with('年') {
        i += "元月".len();
        1
    } else {
        let m = num(&mut i, 2)?;
        sep(&mut i, &["-", "/", ".", "月"])?;
        m
    };
    let d = num(&mut i, 2)?;
    let _ = sep(&mut i, &["日", "号"]);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some((format!("{y:04}-{m:02}-{d:02}"), &t[i..]))
}

/// "二〇二三年一月二十九日" (〇, ○, 零 or O for zero) at the start of `t`.
fn chinese_date_prefix(t: &str) -> Option<(String, &str)> {
    use super::text::written_digit as digit;
    // 1–31 as written: 一 … 九, 十, 十一 …, 二十, 二十一 …, 三十一.
    fn small(s: &str) -> Option<u32> {
        let c: Vec<char> = s.chars().collect();
        let ten = |c: &char| *c == '十';
        match c.as_slice() {
            [d] if !ten(d) => digit(*d).filter(|&d| d > 0),
            [t] if ten(t) => Some(10),
            [t, d] if ten(t) => digit(*d).filter(|&d| d > 0).map(|d| 10 + d),
            [d, t] if ten(t) => digit(*d).filter(|&d| d > 1).map(|d| d * 10),
            [d, t, e] if ten(t) => {
                Some(digit(*d).filter(|&d| d > 1)? * 10 + digit(*e).filter(|&e| e > 0)?)
            }
            _ => None,
        }
    }
    let mut chars = t.char_indices();
    let mut y = 0;
    for _ in 0..4 {
        y = y * 10 + digit(chars.next()?.1)?;
    }
    let rest = t[chars.next()?.0..].strip_prefix('年')?;
    let (m, rest) = rest.split_once('月')?;
    let (d, rest) = rest.split_once(['日', '号'])?;
    let m = if m == "元" { Some(1) } else { small(m) };
    let (m, d) = (m?, small(d)?);
    ((1990..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d))
        .then(|| (format!("{y:04}-{m:02}-{d:02}"), rest))
}

/// A site's menu items and the names of the column a report is filed under, as a page joined
/// into one line prints them before the article's title (`首页 政务公开 政府信息公开年报 某局
/// 2024年…`), with [`SITE_ONLY_WORDS`]. Data: add a site's menu by adding its words here (a
/// word no report prints as a line or a cell of its own goes there).
const MENU_WORDS: &[&str] = &[
    "政务公开",
    "信息公开",
    "政府信息公开",
    "政务服务",
    "互动交流",
    "新闻中心",
    "新闻动态",
    "政务动态",
    "政府信息公开年报",
    "政府信息公开年度报告",
    "信息公开年报",
    "年度报告",
    "年报",
    "政府信息公开目录",
    "法定主动公开内容",
    "当前位置",
    "您的位置",
    "您当前的位置",
];

/// The byte length of the menu words, breadcrumb marks and other page chrome that open `s`,
/// each followed by white space, up to the first other word (white space after them included).
pub(crate) fn leading_menu_words(s: &str) -> usize {
    let mut at = s.len() - s.trim_start().len();
    let mut end = 0;
    while let Some(len) = s[at..].find(char::is_whitespace) {
        let word = &s[at..at + len];
        let mark = word
            .chars()
            .all(|c| matches!(c, '>' | '»' | '›' | '/' | '|' | '•' | '·'));
        if !(mark || is_menu_word(word)) {
            break;
        }
        at = s.len() - s[at + len..].trim_start().len();
        end = at;
    }
    end
}

/// The byte length of the menu words glued together at the start of `s` (`首页政务公开某局…`, a
/// page's strings joined with nothing between them), the longest word first.
fn glued_menu_words(s: &str) -> usize {
    glued_menu_run(s).0
}

/// [`glued_menu_words`], and how many words.
fn glued_menu_run(s: &str) -> (usize, usize) {
    let mut at = 0;
    let mut words = 0;
    while let Some(w) = MENU_WORDS
        .iter()
        .chain(SITE_ONLY_WORDS)
        .filter(|w| s[at..].starts_with(**w))
        .max_by_key(|w| w.len())
    {
        at += w.len();
        words += 1;
    }
    (at, words)
}

/// The longest of [`SITE_ONLY_WORDS`], in bytes.
const SITE_WORD_MAX_BYTES: usize = longest(SITE_ONLY_WORDS);

/// A menu's item: one of [`MENU_WORDS`] or [`SITE_ONLY_WORDS`].
fn is_menu_item(w: &str) -> bool {
    MENU_WORDS.contains(&w) || SITE_ONLY_WORDS.contains(&w)
}

/// The menu words a report's own text may be (a title wrapped before `年度报告`, a heading's
/// subject): a line of these alone is no menu.
const SUBJECT_MENU_WORDS: &[&str] = &[
    "政务公开",
    "信息公开",
    "政府信息公开",
    "年度报告",
    "年报",
    "政府信息公开年报",
    "政府信息公开年度报告",
    "信息公开年报",
];

/// A site's own words, never a line's or a table cell's whole text in a report (`政务服务`,
/// `新闻动态`, `微信 微博` may be: a platform's or a column's name in a table).
const SITE_ONLY_WORDS: &[&str] = &[
    "首页",
    "网站首页",
    "无障碍",
    "长者模式",
    "关怀版",
    "繁体",
    "简体",
    "繁體",
    "English",
    "登录",
    "注册",
    "搜索",
    "网站地图",
    "联系我们",
    "联络我们",
];

/// A short line of menu items and page chrome with a site's own word among them (`无障碍 长者
/// 模式 繁体 登录 注册`, `网站地图 联系我们`, `搜索`).
fn menu_line(line: &str) -> bool {
    if line.chars().count() > 120 {
        return false;
    }
    if !has_whitespace(line) {
        // One word: a site's own, looked up (not through `is_chrome`, which asks this). (Its
        // length first: this is asked of every short line, a table's cells among them.)
        return line.len() <= SITE_WORD_MAX_BYTES && SITE_ONLY_WORDS.contains(&line);
    }
    // (Menu items and chrome words only: a row of dashes, `—\t—\t—`, is a table's row.)
    let item = |w: &str| {
        is_menu_item(w.trim_end_matches([':', '：']))
            || raw_word_at(w).is_some_and(|m| m.end() == w.len())
    };
    let words: Vec<&str> = line.split_whitespace().collect();
    words.iter().all(|w| item(w)) && words.iter().any(|w| SITE_ONLY_WORDS.contains(w))
}

/// Does a word end where a menu's word is followed by `after`: at a separator, a digit (a
/// title that opens with its year, the space before it squashed) or the line's end, another
/// menu word, a chrome word or the report's start?
fn menu_word_ends(after: &str) -> bool {
    after
        .chars()
        .next()
        .is_none_or(|c| is_sep(c) || c.is_ascii_digit())
        || glued_menu_words(after) > 0
        || word_at(after).is_some()
        || report_starts(after).is_some()
}

/// The byte length of a menu's items glued together at the start of `s`, where they read as a
/// menu and not as a report's words (`政务公开政务服务工作领导小组` opens a sentence): three
/// items or more, or two followed by a word's end or a page's label (`首页政务公开标题: …`).
/// 0 otherwise.
fn glued_menu(s: &str) -> usize {
    let (len, words) = glued_menu_run(s);
    let after = &s[len..];
    let label_follows = || {
        after
            .char_indices()
            .take(6)
            .any(|(i, c)| i > 0 && matches!(c, ':' | '：'))
    };
    if words >= 3 || (words == 2 && (menu_word_ends(after) || label_follows())) {
        len
    } else {
        0
    }
}

/// The byte length of a site's menu glued before a title's agency (`首页政务公开某市某局…`): two
/// menu items or more, or one that is no word of an agency's name (`首页`, `政府信息公开年报`:
/// a site's and a column's names); 0 otherwise (`政务服务中心…` is an agency's name).
pub(crate) fn glued_menu_prefix(s: &str) -> usize {
    let (len, words) = glued_menu_run(s);
    let first_is_site = SITE_ONLY_WORDS
        .iter()
        .chain(SUBJECT_MENU_WORDS.iter().filter(|w| w.contains("年")))
        .any(|w| s.starts_with(w));
    if words >= 2 || (words == 1 && first_is_site) {
        len
    } else {
        0
    }
}

/// Is `word` (one word, no white space) a menu item or page chrome, as it opens a page joined
/// into one line before the article?
fn is_menu_word(word: &str) -> bool {
    let w = word.trim_end_matches([':', '：']);
    is_menu_item(w) || raw_word_at(word).is_some_and(|m| m.end() == word.len()) || is_chrome(word)
}

/// A crawler's mark where the page's text begins (`==== 正文 ====`): `Some(true)` where the line
/// holds the mark alone, `Some(false)` where the report's text follows it on the same line (the
/// whole crawl joined into one line, as `jsoup`'s `text()` or a join of a page's strings gives
/// it: that line is the report, not chrome).
pub(crate) fn body_mark(line: &str) -> Option<bool> {
    let t = line.trim();
    if !t.contains("====") {
        return None;
    }
    let at = t.find("正文")?;
    let after = t[at + "正文".len()..].trim_start();
    if !t[..at].trim_end().ends_with("==") || !after.starts_with("==") {
        return None;
    }
    let rest = after.trim_start_matches(|c: char| c == '=' || c.is_whitespace());
    Some(rest.is_empty())
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_crawlers_body_mark_alone_or_before_the_report() {
        assert_eq!(
            body_mark("==================== 正文 ===================="),
            Some(true)
        );
        assert_eq!(
            body_mark("==== 正文 ==== 本报告根据《条例》编制。"),
            Some(false)
        );
        assert_eq!(
            body_mark("标题: 某局2024年报告 ==== 正文 ==== 一、总体情况"),
            Some(false)
        );
        // 正文 as a word of the text, and a rule without it, are no mark.
        assert_eq!(body_mark("==== 本报告正文共六部分"), None);
        assert_eq!(body_mark("========"), None);
    }

    #[test]
    fn menu_words_before_a_joined_title() {
        let s = "首页 > 政务公开 政府信息公开年报 某局2024年政府信息公开工作年度报告";
        assert_eq!(
            &s[leading_menu_words(s)..],
            "某局2024年政府信息公开工作年度报告"
        );
        // An agency's name or a place is no menu word.
        let s = "广州市 医疗保障局2022年度政府信息公开工作年度报告";
        assert_eq!(leading_menu_words(s), 0);
        // A long line behind a label with an ASCII colon is the report, not chrome.
        assert!(is_chrome("标题: 某局2024年政府信息公开工作年度报告"));
        let long = format!(
            "标题: 某局2024年政府信息公开工作年度报告 {}",
            "本报告根据条例编制。".repeat(30)
        );
        assert!(!is_chrome(&long));
    }

    use super::*;

    #[test]
    fn contents_entries_are_chrome() {
        for line in [
            "目  录",
            "一、总体情况……………………2",
            "  （一）主动公开.......................3",
            "二、主动公开政府信息情况············３",
            "五、存在的主要问题及改进情况 ………………… 7",
        ] {
            assert!(is_chrome(line), "{line}");
        }
        for line in [
            "一、本年新收政府信息公开申请数量\t5",
            "其他……3",
            "（三）其他………3",
            "规章  13  13  524",
            "共受理申请……12",
            "年报中所列数据……",
        ] {
            assert!(!is_chrome(line), "{line}");
        }
    }

    #[test]
    fn margins_a_browser_prints() {
        for l in [
            "2025/1/20 10:35    淮安市人民政府政府信息公开工作年度报告",
            "2024-01-31 9:05 政府信息公开工作年度报告 - 某市人民政府",
            "https://www.huaian.gov.cn/col/col1/art/2025/art_1.html 5/7",
            "Page 5 of 7",
            "page 12",
        ] {
            assert!(is_chrome(l), "{l}");
        }
        for l in [
            "2025年1月20日",
            "1.本机关不掌握相关政府信息 746 12 0 0 10 1 769",
            "2025年1月20日，本机关召开会议。",
            "https://www.huaian.gov.cn",
            "pages",
        ] {
            assert_eq!(is_chrome(l), l == "2025年1月20日", "{l}");
        }
    }

    #[test]
    fn dates_as_signed() {
        for (t, iso) in [
            ("二〇二四年一月二十日", "2024-01-20"),
            ("二○二三年十二月三十一日", "2023-12-31"),
            ("二零二二年十月十日", "2022-10-10"),
            ("二〇二一年二月九日", "2021-02-09"),
            ("二〇二〇年十一月十五日", "2020-11-15"),
            ("二〇二五年一月二十号", "2025-01-20"),
            ("2025年1月20号", "2025-01-20"),
        ] {
            assert_eq!(date_only(t).as_deref(), Some(iso), "{t}");
            assert_eq!(date_only(&format!("({t})")).as_deref(), Some(iso), "{t}");
        }
        for t in [
            "二〇二四年十三月一日",
            "二〇二四年一月三十二日",
            "二〇二四年",
            "一二三年一月一日",
            "二〇二四年一月一日前完成",
            "2025年1月20号文件",
        ] {
            assert_eq!(date_only(t), None, "{t}");
        }
    }

    #[test]
    fn white_space_found_as_char_is_whitespace_finds_it() {
        let spaces = [
            '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{85}', '\u{a0}', '\u{1680}', '\u{2000}',
            '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
        ];
        for c in spaces {
            assert!(has_whitespace(&format!("政务{c}公开")), "{:?}", c);
        }
        // Characters whose bytes start like white space but are not.
        for s in [
            "政务公开。",
            "、「」《》",
            "\u{2010}—…",
            "\u{a9}\u{b7}",
            "\u{1681}",
            "abc",
        ] {
            assert!(!has_whitespace(s), "{s}");
        }
        // Every character up to U+3100 gives the same answer both ways.
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            assert_eq!(
                has_whitespace(&s),
                s.contains(char::is_whitespace),
                "{:?}",
                c
            );
        }
    }

    #[test]
    fn line_verdicts_are_read_for_whole_lines_and_tested_for_parts() {
        let text = "分享\n一、总体情况 打印\n\n- 3 -\n2023年，本机关主动公开政府信息。\n打印";
        let lines = ChromeLines::of(text);
        let mut off = 0;
        for line in text.split('\n') {
            assert_eq!(lines.at(off, line), is_chrome(line), "{line:?}");
            off += line.len() + 1;
        }
        // Part of a line (a body that starts after its heading on the same line) is tested
        // itself, not given the whole line's verdict.
        let whole = "一、总体情况 打印";
        let at = text.find(whole).unwrap();
        let part = &text[at + whole.len() - "打印".len()..at + whole.len()];
        assert!(!lines.at(at, whole));
        assert!(lines.at(at + whole.len() - part.len(), part));
        // An offset that starts no line.
        assert!(lines.at(1_000, "分享"));
        assert!(!lines.at(1_000, "政府信息公开"));
    }

    #[test]
    fn recognises_chrome() {
        for l in [
            "  • 听全文",
            "来源:广州市医疗保障局",
            "— 3 —",
            "- 3 -",
            "-12-",
            "=====",
            "———————",
            "- - - - - -",
            "— — — — —",
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
            "—\t—\t—\t—",
            // Rows of table 四 whose nothing is a dash, a few figures between: no `—22—` footer.
            "—\t—\t—\t2\t2\t—\t—\t—\t—\t—\t—\t—\t—\t—\t—",
            "— \t— \t— \t2 \t2 \t— ",
            "-\t1\t1\t1\t3\t-\t-\t-",
            "－\t－\t－",
            "-\t-\t-\t-\t-",
            "\t—\t\t—\t—\t",
            "—— | —— | ——",
            "—   —   —   —",
            "—\u{3000}—\u{3000}—",
            "一、总体情况",
            "行政许可",
            "本年度没有向政府信息公开申请人收取费用的情况。",
        ] {
            assert!(!is_chrome(l), "{l}");
        }
        assert_eq!(date_only("(2026年1月23日)").as_deref(), Some("2026-01-23"));
    }

    #[test]
    fn dates_as_sign_offs_write_them() {
        for (t, want) in [
            ("2023年元月29日", Some("2023-01-29")),
            ("二〇二三年元月二十九日", Some("2023-01-29")),
            ("2023.1.29.", Some("2023-01-29")),
            ("2023年1月29日。", Some("2023-01-29")),
            ("2023元月29日", None),
            ("2023年1月29日起施行", None),
        ] {
            assert_eq!(date_only(t).as_deref(), want, "{t}");
        }
    }

    fn kept(line: &str) -> String {
        let (m, _) = mask_inline(line);
        m.split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("|")
    }

    /// Chrome sharing a line with the report costs the chrome only, never the report's words.
    #[test]
    fn inline_chrome_costs_no_text() {
        let report = "根据《中华人民共和国政府信息公开条例》要求编制本报告。一、总体情况2020年，本县主动公开信息120条。";
        let crumbs = "当前位置：首页 > 政务公开 > 政府信息公开年报 来源：某县人民政府 时间：2021-01-20 微信 微博 分享 相关链接： -->";
        assert_eq!(kept(&format!("{crumbs} {report}")), report);
        assert_eq!(kept(&format!("{crumbs}{report}")), report);
        // A tool bar of version switches and downloads (a real 2021 page, flattened by a crawler).
        let title = "某区2021年度政府信息公开工作年度报告";
        let bar = "来源：某县人民政府 时间：2022-02-08 16:34 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： -->";
        assert_eq!(
            kept(&format!(
                "当前位置： 首页政务公开政府信息公开年报 {title} {bar} {report}"
            )),
            format!("{title}|{report}")
        );
        // The title kept, the chrome around it dropped.
        let title = "某县2020年政府信息公开工作年度报告";
        assert_eq!(
            kept(&format!(
                "您现在的位置：首页>信息公开>{title} 发布日期：2021-01-20 15:22 【字号：大 中 小】 {report}"
            )),
            format!("{title}|{report}")
        );
        assert_eq!(
            kept(&format!("{title} 来源：某县人民政府 浏览次数：35 {report}")),
            format!("{title}|{report}")
        );
        // A breadcrumb without its label, as deep as a site makes it.
        assert_eq!(
            kept(&format!(
                "首页 > 政务公开 > 政府信息公开 > 政府信息公开年报 > 2020年年报 分享 {title} {report}"
            )),
            format!("{title} {report}")
        );
        // Footer chrome after the report's last words.
        assert_eq!(
            kept(&format!("{report} 【打印本页】【关闭窗口】 版权所有：某县人民政府 苏ICP备12345678号 网站标识码：3200000001")),
            report
        );
        // Chrome words inside prose are prose, and so is a line opening with one.
        for prose in [
            "打印机等办公设备采购项目已全部公开。",
            "首页面改版后，公开栏目更加清晰。全年主动公开信息120条，收到申请5件。",
            "全年通过微信、微博分享政策解读30条。本机关来源于群众的申请5件，时间集中在上半年。",
            "2020年，我局通过门户网站 微信 微博 分享政府信息120条，提高了公开实效。",
            "一、总体情况 本年度无需要关闭的栏目，打印材料100份。",
        ] {
            assert_eq!(kept(prose), prose, "{prose}");
        }
        // Long lines stay linear: a flood of chrome words, a long run of text with footer words
        // and separators all through it.
        let flood = format!("{}{report}", "分享 微信 ".repeat(20_000));
        assert_eq!(kept(&flood), report);
        let text_run = format!("{report}{}", "信息公开 版权所有 分享 时间：".repeat(20_000));
        assert!(kept(&text_run).starts_with(report));
        // No white space anywhere: a word is measured only so far.
        let crumbs_run = format!("首页{}", ">政务公开".repeat(50_000));
        assert!(mask_inline(&crumbs_run).1.is_empty());
        let unspaced = format!("来源：{}{report}", "<a\">\"".repeat(50_000));
        assert!(kept(&unspaced).ends_with(report));
        // A line of chrome and nothing else is left to the line-level tests.
        for chrome in [
            "来源:广州市医疗保障局",
            "发布时间: 2020-01-20 15:22",
            "当前位置：首页 > 政务公开 > 政府信息公开年报",
            "您訪問的鏈接即將離開“ 市科工商務局 ”門戶網站 是否繼續(xù)?",
        ] {
            assert!(mask_inline(chrome).1.is_empty(), "{chrome}");
        }
    }
    /// Older crawled pages (平潭 2012, 2013) print a byline or the title broken by a space
    /// between the page's tool bar and the report's first words: the chrome ends there, and the
    /// byline and the text after it stay the report's.
    #[test]
    fn chrome_ends_at_a_byline_or_a_title_broken_by_a_space() {
        let crumbs = "当前位置： 首页政务公开 平潭综合实验区2012年政府信息公开工作年度报告 来源：平潭综合实验区管委会 时间：2013-02-25 00:00 微信 微博 相关链接： -->";
        let byline = "平潭综合实验区管委会办公室 二〇一三年一月 本报告主要根据《中华人民共和国政府信息公开条例》编制。 一、 概述 2012年全区工作稳步开展。";
        assert_eq!(
            kept(&format!("{crumbs} {byline}")),
            format!("平潭综合实验区2012年政府信息公开工作年度报告|{byline}")
        );
        let title = "平潭综合实验区地方税务局2013年 信息公开年度报告 根据《中华人民共和国政府信息公开条例》，特向社会公布2013年度信息公开年度报告。 一、概述 2013年我局不断完善公开内容。";
        assert_eq!(
            kept(&format!("{crumbs} {title}")),
            format!("平潭综合实验区2012年政府信息公开工作年度报告|{title}")
        );
        // Two words of a page apart, or a name without a date, are no title and no byline.
        assert!(!title_broken_by_space(
            "平潭综合实验区2013年  信息公开年度报告"
        ));
        assert!(title_broken_by_space(
            "平潭综合实验区2013年 信息公开年度报告"
        ));
        assert!(!byline_at("平潭综合实验区管委会办公室 根据《条例》"));
    }
}

//! Region: place an agency in China's administrative divisions (province / prefecture / county)
//! from the division list shipped in `data/divisions.tsv` (国家统计局 codes) and the aliases in
//! `data/region_aliases.tsv`. A county-level city is placed under its prefecture by its code.

use crate::model::{AgencyKind, Level, Region};
use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;
use std::collections::HashMap;
use std::sync::OnceLock;

const DIVISIONS: &str = include_str!("../../data/divisions.tsv");
const ALIASES: &str = include_str!("../../data/region_aliases.tsv");
/// Names gone since 2008 (renamed, upgraded, merged), each with its successor's code.
const HISTORY: &str = include_str!("../../data/region_history.tsv");

/// The peoples an autonomous prefecture's, county's or banner's name holds after its place
/// ("恩施土家族苗族自治州", "耿马傣族佤族自治县"): the 55 minority peoples, and the forms
/// without 族 that Xinjiang's and Inner Mongolia's names print (木垒哈萨克自治县).
const PEOPLES: &[&str] = &[
    "蒙古族",
    "回族",
    "藏族",
    "维吾尔族",
    "苗族",
    "彝族",
    "壮族",
    "布依族",
    "朝鲜族",
    "满族",
    "侗族",
    "瑶族",
    "白族",
    "土家族",
    "哈尼族",
    "哈萨克族",
    "傣族",
    "黎族",
    "傈僳族",
    "佤族",
    "畲族",
    "高山族",
    "拉祜族",
    "水族",
    "东乡族",
    "纳西族",
    "景颇族",
    "柯尔克孜族",
    "土族",
    "达斡尔族",
    "仫佬族",
    "羌族",
    "布朗族",
    "撒拉族",
    "毛南族",
    "仡佬族",
    "锡伯族",
    "阿昌族",
    "普米族",
    "塔吉克族",
    "怒族",
    "乌孜别克族",
    "俄罗斯族",
    "鄂温克族",
    "德昂族",
    "保安族",
    "裕固族",
    "京族",
    "塔塔尔族",
    "独龙族",
    "鄂伦春族",
    "赫哲族",
    "门巴族",
    "珞巴族",
    "基诺族",
    "各族",
    "蒙古",
    "柯尔克孜",
    "哈萨克",
    "锡伯",
    "塔吉克",
];

/// City-level names in the list that stand for "the counties directly under the province".
const PLACEHOLDERS: &[&str] = &[
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
];

struct Divisions {
    names: HashMap<String, String>, // code → name
    entries: Vec<(String, String)>, // (code, name), real divisions only
    aliases: Vec<(String, String)>, // (printed name, code)
    /// Finds every alias (pattern i = `aliases[i]`).
    alias_finder: AhoCorasick,
    /// Entry indexes by name (several divisions share a name).
    by_name: FxHashMap<String, Vec<usize>>,
    /// The longest entry name, in characters.
    longest_name: usize,
}

fn divisions() -> &'static Divisions {
    static D: OnceLock<Divisions> = OnceLock::new();
    D.get_or_init(|| {
        let mut names = HashMap::new();
        let mut entries = Vec::new();
        for line in DIVISIONS.lines().filter(|l| !l.starts_with('#')) {
            let mut it = line.split('\t');
            if let (Some(code), Some(name)) = (it.next(), it.next()) {
                names.insert(code.to_string(), name.to_string());
                if !PLACEHOLDERS.contains(&name) {
                    entries.push((code.to_string(), name.to_string()));
                }
            }
        }
        let aliases = ALIASES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut it = l.split('\t');
                Some((it.next()?.to_string(), it.next()?.trim().to_string()))
            })
            .collect::<Vec<(String, String)>>();
        // Autonomous prefectures, counties and banners as reports name them: 恩施州, 海南州,
        // 湘西自治州, 耿马自治县 (the place without its peoples).
        let short_prefectures: Vec<(String, String)> = entries
            .iter()
            .flat_map(|(code, name)| {
                let ending = ["自治州", "自治县", "自治旗"]
                    .into_iter()
                    .find(|e| name.ends_with(e));
                let mut place = ending.map_or("", |e| &name[..name.len() - e.len()]);
                let whole = place.len();
                while let Some(p) = PEOPLES.iter().find_map(|w| place.strip_suffix(w)) {
                    place = p;
                }
                let shorts = match ending {
                    _ if place.chars().count() < 2 || place.len() == whole => vec![],
                    Some("自治州") => vec![format!("{place}州"), format!("{place}自治州")],
                    Some(e) => vec![format!("{place}{e}")],
                    None => vec![],
                };
                shorts.into_iter().map(|s| (code.clone(), s))
            })
            .collect();
        entries.extend(short_prefectures);
        // Older reports name divisions gone since: read as names of their successors (吴江市 is
        // 吴江区's), with the same rules as today's names.
        entries.extend(
            HISTORY
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .filter_map(|l| {
                    let mut it = l.split('\t');
                    let (name, code) = (it.next()?, it.next()?);
                    Some((code.to_string(), name.to_string()))
                }),
        );
        let alias_finder = AhoCorasick::new(aliases.iter().map(|(a, _)| a.as_str()))
            .expect("aliases make an automaton");
        let mut by_name: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, (_, name)) in entries.iter().enumerate() {
            by_name.entry(name.clone()).or_default().push(i);
        }
        let longest_name = entries.iter().map(|(_, n)| n.chars().count()).max();
        Divisions {
            names,
            entries,
            aliases,
            alias_finder,
            by_name,
            longest_name: longest_name.unwrap_or(0),
        }
    })
}

/// The division names of two characters or more in `agency`, as a leftmost-longest search
/// finds them: from left to right, at the first place where a name starts the longest name
/// there, then on after it (天津市 in 天津市市场监督管理局 hides 津市市, a city in Hunan, that
/// overlaps it; 东城区 hides 城区 inside it). The agency's substrings are looked up in the name
/// table: an automaton of the 3,400 names cost 35 M instructions to build, once per process,
/// more than a `parse` of a few reports; a name is a few dozen look-ups.
fn division_names_in<'a>(d: &Divisions, agency: &'a str) -> Vec<&'a str> {
    let bounds: Vec<usize> = agency
        .char_indices()
        .map(|(i, _)| i)
        .chain([agency.len()])
        .collect();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some((start, end)) = next_division_name(d, agency, &bounds, from) {
        out.push(&agency[bounds[start]..bounds[end]]);
        from = end;
    }
    out
}

/// [`division_names_in`] without a county's name read inside a longer word: a county-level
/// name (one that names no prefecture or province) counts only where a place's name starts: at
/// the start of the agency's name, right after another division's name or a place's ending
/// (宁波市|鄞州区, 襄樊市|樊城区 where the older city's name is no longer listed), after a
/// province's short name, after a national body (`national`: where its name ends), or after
/// what is not a Han character. Else 宁波市江东区 (merged into 鄞州区 in 2016) read as
/// 攀枝花市东区, 绍兴县 as 兴县 of 吕梁市, 崇礼县 as 礼县 of 陇南市.
fn attached_division_names<'a>(
    d: &Divisions,
    agency: &'a str,
    national: Option<usize>,
) -> Vec<&'a str> {
    let names = division_names_in(d, agency);
    let ends: Vec<usize> = names
        .iter()
        .map(|n| n.as_ptr() as usize - agency.as_ptr() as usize + n.len())
        .collect();
    let county_only = |name: &str| {
        d.by_name
            .get(name)
            .is_some_and(|ix| ix.iter().all(|&i| d.entries[i].0.len() == 6))
    };
    names
        .into_iter()
        .filter(|name| {
            let start = name.as_ptr() as usize - agency.as_ptr() as usize;
            let before = &agency[..start];
            let attached = || match before.chars().next_back() {
                None => true,
                Some(c) if !crate::ingest::normalize::is_han(c) => true,
                Some(c) => {
                    PLACE_ENDING_CHARS.contains(&c)
                        || ends.contains(&start)
                        || national == Some(start)
                        || d.entries
                            .iter()
                            .filter(|(code, _)| code.len() == 2)
                            .any(|(_, n)| before.ends_with(short(n)))
                }
            };
            !county_only(name) || attached()
        })
        .collect()
}

/// The characters a place's name ends with, after which another place's name may follow (师:
/// a division of the 新疆生产建设兵团, 第八师石河子市).
const PLACE_ENDING_CHARS: &[char] = &['省', '市', '县', '区', '州', '盟', '旗', '师'];

/// The first place at or after character `from` of `agency` where a division name starts, and
/// the longest name there: (start, end) in characters (`bounds`: each character's byte offset,
/// and the length).
fn next_division_name(
    d: &Divisions,
    agency: &str,
    bounds: &[usize],
    from: usize,
) -> Option<(usize, usize)> {
    let chars = bounds.len() - 1;
    (from..chars).find_map(|start| {
        let last = (start + d.longest_name).min(chars);
        (start + 2..=last)
            .rev()
            .find(|&end| d.by_name.contains_key(&agency[bounds[start]..bounds[end]]))
            .map(|end| (start, end))
    })
}

/// The region of a division code.
fn region_of(code: &str) -> Region {
    let d = divisions();
    let province = d.names.get(&code[..2.min(code.len())]).cloned();
    let mut city = None;
    let mut county = None;
    if code.len() >= 4 {
        match d.names.get(&code[..4]).map(String::as_str) {
            Some(n) if !PLACEHOLDERS.contains(&n) => city = Some(n.to_string()),
            // Municipalities: the city is the municipality itself.
            Some("市辖区") | Some("县") => city = province.clone(),
            _ => {}
        }
    } else if province
        .as_deref()
        .is_some_and(|p| ["北京市", "天津市", "上海市", "重庆市"].contains(&p))
    {
        city = province.clone();
    }
    // A municipality is its own city, whatever code level names a place in it.
    if city.is_none()
        && province
            .as_deref()
            .is_some_and(|p| ["北京市", "天津市", "上海市", "重庆市"].contains(&p))
    {
        city = province.clone();
    }
    if code.len() >= 6 {
        // Cities without counties list themselves once more at the county level (441900 东莞市).
        county = d
            .names
            .get(code)
            .cloned()
            .filter(|c| Some(c) != city.as_ref());
    }
    Region {
        province,
        city,
        county,
    }
}

/// Locate an agency. `context` is report text used to break ties between same-named places.
pub fn locate(agency: &str, context: &str) -> Option<Region> {
    let d = divisions();
    // The first alias of the list that the name contains.
    let alias = d
        .alias_finder
        .find_overlapping_iter(agency)
        .map(|m| m.pattern().as_usize())
        .min();
    if let Some(i) = alias {
        return Some(region_of(&d.aliases[i].1));
    }
    // Every division whose full name appears in the agency name (in list order).
    // Each name found stands for every division of that name (普陀区 in Shanghai and Zhoushan,
    // three 郊区): the automaton reports one of them.
    // (中共某市委…: a party office's place follows 中共 as a national body's office's does.)
    let national = after_national_parent(agency)
        .map(|rest| agency.len() - rest.len())
        .or_else(|| agency.starts_with("中共").then_some("中共".len()));
    let mut hits: Vec<usize> = attached_division_names(d, agency, national)
        .into_iter()
        .flat_map(|name| d.by_name.get(name).into_iter().flatten().copied())
        .collect();
    hits.sort_unstable();
    hits.dedup();
    let mut found: Vec<&(String, String)> = hits.iter().map(|&i| &d.entries[i]).collect();
    // Short names are read only where a place's name starts: at the start of the agency's name,
    // or after the national body a vertically managed office belongs to
    // (国家金融监督管理总局湖州监管分局, 国家统计局湖州调查队, 中国证券监督管理委员会浙江监管局).
    let starts: Vec<&str> = std::iter::once(agency)
        .chain(after_national_parent(agency))
        .collect();
    let starts_with_short = |n: &str| starts.iter().any(|s| s.starts_with(short(n)));
    if found.is_empty() {
        // Short province names: "广东省…" is already full; "广西…" or "内蒙古…".
        found = d
            .entries
            .iter()
            .filter(|(c, n)| c.len() == 2 && short(n).chars().count() >= 2 && starts_with_short(n))
            .collect();
    }
    if found.is_empty() {
        // A zone named by its city's short name: "广州经济技术开发区", "苏州工业园区",
        // "昆山开发区" (a county-level city). Only a prefecture or a county-level 市 at the
        // start of the name: a district's short name ("朝阳") is too often another place's.
        found = d
            .entries
            .iter()
            .filter(|(c, n)| {
                (c.len() == 4 || (c.len() == 6 && n.ends_with('市')))
                    && short(n).len() < n.len()
                    && short(n).chars().count() >= 2
                    && starts_with_short(n)
            })
            .collect();
    }
    if found.is_empty() {
        return None;
    }
    // Prefer the deepest division; among same-depth ones, the one whose ancestors also appear
    // in the name, then in the context text.
    let score = |code: &str| -> (usize, usize, usize) {
        let depth = code.len();
        let anc_in_name = found
            .iter()
            .filter(|(c, _)| c.len() < depth && code.starts_with(c.as_str()))
            .count();
        let anc_in_text = [2usize, 4]
            .iter()
            .filter(|&&l| l < depth)
            .filter_map(|&l| d.names.get(&code[..l]))
            .filter(|n| context.contains(short(n)))
            .count();
        (depth, anc_in_name, anc_in_text)
    };
    let best = found.iter().map(|(c, _)| score(c)).max()?;
    let winners: Vec<&&(String, String)> = found.iter().filter(|(c, _)| score(c) == best).collect();
    if winners.len() == 1 {
        let code = &winners[0].0;
        return Some(region_of(branch_county(d, agency, code).unwrap_or(code)));
    }
    // Several places share the name: keep what they have in common.
    let common = common_prefix(winners.iter().map(|(c, _)| c.as_str()));
    match common.len() {
        // (One place under two names: today's and the one it had, 沙县区 and 沙县.)
        n if n >= 6 => Some(region_of(&common[..6])),
        n if n >= 4 => Some(region_of(&common[..4])),
        n if n >= 2 => Some(region_of(&common[..2])),
        _ => None,
    }
}

/// What a city department's office for one of its counties is called after the county's name:
/// 杭州市公安局西湖区分局, 宁波市生态环境局北仑分局, 深圳市规划和自然资源局龙岗管理局,
/// 深圳市市场监督管理局福田监管局.
const BRANCH_ENDINGS: &[&str] = &["分局", "管理局", "监管局", "大队", "支队", "分中心"];

/// A county's name as a city department's branch office gives it: whole (西湖区) or without its
/// ending (北仑区 → 北仑, 浦东新区 → 浦东, 长阳土家族自治县 → 长阳), two characters at least.
fn county_short(name: &str) -> Option<&str> {
    let mut place = ["自治县", "自治旗", "新区", "区", "县", "市", "旗"]
        .iter()
        .find_map(|e| name.strip_suffix(e))?;
    while let Some(p) = PEOPLES.iter().find_map(|w| place.strip_suffix(w)) {
        place = p;
    }
    (place.chars().count() >= 2).then_some(place)
}

/// The county of a city department's branch office: where the agency is placed in a prefecture
/// or a municipality (`code`) and, after the city's name, names one of that place's counties
/// (whole or short, [`county_short`]) right before a [`BRANCH_ENDINGS`] word. A county's name
/// after a department's name is otherwise not read (it is no place's start, see
/// [`attached_division_names`]). Only the place's own counties are looked for, and only one
/// may be named.
fn branch_county<'a>(d: &'a Divisions, agency: &str, code: &str) -> Option<&'a str> {
    let municipality = code.len() == 2 && ["11", "12", "31", "50"].contains(&code);
    if !(code.len() == 4 || municipality) || !BRANCH_ENDINGS.iter().any(|e| agency.contains(e)) {
        return None;
    }
    let named_before = |name: &str, at: usize| {
        BRANCH_ENDINGS
            .iter()
            .any(|e| agency[at + name.len()..].starts_with(e))
    };
    let mut counties = d.entries.iter().filter(|(c, name)| {
        c.len() == 6
            && c.starts_with(code)
            && [Some(name.as_str()), county_short(name)]
                .into_iter()
                .flatten()
                .any(|n| {
                    agency
                        .match_indices(n)
                        .any(|(at, _)| at > 0 && named_before(n, at))
                })
    });
    let (first, _) = counties.next()?;
    counties.all(|(c, _)| c == first).then_some(first.as_str())
}

/// Endings of a national body's name, for offices it manages directly: 国家税务总局…,
/// 国家统计局…调查队, 中国人民银行…分行, 中国证券监督管理委员会…监管局, 海关总署….
const NATIONAL_PARENT_ENDINGS: &[&str] = &["局", "委员会", "银行", "署"];

/// What follows the national body that a vertically managed office's name opens with
/// ("国家金融监督管理总局湖州监管分局" → "湖州监管分局"); None for other names.
fn after_national_parent(agency: &str) -> Option<&str> {
    if !(agency.starts_with("国家") || agency.starts_with("中国")) {
        return None;
    }
    let end = NATIONAL_PARENT_ENDINGS
        .iter()
        .filter_map(|e| agency.find(e).map(|i| i + e.len()))
        .min()?;
    Some(&agency[end..]).filter(|rest| !rest.is_empty())
}

/// Name endings of a government itself (not of one of its departments): a people's government,
/// a zone's 管理委员会 or 管委会, a 行政公署, a 街道办事处.
const GOVERNMENT_ENDINGS: &[&str] = &[
    "人民政府",
    "政府",
    "行政公署",
    "区管理委员会",
    "区管委会",
    "办事处",
];

/// Name endings of a place (the report of a place names the place: 平潭综合实验区).
const PLACE_ENDINGS: &[&str] = &[
    "省",
    "自治区",
    "市",
    "自治州",
    "州",
    "地区",
    "盟",
    "区",
    "县",
    "自治县",
    "旗",
    "镇",
    "乡",
    "街道",
    "苏木",
];

/// Township-level units as they appear in a name: 某某镇人民政府, 某某街道办事处, 某某乡.
const TOWNSHIP_MARKS: &[&str] = &["镇", "乡", "街道", "苏木"];

/// The level and kind of an agency, from its name and its region.
///
/// - kind: `government` when the name ends with 人民政府/政府/行政公署/办事处, with a zone's
///   管理委员会 (…区管理委员会, …区管委会), or is a place itself (平潭综合实验区); every other
///   agency (局, 委员会, 人民政府办公厅/办公室, 中心…) is a `department`.
/// - level: `township` when the name names a 乡/镇/街道 (its government or the place itself);
///   else the deepest division of the region: a county (county-level cities and the 区 of a
///   municipality included) → `county`; a prefecture-level city → `city`; a province or a
///   municipality (直辖市) alone → `province`. None when the region is unknown.
pub fn classify(agency: &str, region: &Region) -> (Option<Level>, Option<AgencyKind>) {
    let name = agency.trim();
    if name.is_empty() {
        return (None, None);
    }
    let government = GOVERNMENT_ENDINGS.iter().any(|e| name.ends_with(e))
        || PLACE_ENDINGS.iter().any(|e| name.ends_with(e));
    let kind = if government {
        AgencyKind::Government
    } else {
        AgencyKind::Department
    };
    // The government part of the name: 某某镇人民政府 → 某某镇.
    let place = GOVERNMENT_ENDINGS
        .iter()
        .find_map(|e| name.strip_suffix(e))
        .unwrap_or(name);
    let township = government
        && place.chars().count() > 2
        && TOWNSHIP_MARKS.iter().any(|m| place.ends_with(m));
    let level = if township {
        Some(Level::Township)
    } else if region.county.is_some() {
        Some(Level::County)
    } else if region.city.is_some() && region.city != region.province {
        Some(Level::City)
    } else if region.province.is_some() {
        // A province, or a municipality's own agencies (its city is itself).
        Some(Level::Province)
    } else {
        None
    };
    (level, Some(kind))
}

fn common_prefix<'a>(mut it: impl Iterator<Item = &'a str>) -> String {
    let first = it.next().unwrap_or("").to_string();
    let mut len = first.len();
    for s in it {
        len = len.min(
            first
                .bytes()
                .zip(s.bytes())
                .take_while(|(a, b)| a == b)
                .count(),
        );
    }
    // Codes are 2/4/6 digits: cut to a level boundary.
    first[..len - len % 2].to_string()
}

/// "广西壮族自治区" → "广西", "广东省" → "广东", "广州市" → "广州".
pub fn short(name: &str) -> &str {
    for suffix in [
        "壮族自治区",
        "回族自治区",
        "维吾尔自治区",
        "自治区",
        "特别行政区",
        "省",
        "市",
        "自治州",
        "地区",
        "盟",
    ] {
        if let Some(s) = name.strip_suffix(suffix) {
            if s.chars().count() >= 2 {
                return s;
            }
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names found by look-up are those a leftmost-longest automaton of the names finds, in
    /// agency names made of division names run together, cut anywhere.
    #[test]
    fn names_by_look_up_as_by_leftmost_longest_automaton() {
        let d = divisions();
        let names: Vec<&str> = d
            .entries
            .iter()
            .map(|(_, n)| n.as_str())
            .filter(|n| n.chars().count() >= 2)
            .collect();
        let automaton = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&names)
            .unwrap();
        let joined: String = names.iter().step_by(7).copied().collect();
        let chars: Vec<(usize, char)> = joined.char_indices().collect();
        for (k, w) in chars.windows(24).step_by(5).enumerate() {
            let start = w[k % 3].0;
            let end = w[23].0;
            let agency = format!("{}市场监督管理局", &joined[start..end]);
            let expected: Vec<&str> = automaton
                .find_iter(&agency)
                .map(|m| &agency[m.range()])
                .collect();
            assert_eq!(division_names_in(d, &agency), expected, "{agency}");
        }
        for a in [
            "天津市市场监督管理局",
            "北京市东城区教育委员会",
            "津市市人民政府",
        ] {
            let expected: Vec<&str> = automaton.find_iter(a).map(|m| &a[m.range()]).collect();
            assert_eq!(division_names_in(d, a), expected, "{a}");
        }
    }

    fn r(a: &str) -> (Option<String>, Option<String>, Option<String>) {
        let g = locate(a, "").unwrap();
        (g.province, g.city, g.county)
    }

    /// A county's name inside a longer word is not that county: older names merged or renamed
    /// since (宁波市江东区, 崇礼县, 江宁县, 绍兴县) were read as another province's 东区, 礼县,
    /// 宁县, 兴县 (those of 2008 on are now read as their successors: see below).
    #[test]
    fn no_county_inside_a_longer_name() {
        let s = |x: &str| Some(x.to_string());
        // (Names gone before 2008, or never divisions: 江宁县 became 江宁区 in 2000.)
        assert_eq!(locate("江宁县人民政府", ""), None);
        assert_eq!(
            r("宁波市新江东区管理委员会"),
            (s("浙江省"), s("宁波市"), None)
        );
        // Still read: after a place's ending, an older city's name, a province's short name, a
        // national body.
        assert_eq!(
            r("襄樊市樊城区人民政府"),
            (s("湖北省"), s("襄阳市"), s("樊城区"))
        );
        assert_eq!(
            r("广东台山市人民政府"),
            (s("广东省"), s("江门市"), s("台山市"))
        );
        assert_eq!(
            r("国家税务总局桐庐县税务局"),
            (s("浙江省"), s("杭州市"), s("桐庐县"))
        );
    }

    /// A city department's office for one of its counties is placed in that county, named
    /// whole or short before 分局/管理局/监管局/分中心; a county of another city, a name shared
    /// by two of the city's counties, or an office that names no county stays at the city.
    #[test]
    fn branch_offices_in_their_county() {
        let s = |x: &str| Some(x.to_string());
        let hz = |c: Option<String>| (s("浙江省"), s("杭州市"), c);
        assert_eq!(r("杭州市公安局西湖区分局"), hz(s("西湖区")));
        assert_eq!(r("杭州市生态环境局余杭分局"), hz(s("余杭区")));
        assert_eq!(
            r("宁波市生态环境局北仑分局"),
            (s("浙江省"), s("宁波市"), s("北仑区"))
        );
        assert_eq!(
            r("深圳市规划和自然资源局龙岗管理局"),
            (s("广东省"), s("深圳市"), s("龙岗区"))
        );
        assert_eq!(
            r("深圳市市场监督管理局福田监管局"),
            (s("广东省"), s("深圳市"), s("福田区"))
        );
        assert_eq!(
            r("上海市公安局浦东分局"),
            (s("上海市"), s("上海市"), s("浦东新区"))
        );
        assert_eq!(
            r("怀化市生态环境局靖州分局"),
            (s("湖南省"), s("怀化市"), s("靖州苗族侗族自治县"))
        );
        assert_eq!(r("杭州市住房公积金管理中心建德分中心"), hz(s("建德市")));
        // No county of the city named before the branch word.
        assert_eq!(r("杭州市公安局交通警察支队"), hz(None));
        assert_eq!(r("杭州市西湖风景名胜区管理委员会"), hz(None));
        assert_eq!(r("杭州市公安局北仑分局"), hz(None));
        // 和田市 and 和田县 are both 和田 of 和田地区: no county.
        assert_eq!(
            r("和田地区生态环境局和田分局"),
            (s("新疆维吾尔自治区"), s("和田地区"), None)
        );
        // The level follows: a branch office is a county's department.
        let g = locate("杭州市公安局西湖区分局", "").unwrap();
        assert_eq!(
            classify("杭州市公安局西湖区分局", &g),
            (Some(Level::County), Some(AgencyKind::Department))
        );
        // A party office: its place follows 中共.
        assert_eq!(
            r("中共汝州市委机构编制委员会办公室"),
            (s("河南省"), s("平顶山市"), s("汝州市"))
        );
        // A division of the 新疆生产建设兵团 is a place's name: the city after it is read.
        assert_eq!(
            r("新疆生产建设兵团第八师石河子市"),
            (s("新疆维吾尔自治区"), None, s("石河子市"))
        );
    }

    /// A division gone since 2008 is placed where its successor is today; its name is read as
    /// a division's, never inside a longer one (安县, now 安州区, is not in 农安县).
    #[test]
    fn divisions_gone_since_2008_at_their_successors() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(r("吴江市人民政府"), (s("江苏省"), s("苏州市"), s("吴江区")));
        assert_eq!(
            r("宁波市江东区人民政府"),
            (s("浙江省"), s("宁波市"), s("鄞州区"))
        );
        assert_eq!(
            r("上海市闸北区教育局"),
            (s("上海市"), s("上海市"), s("静安区"))
        );
        assert_eq!(r("崇明县人民政府"), (s("上海市"), s("上海市"), s("崇明区")));
        assert_eq!(r("襄樊市教育局"), (s("湖北省"), s("襄阳市"), None));
        assert_eq!(r("毕节地区行政公署"), (s("贵州省"), s("毕节市"), None));
        assert_eq!(
            r("大同市城区人民政府"),
            (s("山西省"), s("大同市"), s("平城区"))
        );
        assert_eq!(r("安县人民政府"), (s("四川省"), s("绵阳市"), s("安州区")));
        assert_eq!(r("农安县人民政府"), (s("吉林省"), s("长春市"), s("农安县")));
        assert_eq!(r("德安县人民政府"), (s("江西省"), s("九江市"), s("德安县")));
        // Both names of one place in one agency's name: that place.
        assert_eq!(
            r("沙县区沙县镇人民政府"),
            (s("福建省"), s("三明市"), s("沙县区"))
        );
        // Every row names a division of today's list.
        for line in HISTORY.lines().filter(|l| !l.starts_with('#')) {
            let code = line.split('\t').nth(1).unwrap();
            assert!(divisions().names.contains_key(code), "{line}");
        }
    }

    /// Every county-level division of the list is placed from "<prefecture><county>人民政府"
    /// (a municipality's: "<municipality><district>人民政府") and, where its name is unique, from "<county>人民政府" alone.
    #[test]
    fn every_listed_county_is_placed() {
        let d = divisions();
        let mut missed = Vec::new();
        // (Today's names: a gone one is its successor's name, 吴江市 for 吴江区.)
        let today = |(c, n): &&(String, String)| c.len() == 6 && d.names.get(c) == Some(n);
        for (code, name) in d.entries.iter().filter(today) {
            // (A municipality's districts under the municipality's name; 东莞市 has no county.)
            let city = (d.names.get(&code[..4]))
                .filter(|c| !PLACEHOLDERS.contains(&c.as_str()))
                .or_else(|| d.names.get(&code[..2]));
            if city == Some(name) {
                continue;
            }
            let full = format!("{}{name}人民政府", city.map_or("", |c| c.as_str()));
            let unique = d.by_name.get(name).is_some_and(|ix| ix.len() == 1);
            for agency in [Some(full), unique.then(|| format!("{name}人民政府"))]
                .into_iter()
                .flatten()
            {
                if locate(&agency, "").and_then(|g| g.county).as_deref() != Some(name.as_str()) {
                    missed.push(agency);
                }
            }
        }
        assert!(missed.is_empty(), "{} not placed: {missed:?}", missed.len());
    }

    #[test]
    fn places_agencies() {
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            r("台山市医疗保障局"),
            (s("广东省"), s("江门市"), s("台山市"))
        );
        assert_eq!(
            r("上海市崇明区医疗保障局"),
            (s("上海市"), s("上海市"), s("崇明区"))
        );
        assert_eq!(r("上海市人民政府办公厅"), (s("上海市"), s("上海市"), None));
        assert_eq!(
            r("汝州市医疗保障局"),
            (s("河南省"), s("平顶山市"), s("汝州市"))
        );
        assert_eq!(r("平潭综合实验区"), (s("福建省"), s("福州市"), None));
        // Zones named by a city's short name.
        assert_eq!(
            r("广州经济技术开发区管理委员会"),
            (s("广东省"), s("广州市"), None)
        );
        assert_eq!(
            r("苏州工业园区管理委员会"),
            (s("江苏省"), s("苏州市"), s("苏州工业园区"))
        );
        assert_eq!(
            r("昆山高新技术产业开发区管理委员会"),
            (s("江苏省"), s("苏州市"), s("昆山市"))
        );
        assert_eq!(
            r("天津经济技术开发区管理委员会"),
            (s("天津市"), s("天津市"), None)
        );
        // Overlapping and nested names: the leftmost longest is the place.
        assert_eq!(r("天津市市场监督管理局"), (s("天津市"), s("天津市"), None));
        assert_eq!(r("东城区人民政府").2, s("东城区"));
        assert_eq!(r("安吉县人民政府"), (s("浙江省"), s("湖州市"), s("安吉县")));
        assert_eq!(r("马鞍山市财政局"), (s("安徽省"), s("马鞍山市"), None));
        // Names several places share stay ambiguous unless the name says more.
        assert_eq!(r("舟山市普陀区人力资源和社会保障局").1, s("舟山市"));
        assert_eq!(r("佳木斯市郊区数据局").1, s("佳木斯市"));
        // Autonomous prefectures as reports name them; a city without counties is no county.
        assert_eq!(
            r("海南州人民政府"),
            (s("青海省"), s("海南藏族自治州"), None)
        );
        assert_eq!(
            r("恩施州来凤县人民政府"),
            (s("湖北省"), s("恩施土家族苗族自治州"), s("来凤县"))
        );
        assert_eq!(r("东莞市教育局"), (s("广东省"), s("东莞市"), None));
        // A district's short name alone places nothing.
        assert!(locate("海淀科技园管理委员会", "").is_none());
        // Offices of a national body name their place after the body, often in short.
        assert_eq!(
            r("国家金融监督管理总局湖州监管分局"),
            (s("浙江省"), s("湖州市"), None)
        );
        assert_eq!(r("国家统计局湖州调查队").1, s("湖州市"));
        assert_eq!(
            r("中国证券监督管理委员会浙江监管局"),
            (s("浙江省"), None, None)
        );
        assert_eq!(r("中国人民银行湖州市分行").1, s("湖州市"));
        assert_eq!(r("国家税务总局德清县税务局").2, s("德清县"));
        assert!(locate("国家统计局", "").is_none());
    }

    #[test]
    fn classifies_agencies() {
        use AgencyKind::*;
        use Level::*;
        let c = |a: &str| {
            let (l, k) = classify(a, &locate(a, "").unwrap_or_default());
            (l.unwrap(), k.unwrap())
        };
        assert_eq!(c("广州市医疗保障局"), (City, Department));
        assert_eq!(c("上海市人民政府办公厅"), (Province, Department));
        assert_eq!(c("上海市人民政府"), (Province, Government));
        assert_eq!(c("上海市崇明区医疗保障局"), (County, Department));
        assert_eq!(c("上海市崇明区人民政府"), (County, Government));
        assert_eq!(c("台山市医疗保障局"), (County, Department));
        assert_eq!(c("沭阳县人民政府"), (County, Government));
        assert_eq!(c("广东省医疗保障局"), (Province, Department));
        assert_eq!(c("平潭综合实验区"), (City, Government));
        assert_eq!(c("平潭综合实验区管理委员会"), (City, Government));
        assert_eq!(c("沭阳县沭城街道办事处"), (Township, Government));
        assert_eq!(c("台山市台城街道办事处"), (Township, Government));
        assert_eq!(c("沭阳县韩山镇人民政府"), (Township, Government));
        assert_eq!(c("广州市城市管理委员会"), (City, Department));
        assert_eq!(c("广州市住房和城乡建设局"), (City, Department));
        assert_eq!(
            classify("某某局", &Region::default()),
            (None, Some(Department))
        );
    }
}

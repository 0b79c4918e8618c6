//! "The same agency" across years. An agency prints its name with or without the province and
//! city above it: 淮安市洪泽区人民政府 one year, 洪泽区人民政府 the next (the two real 洪泽 PDFs of
//! `../shared/corpus-pdf`). Every question about one agency's years — `compare` over the years,
//! `prev(KEY)`, the anomalies' year-over-year rules, reuse of last year's prose, a profile's
//! trend — keys reports by this identity rather than by the printed name.
//!
//! The identity is the name without the province and city it opens with, placed under the
//! report's province and city (both from `parse::region`). Two names are one agency when they
//! differ only by those opening places and are placed alike; nothing else is merged:
//! - the place stays in the key, so 北京市朝阳区人民政府 and 长春市朝阳区人民政府 stay apart
//!   although both are 朝阳区人民政府 once their city is taken off;
//! - a name with no known place is its own identity;
//! - the short forms every government writes for its own full names are the full names:
//!   政府 for 人民政府 (洪泽区政府 is 洪泽区人民政府: below the State Council every 政府 is a
//!   人民政府), 管委会 for 管理委员会, 街道办 for 街道办事处 ([`SHORT_FORMS`]);
//! - other differences (a typo, a renamed bureau) keep two identities: a comparison left short
//!   is better than one of two different agencies.

/// The identity of `agency` placed in `province` and `city` (see the module's doc). Two
/// reports are of the same agency exactly when their identities are equal.
pub fn identity(agency: &str, province: Option<&str>, city: Option<&str>) -> String {
    let rest = full_forms(unplaced(agency, province, city));
    let rest = rest.as_str();
    let mut key = String::with_capacity(rest.len() + 32);
    for part in [
        province.unwrap_or(""),
        "\u{1f}",
        city.unwrap_or(""),
        "\u{1f}",
        rest,
    ] {
        key.push_str(part);
    }
    key
}

/// `agency` without the province and city it opens with, when something is left after them
/// (淮安市洪泽区人民政府 in 江苏省 淮安市 → 洪泽区人民政府; 淮安市人民政府 → 人民政府). Every name of
/// one identity ends with it.
pub fn unplaced<'a>(agency: &'a str, province: Option<&str>, city: Option<&str>) -> &'a str {
    let mut rest = agency;
    for place in [province, city].into_iter().flatten() {
        match rest.strip_prefix(place) {
            Some(r) if !place.is_empty() && !r.is_empty() => rest = r,
            _ => {}
        }
    }
    rest
}

/// The name filter (words, each found inside a name) that finds every printed name of the
/// identity: the name [`unplaced`] keeps, alone where it names a place of its own
/// (洪泽区人民政府), else with the last place taken off (淮安市人民政府: every name of it prints
/// 淮安市), its forms cut to what their short and full forms share (`洪泽区 政府`).
pub fn search_name(agency: &str, province: Option<&str>, city: Option<&str>) -> String {
    let rest = unplaced(agency, province, city);
    let taken = &agency[..agency.len() - rest.len()];
    let last = [city, province]
        .into_iter()
        .flatten()
        .find(|p| !p.is_empty() && taken.ends_with(*p));
    let name = match last {
        Some(place) if !names_a_place(rest) => format!("{place}{rest}"),
        _ => rest.to_string(),
    };
    words_of_every_form(&name)
}

/// The short forms of an agency's name, their full forms, and the words both hold, apart (what
/// a name filter looks for to find either). Data: add a row here. A short form is read as the
/// full one only where the full one is not printed already.
const SHORT_FORMS: [(&str, &str, &str); 3] = [
    ("政府", "人民政府", " 政府"),
    ("管委会", "管理委员会", " 管 委 会"),
    ("街道办", "街道办事处", "街道办"),
];

/// `name` with every short form of [`SHORT_FORMS`] written in full.
fn full_forms(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    let mut rest = name;
    'scan: while let Some(c) = rest.chars().next() {
        for (short, full, _) in SHORT_FORMS {
            if rest.starts_with(full) {
                out.push_str(full);
                rest = &rest[full.len()..];
                continue 'scan;
            }
            // (Full forms are looked for first at each character, so 人民政府 is whole before
            // its 政府 is reached.)
            if rest.starts_with(short) {
                out.push_str(full);
                rest = &rest[short.len()..];
                continue 'scan;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The words a name filter needs to find every printed name of `agency`'s identity, each form
/// short or full: the name with every form cut to the characters both hold, apart
/// (洪泽区人民政府 and 洪泽区政府 → `洪泽区 政府`; 管理委员会 and 管委会 → `管 委 会`).
fn words_of_every_form(name: &str) -> String {
    let mut out = full_forms(name);
    for (_, full, shared) in SHORT_FORMS {
        out = out.replace(full, shared);
    }
    out.trim().to_string()
}

/// Whether `name` opens with a place of its own: a name ending in a division's suffix
/// (区, 县, 市, 旗, 镇, 乡, 州) within its first characters, before what the agency is.
fn names_a_place(name: &str) -> bool {
    const SUFFIXES: [char; 8] = ['省', '市', '区', '县', '旗', '镇', '乡', '州'];
    name.chars()
        .take(8)
        .enumerate()
        .any(|(i, c)| i >= 1 && SUFFIXES.contains(&c))
        && !name.starts_with("人民政府")
}

#[cfg(test)]
mod tests {
    use super::*;

    const JS: Option<&str> = Some("江苏省");
    const HA: Option<&str> = Some("淮安市");

    #[test]
    fn a_name_with_or_without_its_city_is_one_agency() {
        let a = identity("淮安市洪泽区人民政府", JS, HA);
        assert_eq!(a, identity("洪泽区人民政府", JS, HA));
        assert_eq!(a, identity("江苏省淮安市洪泽区人民政府", JS, HA));
        assert_eq!(unplaced("淮安市洪泽区人民政府", JS, HA), "洪泽区人民政府");
    }

    #[test]
    fn the_city_government_is_not_its_districts() {
        let city = identity("淮安市人民政府", JS, HA);
        assert_eq!(city, identity("江苏省淮安市人民政府", JS, HA));
        assert_ne!(city, identity("淮安市洪泽区人民政府", JS, HA));
        // A province's own office is not the city's.
        assert_ne!(
            identity("江苏省人民政府", JS, None),
            identity("淮安市人民政府", JS, HA)
        );
    }

    #[test]
    fn the_same_district_name_in_two_cities_stays_two_agencies() {
        assert_ne!(
            identity("北京市朝阳区人民政府", Some("北京市"), Some("北京市")),
            identity("长春市朝阳区人民政府", Some("吉林省"), Some("长春市"))
        );
    }

    #[test]
    fn a_municipality_names_itself_once() {
        let sh = (Some("上海市"), Some("上海市"));
        assert_eq!(
            identity("上海市崇明区医疗保障局", sh.0, sh.1),
            identity("崇明区医疗保障局", sh.0, sh.1)
        );
        assert_ne!(
            identity("上海市医疗保障局", sh.0, sh.1),
            identity("上海市崇明区医疗保障局", sh.0, sh.1)
        );
    }

    #[test]
    fn a_name_that_is_only_a_place_or_has_none_is_kept_whole() {
        assert_eq!(unplaced("淮安市", JS, HA), "淮安市");
        assert_eq!(identity("某单位", None, None), "\u{1f}\u{1f}某单位");
    }

    #[test]
    fn the_search_name_is_in_every_name_of_the_identity() {
        assert_eq!(search_name("淮安市洪泽区人民政府", JS, HA), "洪泽区 政府");
        assert_eq!(search_name("洪泽区人民政府", JS, HA), "洪泽区 政府");
        assert_eq!(search_name("洪泽区政府", JS, HA), "洪泽区 政府");
        assert_eq!(search_name("江苏省淮安市人民政府", JS, HA), "淮安市 政府");
        assert_eq!(search_name("淮安市人民政府", JS, HA), "淮安市 政府");
        assert_eq!(search_name("江苏省教育厅", JS, None), "江苏省教育厅");
        // Every printed name of an identity holds every word of its search name.
        let names = [
            "淮安市洪泽区人民政府",
            "洪泽区人民政府",
            "洪泽区政府",
            "洪泽区人民政府办公室",
            "淮安经济技术开发区管委会",
            "淮安经济技术开发区管理委员会",
            "清河街道办",
            "清河街道办事处",
        ];
        for a in names {
            for b in names {
                if identity(a, JS, HA) == identity(b, JS, HA) {
                    let words = search_name(a, JS, HA);
                    assert!(
                        words.split(' ').all(|w| b.contains(w)),
                        "{a} -> '{words}' misses {b}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_short_form_of_the_name_is_the_same_agency() {
        let gov = identity("洪泽区人民政府", JS, HA);
        assert_eq!(gov, identity("洪泽区政府", JS, HA));
        assert_eq!(gov, identity("淮安市洪泽区政府", JS, HA));
        assert_eq!(
            identity("淮安市洪泽区人民政府办公室", JS, HA),
            identity("洪泽区政府办公室", JS, HA)
        );
        assert_eq!(
            identity("淮安经济技术开发区管委会", JS, HA),
            identity("淮安经济技术开发区管理委员会", JS, HA)
        );
        assert_eq!(
            identity("清河街道办", JS, HA),
            identity("清河街道办事处", JS, HA)
        );
        // Nothing else is merged: the government is not its office, nor its city's.
        assert_ne!(gov, identity("洪泽区人民政府办公室", JS, HA));
        assert_ne!(gov, identity("淮安市人民政府", JS, HA));
        assert_ne!(
            identity("清河街道办事处", JS, HA),
            identity("清河镇人民政府", JS, HA)
        );
    }
}

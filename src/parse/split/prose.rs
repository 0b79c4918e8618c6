//! Figures of table 二 that the report's prose states, used only as evidence to narrow the
//! readings of a row's digit run.

/// A figure of table 二 that the prose states ("现行有效行政规范性文件698件").
#[derive(Debug, Clone)]
pub struct ProseFigure {
    pub row: &'static str,
    pub col: &'static str,
    pub value: f64,
    pub phrase: String,
}

/// The figures of table 二's 规章 and 规范性文件 rows (2021 columns: 本年制发 / 本年废止 / 现行有效)
/// that the prose states; a cell stated twice with different numbers is dropped.
pub fn disclosure_prose_figures(prose: &str) -> Vec<ProseFigure> {
    use regex::Regex;
    use std::sync::OnceLock;
    static RES: OnceLock<Vec<(&'static str, &'static str, Regex)>> = OnceLock::new();
    let res = RES.get_or_init(|| {
        let mut v = Vec::new();
        for (row, doc) in [
            ("normative_documents", "(?:行政)?规范性文件"),
            ("rules", "(?:政府)?规章"),
        ] {
            for (col, verb) in [
                ("in_force", "现行有效(?:的)?"),
                ("issued", "(?:制发|印发|出台|新制定|制定)(?:了)?(?:的)?"),
                ("repealed", "废止(?:了)?(?:的)?"),
            ] {
                let re = format!("{verb}{doc}(?:共|总数为|数量为)?(\\d+)(?:件|部|个)");
                v.push((row, col, Regex::new(&re).unwrap()));
            }
        }
        v
    });
    let compact: String = prose.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out: Vec<ProseFigure> = Vec::new();
    let mut conflicted: Vec<(&str, &str)> = Vec::new();
    for (row, col, re) in res {
        for c in re.captures_iter(&compact) {
            let Ok(value) = c[1].parse::<f64>() else {
                continue;
            };
            match out.iter().position(|f| f.row == *row && f.col == *col) {
                Some(i) if out[i].value != value => conflicted.push((row, col)),
                Some(_) => {}
                None => out.push(ProseFigure {
                    row,
                    col,
                    value,
                    phrase: c[0].to_string(),
                }),
            }
        }
    }
    out.retain(|f| !conflicted.contains(&(f.row, f.col)));
    out
}

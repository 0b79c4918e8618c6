//! The metric dictionary (`data/metrics.tsv`): named ratios over the figures of a report, each a
//! formula in a small expression language over figure keys, evaluated to a value or to the
//! reason there is none.
//!
//! Formulas: figure keys (`requests.total_processed.total`), numbers, `+ - * /` (also `−`, `×`,
//! `÷`) with the usual precedence, parentheses, and `prev(KEY)`: the same figure in the same
//! agency's report of the year before. A value is never made up: a figure that is blank, not
//! printed or not in the report's format, a missing previous report and a denominator of 0 each
//! make the metric null, with the reason.

use crate::model::{template, Template};
use std::collections::HashSet;
use std::fmt;
use std::sync::OnceLock;

const METRICS: &str = include_str!("../../data/metrics.tsv");

/// One metric of the dictionary.
#[derive(Debug, Clone)]
pub struct Metric {
    pub id: String,
    /// Chinese name, e.g. 公开率.
    pub name: String,
    /// The formula as written in the dictionary.
    pub formula: String,
    pub meaning: String,
    pub expr: Expr,
}

/// Parse a dictionary in the format of `data/metrics.tsv`.
pub fn parse_dictionary(text: &str) -> Result<Vec<Metric>, String> {
    let mut out: Vec<Metric> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [id, name, formula, meaning] = cols[..] else {
            return Err(format!(
                "line {}: expected 4 tab-separated columns (id, name, formula, meaning), found {}",
                n + 1,
                cols.len()
            ));
        };
        let expr = parse(formula).map_err(|e| format!("line {} ({id}): {e}", n + 1))?;
        if out.iter().any(|m| m.id == id) {
            return Err(format!("line {}: metric {id} defined twice", n + 1));
        }
        out.push(Metric {
            id: id.into(),
            name: name.into(),
            formula: formula.into(),
            meaning: meaning.into(),
            expr,
        });
    }
    Ok(out)
}

/// Every metric of the built-in dictionary, in its order (parsed once).
pub fn all() -> &'static [Metric] {
    static ALL: OnceLock<Vec<Metric>> = OnceLock::new();
    ALL.get_or_init(|| parse_dictionary(METRICS).expect("data/metrics.tsv parses (tested)"))
}

/// The metric with this id.
pub fn find(id: &str) -> Option<&'static Metric> {
    all().iter().find(|m| m.id == id)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

impl Op {
    fn precedence(self) -> u8 {
        match self {
            Op::Add | Op::Sub => 1,
            Op::Mul | Op::Div => 2,
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
        }
    }
}

/// A parsed formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Num(f64),
    /// A figure of this report.
    Key(String),
    /// A figure of the same agency's report of the year before.
    Prev(String),
    Bin(Op, Box<Expr>, Box<Expr>),
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Num(n) => write!(f, "{}", crate::model::Num(*n)),
            Expr::Key(k) => write!(f, "{k}"),
            Expr::Prev(k) => write!(f, "prev({k})"),
            Expr::Bin(op, l, r) => {
                let wrap = |e: &Expr, right: bool| match e {
                    Expr::Bin(o, _, _) => {
                        o.precedence() < op.precedence()
                            || (right
                                && o.precedence() == op.precedence()
                                && matches!(op, Op::Sub | Op::Div))
                    }
                    _ => false,
                };
                let side = |f: &mut fmt::Formatter<'_>, e: &Expr, right: bool| {
                    if wrap(e, right) {
                        write!(f, "({e})")
                    } else {
                        write!(f, "{e}")
                    }
                };
                side(f, l, false)?;
                write!(f, " {} ", op.symbol())?;
                side(f, r, true)
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Op(Op),
    Open,
    Close,
}

fn tokens(s: &str) -> Result<Vec<Tok>, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let tok = match c {
            _ if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '+' => Tok::Op(Op::Add),
            '-' | '−' => Tok::Op(Op::Sub),
            '*' | '×' => Tok::Op(Op::Mul),
            '/' | '÷' => Tok::Op(Op::Div),
            '(' | '（' => Tok::Open,
            ')' | '）' => Tok::Close,
            _ if c.is_ascii_digit() => {
                let start = i;
                while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                    i += 1;
                }
                let text: String = chars[start..i].iter().collect();
                out.push(Tok::Num(
                    text.parse()
                        .map_err(|_| format!("'{text}' is not a number"))?,
                ));
                continue;
            }
            _ if c.is_ascii_alphabetic() => {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_alphanumeric() || chars[i] == '_' || chars[i] == '.')
                {
                    i += 1;
                }
                out.push(Tok::Ident(chars[start..i].iter().collect()));
                continue;
            }
            _ => return Err(format!("unexpected '{c}' in formula")),
        };
        out.push(tok);
        i += 1;
    }
    Ok(out)
}

/// Parse a formula; every key must be a figure key of the spec.
pub fn parse(s: &str) -> Result<Expr, String> {
    let toks = tokens(s)?;
    let mut p = Parser { toks, at: 0 };
    let e = p.sum()?;
    if p.at < p.toks.len() {
        return Err(format!(
            "unexpected {:?} after a complete formula",
            p.toks[p.at]
        ));
    }
    Ok(e)
}

struct Parser {
    toks: Vec<Tok>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn binary(
        &mut self,
        ops: [Op; 2],
        operand: fn(&mut Self) -> Result<Expr, String>,
    ) -> Result<Expr, String> {
        let mut left = operand(self)?;
        while let Some(Tok::Op(op)) = self.peek() {
            let op = *op;
            if !ops.contains(&op) {
                break;
            }
            self.at += 1;
            let right = operand(self)?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn sum(&mut self) -> Result<Expr, String> {
        self.binary([Op::Add, Op::Sub], Self::product)
    }

    fn product(&mut self) -> Result<Expr, String> {
        self.binary([Op::Mul, Op::Div], Self::atom)
    }

    fn atom(&mut self) -> Result<Expr, String> {
        match self.next() {
            Some(Tok::Num(n)) => Ok(Expr::Num(n)),
            Some(Tok::Open) => {
                let e = self.sum()?;
                match self.next() {
                    Some(Tok::Close) => Ok(e),
                    _ => Err("missing ')'".into()),
                }
            }
            Some(Tok::Ident(name)) if name == "prev" => {
                if self.next() != Some(Tok::Open) {
                    return Err("prev must be followed by (KEY)".into());
                }
                let key = match self.next() {
                    Some(Tok::Ident(k)) => figure_key(k)?,
                    _ => return Err("prev(KEY): a figure key inside".into()),
                };
                match self.next() {
                    Some(Tok::Close) => Ok(Expr::Prev(key)),
                    _ => Err("prev(KEY): missing ')'".into()),
                }
            }
            Some(Tok::Ident(k)) => Ok(Expr::Key(figure_key(k)?)),
            Some(t) => Err(format!(
                "unexpected {t:?} where a key, number or '(' belongs"
            )),
            None => Err("the formula ends where a key, number or '(' belongs".into()),
        }
    }
}

fn figure_key(k: String) -> Result<String, String> {
    if template::all_figure_keys().iter().any(|(key, _)| *key == k) {
        Ok(k)
    } else {
        Err(format!("unknown figure key '{k}'"))
    }
}

/// The figures of one report, as a metric reads them.
pub struct Sample<'a> {
    pub template: Option<Template>,
    pub year: Option<i32>,
    /// A figure by key; None when blank or not printed.
    pub figure: &'a dyn Fn(&str) -> Option<f64>,
}

/// The keys of one template (as `template::figure_keys` gives them), built once.
fn template_keys(t: Template) -> &'static HashSet<String> {
    static Y2019: OnceLock<HashSet<String>> = OnceLock::new();
    static Y2021: OnceLock<HashSet<String>> = OnceLock::new();
    let cell = match t {
        Template::Y2019 => &Y2019,
        Template::Y2021 => &Y2021,
    };
    cell.get_or_init(|| {
        template::figure_keys(t)
            .into_iter()
            .map(|(k, _)| k)
            .collect()
    })
}

/// Why a report has no value for `key`.
fn missing(key: &str, t: Option<Template>) -> String {
    match t {
        None => format!("no tables: {key}"),
        Some(t) if !template_keys(t).contains(key) => {
            format!("not in the {} format: {key}", t.as_str())
        }
        Some(_) => format!("blank or not printed: {key}"),
    }
}

impl Expr {
    /// The figure keys read from the report itself, each once, in formula order.
    pub fn keys(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.walk(&mut |e| {
            if let Expr::Key(k) = e {
                if !out.contains(k) {
                    out.push(k.clone());
                }
            }
        });
        out
    }

    /// The figure keys read from the report of the year before.
    pub fn prev_keys(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.walk(&mut |e| {
            if let Expr::Prev(k) = e {
                if !out.contains(k) {
                    out.push(k.clone());
                }
            }
        });
        out
    }

    fn walk(&self, f: &mut dyn FnMut(&Expr)) {
        f(self);
        if let Expr::Bin(_, l, r) = self {
            l.walk(f);
            r.walk(f);
        }
    }

    /// The value for a report (`prev`: the same agency's report of the year before, if any),
    /// or why there is none.
    pub fn eval(&self, this: &Sample, prev: Option<&Sample>) -> Result<f64, String> {
        match self {
            Expr::Num(n) => Ok(*n),
            Expr::Key(k) => (this.figure)(k).ok_or_else(|| missing(k, this.template)),
            Expr::Prev(k) => {
                let Some(p) = prev else {
                    return Err(match this.year {
                        Some(y) => format!("no {} report of the same agency", y - 1),
                        None => "no year, so no previous report".into(),
                    });
                };
                (p.figure)(k).ok_or_else(|| format!("previous year: {}", missing(k, p.template)))
            }
            Expr::Bin(op, l, r) => {
                let a = l.eval(this, prev)?;
                let b = r.eval(this, prev)?;
                Ok(match op {
                    Op::Add => a + b,
                    Op::Sub => a - b,
                    Op::Mul => a * b,
                    Op::Div => {
                        if b == 0.0 {
                            return Err(format!("denominator 0: {r}"));
                        }
                        a / b
                    }
                })
            }
        }
    }
}

/// A metric's value for one report: a number, or null with the reason.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Value {
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
}

impl From<Result<f64, String>> for Value {
    fn from(r: Result<f64, String>) -> Value {
        match r {
            Ok(v) => Value {
                value: Some(v),
                why: None,
            },
            Err(why) => Value {
                value: None,
                why: Some(why),
            },
        }
    }
}

/// A metric's value for a parsed report (`prev`: the same agency's report of the year before).
pub fn of_report(
    m: &Metric,
    r: &crate::model::Report,
    prev: Option<&crate::model::Report>,
) -> Value {
    let figure = |k: &str| r.tables.figure(k);
    let this = Sample {
        template: r.template,
        year: r.year,
        figure: &figure,
    };
    let pf = |k: &str| prev.and_then(|p| p.tables.figure(k));
    let p = prev.map(|p| Sample {
        template: p.template,
        year: p.year,
        figure: &pf,
    });
    m.expr.eval(&this, p.as_ref()).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn sample<'a>(t: Template, f: &'a dyn Fn(&str) -> Option<f64>) -> Sample<'a> {
        Sample {
            template: Some(t),
            year: Some(2022),
            figure: f,
        }
    }

    #[test]
    fn the_dictionary_parses_and_round_trips() {
        let all = all();
        assert!(all.len() >= 10);
        for m in all {
            let again = parse(&m.expr.to_string()).unwrap();
            assert_eq!(again, m.expr, "{}", m.id);
            assert!(!m.name.is_empty() && !m.meaning.is_empty(), "{}", m.id);
        }
        for id in [
            "rate.disclosed",
            "rate.withheld",
            "rate.unavailable",
            "rate.not_processed",
            "rate.carried_forward",
            "rate.review_corrected",
            "rate.litigation_corrected",
            "rate.contested",
            "share.org_applicants",
            "growth.new_received",
        ] {
            assert!(find(id).is_some(), "{id}");
        }
        assert_eq!(find("rate.disclosed").unwrap().name, "公开率");
    }

    #[test]
    fn precedence_parentheses_and_errors() {
        let k = "requests.new_received.total";
        let e = parse(&format!("1 + 2 * 3 − 8 / (2 + 2) - {k}")).unwrap();
        let f = |_: &str| Some(1.0);
        assert_eq!(
            e.eval(&sample(Template::Y2021, &f), None),
            Ok(1.0 + 6.0 - 2.0 - 1.0)
        );
        assert_eq!(parse("10 - (4 - 1)").unwrap().to_string(), "10 - (4 - 1)");
        assert_eq!(parse("(10 - 4) - 1").unwrap().to_string(), "10 - 4 - 1");
        assert_eq!(parse("8 / (2 * 2)").unwrap().to_string(), "8 / (2 * 2)");
        assert!(parse("requests.nope.total")
            .unwrap_err()
            .contains("unknown figure key"));
        assert!(parse("(1 + 2").unwrap_err().contains("')'"));
        assert!(parse("1 +").is_err());
        assert!(parse("1 2").is_err());
        assert!(parse("1 % 2").is_err());
        assert!(parse("prev 1").is_err());
        assert!(parse_dictionary("a\tb\tc").is_err());
        assert!(parse_dictionary("a\tb\t1\tm\na\tb\t2\tm")
            .unwrap_err()
            .contains("twice"));
    }

    #[test]
    fn nulls_say_why() {
        let m = find("rate.disclosed").unwrap();
        let figs: HashMap<&str, f64> = [
            ("requests.disclosed.total", 3.0),
            ("requests.partially_disclosed.total", 1.0),
            ("requests.total_processed.total", 0.0),
        ]
        .into();
        let f = |k: &str| figs.get(k).copied();
        assert_eq!(
            m.expr.eval(&sample(Template::Y2021, &f), None),
            Err("denominator 0: requests.total_processed.total".into())
        );
        let g = |k: &str| (k != "requests.partially_disclosed.total").then_some(2.0);
        assert_eq!(
            m.expr.eval(&sample(Template::Y2021, &g), None),
            Err("blank or not printed: requests.partially_disclosed.total".into())
        );
        let none = |_: &str| None;
        let no_tables = Sample {
            template: None,
            year: Some(2021),
            figure: &none,
        };
        assert!(m
            .expr
            .eval(&no_tables, None)
            .unwrap_err()
            .starts_with("no tables: "));
        let n = find("rate.norms_repealed").unwrap();
        assert_eq!(
            n.expr.eval(&sample(Template::Y2019, &none), None),
            Err("not in the 2019 format: disclosure.normative_documents.repealed".into())
        );
        // A sum in the denominator is named whole.
        let c = find("rate.carried_forward").unwrap();
        let z = |_: &str| Some(0.0);
        assert_eq!(
            c.expr.eval(&sample(Template::Y2019, &z), None),
            Err("denominator 0: requests.new_received.total + requests.carried_over.total".into())
        );
    }

    #[test]
    fn growth_reads_the_previous_year() {
        let m = find("growth.new_received").unwrap();
        assert_eq!(m.expr.prev_keys(), vec!["requests.new_received.total"]);
        let this = |_: &str| Some(30.0);
        let last = |_: &str| Some(20.0);
        let s = sample(Template::Y2021, &this);
        assert_eq!(
            m.expr.eval(&s, Some(&sample(Template::Y2021, &last))),
            Ok(0.5)
        );
        assert_eq!(
            m.expr.eval(&s, None),
            Err("no 2021 report of the same agency".into())
        );
        let zero = |_: &str| Some(0.0);
        assert_eq!(
            m.expr.eval(&s, Some(&sample(Template::Y2021, &zero))),
            Err("denominator 0: prev(requests.new_received.total)".into())
        );
    }
}

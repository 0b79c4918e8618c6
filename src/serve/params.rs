//! A request's query parameters, checked: each route names the parameters it takes, and an
//! unknown one, a repeated single one, or a malformed value is a 400 with a one-line message.
//! The report filters read as the command line's flags read them.

use super::{Fail, Limits};
use crate::index::query::{self, Filters};
use crate::model::{AgencyKind, Level};

/// The parameters of one request, in the order given; empty values count as absent (a form
/// sends every field).
pub struct Params(Vec<(String, String)>);

/// The parameters every page and API call that selects reports takes.
pub const FILTERS: &[&str] = &["agency", "region", "year", "where", "level", "agency_kind"];

impl Params {
    /// The pairs of a query string, refused when a name is not among `known`.
    pub fn new(pairs: Vec<(String, String)>, known: &[&[&str]]) -> Result<Params, Fail> {
        for (k, _) in &pairs {
            if !known.iter().any(|list| list.contains(&k.as_str())) {
                let all: Vec<&str> = known.iter().flat_map(|l| l.iter().copied()).collect();
                return Err(Fail::Bad(format!(
                    "unknown parameter '{k}' (this address takes {})",
                    all.join(", ")
                )));
            }
        }
        Ok(Params(
            pairs
                .into_iter()
                .map(|(k, v)| (k, v.trim().to_string()))
                .filter(|(_, v)| !v.is_empty())
                .collect(),
        ))
    }

    /// This request's address again with `name` set to `value` (or removed when empty): the
    /// links of paging and facets.
    pub fn with(&self, path: &str, name: &str, value: &str) -> String {
        let mut pairs: Vec<(&str, &str)> = self
            .0
            .iter()
            .filter(|(k, _)| k != name)
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        pairs.push((name, value));
        super::html::url(path, &pairs)
    }

    /// The parameters as one key: sorted, so that the same question asked in another order is
    /// the same page.
    pub fn canonical(&self) -> String {
        let mut pairs: Vec<(&str, &str)> = self
            .0
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        pairs.sort();
        super::html::url("", &pairs)
    }

    /// A parameter given at most once.
    pub fn one(&self, name: &str) -> Result<Option<&str>, Fail> {
        let mut found = self.0.iter().filter(|(k, _)| k == name);
        let first = found.next().map(|(_, v)| v.as_str());
        if found.next().is_some() {
            return Err(Fail::Bad(format!("'{name}' is given twice")));
        }
        Ok(first)
    }

    /// A parameter that must be there.
    pub fn required(&self, name: &str) -> Result<&str, Fail> {
        self.one(name)?
            .ok_or_else(|| Fail::Bad(format!("'{name}' is missing")))
    }

    /// Every value of a repeatable parameter.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// A whole number within `1..=max`, or `default`.
    pub fn number(&self, name: &str, default: usize, max: usize) -> Result<usize, Fail> {
        match self.one(name)? {
            None => Ok(default),
            Some(v) => match v.parse::<usize>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(Fail::Bad(format!(
                    "'{name}={v}': give a whole number from 1 to {max}"
                ))),
            },
        }
    }

    /// A yes/no switch (`1`, `true`, `on`).
    pub fn flag(&self, name: &str) -> Result<bool, Fail> {
        Ok(match self.one(name)? {
            None => false,
            Some("1" | "true" | "on" | "yes") => true,
            Some("0" | "false" | "off" | "no") => false,
            Some(v) => return Err(Fail::Bad(format!("'{name}={v}': give 1 or 0"))),
        })
    }

    /// The report filters, as `--agency --region --year --where --level --agency-kind` read.
    pub fn filters(&self) -> Result<Filters, Fail> {
        let mut f = Filters {
            agency: self.one("agency")?.map(str::to_string),
            region: self.one("region")?.map(str::to_string),
            ..Filters::default()
        };
        if let Some(y) = self.one("year")? {
            f.years = Some(query::parse_years(y).map_err(Fail::Bad)?);
        }
        // Repeated, or several in one field separated by ';'.
        for w in self.all("where") {
            for c in w.split(';').map(str::trim).filter(|c| !c.is_empty()) {
                f.conditions
                    .push(query::parse_condition(c).map_err(Fail::Bad)?);
            }
        }
        f.level = match self.one("level")? {
            None => None,
            Some(l) => Some(Level::from_key(l).ok_or_else(|| {
                Fail::Bad(format!(
                    "'level={l}': one of province, city, county, township"
                ))
            })?),
        };
        f.kind = match self.one("agency_kind")? {
            None => None,
            Some(k) => Some(AgencyKind::from_key(k).ok_or_else(|| {
                Fail::Bad(format!("'agency_kind={k}': government or department"))
            })?),
        };
        Ok(f)
    }

    /// The search words: at most [`Limits::query_chars`] characters.
    pub fn query(&self, limits: &Limits) -> Result<Option<String>, Fail> {
        let Some(q) = self.one("q")? else {
            return Ok(None);
        };
        let n = q.chars().count();
        if n > limits.query_chars {
            return Err(Fail::Bad(format!(
                "the query is {n} characters long; at most {} are searched",
                limits.query_chars
            )));
        }
        Ok(Some(q.to_string()))
    }
}

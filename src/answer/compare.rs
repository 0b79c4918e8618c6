//! Comparisons over the index (`gongkai compare`, the compare page and `/api/compare`): the
//! sides named `AGENCY:YEAR` resolved among the indexed reports, then [`crate::analyze::compare`]
//! for two agency-years side by side or one agency over the years. Report files named on the
//! command line are the command line's business: nothing here reads a path.

use super::Opened;
use crate::analyze::compare::{self, Comparison, Timeline};
use crate::analyze::themes::Taxonomy;
use crate::index::query::Filters;
use crate::model::Report;
use crate::Error;

/// The indexed reports whose agency contains `name`.
pub fn candidates(opened: &Opened, name: &str) -> Result<Vec<Report>, Error> {
    let filters = Filters {
        agency: Some(name.to_string()),
        ..Filters::default()
    };
    crate::index::reports(&opened.index, &opened.fields, &filters).map_err(|e| opened.damaged(&e))
}

/// The indexed report `AGENCY:YEAR` names (the name may be partial; an ambiguous or unknown
/// one is [`Error::NotFound`] listing the candidates).
pub fn side(opened: &Opened, spec: &str) -> Result<Report, Error> {
    let (name, _) = compare::split_spec(spec).map_err(Error::Usage)?;
    let reports = candidates(opened, name)?;
    compare::resolve(&reports, spec)
        .cloned()
        .map_err(Error::NotFound)
}

/// Two indexed agency-years side by side (`lines`: the source line of every figure).
pub fn pair(opened: &Opened, left: &str, right: &str, lines: bool) -> Result<Comparison, Error> {
    let left = side(opened, left)?;
    let right = side(opened, right)?;
    Ok(compare::pair(&left, &right, &Taxonomy::builtin(), lines))
}

/// The agency a timeline's `spec` names: a name without a year.
pub fn agency_of(spec: &str) -> Result<&str, Error> {
    let (name, year) = compare::split_spec(spec).map_err(Error::Usage)?;
    if year.is_some() {
        return Err(Error::Usage(format!(
            "'{spec}': give two AGENCY:YEAR to compare, or one AGENCY with --years"
        )));
    }
    Ok(name)
}

/// One agency over the years: `spec` is AGENCY (no year), `years` the range kept (default all);
/// `all` keeps the figures zero or not printed in every year. Two reports of one year: the
/// first is used and `note` is told about the other.
pub fn timeline(
    opened: &Opened,
    spec: &str,
    years: Option<(i64, i64)>,
    all: bool,
    note: &mut dyn FnMut(String),
) -> Result<Timeline, Error> {
    let name = agency_of(spec)?;
    let reports = candidates(opened, name)?;
    let (agency, mine) = compare::resolve_agency(&reports, name).map_err(Error::NotFound)?;
    let (lo, hi) = years.unwrap_or((i64::MIN, i64::MAX));
    let mut picked: Vec<&Report> = Vec::new();
    for r in mine {
        let Some(y) = r.year else { continue };
        if (y as i64) < lo || (y as i64) > hi {
            continue;
        }
        if let Some(p) = picked.last().filter(|p| p.year == Some(y)) {
            note(format!(
                "{agency} {y}: two reports ({} and {}); using the first",
                p.source, r.source
            ));
            continue;
        }
        picked.push(r);
    }
    if picked.is_empty() {
        return Err(Error::NotFound(format!(
            "{agency} has no report in those years"
        )));
    }
    Ok(compare::timeline(&agency, &picked, all))
}

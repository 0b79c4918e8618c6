//! The recurring themes of the problem items of section 五 across the indexed reports
//! (`gongkai themes`, the themes page and `/api/themes`): the reports streamed back slim, only
//! their metadata and items kept, then [`crate::analyze::themes`].

use super::Opened;
use crate::analyze::themes::{self, By, ItemKind, Taxonomy, Theme};
use crate::index::query::Filters;
use crate::index::{Parts, StreamError};
use crate::model::Report;
use crate::Error;

/// The themes and what they were drawn from.
pub struct Themes {
    /// Most widespread first, as `--json` prints them one a line.
    pub list: Vec<Theme>,
    pub reports: usize,
    pub items: usize,
}

/// The themes of the reports passing `filters`; `read` is told how many reports were read
/// before they are grouped (for a progress message).
pub fn themes(
    opened: &Opened,
    filters: &Filters,
    kind: ItemKind,
    taxonomy: &Taxonomy,
    by: By,
    jieba: &jieba_rs::Jieba,
    read: &mut dyn FnMut(usize),
) -> Result<Themes, Error> {
    // Themes need the items and who wrote them (a few KB a report): the slim stored form, and
    // of that only the metadata and the items are kept.
    let mut kept: Vec<Report> = Vec::new();
    crate::index::for_each_report(
        &opened.index,
        &opened.fields,
        filters,
        Parts::Slim,
        |mut r| {
            r.tables = Default::default();
            r.sections = Vec::new();
            r.warnings = Vec::new();
            kept.push(r);
            Ok::<(), ()>(())
        },
    )
    .map_err(|e| match e {
        StreamError::Index(m) => opened.damaged(&m),
        StreamError::Stopped(()) => unreachable!("collecting never stops"),
    })?;
    read(kept.len());
    let list = themes::themes(&kept, kind, taxonomy, by, Some(jieba));
    Ok(Themes {
        items: themes::items(&kept, kind).len(),
        reports: kept.len(),
        list,
    })
}

//! The recurring themes of the problem items of section 五 across the indexed reports
//! (`gongkai themes`, the themes page and `/api/themes`): the reports streamed back slim, their
//! items and who wrote them kept in an [`ItemTable`] (texts in a temporary file), then grouped
//! by [`crate::analyze::themes::group`].

use super::Opened;
use crate::analyze::themes::{self, By, ItemKind, ItemTable, Taxonomy, Theme, ThemeGroup};
use crate::index::query::Filters;
use crate::index::{Parts, StreamError};
use crate::Error;

/// The themes as positions in the table of items: what the command line prints from, a theme
/// at a time, so that a national corpus's items are never all in memory.
pub struct Grouped {
    pub table: ItemTable,
    /// Most widespread first, as `--json` prints them one a line.
    pub groups: Vec<ThemeGroup>,
    pub reports: usize,
}

impl Grouped {
    /// Theme `g` with its items (fails only when the table's temporary file does).
    pub fn theme(&self, g: &ThemeGroup) -> Result<Theme, Error> {
        self.table.theme(g).map_err(spill_error)
    }
}

/// The themes and what they were drawn from, every item made.
pub struct Themes {
    /// Most widespread first, as `--json` prints them one a line.
    pub list: Vec<Theme>,
    pub reports: usize,
    pub items: usize,
}

fn spill_error(e: std::io::Error) -> Error {
    Error::io(&std::env::temp_dir(), &e)
}

/// The themes of the reports passing `filters`, as groups; `read` is told how many reports
/// were read before they are grouped (for a progress message).
pub fn grouped(
    opened: &Opened,
    filters: &Filters,
    kind: ItemKind,
    taxonomy: &Taxonomy,
    by: By,
    jieba: &jieba_rs::Jieba,
    read: &mut dyn FnMut(usize),
) -> Result<Grouped, Error> {
    let mut table = ItemTable::on_disk().map_err(spill_error)?;
    let mut reports = 0usize;
    crate::index::for_each_report(&opened.index, &opened.fields, filters, Parts::Slim, |r| {
        reports += 1;
        table.push(&r, kind)
    })
    .map_err(|e| match e {
        StreamError::Index(m) => opened.damaged(&m),
        StreamError::Stopped(e) => spill_error(e),
    })?;
    read(reports);
    let groups = themes::group(&table, taxonomy, by, Some(jieba)).map_err(spill_error)?;
    Ok(Grouped {
        table,
        groups,
        reports,
    })
}

/// [`grouped`], with every theme's items made (for a page or an API answer).
pub fn themes(
    opened: &Opened,
    filters: &Filters,
    kind: ItemKind,
    taxonomy: &Taxonomy,
    by: By,
    jieba: &jieba_rs::Jieba,
    read: &mut dyn FnMut(usize),
) -> Result<Themes, Error> {
    let g = grouped(opened, filters, kind, taxonomy, by, jieba, read)?;
    Ok(Themes {
        list: g
            .groups
            .iter()
            .map(|t| g.theme(t))
            .collect::<Result<Vec<Theme>, Error>>()?,
        reports: g.reports,
        items: g.table.len(),
    })
}

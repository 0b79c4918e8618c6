//! Analyses over parsed reports: the template's checks (勾稽关系), text similarity and reuse,
//! recurring problem themes, side-by-side comparison, a unit's profile among its peers and the
//! anomalies worth a second look.

pub mod align;
pub mod anomalies;
pub mod checks;
pub mod compare;
pub mod metrics;
pub mod postings;
pub mod profile;
pub mod rank;
pub mod similarity;
pub mod spill;
pub mod themes;

//! Analyses over parsed reports: the template's checks (勾稽关系), text similarity and reuse,
//! recurring problem themes, and side-by-side comparison.

pub mod checks;
pub mod compare;
pub mod metrics;
pub mod rank;
pub mod similarity;
pub mod themes;

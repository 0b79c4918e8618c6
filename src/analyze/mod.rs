//! Analyses over parsed reports: the template's arithmetic checks (勾稽关系).

pub mod checks;

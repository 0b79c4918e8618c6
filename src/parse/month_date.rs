//! A date printed to the month only (`2021年1月`, `二〇二二年一月`, `2023年元月`), as some
//! sign-offs date a report. It marks the sign-off (the report's text ends before it) but gives
//! no publication date: the contract's `published` is a day (`2023-01-29`), never a month.

use super::text::written_digit as digit;

/// The length of a month-only date at the start of `t` (year 1990–2100, month 1–12, written in
/// Arabic or Chinese digits) where no day follows it; None otherwise.
pub fn month_date_len(t: &str) -> Option<usize> {
    let mut chars = t.char_indices();
    let mut y = 0;
    for _ in 0..4 {
        y = y * 10 + digit(chars.next()?.1)?;
    }
    let rest = t[chars.next()?.0..].strip_prefix('年')?;
    let (m, after) = rest.split_once('月')?;
    let month = match m {
        "元" => 1,
        m if m.chars().all(|c| c.is_ascii_digit()) && (1..=2).contains(&m.len()) => {
            m.parse().ok()?
        }
        m => {
            let c: Vec<char> = m.chars().collect();
            match c.as_slice() {
                ['十'] => 10,
                ['十', d] => 10 + digit(*d).filter(|&d| (1..=2).contains(&d))?,
                [d] => digit(*d).filter(|&d| d > 0)?,
                _ => return None,
            }
        }
    };
    // A day after the month is a whole date, read as such elsewhere.
    let day_follows = after.starts_with(|c: char| c == '十' || digit(c).is_some());
    ((1990..=2100).contains(&y) && (1..=12).contains(&month) && !day_follows)
        .then(|| t.len() - after.len())
}

#[cfg(test)]
mod tests {
    use super::month_date_len;

    #[test]
    fn a_month_alone_but_never_a_day() {
        assert_eq!(month_date_len("2021年1月"), Some("2021年1月".len()));
        assert_eq!(
            month_date_len("二〇二二年一月\n"),
            Some("二〇二二年一月".len())
        );
        assert_eq!(month_date_len("2023年元月"), Some("2023年元月".len()));
        assert_eq!(
            month_date_len("二〇二二年十二月"),
            Some("二〇二二年十二月".len())
        );
        assert_eq!(month_date_len("2022年1月19日"), None);
        assert_eq!(month_date_len("二〇二二年一月十九日"), None);
        assert_eq!(month_date_len("2022年13月"), None);
        assert_eq!(month_date_len("2022年度"), None);
    }
}

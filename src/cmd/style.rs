//! Terminal styling: colour as `--color` says (auto: only on a terminal and without NO_COLOR);
//! widths in terminal columns (unicode-width: a Chinese character is two) so tables line up, and
//! truncation with … that keeps the columns after a long name in place.

use super::ColorWhen;
use std::io::IsTerminal;
use std::sync::OnceLock;
use unicode_width::UnicodeWidthChar;

static COLOR: OnceLock<bool> = OnceLock::new();

/// Whether to colour, from `--color` and the environment: `always` and `never` are final;
/// `auto` colours only a terminal, and not when NO_COLOR is set to something.
pub fn color_for(when: ColorWhen, no_color: Option<&std::ffi::OsStr>, terminal: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => no_color.is_none_or(|v| v.is_empty()) && terminal,
    }
}

/// Decide colouring once, before any output.
pub fn set_color(when: ColorWhen) {
    let on = color_for(
        when,
        std::env::var_os("NO_COLOR").as_deref(),
        std::io::stdout().is_terminal(),
    );
    COLOR.get_or_init(|| on);
}

pub fn color_enabled() -> bool {
    *COLOR.get_or_init(|| {
        color_for(
            ColorWhen::Auto,
            std::env::var_os("NO_COLOR").as_deref(),
            std::io::stdout().is_terminal(),
        )
    })
}

fn paint(code: &str, s: &str) -> String {
    if color_enabled() {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

pub fn bold(s: &str) -> String {
    paint("1", s)
}
pub fn red(s: &str) -> String {
    paint("31;1", s)
}
pub fn green(s: &str) -> String {
    paint("32", s)
}
pub fn yellow(s: &str) -> String {
    paint("33", s)
}
pub fn dim(s: &str) -> String {
    paint("2", s)
}
/// Highlight for matched text (reverse video on a TTY, 【】 otherwise).
pub fn hl(s: &str) -> String {
    if color_enabled() {
        format!("\x1b[1;31m{s}\x1b[0m")
    } else {
        format!("【{s}】")
    }
}

/// Display width in terminal columns (East Asian wide characters count two, combining marks
/// none); colour escapes count none, so coloured text pads like plain text.
pub fn width(s: &str) -> usize {
    let mut n = 0;
    let mut in_escape = false;
    for c in s.chars() {
        match (in_escape, c) {
            (false, '\u{1b}') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, c) => n += char_width(c),
        }
    }
    n
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Pad on the right to `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let n = width(s);
    format!("{s}{}", " ".repeat(w.saturating_sub(n)))
}

/// Pad on the left to `w` columns.
pub fn lpad(s: &str, w: usize) -> String {
    let n = width(s);
    format!("{}{s}", " ".repeat(w.saturating_sub(n)))
}

/// Cut plain text to at most `w` columns, ending in … when cut (the … counts one column).
pub fn truncate(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut n = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if n + cw + 1 > w {
            break;
        }
        out.push(c);
        n += cw;
    }
    out.push('…');
    out
}

/// A name and what must stay visible after it (a year), in exactly `w` columns: the name is cut
/// with … and padded so that the tail always shows, in the same column for every name.
pub fn fit(name: &str, tail: &str, w: usize) -> String {
    let room = w.saturating_sub(width(tail) + 1);
    pad(&format!("{} {tail}", pad(&truncate(name, room), room)), w)
}

/// A progress bar on stderr for `len` steps, only when stderr is a terminal and not `--quiet`.
pub fn progress(len: u64, what: &str, quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new(len);
    b.set_style(
        indicatif::ProgressStyle::with_template(&format!(
            "{{spinner}} {what} {{pos}}/{{len}} [{{bar:30}}] {{eta}}"
        ))
        .expect("a valid template")
        .progress_chars("=> "),
    );
    Some(b)
}

/// A spinner on stderr while something of unknown length runs (terminal only, not `--quiet`).
pub fn spinner(what: &str, quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let b = indicatif::ProgressBar::new_spinner().with_message(what.to_string());
    b.enable_steady_tick(std::time::Duration::from_millis(120));
    Some(b)
}

/// A counter on stderr for work whose total is not known up front: "exporting 1234 reports"
/// (terminal only, not `--quiet`).
pub fn counter(what: &str, quiet: bool) -> Option<indicatif::ProgressBar> {
    let b = spinner(what, quiet)?;
    b.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg} {pos} reports {elapsed}")
            .expect("a valid template"),
    );
    Some(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_terminal_columns() {
        assert_eq!(width("广州abc"), 7);
        assert_eq!(width("\x1b[1m广州\x1b[0m"), 4);
        assert_eq!(width("e\u{301}"), 1); // a combining mark takes no column
        assert_eq!(width("ＡＢ"), 4); // full-width forms
    }

    #[test]
    fn truncation_keeps_the_year_and_the_columns_in_place() {
        let long = "中华人民共和国国家发展和改革委员会办公厅政府信息公开工作领导小组办公室";
        for name in [
            long,
            "上海市Chongming区医疗保障局（Shanghai Chongming District Healthcare Security Bureau）",
            "广州市医疗保障局",
            "ẞİıſK Å e\u{301} 😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
        ] {
            for w in [8, 12, 20, 28, 30] {
                let t = truncate(name, w);
                assert!(width(&t) <= w, "{t:?} wider than {w}");
                if width(name) > w {
                    assert!(t.ends_with('…'), "{t:?}");
                    assert!(width(&t) >= w - 1, "{t:?} cut more than needed for {w}");
                    assert!(name.starts_with(t.trim_end_matches('…')));
                } else {
                    assert_eq!(t, name);
                }
                let f = fit(name, "2022", w);
                assert_eq!(width(&f), w, "{f:?}");
                assert!(f.ends_with(" 2022"), "{f:?} hides the year");
            }
        }
        assert_eq!(truncate(long, 9), "中华人民…");
        assert_eq!(fit(long, "2022", 14), "中华人民… 2022");
        assert_eq!(
            fit("广州市医疗保障局", "2022", 28),
            format!("广州市医疗保障局{} 2022", " ".repeat(7))
        );
    }

    #[test]
    fn color_follows_the_flag_then_no_color_then_the_terminal() {
        let set = Some(std::ffi::OsStr::new("1"));
        let empty = Some(std::ffi::OsStr::new(""));
        assert!(color_for(ColorWhen::Always, set, false));
        assert!(!color_for(ColorWhen::Never, None, true));
        assert!(!color_for(ColorWhen::Auto, set, true));
        assert!(color_for(ColorWhen::Auto, empty, true));
        assert!(color_for(ColorWhen::Auto, None, true));
        assert!(!color_for(ColorWhen::Auto, None, false));
    }
}

//! Terminal styling: colour only on a TTY and never with NO_COLOR; widths that count a Chinese
//! character as two columns so tables line up.

use std::io::IsTerminal;
use std::sync::OnceLock;

pub fn color_enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| {
        std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
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

/// Display width: East Asian wide characters count two columns; colour escapes count none, so
/// coloured text pads like plain text.
pub fn width(s: &str) -> usize {
    let mut n = 0;
    let mut in_escape = false;
    for c in s.chars() {
        match (in_escape, c) {
            (false, '\u{1b}') => in_escape = true,
            (true, 'm') => in_escape = false,
            (true, _) => {}
            (false, c) => n += if is_wide(c) { 2 } else { 1 },
        }
    }
    n
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
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

/// Cut to at most `w` columns, adding … when cut.
pub fn truncate(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut n = 0;
    for c in s.chars() {
        let cw = if is_wide(c) { 2 } else { 1 };
        if n + cw + 1 > w {
            break;
        }
        out.push(c);
        n += cw;
    }
    out.push('…');
    out
}

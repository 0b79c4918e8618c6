//! Charts drawn on the server as inline SVG, written with the escaping builder of
//! [`super::html`]: grouped horizontal bars (two reports' figures), lines over the years, columns
//! (a theme's count per year) and a distribution strip with its quartiles. No chart library, no
//! script: a chart is part of the page, readable without JavaScript and by the tests.

use super::html::Html;

/// The colours of the series, in order (left, right, …).
const COLOURS: &[&str] = &[
    "#3b6ea8", "#d9822b", "#4f9a55", "#a84b6e", "#7a62b3", "#8c7a3e", "#3a9a9a",
];

fn colour(i: usize) -> &'static str {
    COLOURS[i % COLOURS.len()]
}

fn n(x: f64) -> String {
    format!("{x:.1}")
}

/// A number as a chart label: integers without decimals.
pub fn label_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.2}")
    }
}

/// Labels cut to `max` characters.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        s.chars().take(max - 1).collect::<String>() + "…"
    }
}

fn svg(h: &mut Html, title: &str, w: f64, ht: f64, body: impl FnOnce(&mut Html)) {
    let vb = format!("0 0 {} {}", n(w), n(ht));
    h.el(
        "svg",
        &[
            ("class", "chart"),
            ("role", "img"),
            ("viewBox", &vb),
            ("width", &n(w)),
            ("height", &n(ht)),
            ("xmlns", "http://www.w3.org/2000/svg"),
        ],
        |h| {
            h.el_text("title", &[], title);
            body(h);
        },
    );
}

fn text_at(h: &mut Html, x: f64, y: f64, anchor: &'static str, class: &'static str, s: &str) {
    h.el_text(
        "text",
        &[
            ("x", &n(x)),
            ("y", &n(y)),
            ("text-anchor", anchor),
            ("class", class),
        ],
        s,
    );
}

/// Horizontal bars: for each row its label and one bar per series (None: not printed, no bar).
pub fn bars(h: &mut Html, title: &str, series: &[&str], rows: &[(String, Vec<Option<f64>>)]) {
    let label_w = 230.0;
    let plot_w = 360.0;
    let bar_h = 9.0;
    let row_h = bar_h * series.len() as f64 + 8.0;
    let top = 22.0;
    let height = top + row_h * rows.len() as f64 + 6.0;
    let max = rows
        .iter()
        .flat_map(|(_, v)| v.iter().flatten())
        .fold(0.0f64, |m, v| m.max(v.abs()))
        .max(1.0);
    svg(h, title, label_w + plot_w + 60.0, height, |h| {
        for (i, name) in series.iter().enumerate() {
            let x = label_w + i as f64 * 150.0;
            h.void(
                "rect",
                &[
                    ("x", &n(x)),
                    ("y", "4"),
                    ("width", "10"),
                    ("height", "10"),
                    ("fill", colour(i)),
                ],
            );
            text_at(h, x + 14.0, 13.0, "start", "legend", &cut(name, 16));
        }
        for (r, (label, values)) in rows.iter().enumerate() {
            let y0 = top + r as f64 * row_h;
            text_at(
                h,
                label_w - 6.0,
                y0 + row_h / 2.0 + 1.0,
                "end",
                "label",
                &cut(label, 18),
            );
            for (i, v) in values.iter().enumerate() {
                let y = y0 + 2.0 + i as f64 * bar_h;
                let Some(v) = v else {
                    text_at(h, label_w + 2.0, y + bar_h - 1.0, "start", "na", "–");
                    continue;
                };
                let w = (v.abs() / max * plot_w).max(if *v == 0.0 { 0.0 } else { 1.0 });
                h.void(
                    "rect",
                    &[
                        ("x", &n(label_w)),
                        ("y", &n(y)),
                        ("width", &n(w)),
                        ("height", &n(bar_h - 1.0)),
                        ("fill", colour(i)),
                    ],
                );
                text_at(
                    h,
                    label_w + w + 3.0,
                    y + bar_h - 1.5,
                    "start",
                    "value",
                    &label_num(*v),
                );
            }
        }
    });
}

/// Lines over `xs` (years), one per series; a missing value breaks its line.
pub fn lines(h: &mut Html, title: &str, xs: &[String], series: &[(String, Vec<Option<f64>>)]) {
    let (left, right, top, bottom) = (48.0, 16.0, 12.0, 24.0);
    let (plot_w, plot_h) = (520.0, 180.0);
    let legend_h = 16.0 * series.len() as f64;
    let height = top + plot_h + bottom + legend_h;
    let max = series
        .iter()
        .flat_map(|(_, v)| v.iter().flatten())
        .fold(0.0f64, |m, v| m.max(*v))
        .max(1.0);
    let x_at = |i: usize| {
        if xs.len() <= 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (xs.len() - 1) as f64
        }
    };
    let y_at = |v: f64| top + plot_h - (v.max(0.0) / max) * plot_h;
    svg(h, title, left + plot_w + right, height, |h| {
        for k in 0..=4 {
            let v = max * k as f64 / 4.0;
            let y = y_at(v);
            h.void(
                "line",
                &[
                    ("x1", &n(left)),
                    ("x2", &n(left + plot_w)),
                    ("y1", &n(y)),
                    ("y2", &n(y)),
                    ("class", "grid"),
                ],
            );
            text_at(h, left - 4.0, y + 4.0, "end", "tick", &label_num(v.round()));
        }
        for (i, x) in xs.iter().enumerate() {
            text_at(h, x_at(i), top + plot_h + 16.0, "middle", "tick", x);
        }
        for (s, (name, values)) in series.iter().enumerate() {
            // Runs of consecutive values, each drawn as one polyline.
            let mut run: Vec<String> = Vec::new();
            let flush = |h: &mut Html, run: &mut Vec<String>| {
                if run.len() > 1 {
                    h.void(
                        "polyline",
                        &[
                            ("points", &run.join(" ")),
                            ("fill", "none"),
                            ("stroke", colour(s)),
                            ("stroke-width", "2"),
                        ],
                    );
                }
                run.clear();
            };
            for (i, v) in values.iter().enumerate() {
                match v {
                    Some(v) => {
                        run.push(format!("{},{}", n(x_at(i)), n(y_at(*v))));
                        h.el(
                            "circle",
                            &[
                                ("cx", &n(x_at(i))),
                                ("cy", &n(y_at(*v))),
                                ("r", "3"),
                                ("fill", colour(s)),
                            ],
                            |h| {
                                h.el_text(
                                    "title",
                                    &[],
                                    &format!("{} {}: {}", name, xs[i], label_num(*v)),
                                );
                            },
                        );
                    }
                    None => flush(h, &mut run),
                }
            }
            flush(h, &mut run);
            let ly = top + plot_h + bottom + 12.0 + 16.0 * s as f64;
            h.void(
                "rect",
                &[
                    ("x", &n(left)),
                    ("y", &n(ly - 9.0)),
                    ("width", "10"),
                    ("height", "10"),
                    ("fill", colour(s)),
                ],
            );
            text_at(h, left + 14.0, ly, "start", "legend", &cut(name, 40));
        }
    });
}

/// Vertical columns: a count per category (a theme's reports per year).
pub fn columns(h: &mut Html, title: &str, counts: &[(String, usize)]) {
    let (col_w, gap, plot_h, top, bottom) = (30.0, 8.0, 60.0, 12.0, 16.0);
    let width = 8.0 + (col_w + gap) * counts.len().max(1) as f64;
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1) as f64;
    svg(h, title, width, top + plot_h + bottom, |h| {
        for (i, (label, count)) in counts.iter().enumerate() {
            let x = 4.0 + i as f64 * (col_w + gap);
            let ch = *count as f64 / max * plot_h;
            h.void(
                "rect",
                &[
                    ("x", &n(x)),
                    ("y", &n(top + plot_h - ch)),
                    ("width", &n(col_w)),
                    ("height", &n(ch)),
                    ("fill", colour(0)),
                ],
            );
            text_at(
                h,
                x + col_w / 2.0,
                top + plot_h - ch - 2.0,
                "middle",
                "value",
                &count.to_string(),
            );
            text_at(
                h,
                x + col_w / 2.0,
                top + plot_h + 12.0,
                "middle",
                "tick",
                &cut(label, 4),
            );
        }
    });
}

/// A distribution: every value as a tick on one axis, the quartiles as lines and, when given,
/// one value marked; `unit` ("%" or "件") is written on the axis and `scale` turns values into
/// what is printed (100 for a fraction shown as a percentage).
pub fn strip(
    h: &mut Html,
    title: &str,
    values: &[f64],
    quartiles: (f64, f64, f64),
    marked: Option<f64>,
    unit: &str,
    scale: f64,
) {
    let (left, plot_w, right) = (16.0, 520.0, 40.0);
    let lo = values
        .iter()
        .copied()
        .fold(f64::INFINITY, f64::min)
        .min(0.0);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let hi = if hi.is_finite() && hi > lo {
        hi
    } else {
        lo + 1.0
    };
    let x_at = |v: f64| left + (v - lo) / (hi - lo) * plot_w;
    svg(h, title, left + plot_w + right, 70.0, |h| {
        h.void(
            "line",
            &[
                ("x1", &n(left)),
                ("x2", &n(left + plot_w)),
                ("y1", "40"),
                ("y2", "40"),
                ("class", "axis"),
            ],
        );
        // One tick per drawn position, however many values fall on it: at national scale a
        // group holds 10⁶ values and a line each made the rank page 65 MB. k ticks at one place,
        // each at opacity ½, show as 1 − ½ᵏ: one tick at that opacity draws the same.
        let mut at: std::collections::BTreeMap<String, u32> = std::collections::BTreeMap::new();
        for v in values {
            *at.entry(n(x_at(*v))).or_default() += 1;
        }
        for (x, k) in &at {
            let opacity = 1.0 - 0.5f64.powi((*k).min(64) as i32);
            let opacity = format!("{opacity:.3}");
            let mut attrs = vec![
                ("x1", x.as_str()),
                ("x2", x.as_str()),
                ("y1", "30"),
                ("y2", "40"),
                ("class", "tickmark"),
            ];
            if *k > 1 {
                attrs.push(("stroke-opacity", opacity.as_str()));
            }
            h.void("line", &attrs);
        }
        for (name, q) in [
            ("P25", quartiles.0),
            ("P50", quartiles.1),
            ("P75", quartiles.2),
        ] {
            let x = x_at(q);
            h.void(
                "line",
                &[
                    ("x1", &n(x)),
                    ("x2", &n(x)),
                    ("y1", "18"),
                    ("y2", "44"),
                    ("class", "quartile"),
                ],
            );
            text_at(h, x, 14.0, "middle", "tick", name);
        }
        if let Some(m) = marked {
            h.el(
                "circle",
                &[
                    ("cx", &n(x_at(m))),
                    ("cy", "35"),
                    ("r", "5"),
                    ("fill", colour(1)),
                ],
                |h| {
                    h.el_text("title", &[], &format!("{}{unit}", label_num(m * scale)));
                },
            );
        }
        text_at(
            h,
            left,
            58.0,
            "start",
            "tick",
            &format!("{}{unit}", label_num((lo * scale * 10.0).round() / 10.0)),
        );
        text_at(
            h,
            left + plot_w,
            58.0,
            "end",
            "tick",
            &format!("{}{unit}", label_num((hi * scale * 10.0).round() / 10.0)),
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_charts_are_escaped() {
        let mut h = Html::new();
        bars(
            &mut h,
            "<script>",
            &["<b>left</b>", "right"],
            &[("<img src=x onerror=alert(1)>".into(), vec![Some(3.0), None])],
        );
        let s = h.finish();
        assert!(
            !s.contains("<script>") && !s.contains("<img") && !s.contains("<b>"),
            "{s}"
        );
        assert!(s.starts_with("<svg") && s.contains("<rect"));
    }

    /// A distribution strip draws one tick per position, as dark as the ticks it stands for.
    #[test]
    fn a_strip_of_a_million_values_stays_small() {
        let values: Vec<f64> = (0..1_000_000).map(|i| (i % 1000) as f64 / 10.0).collect();
        let mut h = Html::new();
        strip(
            &mut h,
            "分布",
            &values,
            (25.0, 50.0, 75.0),
            None,
            "%",
            100.0,
        );
        let s = h.finish();
        let ticks = s.matches("class=\"tickmark\"").count();
        assert_eq!(ticks, 1000, "one tick per distinct position");
        assert!(s.len() < 200_000, "{} bytes", s.len());
        // 1000 values at each position: as opaque as a thousand half-opaque lines.
        assert!(s.contains("stroke-opacity=\"1.000\""));
        // Few values: a tick each, at the stylesheet's opacity; two at one place darker.
        let mut h = Html::new();
        strip(
            &mut h,
            "分布",
            &[1.0, 2.0, 2.0, 9.0],
            (1.0, 2.0, 9.0),
            None,
            "件",
            1.0,
        );
        let s = h.finish();
        assert_eq!(s.matches("class=\"tickmark\"").count(), 3);
        assert_eq!(s.matches("stroke-opacity=\"0.750\"").count(), 1);
    }
}

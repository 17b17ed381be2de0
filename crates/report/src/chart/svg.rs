//! The SVG writer. Text stays text, drawn by the viewer with its own fonts, so CJK
//! labels need no font on this machine. The output depends only on the scene: no ids,
//! no clock, fixed number formatting.

use std::fmt::Write as _;

use super::scene::{num, Anchor, Dash, Item, Scene, Shape};

/// Fonts the viewer should try, Chinese ones first.
const FONT_FAMILY: &str = "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC',\
'Microsoft YaHei','WenQuanYi Micro Hei','Droid Sans Fallback',sans-serif";

pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

fn points(pts: &[(f64, f64)]) -> String {
    pts.iter()
        .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn paint(fill: Option<super::scene::Rgb>, stroke: Option<(super::scene::Rgb, f64)>) -> String {
    let mut s = String::new();
    match fill {
        Some(c) => write!(s, " fill=\"{}\"", c.hex()).ok(),
        None => write!(s, " fill=\"none\"").ok(),
    };
    if let Some((c, w)) = stroke {
        write!(s, " stroke=\"{}\" stroke-width=\"{}\"", c.hex(), num(w)).ok();
    }
    s
}

/// The scene as a standalone SVG document (no XML declaration, so it can also be
/// inlined in HTML). It scales to its container: `width="100%"` with the view box
/// fixing the aspect ratio, capped at its design width.
pub(crate) fn write(scene: &Scene) -> String {
    let mut out = String::new();
    let (w, h) = (num(scene.width), num(scene.height));
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
preserveAspectRatio=\"xMidYMid meet\" style=\"max-width:{w}px;height:auto\" \
role=\"img\" aria-label=\"{}\" class=\"{}\" font-family=\"{}\">",
        escape(&scene.title),
        escape(&scene.class),
        escape(FONT_FAMILY),
    )
    .ok();
    writeln!(out, "<title>{}</title>", escape(&scene.title)).ok();
    if !scene.desc.is_empty() {
        writeln!(out, "<desc>{}</desc>", escape(&scene.desc)).ok();
    }
    writeln!(
        out,
        "<rect class=\"background\" x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>"
    )
    .ok();
    let mut depth = 0usize;
    for item in &scene.items {
        match item {
            Item::Begin { class, title } => {
                writeln!(out, "<g class=\"{}\">", escape(class)).ok();
                if let Some(t) = title {
                    writeln!(out, "<title>{}</title>", escape(t)).ok();
                }
                depth += 1;
            }
            Item::End => {
                if depth > 0 {
                    out.push_str("</g>\n");
                    depth -= 1;
                }
            }
            Item::Line {
                class,
                points: pts,
                stroke,
                width,
                dash,
            } => {
                let tag = "polyline";
                let geometry = format!("points=\"{}\"", points(pts));
                let dash_attr = match dash.pattern() {
                    None => String::new(),
                    Some([on, off]) => {
                        format!(" stroke-dasharray=\"{} {}\"", num(on), num(off))
                    }
                };
                let cap = if *dash == Dash::Dotted {
                    "round"
                } else {
                    "butt"
                };
                writeln!(
                    out,
                    "<{tag} class=\"{}\" {geometry} fill=\"none\" stroke=\"{}\" \
stroke-width=\"{}\"{dash_attr} stroke-linecap=\"{cap}\" stroke-linejoin=\"round\"/>",
                    escape(class),
                    stroke.hex(),
                    num(*width),
                )
                .ok();
            }
            Item::Rect {
                class,
                x,
                y,
                w,
                h,
                fill,
                stroke,
                data,
            } => {
                let data: String = data
                    .iter()
                    .map(|(k, v)| format!(" data-{k}=\"{}\"", escape(v)))
                    .collect();
                writeln!(
                    out,
                    "<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}{data}/>",
                    escape(class),
                    num(*x),
                    num(*y),
                    num(*w),
                    num(*h),
                    paint(*fill, *stroke)
                )
                .ok();
            }
            Item::Marker {
                class,
                x,
                y,
                r,
                shape,
                fill,
                stroke,
            } => match shape.polygon(*x, *y, *r) {
                None => {
                    writeln!(
                        out,
                        "<circle class=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\"{}/>",
                        escape(class),
                        num(*x),
                        num(*y),
                        num(*r),
                        paint(*fill, *stroke)
                    )
                    .ok();
                }
                Some(poly) => {
                    let kind = match shape {
                        Shape::Circle => "circle",
                        Shape::Diamond => "diamond",
                        Shape::Square => "square",
                        Shape::Triangle => "triangle",
                        Shape::TriangleDown => "triangle-down",
                    };
                    writeln!(
                        out,
                        "<polygon class=\"{} {kind}\" data-cx=\"{}\" data-cy=\"{}\" points=\"{}\"{}/>",
                        escape(class),
                        num(*x),
                        num(*y),
                        points(&poly),
                        paint(*fill, *stroke)
                    )
                    .ok();
                }
            },
            Item::Text {
                class,
                x,
                y,
                text,
                size,
                anchor,
                bold,
                colour,
            } => {
                let anchor = match anchor {
                    Anchor::Start => "start",
                    Anchor::Middle => "middle",
                    Anchor::End => "end",
                };
                let weight = if *bold { " font-weight=\"bold\"" } else { "" };
                writeln!(
                    out,
                    "<text class=\"{}\" x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{anchor}\"{weight} fill=\"{}\">{}</text>",
                    escape(class),
                    num(*x),
                    num(*y),
                    num(*size),
                    colour.hex(),
                    escape(text)
                )
                .ok();
            }
        }
    }
    for _ in 0..depth {
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

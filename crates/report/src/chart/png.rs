//! The PNG renderer: plotters' bitmap backend draws the scene, ab_glyph draws the text
//! with the CJK font, the png crate encodes the pixels in memory.

use plotters::backend::BitMapBackend;
use plotters::drawing::IntoDrawingArea;
use plotters::element::{Circle, PathElement, Polygon, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, RGBColor, ShapeStyle, TextStyle};

use super::font::{load, Loaded};
use super::scene::{dash_pieces, Anchor, Dash, Item, Rgb, Scene};
use super::{ChartError, CjkFont};

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn stroke(c: Rgb, width: f64) -> ShapeStyle {
    ShapeStyle {
        color: rgb(c).to_rgba(),
        filled: false,
        stroke_width: width.round().max(1.0) as u32,
    }
}

fn draw_err<E: std::fmt::Debug>(e: E) -> ChartError {
    ChartError::Draw(format!("{e:?}"))
}

pub(crate) fn render(scene: &Scene, scale: u32, font: &CjkFont) -> Result<Vec<u8>, ChartError> {
    let font: Loaded = load(font)?;
    let k = f64::from(scale.clamp(1, 8));
    let (w, h) = (
        (scene.width * k).round() as u32,
        (scene.height * k).round() as u32,
    );
    let mut buf = vec![0xffu8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut buf, (w, h)).into_drawing_area();
        let p = |(x, y): (f64, f64)| ((x * k).round() as i32, (y * k).round() as i32);
        for item in &scene.items {
            match item {
                Item::Begin { .. } | Item::End => {}
                Item::Line {
                    points,
                    stroke: c,
                    width,
                    dash,
                    ..
                } => {
                    let style = stroke(*c, width * k);
                    match dash.pattern() {
                        None => {
                            let pts: Vec<(i32, i32)> = points.iter().map(|q| p(*q)).collect();
                            root.draw(&PathElement::new(pts, style)).map_err(draw_err)?;
                        }
                        Some(pattern) => {
                            for piece in dash_pieces(points, pattern) {
                                if *dash == Dash::Dotted {
                                    // Round caps: a dot in the middle of each short dash.
                                    let n = piece.len() as f64;
                                    let cx = piece.iter().map(|q| q.0).sum::<f64>() / n;
                                    let cy = piece.iter().map(|q| q.1).sum::<f64>() / n;
                                    let r = (width * k / 2.0 + 0.5).round().max(1.0) as u32;
                                    root.draw(&Circle::new(p((cx, cy)), r, rgb(*c).filled()))
                                        .map_err(draw_err)?;
                                } else {
                                    let pts: Vec<(i32, i32)> =
                                        piece.iter().map(|q| p(*q)).collect();
                                    root.draw(&PathElement::new(pts, style)).map_err(draw_err)?;
                                }
                            }
                        }
                    }
                }
                Item::Rect {
                    x,
                    y,
                    w: rw,
                    h: rh,
                    fill,
                    stroke: st,
                    ..
                } => {
                    let corners = [p((*x, *y)), p((x + rw, y + rh))];
                    if let Some(c) = fill {
                        root.draw(&Rectangle::new(corners, rgb(*c).filled()))
                            .map_err(draw_err)?;
                    }
                    if let Some((c, sw)) = st {
                        let [a, b] = corners;
                        let outline = vec![a, (b.0, a.1), b, (a.0, b.1), a];
                        root.draw(&PathElement::new(outline, stroke(*c, sw * k)))
                            .map_err(draw_err)?;
                    }
                }
                Item::Marker {
                    x,
                    y,
                    r,
                    shape,
                    fill,
                    stroke: st,
                    ..
                } => match shape.polygon(*x, *y, *r) {
                    None => {
                        let centre = p((*x, *y));
                        if let Some((c, sw)) = st {
                            let outer = ((r + sw / 2.0) * k).round() as u32;
                            root.draw(&Circle::new(centre, outer, rgb(*c).filled()))
                                .map_err(draw_err)?;
                        }
                        if let Some(c) = fill {
                            let inner = match st {
                                Some((_, sw)) => ((r - sw / 2.0) * k).round() as u32,
                                None => (r * k).round() as u32,
                            };
                            root.draw(&Circle::new(centre, inner, rgb(*c).filled()))
                                .map_err(draw_err)?;
                        }
                    }
                    Some(poly) => {
                        let pts: Vec<(i32, i32)> = poly.iter().map(|q| p(*q)).collect();
                        if let Some(c) = fill {
                            root.draw(&Polygon::new(pts.clone(), rgb(*c).filled()))
                                .map_err(draw_err)?;
                        }
                        if let Some((c, sw)) = st {
                            let mut closed = pts.clone();
                            closed.push(pts[0]);
                            root.draw(&PathElement::new(closed, stroke(*c, sw * k)))
                                .map_err(draw_err)?;
                        }
                    }
                },
                Item::Text {
                    x,
                    y,
                    text,
                    size,
                    anchor,
                    bold,
                    colour,
                    ..
                } => {
                    let text = font.printable(text);
                    let px = size * k;
                    let glyphs = font.glyphs(&text, px);
                    let advance: f64 = glyphs.iter().map(|g| g.advance).sum();
                    let x0 = match anchor {
                        Anchor::Start => x * k,
                        Anchor::Middle => x * k - advance / 2.0,
                        Anchor::End => x * k - advance,
                    };
                    // plotters' ab_glyph text puts the baseline half the ab_glyph
                    // size below the top anchor, and each glyph's ink box (not its
                    // origin) at the pen: so we place glyph by glyph, adding the
                    // left side bearing ourselves.
                    let ab_size = px * font.px_per_em;
                    let text_colour = rgb(*colour);
                    let style = TextStyle::from(FontDesc::new(
                        FontFamily::Name(font.family),
                        ab_size,
                        FontStyle::Normal,
                    ))
                    .color(&text_colour)
                    .pos(Pos::new(HPos::Left, VPos::Top));
                    let ty = (y * k - ab_size / 2.0).round() as i32;
                    // No bold face is loaded: a bold label is drawn twice, shifted.
                    let shift = (k / 2.0).round().max(1.0) as i32;
                    let passes: &[i32] = if *bold { &[0, shift] } else { &[0] };
                    let mut pen = x0;
                    for g in &glyphs {
                        if let Some(bearing) = g.bearing {
                            for dx in passes {
                                let gx = (pen + bearing).floor() as i32 + dx;
                                root.draw(&Text::new(g.ch.to_string(), (gx, ty), style.clone()))
                                    .map_err(draw_err)?;
                            }
                        }
                        pen += g.advance;
                    }
                }
            }
        }
        root.present().map_err(draw_err)?;
    }
    encode(&buf, w, h)
}

fn encode(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc
            .write_header()
            .map_err(|e| ChartError::Encode(e.to_string()))?;
        writer
            .write_image_data(rgb)
            .map_err(|e| ChartError::Encode(e.to_string()))?;
        writer
            .finish()
            .map_err(|e| ChartError::Encode(e.to_string()))?;
    }
    Ok(out)
}

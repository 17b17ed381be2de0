//! The terminal: standard output and error through anstream (colour stripped unless
//! `--color` and the terminal want it; `NO_COLOR` honoured), a closed pipe
//! (`attain … | head`) ending the output quietly, and the verbosity of `--quiet` and
//! `--verbose`.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

use attain_core::msg::{Lang, Msg};
use attain_core::Severity;
use attain_ingest::{Diagnostic, Diagnostics};

/// Set once standard output was found closed: later output is dropped, the work
/// goes on (files are still written) and the exit code is the command's.
static STDOUT_CLOSED: AtomicBool = AtomicBool::new(false);
static VERBOSITY: AtomicU8 = AtomicU8::new(1);
/// The language of messages: 0 Chinese, 1 English.
static LANG: AtomicU8 = AtomicU8::new(0);

/// Set the language of everything attain says (from `--lang` or the locale).
pub fn set_lang(lang: Lang) {
    LANG.store(
        match lang {
            Lang::Zh => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The language of messages.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        0 => Lang::Zh,
        _ => Lang::En,
    }
}

/// A catalogue message in the user's language.
pub fn text(m: &Msg) -> String {
    m.render(lang())
}

/// How much attain says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only, and the data asked for (`--json`, `show`, `review`).
    Quiet = 0,
    Normal = 1,
    /// Also what was read and written.
    Verbose = 2,
}

pub fn set_verbosity(v: Verbosity) {
    VERBOSITY.store(v as u8, Ordering::Relaxed);
}

pub fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

/// Control and invisible characters from the user's files as their code points
/// (`<U+001B>`): the terminal never gets them raw.
fn visible(text: &str) -> String {
    attain_ingest::names::visible(text)
}

/// Write text to standard output, control characters shown as code points.
pub fn say(text: &str) {
    say_styled(&visible(text));
}

/// Write text that holds attain's own ANSI styles (stripped when colour is off) to
/// standard output; the caller made its user text visible before styling it.
fn say_styled(text: &str) {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut w = anstream::stdout();
    if let Err(e) = w.write_all(text.as_bytes()).and_then(|_| w.flush()) {
        if e.kind() == io::ErrorKind::BrokenPipe {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
        }
    }
}

/// Text for standard output that `--quiet` leaves out (summaries, "wrote …").
pub fn info(text: &str) {
    if verbosity() >= Verbosity::Normal {
        say(text);
    }
}

/// A report summary with its lights in colour; `--quiet` leaves it out.
pub fn summary(text: &str) {
    if verbosity() >= Verbosity::Normal {
        say_styled(&attain_report::terminal::paint_lights(&visible(text)));
    }
}

/// Write bytes as they are to standard output (a report streamed with `--out -`).
/// A closed pipe is not an error; anything else is.
pub fn raw(bytes: &[u8]) -> io::Result<()> {
    if STDOUT_CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut w = io::stdout().lock();
    match w.write_all(bytes).and_then(|_| w.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            STDOUT_CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        r => r,
    }
}

pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Write text to standard error, control characters shown as code points; a closed
/// pipe is ignored.
pub fn err(text: &str) {
    err_styled(&visible(text));
}

fn err_styled(text: &str) {
    let mut w = anstream::stderr();
    let _ = w.write_all(text.as_bytes()).and_then(|_| w.flush());
}

/// `--verbose` only: what was read and written, on standard error.
pub fn detail(text: &str) {
    if verbosity() >= Verbosity::Verbose {
        err(text);
    }
}

fn severity_style(s: Severity) -> anstyle::Style {
    use anstyle::AnsiColor;
    let c = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Note => AnsiColor::Cyan,
    };
    anstyle::Style::new().fg_color(Some(c.into())).bold()
}

/// Diagnostics on standard error, their severities in colour; `--quiet` keeps the
/// errors only.
pub fn diagnostics(d: &Diagnostics) {
    let shown = if verbosity() == Verbosity::Quiet {
        d.errors().cloned().collect::<Diagnostics>()
    } else {
        d.clone()
    };
    if !shown.is_empty() {
        err_styled(&paint(&visible(&shown.render(lang()))));
    }
}

/// One diagnostic on standard error (a warning of the binary's own); `--quiet`
/// leaves out all but errors.
pub fn diagnostic(d: &Diagnostic) {
    if d.is_error() || verbosity() > Verbosity::Quiet {
        err_styled(&paint(&visible(&d.render(lang()))));
    }
}

/// The severity labels at the start of lines, in their colours.
fn paint(diagnostics: &str) -> String {
    let mut text = String::new();
    for line in diagnostics.split_inclusive('\n') {
        let styled = [Severity::Error, Severity::Warning, Severity::Note]
            .into_iter()
            .find_map(|s| {
                let label = format!(
                    "{}{}",
                    attain_ingest::diag::label(s, lang()),
                    lang().pick("：", ":")
                );
                line.strip_prefix(label.as_str()).map(|rest| {
                    let st = severity_style(s);
                    format!("{}{label}{}{rest}", st.render(), st.render_reset())
                })
            });
        text.push_str(styled.as_deref().unwrap_or(line));
    }
    text
}

//! Findings of the pure checks (budget balance, hierarchy, settings). Ingest turns
//! them into diagnostics that name the file and line.

use serde::Serialize;

use crate::msg::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Shown, does not stop the work.
    Note,
    /// Shown; the exit code stays 0.
    Warning,
    /// The input must be fixed; exit code 1 and no output written.
    Error,
}

/// The part of a unit's data a finding without a subject is about, so that a reader
/// can name the file it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// The unit's facts and settings.
    Settings,
    /// Income by source.
    Income,
    /// The budget lines.
    Budget,
    /// The indicators and their weights.
    Indicators,
}

/// One finding of a check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub severity: Severity,
    /// Which part of the data, when there is no single subject.
    pub part: Option<Part>,
    /// The budget line or indicator the finding is about, so that a reader can point
    /// at its row.
    pub subject: Option<String>,
    pub message: Msg,
    /// How to fix it.
    pub help: Msg,
}

impl Check {
    fn new(
        severity: Severity,
        subject: Option<&str>,
        message: impl Into<Msg>,
        help: impl Into<Msg>,
    ) -> Check {
        Check {
            severity,
            part: None,
            subject: subject.map(str::to_string),
            message: message.into(),
            help: help.into(),
        }
    }

    pub fn error(subject: Option<&str>, message: impl Into<Msg>, help: impl Into<Msg>) -> Check {
        Check::new(Severity::Error, subject, message, help)
    }

    pub fn warning(subject: Option<&str>, message: impl Into<Msg>, help: impl Into<Msg>) -> Check {
        Check::new(Severity::Warning, subject, message, help)
    }

    pub fn note(subject: Option<&str>, message: impl Into<Msg>, help: impl Into<Msg>) -> Check {
        Check::new(Severity::Note, subject, message, help)
    }

    /// Say which part of the data the finding is about.
    pub fn in_part(mut self, part: Part) -> Check {
        self.part = Some(part);
        self
    }
}

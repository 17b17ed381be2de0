//! The settings block of unit.toml. Every rule that DOMAIN.md says varies between
//! provinces or vendors is a setting here, with the documented default.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::weights::WeightProfile;

/// What "expected by now" (序时进度) means (DOMAIN.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExpectedPath {
    /// Piecewise-linear from 0 at the start of the year through the H1 target at June
    /// to the full-year target at December. The default.
    #[default]
    Milestone,
    /// The unit's own monthly spending plan (plan.csv); indicators without a plan
    /// follow the milestone path.
    Plan,
    /// Plain m/12 of the full-year target.
    Linear,
}

/// Traffic-light thresholds, as percentages of the expected progress (DOMAIN.md §4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Lights {
    /// Below this: red.
    #[serde(with = "crate::dec_serde")]
    pub red_below: Decimal,
    /// From `red_below` up to this: yellow; from here on green.
    #[serde(with = "crate::dec_serde")]
    pub yellow_below: Decimal,
    /// From here on: blue (well ahead; check the target). Not applied to budget
    /// execution.
    #[serde(with = "crate::dec_serde")]
    pub blue_from: Decimal,
}

impl Default for Lights {
    fn default() -> Self {
        Lights {
            red_below: Decimal::from(60),
            yellow_below: Decimal::from(80),
            blue_from: Decimal::from(120),
        }
    }
}

/// Grade bands: lowest total for 优, 良 and 中; below the last, 差. In unit.toml either
/// a table (`excellent`, `good`, `fair`) or a named set: `grades = "80/70/60"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, try_from = "GradeBandsToml")]
pub struct GradeBands {
    #[serde(with = "crate::dec_serde")]
    pub excellent: Decimal,
    #[serde(with = "crate::dec_serde")]
    pub good: Decimal,
    #[serde(with = "crate::dec_serde")]
    pub fair: Decimal,
}

/// What unit.toml may hold for the grade bands.
#[derive(Deserialize)]
#[serde(untagged, deny_unknown_fields)]
enum GradeBandsToml {
    Named(String),
    Table {
        #[serde(default = "default_excellent", with = "crate::dec_serde")]
        excellent: Decimal,
        #[serde(default = "default_good", with = "crate::dec_serde")]
        good: Decimal,
        #[serde(default = "default_fair", with = "crate::dec_serde")]
        fair: Decimal,
    },
}

fn default_excellent() -> Decimal {
    GradeBands::default().excellent
}

fn default_good() -> Decimal {
    GradeBands::default().good
}

fn default_fair() -> Decimal {
    GradeBands::default().fair
}

impl TryFrom<GradeBandsToml> for GradeBands {
    type Error = String;
    fn try_from(t: GradeBandsToml) -> Result<Self, Self::Error> {
        match t {
            GradeBandsToml::Named(n) => GradeBands::named(n.trim()).ok_or_else(|| {
                format!("`{n}` is not a named set of grade bands; use \"90/80/60\" or \"80/70/60\", or a table with excellent, good and fair")
            }),
            GradeBandsToml::Table { excellent, good, fair } => Ok(GradeBands { excellent, good, fair }),
        }
    }
}

impl Default for GradeBands {
    fn default() -> Self {
        GradeBands::named("90/80/60").unwrap_or(GradeBands {
            excellent: Decimal::from(90),
            good: Decimal::from(80),
            fair: Decimal::from(60),
        })
    }
}

impl GradeBands {
    /// `90/80/60` (the default) or `80/70/60` (some provinces).
    pub fn named(name: &str) -> Option<GradeBands> {
        let (e, g, f) = match name {
            "90/80/60" => (90, 80, 60),
            "80/70/60" => (80, 70, 60),
            _ => return None,
        };
        Some(GradeBands {
            excellent: Decimal::from(e),
            good: Decimal::from(g),
            fair: Decimal::from(f),
        })
    }
}

/// How row scores are rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rounding {
    /// Two decimals (vendor practice). The default.
    #[default]
    Cents,
    /// A whole point per row (seen in 廊坊 2019).
    Whole,
}

/// The default rule for lower-is-better targets above their threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LowerIsBetter {
    /// `w × (1 − (a − t) ÷ t)`, zero at 2t. The default.
    #[default]
    LinearToZero,
    /// `w × t ÷ a`.
    Ratio,
    /// Full points within the target, none above.
    AllOrNothing,
}

/// The scoring profile (DOMAIN.md §3; default `mof-2020` after 财预〔2020〕10号).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Scoring {
    pub profile: String,
    pub grades: GradeBands,
    pub rounding: Rounding,
    pub lower_is_better: LowerIsBetter,
    /// Actual above this percentage of a higher-is-better target is flagged for review.
    #[serde(with = "crate::dec_serde")]
    pub over_achievement_review: Decimal,
    /// Weights used when targets.csv is first written.
    pub weights: WeightProfile,
}

impl Default for Scoring {
    fn default() -> Self {
        Scoring {
            profile: "mof-2020".into(),
            grades: GradeBands::default(),
            rounding: Rounding::default(),
            lower_is_better: LowerIsBetter::default(),
            over_achievement_review: Decimal::from(120),
            weights: WeightProfile::default(),
        }
    }
}

/// The `[settings]` block of unit.toml.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub expected: ExpectedPath,
    /// How far (as a fraction, 0.01 = one percentage point) the half-year plan ratio
    /// may be from the 预算执行率 half-year target before `check` notes it.
    #[serde(with = "crate::dec_serde")]
    pub h1_plan_tolerance: Decimal,
    pub lights: Lights,
    pub scoring: Scoring,
    /// `[settings.words]`: qualitative actual words and their tier beyond the defaults
    /// (`"尚可" = "部分达成"`; tiers 达成/achieved, 部分达成/partly, 未达成/not).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub words: std::collections::BTreeMap<String, String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            expected: ExpectedPath::default(),
            h1_plan_tolerance: Decimal::new(1, 2),
            lights: Lights::default(),
            scoring: Scoring::default(),
            words: std::collections::BTreeMap::new(),
        }
    }
}

impl Settings {
    /// The qualitative words of the unit: the defaults with `[settings.words]` added.
    /// Words with an unknown tier are left out ([`Settings::check`] reports them).
    pub fn vocabulary(&self) -> crate::target::Vocabulary {
        let mut v = crate::target::Vocabulary::default();
        for (w, t) in &self.words {
            if let Ok(with) = v.clone().with_entries(&format!("{w}={t}")) {
                v = with;
            }
        }
        v
    }

    /// Settings that cannot work: thresholds out of order, a negative tolerance,
    /// grade bands out of order.
    pub fn check(&self) -> Vec<crate::check::Check> {
        use crate::check::{Check, Part};
        let mut out = Vec::new();
        let l = &self.lights;
        if !(l.red_below <= l.yellow_below && l.yellow_below <= l.blue_from) {
            out.push(
                Check::error(
                    None,
                    format!(
                    "settings.lights are out of order: red_below {}, yellow_below {}, blue_from {}",
                    l.red_below, l.yellow_below, l.blue_from
                ),
                    "use red_below ≤ yellow_below ≤ blue_from, e.g. 60, 80, 120",
                )
                .in_part(Part::Settings),
            );
        }
        if self.h1_plan_tolerance < Decimal::ZERO {
            out.push(
                Check::error(
                    None,
                    format!(
                        "settings.h1_plan_tolerance is negative: {}",
                        self.h1_plan_tolerance
                    ),
                    "use a fraction such as 0.01 (one percentage point)",
                )
                .in_part(Part::Settings),
            );
        }
        let g = &self.scoring.grades;
        if !(g.fair <= g.good && g.good <= g.excellent && g.excellent <= Decimal::ONE_HUNDRED) {
            out.push(
                Check::error(
                    None,
                    format!(
                        "settings.scoring.grades are out of order: excellent {}, good {}, fair {}",
                        g.excellent, g.good, g.fair
                    ),
                    "use fair ≤ good ≤ excellent ≤ 100, e.g. 60, 80, 90 (or 60, 70, 80)",
                )
                .in_part(Part::Settings),
            );
        }
        if self.scoring.over_achievement_review < Decimal::ONE_HUNDRED {
            out.push(Check::error(
                None,
                format!(
                    "settings.scoring.over_achievement_review is {}: below 100 it would flag targets that are merely met",
                    self.scoring.over_achievement_review
                ),
                "use a percentage of the target above 100, e.g. 120",
            ).in_part(Part::Settings));
        }
        for (w, t) in &self.words {
            if let Err(e) = crate::target::Vocabulary::default().with_entries(&format!("{w}={t}")) {
                out.push(
                    Check::error(
                        None,
                        format!("settings.words: {e}"),
                        "write e.g. \"尚可\" = \"部分达成\"",
                    )
                    .in_part(Part::Settings),
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct T {
        grades: GradeBands,
    }

    #[test]
    fn grade_bands_by_name_or_table() {
        let t: T = toml_like("80/70/60");
        assert_eq!(t.grades, GradeBands::named("80/70/60").unwrap());
        assert!(serde_json::from_str::<T>(r#"{"grades": "70/60/50"}"#).is_err());
        assert!(serde_json::from_str::<T>(r#"{"grades": {"exellent": "85"}}"#).is_err());
        let t: T =
            serde_json::from_str(r#"{"grades": {"excellent": "85", "good": "75", "fair": 60}}"#)
                .unwrap();
        assert_eq!(
            (t.grades.excellent, t.grades.good, t.grades.fair),
            (Decimal::from(85), Decimal::from(75), Decimal::from(60))
        );
    }

    #[test]
    fn words_with_their_tier() {
        let mut s = Settings::default();
        s.words.insert("尚可".into(), "部分达成".into());
        assert_eq!(
            crate::value::Tier::classify_with("尚可", "好", &s.vocabulary()),
            Some(crate::value::Tier::Partly)
        );
        assert!(s.check().is_empty());
        s.words.insert("还行".into(), "maybe".into());
        assert_eq!(s.check().len(), 1);
    }

    fn toml_like(name: &str) -> T {
        serde_json::from_str(&format!(r#"{{"grades": "{name}"}}"#)).unwrap()
    }
}

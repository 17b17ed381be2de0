//! The settings block of unit.toml. Every rule that DOMAIN.md says varies between
//! provinces or vendors is a setting here, with the documented default.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::value::Tier;
use crate::weights::WeightProfile;

/// Which path the expected progress used for lights follows (DOMAIN.md §4). Each has
/// its own name in reports ([`ExpectedPath::zh`]); 序时进度 is time elapsed, m ÷ 12,
/// and is shown beside whichever path is used.
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

impl ExpectedPath {
    /// The path's name as finance departments use it: 目标进度 (the milestone path),
    /// 计划进度 (the unit's plan), 序时进度 (time elapsed, m ÷ 12).
    pub fn zh(self) -> &'static str {
        match self {
            ExpectedPath::Milestone => "目标进度",
            ExpectedPath::Plan => "计划进度",
            ExpectedPath::Linear => "序时进度",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            ExpectedPath::Milestone => "milestone path",
            ExpectedPath::Plan => "planned progress",
            ExpectedPath::Linear => "time elapsed",
        }
    }
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

/// The bands of the three qualitative tiers, as percentages of the weight (DOMAIN.md
/// §3). The bands are half-open: 达成 [`achieved_from`, 100], 部分达成 [`partly_from`,
/// `achieved_from`), 未达成 [0, `partly_from`) (Longtu's `selfqualscorecheck`; the
/// default 80/60, a Hubei template 80/50). The default score of a tier lies inside its
/// own band: 达成 the full weight; 部分达成 and 未达成 `partly_score` and `not_score`,
/// by default the midpoint of their band (70 and 30 under 80/60).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Tiers {
    #[serde(with = "crate::dec_serde")]
    pub achieved_from: Decimal,
    #[serde(with = "crate::dec_serde")]
    pub partly_from: Decimal,
    /// The default 部分达成 score, % of the weight; `None`: the band's midpoint.
    #[serde(
        with = "crate::dec_serde::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub partly_score: Option<Decimal>,
    /// The default 未达成 score, % of the weight; `None`: the band's midpoint.
    #[serde(
        with = "crate::dec_serde::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub not_score: Option<Decimal>,
}

impl Default for Tiers {
    fn default() -> Self {
        Tiers {
            achieved_from: Decimal::from(80),
            partly_from: Decimal::from(60),
            partly_score: None,
            not_score: None,
        }
    }
}

impl Tiers {
    /// The band of `tier` as fractions of the weight: (low, high, high included).
    /// Only 达成's top (the full weight) is included.
    pub fn band(&self, tier: Tier) -> (Decimal, Decimal, bool) {
        let h = Decimal::ONE_HUNDRED;
        match tier {
            Tier::Achieved => (self.achieved_from / h, Decimal::ONE, true),
            Tier::Partly => (self.partly_from / h, self.achieved_from / h, false),
            Tier::NotAchieved => (Decimal::ZERO, self.partly_from / h, false),
        }
    }

    /// Whether `fraction` (of the weight) lies in `tier`'s band.
    pub fn contains(&self, tier: Tier, fraction: Decimal) -> bool {
        let (lo, hi, closed) = self.band(tier);
        fraction >= lo && (fraction < hi || (closed && fraction == hi))
    }

    /// The default score of `tier` as a fraction of the weight: 达成 1; 部分达成 and
    /// 未达成 the setting, else their band's midpoint.
    pub fn default_fraction(&self, tier: Tier) -> Decimal {
        let (lo, hi, _) = self.band(tier);
        let set = match tier {
            Tier::Achieved => return Decimal::ONE,
            Tier::Partly => self.partly_score,
            Tier::NotAchieved => self.not_score,
        };
        set.map_or((lo + hi) / Decimal::TWO, |p| p / Decimal::ONE_HUNDRED)
    }
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
    /// The qualitative tiers' bands and default scores.
    pub tiers: Tiers,
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
            tiers: Tiers::default(),
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
    /// A budget line whose spending in the year exceeds this many times its full-year
    /// budget is an error (a figure in 元 written in the 万元 column); any spending
    /// above the budget is a warning and never a green light.
    #[serde(with = "crate::dec_serde")]
    pub far_over_budget: Decimal,
    /// How far (a fraction: 0.005 = half a percentage point) a reported rate may be
    /// from the same rate derived from spending, budget and plan (结转结余率,
    /// 预算执行率, 支付进度符合率) before `check` warns.
    #[serde(with = "crate::dec_serde")]
    pub cross_check_tolerance: Decimal,
    /// The mid-year monitoring form shows 分值 and a 参考得分 (labelled 参考, never a
    /// 等级). Off by default: no monitoring template scores (DOMAIN.md §2).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub reference_score: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            expected: ExpectedPath::default(),
            h1_plan_tolerance: Decimal::new(1, 2),
            lights: Lights::default(),
            scoring: Scoring::default(),
            words: std::collections::BTreeMap::new(),
            far_over_budget: Decimal::from(3),
            cross_check_tolerance: Decimal::new(5, 3),
            reference_score: false,
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
        use crate::msg::settings as msg;
        let mut out = Vec::new();
        let l = &self.lights;
        if !(l.red_below <= l.yellow_below && l.yellow_below <= l.blue_from) {
            out.push(
                Check::error(
                    None,
                    msg::lights_order(l.red_below, l.yellow_below, l.blue_from),
                    msg::lights_order_help(),
                )
                .in_part(Part::Settings),
            );
        }
        if crate::value::below_zero(self.h1_plan_tolerance) {
            out.push(
                Check::error(
                    None,
                    msg::h1_plan_tolerance(self.h1_plan_tolerance),
                    msg::h1_plan_tolerance_help(),
                )
                .in_part(Part::Settings),
            );
        }
        let g = &self.scoring.grades;
        if !(g.fair <= g.good && g.good <= g.excellent && g.excellent <= Decimal::ONE_HUNDRED) {
            out.push(
                Check::error(
                    None,
                    msg::grades_order(g.excellent, g.good, g.fair),
                    msg::grades_order_help(),
                )
                .in_part(Part::Settings),
            );
        }
        let t = &self.scoring.tiers;
        let bad_score =
            |s: Option<Decimal>, lo: Decimal, hi: Decimal| s.is_some_and(|s| s < lo || s >= hi);
        if !(Decimal::ZERO < t.partly_from
            && t.partly_from < t.achieved_from
            && t.achieved_from < Decimal::ONE_HUNDRED)
            || bad_score(t.partly_score, t.partly_from, t.achieved_from)
            || bad_score(t.not_score, Decimal::ZERO, t.partly_from)
        {
            out.push(
                Check::error(
                    None,
                    msg::tiers(
                        t.achieved_from,
                        t.partly_from,
                        t.partly_score.map_or(
                            crate::msg::Arg::from(msg::midpoint()),
                            crate::msg::Arg::from,
                        ),
                        t.not_score.map_or(
                            crate::msg::Arg::from(msg::midpoint()),
                            crate::msg::Arg::from,
                        ),
                    ),
                    msg::tiers_help(),
                )
                .in_part(Part::Settings),
            );
        }
        if self.far_over_budget <= Decimal::ONE {
            out.push(
                Check::error(
                    None,
                    msg::far_over_budget(self.far_over_budget),
                    msg::far_over_budget_help(),
                )
                .in_part(Part::Settings),
            );
        }
        if crate::value::below_zero(self.cross_check_tolerance) {
            out.push(
                Check::error(
                    None,
                    msg::cross_check_tolerance(self.cross_check_tolerance),
                    msg::cross_check_tolerance_help(),
                )
                .in_part(Part::Settings),
            );
        }
        out.extend(self.range_checks());
        if self.scoring.over_achievement_review < Decimal::ONE_HUNDRED {
            out.push(
                Check::error(
                    None,
                    msg::over_achievement_review(self.scoring.over_achievement_review),
                    msg::over_achievement_review_help(),
                )
                .in_part(Part::Settings),
            );
        }
        for (w, t) in &self.words {
            if let Err(e) = crate::target::Vocabulary::default().with_entries(&format!("{w}={t}")) {
                out.push(
                    Check::error(None, msg::words(e), msg::words_help()).in_part(Part::Settings),
                );
            }
        }
        out
    }
}

impl Settings {
    /// Settings that are negative where only zero or more makes sense: light
    /// thresholds, grade bands, block points of the weight profile.
    fn range_checks(&self) -> Vec<crate::check::Check> {
        use crate::check::{Check, Part};
        use crate::msg::settings as msg;
        let l = &self.lights;
        let w = &self.scoring.weights;
        let g = &self.scoring.grades;
        // What each help says, by kind (a message is built only for a negative value).
        enum Help {
            Percent(u32),
            Score(u32),
            Points(u32),
        }
        let help = |h: Help| match h {
            Help::Percent(x) => msg::negative_percent_help(x),
            Help::Score(x) => msg::negative_score_help(x),
            Help::Points(x) => msg::negative_points_help(x),
        };
        let mut out = Vec::new();
        let mut check = |name: &dyn Fn() -> String, v: Decimal, h: Help| {
            if crate::value::below_zero(v) {
                out.push(
                    Check::error(None, msg::negative(name(), v), help(h)).in_part(Part::Settings),
                );
            }
        };
        let named: [(&str, Decimal, Help); 6] = [
            ("settings.lights.red_below", l.red_below, Help::Percent(60)),
            (
                "settings.lights.yellow_below",
                l.yellow_below,
                Help::Percent(80),
            ),
            ("settings.lights.blue_from", l.blue_from, Help::Percent(120)),
            ("settings.scoring.grades.fair", g.fair, Help::Score(60)),
            (
                "settings.scoring.weights.execution",
                w.execution,
                Help::Points(10),
            ),
            (
                "settings.scoring.weights.other_block",
                w.other_block,
                Help::Points(10),
            ),
        ];
        for (name, v, h) in named {
            check(&|| name.to_string(), v, h);
        }
        for b in &w.blocks {
            check(
                &|| format!("settings.scoring.weights.blocks ({}) points", b.block),
                b.points,
                Help::Points(20),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_settings_are_refused_by_name() {
        let mut s = Settings::default();
        assert!(s.check().is_empty());
        s.lights.red_below = Decimal::from(-10);
        s.scoring.weights.blocks[0].points = Decimal::from(-10);
        let msgs: Vec<String> = s.check().into_iter().map(|c| c.message.en()).collect();
        assert!(
            msgs.contains(&"settings.lights.red_below is negative: -10".to_string()),
            "{msgs:?}"
        );
        assert!(
            msgs.contains(&format!(
                "settings.scoring.weights.blocks ({}) points is negative: -10",
                s.scoring.weights.blocks[0].block
            )),
            "{msgs:?}"
        );
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        // Each with the help of its kind, in the order the settings are listed.
        s.scoring.grades.fair = Decimal::from(-1);
        let helps: Vec<String> = s.check().into_iter().map(|c| c.help.en()).collect();
        assert_eq!(
            helps,
            [
                "use zero or more: a percentage of the expected progress, e.g. 60",
                "use zero or more: a score out of 100, e.g. 60",
                "use zero or more: points out of 100, e.g. 20",
            ],
        );
    }

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

    #[test]
    fn tier_bands_are_half_open_and_checked() {
        use rust_decimal_macros::dec;
        let t = Tiers::default();
        // 80/60: 0.8 is 达成, 0.7999 部分达成, 0.6 部分达成, 0.5999 未达成, 1 达成.
        assert!(t.contains(Tier::Achieved, dec!(0.8)) && t.contains(Tier::Achieved, dec!(1)));
        assert!(!t.contains(Tier::Partly, dec!(0.8)) && t.contains(Tier::Partly, dec!(0.7999)));
        assert!(t.contains(Tier::Partly, dec!(0.6)) && !t.contains(Tier::NotAchieved, dec!(0.6)));
        assert_eq!(
            [Tier::Achieved, Tier::Partly, Tier::NotAchieved].map(|x| t.default_fraction(x)),
            [dec!(1), dec!(0.7), dec!(0.3)]
        );
        let ok = Settings::default();
        assert!(ok.check().is_empty());
        let mut bad = Settings::default();
        bad.scoring.tiers.partly_score = Some(dec!(80));
        assert!(bad.check()[0]
            .message
            .en()
            .contains("settings.scoring.tiers"));
        let mut bad = Settings::default();
        bad.scoring.tiers.partly_from = dec!(85);
        assert_eq!(bad.check().len(), 1);
        let bad = Settings {
            far_over_budget: dec!(1),
            ..Default::default()
        };
        assert!(bad.check()[0].message.en().contains("far_over_budget"));
    }

    fn toml_like(name: &str) -> T {
        serde_json::from_str(&format!(r#"{{"grades": "{name}"}}"#)).unwrap()
    }
}

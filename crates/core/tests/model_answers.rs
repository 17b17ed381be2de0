//! Known answers for core's model modules that cargo-mutants found untested from
//! within core (period, value, weights, indicator, lookup, model, actuals, portfolio,
//! dec_serde, the message catalogue): each test fixes the exact value a rule gives, so that a changed
//! comparison, a dropped branch or a constant answer fails here (see
//! crates/core/MUTANTS.md).

use attain_core::actuals::{Actuals, Entry, FileId, Item, Origin};
use attain_core::period::MonthParseError;
use attain_core::{
    Decimal, Indicator, IndicatorId, Level1, Measure, Model, Month, Part, Severity, Target, Value,
};
use rust_decimal_macros::dec;

fn m(n: u8) -> Month {
    Month::new(2026, n).unwrap()
}

#[test]
fn a_bad_month_says_how_to_write_one() {
    let e = "2026-13".parse::<Month>().unwrap_err();
    assert_eq!(
        e,
        MonthParseError {
            text: "2026-13".into()
        }
    );
    assert_eq!(
        e.to_string(),
        "`2026-13` is not a month; write it as 2026-06, 2026/6 or 2026年6月"
    );
}

#[test]
fn a_month_is_four_digits_then_one_or_two() {
    for s in [
        "2026-006",
        "2026-+6",
        "2026-",
        "2026年月",
        "+026-06",
        "2026-6x",
    ] {
        assert_eq!(
            s.parse::<Month>(),
            Err(MonthParseError { text: s.into() }),
            "{s}"
        );
    }
    assert_eq!("2026-06".parse::<Month>(), Ok(m(6)));
    assert_eq!("2026-6".parse::<Month>(), Ok(m(6)));
    let all: Vec<String> = Month::all_of(2027).map(|m| m.to_string()).collect();
    assert_eq!(all.len(), 12);
    assert_eq!((all[0].as_str(), all[11].as_str()), ("2027-01", "2027-12"));
    assert!(m(6).h1_closed() && !m(5).h1_closed());
    assert!(m(12).is_year_end() && !m(11).is_year_end());
    assert_eq!((m(1).remaining(), m(12).remaining()), (11, 0));
}

#[test]
fn leap_years_follow_the_gregorian_rule() {
    assert_eq!(
        Month::of_date("2000-02-29"),
        Ok(Month::new(2000, 2).unwrap())
    );
    assert!(Month::of_date("2100-02-29").is_err());
    assert!(Month::of_date("2028-02-30").is_err());
    assert_eq!(Month::of_date("2026-01-31"), Ok(m(1)));
    assert_eq!(Month::of_date("2026-04-30"), Ok(m(4)));
    assert!(Month::of_date("2026-04-31").is_err());
    // A day is one or two digits.
    for d in ["2026-06-015", "2026-06-+1", "2026-06-1x"] {
        assert_eq!(
            Month::of_date(d),
            Err(MonthParseError { text: d.into() }),
            "{d}"
        );
    }
}

#[test]
fn periods_by_code_and_name() {
    use attain_core::Period;
    assert_eq!((Period::H1.code(), Period::FullYear.code()), ("H1", "FY"));
    assert_eq!(
        (Period::H1.to_string(), Period::FullYear.to_string()),
        ("H1".to_string(), "FY".to_string())
    );
    assert_eq!(
        (Period::H1.label().zh(), Period::FullYear.label().zh()),
        ("半年".to_string(), "全年".to_string())
    );
    for (s, p) in [
        ("h1", Period::H1),
        ("上半年", Period::H1),
        (" 年度 ", Period::FullYear),
        ("fy", Period::FullYear),
    ] {
        assert_eq!(s.parse::<Period>(), Ok(p), "{s}");
    }
    assert_eq!(
        "Q3".parse::<Period>().unwrap_err().en(),
        "`Q3` is not a period; write H1 (半年) or FY (全年)"
    );
    assert_eq!(Period::H1.closing_month(2026), m(6));
    assert_eq!(Period::FullYear.closing_month(2026), m(12));
}

#[test]
fn grade_words_classify_into_tiers() {
    use attain_core::target::Vocabulary;
    use attain_core::Tier;
    let c = |w: &str, t: &str| Tier::classify(w, t);
    for w in ["达成", "已达成", "完成", "已完成", "是", "达到", " 健全 "] {
        assert_eq!(c(w, "健全"), Some(Tier::Achieved), "{w}");
    }
    for w in [
        "部分达成",
        "基本达成",
        "部分完成",
        "基本完成",
        "基本达到",
        "基本健全",
        "较健全",
    ] {
        assert_eq!(c(w, "健全"), Some(Tier::Partly), "{w}");
    }
    for w in [
        "未达成",
        "未完成",
        "否",
        "未达到",
        "不健全",
        "未健全",
        "不够健全",
    ] {
        assert_eq!(c(w, "健全"), Some(Tier::NotAchieved), "{w}");
    }
    // Other words by the vocabulary, with or without a target word.
    assert_eq!(c("优良", "健全"), Some(Tier::Achieved));
    assert_eq!(c("优良", ""), Some(Tier::Achieved));
    assert_eq!(c("较差", " "), Some(Tier::NotAchieved));
    assert_eq!(c("健全", ""), None);
    assert_eq!(c("良好", "规范"), None);
    let own = Vocabulary::default().with_entries("尚可=partly").unwrap();
    assert_eq!(
        Tier::classify_with("尚可", "健全", &own),
        Some(Tier::Partly)
    );
    assert_eq!(Tier::classify_with("尚可", "", &own), Some(Tier::Partly));
    assert_eq!(
        Tier::accepted_words("规范"),
        ["规范", "基本规范", "不规范", "达成", "部分达成", "未达成"]
    );
}

#[test]
fn tiers_and_values_name_themselves() {
    use attain_core::{Tier, Value};
    assert_eq!(
        [Tier::Achieved, Tier::Partly, Tier::NotAchieved].map(Tier::en),
        ["achieved", "partly achieved", "not achieved"]
    );
    assert_eq!(
        [Tier::Achieved, Tier::Partly, Tier::NotAchieved].map(|t| t.to_string()),
        ["达成", "部分达成", "未达成"]
    );
    assert!(Tier::NotAchieved < Tier::Partly && Tier::Partly < Tier::Achieved);
    let n = Value::Number(dec!(0.98));
    assert_eq!((n.number(), n.tier()), (Some(dec!(0.98)), None));
    let g = Value::Grade {
        word: "基本健全".into(),
        tier: Tier::Partly,
    };
    assert_eq!((g.number(), g.tier()), (None, Some(Tier::Partly)));
}

fn ind(id: &str, block: &str, name: &str, fy: &str, measure: Measure) -> Indicator {
    let fy = Target::parse(fy).unwrap().target;
    Indicator {
        id: IndicatorId(id.into()),
        level1: Level1::from_label(block).unwrap(),
        level2: String::new(),
        key_work: None,
        name: name.into(),
        h1: Target::NotApplicable,
        fy,
        weight: Decimal::ZERO,
        measure,
        rule: None,
    }
}

fn exec() -> Measure {
    Measure::Execution { line: None }
}

#[test]
fn rescaling_gives_the_largest_remainders_the_extra_cents() {
    use attain_core::weights::{rescale, split};
    // 1 : 2 of 1.00 is 0.333… : 0.666…: the cent left goes to the larger remainder.
    assert_eq!(
        rescale(&[dec!(1), dec!(2)], dec!(1)),
        [dec!(0.33), dec!(0.67)]
    );
    assert_eq!(
        rescale(&[dec!(2), dec!(1)], dec!(1)),
        [dec!(0.67), dec!(0.33)]
    );
    // Equal remainders: earlier parts first.
    assert_eq!(
        rescale(&[dec!(1), dec!(1), dec!(1)], dec!(100)),
        [dec!(33.34), dec!(33.33), dec!(33.33)]
    );
    // Nothing to scale: as given.
    assert_eq!(rescale(&[dec!(0), dec!(0)], dec!(100)), [dec!(0), dec!(0)]);
    // Already exact: unchanged, in cents.
    assert_eq!(
        rescale(&[dec!(40), dec!(60)], dec!(100)),
        [dec!(40.00), dec!(60.00)]
    );
    assert_eq!(
        split(dec!(0.05), 3, dec!(0.01)),
        [dec!(0.02), dec!(0.02), dec!(0.01)]
    );
    assert_eq!(split(dec!(1), 1, dec!(0.01)), [dec!(1.00)]);
}

#[test]
fn default_weights_follow_the_profile_block_by_block() {
    use attain_core::weights::{default_weights, WeightProfile};
    let dept = WeightProfile::department();
    // 决策 10 over three, 过程 20 of which 预算执行率 10, 产出 40, 效益 20, 满意度 10.
    let inds = [
        ind("DEC-01", "决策", "a", "健全", Measure::Grade),
        ind("PRO-01", "过程", "预算执行率", "=100%", exec()),
        ind("DEC-02", "决策", "b", "健全", Measure::Grade),
        ind("PRO-02", "过程", "c", "健全", Measure::Grade),
        ind("PRO-03", "过程", "d", "健全", Measure::Grade),
        ind("DEC-03", "决策", "e", "健全", Measure::Grade),
        ind("OUT-01", "产出", "f", "≥3个", Measure::Sum),
        ind("BEN-01", "效益", "g", "健全", Measure::Grade),
        ind("SAT-01", "满意度", "h", "≥90%", Measure::Latest),
    ];
    assert_eq!(
        default_weights(&inds, &dept),
        [
            dec!(3.34),
            dec!(10.00),
            dec!(3.33),
            dec!(5.00),
            dec!(5.00),
            dec!(3.33),
            dec!(40.00),
            dec!(20.00),
            dec!(10.00)
        ]
    );
    // Two blocks of 10 and 40 rescaled to 100; 预算执行率 alone in its block takes all
    // of it; an unknown block gets the profile's 10 before rescaling.
    let inds = [
        ind("DEC-01", "决策", "a", "健全", Measure::Grade),
        ind("OUT-01", "产出", "b", "≥3个", Measure::Sum),
        ind("OUT-02", "产出", "c", "≥3个", Measure::Sum),
    ];
    assert_eq!(
        default_weights(&inds, &dept),
        [dec!(20.00), dec!(40.00), dec!(40.00)]
    );
    let inds = [
        ind("PRO-01", "过程", "预算执行率", "=100%", exec()),
        ind("IND-01", "其他", "b", "≥3个", Measure::Sum),
    ];
    assert_eq!(default_weights(&inds, &dept), [dec!(66.67), dec!(33.33)]);
    // A block with fewer points than 预算执行率's: execution takes them all, the
    // others get none; a per-line execution is an ordinary row.
    let small = WeightProfile {
        blocks: vec![
            attain_core::weights::BlockWeight {
                block: "过程".into(),
                points: dec!(8),
            },
            attain_core::weights::BlockWeight {
                block: "产出".into(),
                points: dec!(92),
            },
        ],
        execution: dec!(10),
        other_block: dec!(10),
    };
    let inds = [
        ind("PRO-01", "过程", "预算执行率", "=100%", exec()),
        ind(
            "PRO-02",
            "过程",
            "项目支出预算执行率",
            "=100%",
            Measure::Execution {
                line: Some("项目支出".into()),
            },
        ),
        ind("OUT-01", "产出", "b", "≥3个", Measure::Sum),
    ];
    assert_eq!(
        default_weights(&inds, &small),
        [dec!(8.00), dec!(0.00), dec!(92.00)]
    );
    assert_eq!(WeightProfile::default(), dept);
    assert!(default_weights(&[], &dept).is_empty());
}

#[test]
fn a_project_table_gets_the_project_profile() {
    use attain_core::weights::{default_weights, WeightProfile};
    let project = WeightProfile::project();
    assert_eq!(
        project
            .blocks
            .iter()
            .map(|b| (b.block.as_str(), b.points))
            .collect::<Vec<_>>(),
        [
            ("产出", dec!(50)),
            ("效益", dec!(30)),
            ("满意度", dec!(10)),
            ("过程", dec!(10))
        ]
    );
    let blocks = [Level1::Output, Level1::Benefit, Level1::Satisfaction];
    assert_eq!(WeightProfile::for_blocks(&blocks), project);
    let inds = [
        ind("OUT-01", "产出", "a", "≥3个", Measure::Sum),
        ind("OUT-02", "产出", "b", "≥3个", Measure::Sum),
        ind("BEN-01", "效益", "c", "健全", Measure::Grade),
        ind("SAT-01", "满意度", "d", "≥90%", Measure::Latest),
    ];
    // 50 + 30 + 10 of 90, rescaled to 100.
    assert_eq!(
        default_weights(&inds, &project),
        [dec!(27.78), dec!(27.78), dec!(33.33), dec!(11.11)]
    );
}

#[test]
fn blocks_by_their_labels() {
    let all = Level1::KNOWN;
    assert_eq!(
        all.clone().map(|l| l.name().to_string()),
        ["决策", "过程", "履职", "产出", "效益", "满意度"]
    );
    assert_eq!(
        all.clone().map(|l| l.english().to_string()),
        [
            "Decision-making",
            "Process",
            "Duties",
            "Outputs",
            "Benefits",
            "Satisfaction"
        ]
    );
    assert_eq!(
        all.clone().map(|l| l.id_prefix()),
        ["DEC", "PRO", "DUT", "OUT", "BEN", "SAT"]
    );
    let other = Level1::Other("社会效益".into());
    assert_eq!(
        (other.name(), other.english(), other.id_prefix()),
        ("社会效益", "社会效益", "IND")
    );
    assert_eq!(Level1::Duty.to_string(), "履职");
    let l = |s: &str| Level1::from_label(s);
    assert_eq!(l("服务对象满意度指标"), Some(Level1::Satisfaction));
    assert_eq!(l("【效益指标】"), Some(Level1::Benefit));
    assert_eq!(l(" 履职（40分） "), Some(Level1::Duty));
    // A parenthesis that holds no points, or is not at the end, stays.
    assert_eq!(l("产出(数量)"), Some(Level1::Other("产出(数量)".into())));
    assert_eq!(
        l("产出(50分)说明"),
        Some(Level1::Other("产出(50分)说明".into()))
    );
    assert_eq!(l("产出)50分("), Some(Level1::Other("产出)50分(".into())));
    assert_eq!(l("(50分)"), None);
    assert!(Level1::is_known_label("效益指标"));
    assert!(!Level1::is_known_label("社会效益"));
    assert!(!Level1::is_known_label(""));
}

#[test]
fn measures_by_target_and_by_name() {
    let t = |s: &str| Target::parse(s).unwrap().target;
    assert_eq!(Measure::infer("资金配比", &t("≥1:1.2")), Measure::Latest);
    assert_eq!(
        Measure::infer("完成时间", &t("2026年12月")),
        Measure::Latest
    );
    assert_eq!(Measure::infer("x", &t("/")), Measure::Latest);
    assert_eq!(
        Measure::infer("项目预算执行率", &t("≥90%")),
        Measure::Execution { line: None }
    );
    let p = |s: &str| s.parse::<Measure>();
    assert_eq!(p("执行率"), Ok(Measure::Execution { line: None }));
    assert_eq!(
        p(" 执行率：项目支出 "),
        Ok(Measure::Execution {
            line: Some("项目支出".into())
        })
    );
    assert_eq!(p("累计"), Ok(Measure::Sum));
    assert_eq!(p("最新"), Ok(Measure::Latest));
    assert_eq!(p("定性"), Ok(Measure::Grade));
    assert_eq!(
        serde_json::to_string(&Measure::Execution {
            line: Some("项目支出".into())
        })
        .unwrap(),
        "\"execution:项目支出\""
    );
    assert!(p("execution:").is_err());
    assert!(p("sum:x").is_err());
    assert_eq!(
        [
            Measure::Execution {
                line: Some("a".into())
            },
            Measure::Sum,
            Measure::Latest,
            Measure::Grade
        ]
        .map(|m| m.kind()),
        ["execution", "sum", "latest", "grade"]
    );
}

#[test]
fn an_indicators_targets_and_unit() {
    use attain_core::Period;
    let t = |s: &str| Target::parse(s).unwrap().target;
    let mut i = Indicator {
        id: IndicatorId("OUT-01".into()),
        level1: Level1::Output,
        level2: "数量指标".into(),
        key_work: None,
        name: "培训人次".into(),
        h1: t("≥40人次"),
        fy: t("≥100人次"),
        weight: dec!(5),
        measure: Measure::Sum,
        rule: None,
    };
    assert_eq!(i.id.to_string(), "OUT-01");
    assert_eq!(i.target(Period::H1).to_string(), "≥40人次");
    assert_eq!(i.target(Period::FullYear).to_string(), "≥100人次");
    assert_eq!(i.unit().map(|u| u.as_str()), Some("人次"));
    assert!(!i.is_percent());
    i.fy = t("健全");
    assert_eq!(i.unit().map(|u| u.as_str()), Some("人次"));
    i.h1 = t("≥40%");
    assert!(i.is_percent());
    i.h1 = Target::NotApplicable;
    assert_eq!(i.unit(), None);
    assert!(!i.is_percent());
    i.measure = Measure::Execution { line: None };
    assert!(i.is_percent());
}

#[test]
fn name_indexes_answer_for_the_list_as_it_is_now() {
    use attain_core::lookup::{GroupIndex, NameIndex};
    let v = ["a", "b", "a", "c"];
    let key = |p: usize| v.get(p).copied();
    let ix = NameIndex::default();
    assert_eq!(ix.find("c", 4, key), Some(3));
    // Asked for a shorter list than the index was built from: only p < len.
    assert_eq!(ix.find("c", 3, key), None);
    assert_eq!(ix.find("b", 3, key), Some(1));
    let g = GroupIndex::default();
    assert_eq!(g.all("a", 4, key), [0, 2]);
    assert_eq!(g.all("a", 2, key), [0]);
    assert_eq!(g.all("c", 3, key), Vec::<usize>::new());
    // Entries without a key are never found.
    let w = [Some("x"), None, Some("x")];
    let wk = |p: usize| w.get(p).copied().flatten();
    assert_eq!(NameIndex::default().find("x", 3, wk), Some(0));
    assert_eq!(GroupIndex::default().all("x", 3, wk), [0, 2]);
    // A stale group (an entry renamed in place) is searched again; reset rebuilds.
    let mut u = ["p".to_string(), "p".to_string(), "q".to_string()];
    let mut g = GroupIndex::default();
    assert_eq!(g.all("p", 3, |p| u.get(p).map(String::as_str)), [0, 1]);
    u[1] = "q".into();
    assert_eq!(g.all("p", 3, |p| u.get(p).map(String::as_str)), [0]);
    // None of the indexed positions holds the key any more: none is given.
    u[0] = "r".into();
    assert!(g.all("p", 3, |p| u.get(p).map(String::as_str)).is_empty());
    g.reset();
    assert_eq!(g.all("q", 3, |p| u.get(p).map(String::as_str)), [1, 2]);
    // Caches never make two values unequal and print as their name.
    let built = NameIndex::default();
    built.find("a", 4, key);
    assert!(built == NameIndex::default());
    assert!(g == GroupIndex::default());
    assert_eq!(format!("{built:?} {g:?}"), "NameIndex GroupIndex");
}

fn unit_model(indicators: Vec<Indicator>) -> Model {
    use attain_core::{Budget, BudgetLine, Settings, UnitInfo};
    Model::new(
        UnitInfo {
            name: "测试单位".into(),
            year: 2026,
            ..UnitInfo::default()
        },
        Settings::default(),
        Budget {
            lines: vec![BudgetLine {
                name: "项目支出".into(),
                parent: None,
                h1_plan: dec!(90),
                budget: dec!(160),
            }],
            income_total: Some(dec!(160)),
            income: Vec::new(),
            lookup: Default::default(),
        },
        indicators,
    )
}

/// (severity, subject, message in English) of every check of a model.
fn model_checks(model: &Model) -> Vec<(Severity, Option<String>, String)> {
    model
        .check()
        .into_iter()
        .map(|c| (c.severity, c.subject, c.message.en()))
        .collect()
}

fn weighted(mut i: Indicator, h1: &str, weight: Decimal) -> Indicator {
    i.h1 = Target::parse(h1).unwrap().target;
    i.weight = weight;
    i
}

#[test]
fn a_models_checks_name_each_fault() {
    use Severity::*;
    let s = |x: &str| Some(x.to_string());
    let inds = vec![
        weighted(
            ind("PRO-01", "过程", "预算执行率", "=100%", exec()),
            "=46%",
            dec!(10),
        ),
        weighted(
            ind(
                "PRO-02",
                "过程",
                "项目执行率",
                "=-5%",
                Measure::Execution {
                    line: Some("C".into()),
                },
            ),
            "=120%",
            dec!(-1),
        ),
        weighted(
            ind("OUT-01", "产出", "培训人次", "≥100人次", Measure::Grade),
            "≥120人次",
            dec!(20),
        ),
        weighted(
            ind("OUT-01", "产出", "培训人次", "健全", Measure::Sum),
            "/",
            dec!(0),
        ),
    ];
    let model = unit_model(inds);
    assert_eq!(
        model_checks(&model),
        [
            // An `=` target other than 0 is higher-is-better: =120% is above =-5%.
            (Warning, s("PRO-02"), "indicator `项目执行率`: the half-year target =120% is above the full-year target =-5%".into()),
            (Error, s("PRO-02"), "indicator `项目执行率`: the half-year target =120% is not an execution rate (0 % to 100 % of the budget)".into()),
            (Error, s("PRO-02"), "indicator `项目执行率`: the full-year target =-5% is not an execution rate (0 % to 100 % of the budget)".into()),
            (Error, s("PRO-02"), "indicator `项目执行率` has a negative weight -1".into()),
            (Error, s("PRO-02"), "indicator `项目执行率` measures execution of budget line `C`, which budget.csv does not have".into()),
            (Warning, s("OUT-01"), "indicator `培训人次`: the half-year target ≥120人次 is above the full-year target ≥100人次".into()),
            (Error, s("OUT-01"), "indicator `培训人次` has measure `grade` but a quantitative target `≥100人次`".into()),
            (Error, s("OUT-01"), "indicator id `OUT-01` is used twice".into()),
            (Error, s("OUT-01"), "indicator name `培训人次` appears twice (under 产出/ and earlier); actuals could not tell them apart".into()),
            (Error, s("OUT-01"), "indicator `培训人次` has measure `sum` but a qualitative target `健全`".into()),
            (Error, None, "weights add up to 29, not 100".into()),
            (Note, s("PRO-01"), "the half-year plan is 56.25% of the budget (90 / 160 万元) but the 预算执行率 half-year target is =46%".into()),
        ]
    );
    assert_eq!(model.total_weight(), dec!(29));
    assert_eq!(
        model.indicator("OUT-01").map(|i| i.measure.kind()),
        Some("grade")
    );
    assert_eq!(
        model.indicator("项目执行率").map(|i| i.id.0.as_str()),
        Some("PRO-02")
    );
    assert_eq!(model.indicator("无"), None);
    assert_eq!(
        model.execution_indicator().map(|i| i.id.0.as_str()),
        Some("PRO-01")
    );
    assert_eq!(
        model.execution_indicator_of("C").map(|i| i.id.0.as_str()),
        Some("PRO-02")
    );
    assert_eq!(model.execution_indicator_of("项目支出"), None);
}

#[test]
fn a_models_checks_stop_at_their_edges() {
    use attain_core::settings::Rounding;
    // Rates of exactly 0 % and 100 %, the half-year plan within 0.01 of its target
    // (90 / 160 = 56.25 %), equal targets, a half-year target above a lower-is-better
    // one or in another unit, zero weights: nothing to say.
    let inds = vec![
        weighted(
            ind("PRO-01", "过程", "预算执行率", "=100%", exec()),
            "=55.25%",
            dec!(40),
        ),
        weighted(
            ind(
                "PRO-02",
                "过程",
                "x执行率",
                "=0%",
                Measure::Execution {
                    line: Some("项目支出".into()),
                },
            ),
            "=0%",
            dec!(0),
        ),
        weighted(
            ind("OUT-01", "产出", "a", "≥100人次", Measure::Sum),
            "≥100人次",
            dec!(30),
        ),
        weighted(
            ind("OUT-02", "产出", "b", "≤5次", Measure::Sum),
            "≤9次",
            dec!(30),
        ),
        weighted(
            ind("OUT-03", "产出", "c", "≥1个", Measure::Sum),
            "≥2次",
            dec!(0),
        ),
        weighted(
            ind("OUT-04", "产出", "d", "/", Measure::Grade),
            "/",
            dec!(0),
        ),
    ];
    let mut model = unit_model(inds);
    assert_eq!(model_checks(&model), []);
    // Just over the tolerance: a note.
    model.indicators[0].h1 = Target::parse("=55.24%").unwrap().target;
    assert_eq!(model_checks(&model).len(), 1);
    // A half-year target that is a word: no comparison with the plan.
    model.indicators[0].h1 = Target::parse("健全").unwrap().target;
    assert_eq!(model_checks(&model), []);
    // Whole-point rounding with fractional weights: one warning naming the first.
    model.settings.scoring.rounding = Rounding::Whole;
    assert_eq!(model_checks(&model), []);
    model.indicators[2].weight = dec!(29.5);
    model.indicators[3].weight = dec!(30.5);
    assert_eq!(
        model
            .check()
            .iter()
            .map(|c| (c.severity, c.part))
            .collect::<Vec<_>>(),
        [(Severity::Warning, Some(Part::Settings))]
    );
    assert!(model_checks(&model)[0]
        .2
        .contains("2 indicator(s) have weights that are not whole points (`a` …)"));
    // No income with budget lines: a warning; no indicators: an error, and no sum.
    let mut empty = unit_model(Vec::new());
    empty.budget.income_total = None;
    assert_eq!(
        empty
            .check()
            .iter()
            .map(|c| (c.severity, c.part, c.message.en()))
            .collect::<Vec<_>>(),
        [
            (
                Severity::Warning,
                Some(Part::Income),
                "there is no income ([income] in unit.toml): the budget balance is not checked"
                    .to_string()
            ),
            (
                Severity::Error,
                Some(Part::Indicators),
                "there are no indicators".to_string()
            ),
        ]
    );
    empty.budget.income = vec![attain_core::IncomeSource {
        name: "财政拨款".into(),
        amount: dec!(160),
        adjusted: None,
    }];
    assert_eq!(empty.check().len(), 1);
    empty.budget.income = Vec::new();
    empty.budget.lines.clear();
    assert_eq!(empty.check().len(), 1);
}

#[test]
fn renamed_indicators_are_found_after_a_reindex() {
    let mut model = unit_model(vec![ind("OUT-01", "产出", "a", "≥1个", Measure::Sum)]);
    assert!(model.indicator("a").is_some());
    model.indicators[0].name = "b".into();
    model.indicators[0].id = IndicatorId("OUT-09".into());
    assert!(model.indicator("a").is_none());
    model.reindex();
    assert_eq!(
        model.indicator("b").map(|i| i.id.0.as_str()),
        Some("OUT-09")
    );
    assert_eq!(
        model.indicator("OUT-09").map(|i| i.name.as_str()),
        Some("b")
    );
}

/// An entry of row `line` of file `f`.
fn entry(month: Month, item: &str, v: Decimal, note: &str, f: FileId, line: usize) -> Entry {
    Entry {
        month,
        item: Item::Line(item.into()),
        value: Value::Number(v),
        note: note.into(),
        source: Origin::at(f, line),
    }
}

#[test]
fn actuals_by_item_and_month() {
    let mut a = Actuals::with_capacity(4);
    assert!(a.is_empty());
    assert_eq!(a.last_month(), None);
    let f = a.file("a");
    let dec_2025 = Month::new(2025, 12).unwrap();
    a.insert(entry(dec_2025, "x", dec!(9), "", f, 1)).unwrap();
    a.insert(entry(m(2), "x", dec!(1), "", f, 2)).unwrap();
    a.insert(entry(m(5), "x", dec!(2), "", f, 3)).unwrap();
    a.insert(entry(m(3), "y", dec!(4), "", f, 4)).unwrap();
    assert!(!a.is_empty());
    assert_eq!(a.last_month(), Some(m(5)));
    let x = Item::Line("x".into());
    // January to as-of of as-of's year only.
    let s: Vec<String> = a.series(&x, m(4)).map(|e| a.source(&e.source)).collect();
    assert_eq!(s, ["a:2"]);
    let s: Vec<String> = a.series(&x, m(5)).map(|e| a.source(&e.source)).collect();
    assert_eq!(s, ["a:2", "a:3"]);
    assert_eq!(a.series(&Item::Line("z".into()), m(12)).count(), 0);
    assert_eq!(a.get(&x, m(3)), None);
    assert_eq!(
        a.get(&x, m(2)).map(|e| e.value.clone()),
        Some(Value::Number(dec!(1)))
    );
    assert_eq!(
        a.insert(entry(m(2), "x", dec!(7), "", f, 9)).unwrap_err(),
        "a:2"
    );
    // Payments add up; their notes are joined, empty ones left out.
    a.add(entry(m(5), "x", dec!(0.5), "", f, 5)).unwrap();
    a.add(entry(m(5), "x", dec!(0.25), "补录", f, 6)).unwrap();
    a.add(entry(m(5), "x", dec!(0.25), "退回", f, 7)).unwrap();
    let e = a.get(&x, m(5)).unwrap();
    assert_eq!(e.value, Value::Number(dec!(3.00)));
    assert_eq!(e.note, "补录；退回");
    assert_eq!(a.source(&e.source), "a:3, a:5, a:6, a:7");
    a.add(entry(m(6), "x", dec!(1), "首笔", f, 8)).unwrap();
    a.add(entry(m(6), "x", dec!(1), "", f, 9)).unwrap();
    assert_eq!(a.get(&x, m(6)).unwrap().note, "首笔");
    assert_eq!(a.entries().len(), 5);
}

#[test]
fn a_plan_adds_up_from_january() {
    use attain_core::actuals::MonthlyPlan;
    let mut p = MonthlyPlan::default();
    assert!(p.is_empty());
    for (line, month, v) in [
        ("A", Month::new(2025, 12).unwrap(), dec!(100)),
        ("A", m(1), dec!(1)),
        ("A", m(3), dec!(2)),
        ("A", m(7), dec!(4)),
        ("B", m(2), dec!(8)),
    ] {
        p.amounts.insert((line.into(), month), v);
    }
    assert!(!p.is_empty());
    assert!(p.has_line("A") && p.has_line("B"));
    assert!(!p.has_line("AB") && !p.has_line("") && !p.has_line("C"));
    assert_eq!(p.cumulative("A", m(2)), dec!(1));
    assert_eq!(p.cumulative("A", m(3)), dec!(3));
    assert_eq!(p.cumulative("A", m(12)), dec!(7));
    assert_eq!(p.cumulative("B", m(1)), dec!(0));
    assert_eq!(p.cumulative("C", m(12)), dec!(0));
}

fn line_entry(month: u8, item: Item, v: Decimal) -> Entry {
    Entry {
        month: m(month),
        item,
        value: Value::Number(v),
        note: String::new(),
        source: Default::default(),
    }
}

#[test]
fn a_units_summary_has_the_engines_figures() {
    use attain_core::portfolio::{summarize, summarize_in_full};
    use attain_core::progress::Light;
    let mut exec_ind = ind("PRO-01", "过程", "预算执行率", "=100%", exec());
    exec_ind.h1 = Target::parse("=46%").unwrap().target;
    exec_ind.weight = dec!(50);
    let mut count = ind("OUT-01", "产出", "培训人次", "≥100人次", Measure::Sum);
    count.weight = dec!(50);
    let model = unit_model(vec![exec_ind, count]);
    let mut a = Actuals::default();
    for (n, spent, trained) in [
        (1, dec!(10), dec!(5)),
        (2, dec!(20), dec!(5)),
        (3, dec!(30), dec!(0)),
    ] {
        a.insert(line_entry(n, Item::Line("项目支出".into()), spent))
            .unwrap();
        a.insert(line_entry(n, Item::Indicator("OUT-01".into()), trained))
            .unwrap();
    }
    for n in 1..=12 {
        let fast = summarize("u", &model, &a, None, m(n));
        assert_eq!(fast, summarize_in_full("u", &model, &a, None, m(n)), "{n}");
    }
    let s = summarize("u", &model, &a, None, m(3));
    assert_eq!((s.key.as_str(), s.name.as_str()), ("u", "测试单位"));
    assert_eq!((s.budget, s.indicators), (dec!(160), 2));
    assert_eq!(s.monthly_spent, [dec!(10), dec!(30), dec!(60)]);
    assert_eq!(s.now.spent, dec!(60));
    assert_eq!(s.now.rate, Some(dec!(0.375)));
    assert_eq!(s.now.gap, Some(dec!(0.375) - s.now.expected));
    assert_eq!(s.expected_path.len(), 12);
    assert_eq!(s.expected_path[2], s.now.expected);
    assert_eq!(s.expected_path[11], dec!(1));
    // The path reaches the 46 % half-year target by June in equal steps: 23 % by
    // March. Spending is ahead (green); 10 of 100 trained where 25 are due: red.
    assert_eq!((s.now.expected, s.now.gap), (dec!(0.23), Some(dec!(0.145))));
    assert_eq!(
        (s.now.execution_light, s.now.light, s.now.red, s.now.yellow),
        (Light::Green, Light::Red, 1, 0)
    );
    let prev = s.previous.as_ref().unwrap();
    assert_eq!((prev.spent, prev.rate), (dec!(30), Some(dec!(0.1875))));
    assert_eq!(prev.expected.round_dp(4), dec!(0.1533));
    assert_eq!((prev.light, prev.red, prev.yellow), (Light::Yellow, 0, 1));
    // In July 37.5 % against 55 % is yellow, in August against 64 % red.
    let july = summarize("u", &model, &a, None, m(7)).now;
    assert_eq!(
        (july.execution_light, july.red, july.yellow, july.expected),
        (Light::Yellow, 1, 1, dec!(0.55))
    );
    let august = summarize("u", &model, &a, None, m(8)).now;
    assert_eq!((august.execution_light, august.red), (Light::Red, 2));
    assert_eq!(prev.expected, s.expected_path[1]);
    assert_eq!(summarize("u", &model, &a, None, m(1)).previous, None);
}

/// `Actuals::series_of`: an item's entries from January to the month, in month
/// order, borrowed from the actuals alone (the item is rewritten for the next lookup
/// while the first entries are still held); nothing for an unknown item.
#[test]
fn an_items_series_from_january_to_the_month() {
    let mut a = Actuals::default();
    for (month, id, v) in [
        (6, "A", dec!(6)),
        (1, "A", dec!(1)),
        (3, "A", dec!(3)),
        (2, "B", dec!(2)),
    ] {
        a.insert(line_entry(month, Item::Indicator(id.into()), v))
            .unwrap();
    }
    let mut item = Item::Indicator("A".into());
    let to_march: Vec<&Entry> = a.series_of(&item, m(3)).collect();
    item = Item::Indicator("B".into());
    let b: Vec<&Entry> = a.series_of(&item, m(12)).collect();
    let months = |es: &[&Entry]| es.iter().map(|e| e.month.number()).collect::<Vec<_>>();
    assert_eq!(months(&to_march), [1, 3]);
    assert_eq!(months(&b), [2]);
    assert_eq!(a.series_of(&Item::Indicator("A".into()), m(12)).count(), 3);
    assert_eq!(a.series_of(&Item::Line("A".into()), m(12)).count(), 0);
    // Another year's month: nothing of 2026.
    let later = Month::new(2027, 12).unwrap();
    assert_eq!(a.series_of(&Item::Indicator("A".into()), later).count(), 0);
}

/// A unit at the edges: a zero-budget line, spending returned (negative), months
/// nobody reported, an execution indicator of a line and of a name that is no line,
/// counts exactly on the yellow and green thresholds, a `≤` target, a `≥` rate, a
/// grade. Its summary is the engine's every month, and known as of June and May.
#[test]
fn a_summary_at_the_edges_has_the_engines_figures() {
    use attain_core::portfolio::{summarize, summarize_in_full};
    use attain_core::progress::Light;
    use attain_core::{Budget, BudgetLine, Settings, Tier, UnitInfo};
    let line = |name: &str, parent: Option<&str>, h1_plan: Decimal, budget: Decimal| BudgetLine {
        name: name.into(),
        parent: parent.map(Into::into),
        h1_plan,
        budget,
    };
    let with_h1 = |mut i: Indicator, h1: &str| {
        i.h1 = Target::parse(h1).unwrap().target;
        i
    };
    let of_line = |l: &str| Measure::Execution {
        line: Some(l.into()),
    };
    let model = Model::new(
        UnitInfo {
            name: "边界单位".into(),
            year: 2026,
            ..UnitInfo::default()
        },
        Settings::default(),
        Budget {
            lines: vec![
                line("基本支出", None, dec!(50), dec!(100)),
                line("项目支出", None, dec!(20), dec!(40)),
                line("设备", Some("项目支出"), dec!(10), dec!(40)),
                line("培训", Some("项目支出"), dec!(0), dec!(0)),
            ],
            income_total: None,
            income: Vec::new(),
            lookup: Default::default(),
        },
        vec![
            with_h1(ind("PRO-01", "过程", "预算执行率", "=100%", exec()), "=50%"),
            with_h1(
                ind("PRO-02", "过程", "设备执行率", "≥100%", of_line("设备")),
                "≥25%",
            ),
            ind(
                "PRO-03",
                "过程",
                "无此科目执行率",
                "≥100%",
                of_line("无此科目"),
            ),
            with_h1(
                ind("OUT-01", "产出", "培训人次", "≥100人次", Measure::Sum),
                "≥60人次",
            ),
            ind("OUT-02", "产出", "检查次数", "≥120次", Measure::Sum),
            ind("EFF-01", "效益", "投诉次数", "≤5次", Measure::Latest),
            ind("SAT-01", "满意度", "满意度", "≥90%", Measure::Latest),
            ind("DEC-01", "决策", "制度健全性", "健全", Measure::Grade),
        ],
    );
    let mut a = Actuals::default();
    let line_item = |n: &str| Item::Line(n.into());
    let ind_item = |n: &str| Item::Indicator(n.into());
    for (month, item, v) in [
        (1, line_item("基本支出"), dec!(30)),
        (2, line_item("基本支出"), dec!(-5)),
        (6, line_item("基本支出"), dec!(20)),
        (3, line_item("设备"), dec!(8)),
        (6, line_item("设备"), dec!(4)),
        (4, line_item("培训"), dec!(1)),
        (2, line_item("无此科目"), dec!(2)),
        (1, ind_item("OUT-01"), dec!(10)),
        (3, ind_item("OUT-01"), dec!(20)),
        (6, ind_item("OUT-01"), dec!(6)),
        (2, ind_item("OUT-02"), dec!(30)),
        (6, ind_item("OUT-02"), dec!(18)),
        (5, ind_item("EFF-01"), dec!(4)),
        (6, ind_item("EFF-01"), dec!(6)),
        (5, ind_item("SAT-01"), dec!(1.08)),
        (6, ind_item("SAT-01"), dec!(0.9)),
    ] {
        a.insert(line_entry(month, item, v)).unwrap();
    }
    a.insert(Entry {
        value: Value::Grade {
            word: "基本健全".into(),
            tier: Tier::Partly,
        },
        ..line_entry(6, ind_item("DEC-01"), dec!(0))
    })
    .unwrap();
    for n in 1..=12 {
        let fast = summarize("u", &model, &a, None, m(n));
        assert_eq!(fast, summarize_in_full("u", &model, &a, None, m(n)), "{n}");
    }
    let s = summarize("u", &model, &a, None, m(6));
    // 140 万元 of top-level lines; spent 45 (30 − 5 + 20) + 13 (8 + 4 + 1); the line
    // that is no budget line is not spending of the unit.
    assert_eq!(s.budget, dec!(140));
    assert_eq!(
        s.monthly_spent,
        [dec!(30), dec!(25), dec!(33), dec!(34), dec!(34), dec!(58)]
    );
    assert_eq!((s.now.spent, s.now.expected), (dec!(58), dec!(0.5)));
    assert_eq!(s.now.rate, Some(dec!(58) / dec!(140)));
    // June: 36 of 60 trained (60 %, on the threshold: yellow), 48 of 60 checks (80 %:
    // green), 6 complaints where ≤ 5 (red), 90 % of 90 % (green), 基本健全 (yellow);
    // execution 41 % of 50 % (83 %: green), 项目支出 32.5 % of 50 % (65 %: yellow).
    assert_eq!(
        (s.now.execution_light, s.now.light, s.now.red, s.now.yellow),
        (Light::Green, Light::Red, 1, 2)
    );
    // May: execution 34 of 140 against 41.67 % (58 %: red), 30 of 50 trained and 30
    // of 50 checks (60 %: yellow), 4 complaints (green), 108 % of 90 % (blue), no grade.
    let may = s.previous.as_ref().unwrap();
    assert_eq!(may.spent, dec!(34));
    assert_eq!(
        (may.execution_light, may.light, may.red, may.yellow),
        (Light::Red, Light::Red, 1, 2)
    );
}

fn snap(
    rate: Option<Decimal>,
    expected: Decimal,
    light: attain_core::progress::Light,
    red: usize,
    yellow: usize,
) -> attain_core::portfolio::Snapshot {
    attain_core::portfolio::Snapshot {
        spent: rate.unwrap_or_default() * dec!(100),
        rate,
        expected,
        gap: rate.map(|r| r - expected),
        execution_light: light,
        light,
        red,
        yellow,
    }
}

fn summary(
    key: &str,
    budget: Decimal,
    now: attain_core::portfolio::Snapshot,
    previous: Option<attain_core::portfolio::Snapshot>,
    path: Decimal,
) -> attain_core::portfolio::UnitSummary {
    attain_core::portfolio::UnitSummary {
        key: key.into(),
        name: key.into(),
        budget,
        indicators: 3,
        monthly_spent: vec![now.spent / dec!(2), now.spent],
        expected_path: (1..=12).map(|k| path * Decimal::from(k)).collect(),
        now,
        previous,
    }
}

#[test]
fn a_portfolio_ranks_weights_and_compares_its_units() {
    use attain_core::portfolio::{Change, Excluded, Portfolio};
    use attain_core::progress::Light;
    use attain_core::progress::Light::{Blue, Green, Red, Yellow};
    assert_eq!(
        [
            Change::Improved,
            Change::Worsened,
            Change::Unchanged,
            Change::New
        ]
        .map(Change::code),
        ["improved", "worsened", "unchanged", "new"]
    );
    let e = dec!(0.5);
    // Same light, counts and gap: unchanged; blue counts as green; fewer yellow is
    // better; a narrower gap with all else equal is worse.
    let green = snap(Some(dec!(0.4)), e, Green, 0, 1);
    let u = |now, prev| summary("x", dec!(1), now, Some(prev), dec!(0.01));
    assert_eq!(
        u(green.clone(), snap(Some(dec!(0.4)), e, Blue, 0, 1)).change(),
        Change::Unchanged
    );
    assert_eq!(
        u(snap(Some(dec!(0.4)), e, Green, 0, 0), green.clone()).change(),
        Change::Improved
    );
    assert_eq!(
        u(snap(Some(dec!(0.4)), e, Green, 0, 2), green.clone()).change(),
        Change::Worsened
    );
    assert_eq!(
        u(snap(Some(dec!(0.4)), e, Green, 1, 0), green.clone()).change(),
        Change::Worsened
    );
    assert_eq!(
        u(snap(Some(dec!(0.3)), e, Green, 0, 1), green.clone()).change(),
        Change::Worsened
    );
    assert_eq!(
        u(snap(Some(dec!(0.3)), e, Green, 0, 1), green.clone()).gap_change(),
        Some(dec!(-0.1))
    );
    assert_eq!(
        u(snap(None, e, Light::None, 0, 1), snap(None, e, Green, 0, 1)).change(),
        Change::Improved
    );
    assert_eq!(
        u(snap(None, e, Green, 0, 1), green.clone()).gap_change(),
        None
    );
    assert_eq!(
        u(snap(None, e, Green, 0, 1), green.clone()).change(),
        Change::Unchanged
    );
    assert_eq!(
        u(green.clone(), snap(None, e, Green, 0, 1)).gap_change(),
        None
    );

    // Ranked by gap (ties by key), units without a rate last (by key).
    let p = Portfolio::new(
        m(2),
        vec![
            summary(
                "z",
                dec!(0),
                snap(None, e, Light::None, 0, 0),
                None,
                dec!(0.5),
            ),
            summary(
                "c",
                dec!(300),
                snap(Some(dec!(0.2)), e, Red, 2, 1),
                None,
                dec!(0.1),
            ),
            summary(
                "b",
                dec!(100),
                snap(Some(dec!(0.4)), e, Yellow, 0, 3),
                Some(green.clone()),
                dec!(0.05),
            ),
            summary(
                "a",
                dec!(100),
                snap(Some(dec!(0.4)), e, Green, 0, 0),
                Some(green.clone()),
                dec!(0.05),
            ),
            summary(
                "y",
                dec!(0),
                snap(None, e, Light::None, 0, 0),
                None,
                dec!(0.5),
            ),
        ],
        vec![
            Excluded {
                key: "q".into(),
                errors: 2,
                first: "x".into(),
            },
            Excluded {
                key: "p".into(),
                errors: 1,
                first: "y".into(),
            },
        ],
    );
    let keys: Vec<&str> = p.ranked.iter().map(|u| u.key.as_str()).collect();
    assert_eq!(keys, ["c", "a", "b", "y", "z"]);
    assert_eq!(
        p.excluded
            .iter()
            .map(|x| x.key.as_str())
            .collect::<Vec<_>>(),
        ["p", "q"]
    );
    // Spent 20 + 40 + 40 (half of it by January); budget 500.
    assert_eq!(p.budget, dec!(500));
    assert_eq!(p.monthly_spent, [dec!(50), dec!(100)]);
    assert_eq!(p.spent, dec!(100));
    assert_eq!(p.rate(), Some(dec!(0.2)));
    // (300 × 0.1 + 100 × 0.05 + 100 × 0.05) × k ÷ 500 = 0.08 k.
    assert_eq!(p.expected_path.len(), 12);
    assert_eq!(p.expected_path[0], dec!(0.08));
    assert_eq!(p.expected_path[11], dec!(0.96));
    assert_eq!(p.expected(), dec!(0.16));
    assert_eq!(p.gap(), Some(dec!(0.04)));
    assert_eq!(
        (
            p.count_light(Red),
            p.count_light(Green),
            p.count_light(Light::None)
        ),
        (1, 1, 2)
    );
    assert_eq!(
        [
            Change::Improved,
            Change::Worsened,
            Change::Unchanged,
            Change::New
        ]
        .map(|c| p.count_change(c)),
        [1, 1, 0, 3]
    );
    assert_eq!(p.red_yellow_indicators(), (2, 4));
    assert_eq!(p.indicators(), 15);
    // Nothing budgeted: no rate, a flat path.
    let p = Portfolio::new(
        m(1),
        vec![summary(
            "y",
            dec!(0),
            snap(None, e, Light::None, 0, 0),
            None,
            dec!(0.5),
        )],
        vec![],
    );
    assert_eq!((p.rate(), p.gap(), p.expected()), (None, None, dec!(0)));
    assert_eq!(p.monthly_spent, [dec!(0)]);
}

#[test]
fn settings_decimals_read_exactly_from_strings_integers_and_floats() {
    use attain_core::dec_serde;
    use serde_json::Value as J;
    let read = |json: &str| {
        dec_serde::deserialize(&mut serde_json::Deserializer::from_str(json))
            .map_err(|e| e.to_string())
    };
    assert_eq!(read("\" 0.01 \""), Ok(dec!(0.01)));
    assert_eq!(read("\"0.10\"").map(|d| d.to_string()), Ok("0.10".into()));
    assert_eq!(read("-3"), Ok(dec!(-3)));
    assert_eq!(read("18446744073709551615"), Ok(dec!(18446744073709551615)));
    assert_eq!(read("0.1"), Ok(dec!(0.1)));
    assert_eq!(read("2.675"), Ok(dec!(2.675)));
    // More digits than an exact decimal holds: rounded, not refused.
    assert_eq!(
        read("\"0.12345678901234567890123456789012\""),
        Ok(dec!(0.1234567890123456789012345679))
    );
    assert!(read("\"abc\"")
        .unwrap_err()
        .starts_with("`abc` is not a decimal number"));
    assert!(read("true")
        .unwrap_err()
        .contains("expected a decimal number, preferably quoted, e.g. \"0.01\""));
    assert_eq!(
        dec_serde::serialize(&dec!(0.50), serde_json::value::Serializer).unwrap(),
        J::String("0.50".into())
    );
    assert_eq!(
        dec_serde::option::serialize(&Some(dec!(1.5)), serde_json::value::Serializer).unwrap(),
        J::String("1.5".into())
    );
    assert_eq!(
        dec_serde::option::serialize(&None, serde_json::value::Serializer).unwrap(),
        J::Null
    );
    assert_eq!(
        dec_serde::option::deserialize(&mut serde_json::Deserializer::from_str("\"7\"")).unwrap(),
        Some(dec!(7))
    );
}

#[test]
fn messages_are_equal_by_entry_and_values() {
    use attain_core::msg::{period, Lang, Msg};
    assert_ne!(period::h1(), period::fy());
    assert_eq!(period::h1(), period::h1());
    assert_ne!(period::not_a_month("1"), period::not_a_month("2"));
    let m = period::not_a_period("Q3");
    assert_eq!(m.entry().map(|e| e.key), Some(m.key()));
    assert_eq!(
        m.entry().map(|e| e.template(Lang::En)),
        Some("`{value}` is not a period; write H1 (半年) or FY (全年)")
    );
    assert_eq!(Msg::verbatim("x").entry().map(|e| e.key), None);
    assert_eq!(Msg::verbatim("x").key(), "verbatim");
    assert_eq!(
        (Lang::Zh.to_string(), Lang::En.to_string()),
        ("zh".into(), "en".into())
    );
}

#[test]
fn the_share_of_the_year_elapsed_is_months_over_twelve() {
    use attain_core::progress::{time_elapsed, Inputs};
    assert_eq!(time_elapsed(m(6)), dec!(0.5));
    assert_eq!(time_elapsed(m(3)), dec!(0.25));
    assert_eq!(time_elapsed(m(12)), dec!(1));
    let model = unit_model(vec![ind("OUT-01", "产出", "a", "≥1个", Measure::Sum)]);
    let a = Actuals::default();
    let inputs = Inputs {
        model: &model,
        actuals: &a,
        plan: None,
    };
    assert_eq!(inputs.evaluate(m(9)).time_elapsed, dec!(0.75));
}

#[test]
fn lights_are_counted_one_by_one() {
    use attain_core::progress::{Light, LightCounts};
    let c = LightCounts::of([
        Light::Green,
        Light::Red,
        Light::Red,
        Light::Yellow,
        Light::Blue,
        Light::None,
        Light::None,
        Light::None,
        Light::Red,
    ]);
    assert_eq!((c.green, c.yellow, c.red, c.blue, c.none), (1, 1, 3, 1, 3));
    assert_eq!(c.total(), 9);
    let c = LightCounts::of([Light::Yellow, Light::Yellow]);
    assert_eq!((c.yellow, c.total()), (2, 2));
    assert_eq!(LightCounts::of([]).total(), 0);
}

#[test]
fn spending_above_the_budget_is_red_however_early() {
    use attain_core::progress::{Inputs, Light};
    let mut exec_ind = ind("PRO-01", "过程", "预算执行率", "=100%", exec());
    exec_ind.h1 = Target::parse("=46%").unwrap().target;
    let model = unit_model(vec![exec_ind]);
    let light = |spent: Decimal| {
        let mut a = Actuals::default();
        a.insert(Entry {
            month: m(3),
            item: Item::Line("项目支出".into()),
            value: Value::Number(spent),
            note: String::new(),
            source: Default::default(),
        })
        .unwrap();
        let inputs = Inputs {
            model: &model,
            actuals: &a,
            plan: None,
        };
        let p = inputs.evaluate(m(3));
        // The total's light and the 预算执行率 indicator's agree.
        assert_eq!(p.indicators[0].light, p.total.light);
        (p.total.rate, p.total.light)
    };
    // The whole budget of 160 by March: far ahead, but not above it.
    assert_eq!(light(dec!(160)), (Some(dec!(1)), Light::Green));
    assert_eq!(light(dec!(160.01)).1, Light::Red);
    assert_eq!(light(dec!(320)), (Some(dec!(2)), Light::Red));
}

#[test]
fn a_parents_and_the_totals_forecast_add_up_their_lines() {
    use attain_core::progress::Inputs;
    use attain_core::BudgetLine;
    let mut model = unit_model(vec![ind("OUT-01", "产出", "a", "≥1个", Measure::Sum)]);
    let line = |name: &str, parent: Option<&str>, h1: Decimal, budget: Decimal| BudgetLine {
        name: name.into(),
        parent: parent.map(Into::into),
        h1_plan: h1,
        budget,
    };
    model.budget.lines = vec![
        // The parent's own figures are off its lines' (90 of 160): the lines count.
        line("项目支出", None, dec!(95), dec!(170)),
        line("A", Some("项目支出"), dec!(60), dec!(100)),
        line("B", Some("项目支出"), dec!(30), dec!(60)),
        line("基本支出", None, dec!(20), dec!(40)),
    ];
    model.budget.income_total = Some(dec!(200));
    let mut a = Actuals::default();
    for (n, l, v) in [
        (1, "A", dec!(10)),
        (2, "B", dec!(7)),
        (3, "基本支出", dec!(3)),
    ] {
        a.insert(Entry {
            month: m(n),
            item: Item::Line(l.into()),
            value: Value::Number(v),
            note: String::new(),
            source: Default::default(),
        })
        .unwrap();
    }
    let inputs = Inputs {
        model: &model,
        actuals: &a,
        plan: None,
    };
    let p = inputs.evaluate(m(3));
    let by = |n: &str| p.lines.iter().find(|l| l.name == n).unwrap();
    let (parent, la, lb, basic) = (by("项目支出"), by("A"), by("B"), by("基本支出"));
    assert!(la.forecast_plan > Decimal::ZERO && lb.forecast_plan > Decimal::ZERO);
    assert_eq!(parent.forecast_plan, la.forecast_plan + lb.forecast_plan);
    assert_eq!(
        parent.pace_needed,
        Some(la.pace_needed.unwrap() + lb.pace_needed.unwrap())
    );
    assert_eq!(
        p.total.forecast_plan,
        parent.forecast_plan + basic.forecast_plan
    );
    assert_eq!(
        p.total.pace_needed,
        Some(parent.pace_needed.unwrap() + basic.pace_needed.unwrap())
    );
}

#[test]
fn progress_lists_cross_checks_to_date_and_judges_levels_by_the_period() {
    use attain_core::progress::Inputs;
    // A reported 预算执行率 of 40 % in May where 30 of 160 is 18.75 %; a level whose
    // half-year target does not apply.
    let mut level = ind("EFF-01", "效益", "设备完好率", "≥90%", Measure::Latest);
    level.h1 = Target::NotApplicable;
    let model = unit_model(vec![
        ind(
            "EFF-02",
            "效益",
            "预算执行率（报告）",
            "≥95%",
            Measure::Latest,
        ),
        level,
    ]);
    let mut a = Actuals::default();
    for (n, item, v) in [
        (5, Item::Line("项目支出".into()), dec!(30)),
        (5, Item::Indicator("EFF-02".into()), dec!(0.4)),
    ] {
        a.insert(Entry {
            month: m(n),
            item,
            value: Value::Number(v),
            note: String::new(),
            source: Default::default(),
        })
        .unwrap();
    }
    let inputs = Inputs {
        model: &model,
        actuals: &a,
        plan: None,
    };
    let checks = |n: u8| {
        inputs
            .evaluate(m(n))
            .cross_checks
            .iter()
            .map(|c| (c.month.number(), c.reported, c.derived))
            .collect::<Vec<_>>()
    };
    assert_eq!(checks(4), []);
    assert_eq!(checks(5), [(5, dec!(0.4), dec!(0.1875))]);
    assert_eq!(checks(8), [(5, dec!(0.4), dec!(0.1875))]);
    // Through June only the half-year targets are judged: 设备完好率 has none.
    let unreported = |n: u8| inputs.evaluate(m(n)).completeness.unreported;
    assert_eq!(unreported(6), Vec::<String>::new());
    assert_eq!(unreported(7), ["EFF-01"]);
}

/// The indicators' own checks made once (a portfolio's template) give each model
/// sharing them exactly its own checks, and are not used where they do not fit.
#[test]
fn checks_made_once_for_shared_indicators_are_each_models_own() {
    use attain_core::model::IndicatorChecks;
    // An id twice, a line named by an execution measure, weights not adding up.
    let mut on_line = ind("OUT-02", "产出", "c", "=46%", exec());
    on_line.measure = Measure::Execution {
        line: Some("项目支出".into()),
    };
    let mut first = ind("OUT-01", "产出", "a", "≥1个", Measure::Sum);
    first.weight = dec!(1.5);
    let template = unit_model(vec![
        first,
        ind("OUT-01", "产出", "b", "健全", Measure::Sum),
        on_line,
    ]);
    let made = IndicatorChecks::new(&template.indicators, &template.settings);
    let show = |m: &Model, made: Option<&IndicatorChecks>| -> Vec<String> {
        m.check_with(made).iter().map(|c| c.message.en()).collect()
    };
    let own = show(&template, None);
    assert!(own.iter().any(|m| m.contains("OUT-01")), "{own:?}");
    assert_eq!(show(&template, Some(&made)), own);
    // Another unit sharing the template, without the line: the line's check is
    // made for it.
    let mut other = template.clone();
    other.budget.lines[0].name = "基本支出".into();
    other.reindex();
    let theirs = show(&other, Some(&made));
    assert!(theirs.iter().any(|m| m.contains("项目支出")), "{theirs:?}");
    assert_eq!(theirs, show(&other, None));
    assert_ne!(theirs, own);
    // Equal indicators that are not shared, or another rounding: made again.
    let mut copy = template.clone();
    copy.indicators[2].name = "d".into();
    copy.reindex();
    assert_eq!(show(&copy, Some(&made)), show(&copy, None));
    let mut whole = template.clone();
    whole.settings.scoring.rounding = attain_core::settings::Rounding::Whole;
    let rounded = show(&whole, Some(&made));
    assert_eq!(rounded, show(&whole, None));
    assert_eq!(rounded.len(), own.len() + 1, "{rounded:?}");
}

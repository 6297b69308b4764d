//! The result of assessing one change: the verdict of every test, which ground covers which
//! element of the change, the figures used, and the recommendation. Produced by `law`,
//! consumed by the renderers (`assess` output, memos, plan, report).

pub mod render;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::Part;
use crate::text::Text;

/// What the buyer should do. Ordered from least to most strict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recommendation {
    /// The change may be made without a new competition.
    Continue,
    /// Publish an intensjonskunngjøring and wait out the standstill first.
    IntentionNotice,
    /// A new competition is needed.
    Retender,
}

/// The tests of FOA ch. 28 (and the merger and framework rules); the same codes name grounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Ground {
    Option,
    ChangeClause,
    DeMinimis,
    AdditionalDeliveries,
    Unforeseen,
    SupplierSuccession,
    BuyerSuccession,
    NotSubstantial,
    FrameworkDuration,
    /// Part I only: the contract value including options plus the cumulative increase stays
    /// below the national threshold, so the whole contract could have been awarded without a
    /// notice (FOA § 5-1; anskaffelsesloven § 4). Added by the engine.
    BelowNationalThreshold,
}

/// Outcome of one test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Pass,
    Fail,
    Uncertain,
    NotApplicable,
}

/// Whether a ground's conditions are all facts in the portfolio, or rest on a judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Objective,
    Assessment,
}

/// The elements a change is split into (legal-rules.md § 3); each must be covered by a ground.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    PriceIncrease,
    TermExtension,
    JoiningAuthorities,
    NewSupplier,
    /// § 28-2 b: price terms in the supplier's favour.
    PriceTermsFavourSupplier,
    /// § 28-2 a: relaxed requirements.
    RelaxesRequirements,
    /// § 28-2 b: risk shifted to the buyer.
    ShiftsRiskToBuyer,
    /// New kinds of deliveries: the overall nature changes.
    NewKindsOfDeliveries,
    BuyerSuccession,
    PriceDecrease,
    /// The start of performance moves later, agreed before performance has begun.
    PostponedStart,
}

/// How one element of the change is covered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElementCoverage {
    pub element: Element,
    /// The ground that covers it, if any.
    pub covered_by: Option<Ground>,
    /// Objective or assessment, for the covering ground.
    pub basis: Option<Basis>,
}

/// One legal test applied to the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestResult {
    pub test: Ground,
    pub outcome: Outcome,
    /// The provision applied, e.g. «FOA § 28-1 (1) b».
    pub provision: &'static str,
    pub basis: Basis,
    /// The elements this test covers (empty when it fails or does not apply).
    pub covers: Vec<Element>,
    /// Why, with the figures that decided it.
    pub reasons: Vec<Text>,
    /// eForms BT-200 modification justification code of the ground (legal-rules.md § 5).
    pub notice_code: Option<&'static str>,
}

/// The figures an assessment used. Absent figures did not apply.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// `value`: the initial contract value.
    pub original_value: Decimal,
    /// The base for percentages: index-adjusted value if any (§ 28-1 (2)).
    pub base_value: Decimal,
    /// The estimated value including options, used for the part at award.
    pub value_including_options: Decimal,
    /// This change's price increase (element 1) plus the term-extension value (element 2).
    pub value_increase: Decimal,
    /// The value of the term extension (element 2), whole kroner.
    pub term_extension_value: Option<Decimal>,
    /// Days of term extension.
    pub term_extension_days: Option<i64>,
    /// The stated value to the supplier of the change's non-price elements (§ 28-2 markers),
    /// `nature.estimated_value`; `None` when not stated (unknown, never zero).
    pub estimated_value: Option<Decimal>,
    /// Earlier increases counted cumulatively for (b).
    pub earlier_increase: Decimal,
    /// `earlier_increase` + `value_increase` + `estimated_value`: the cumulative value of the
    /// modifications for (b) (art. 72 (2)).
    pub cumulative_increase: Decimal,
    /// 10 % (supplies, services) or 15 % (works).
    pub de_minimis_percent: Decimal,
    /// `de_minimis_percent` of the base value.
    pub de_minimis_limit: Decimal,
    /// The EEA threshold for the contract's category on the change's date.
    pub eea_threshold: Option<Decimal>,
    /// The national threshold on the change's date.
    pub national_threshold: Option<Decimal>,
    /// 50 % of the base value (§ 28-1 (1) c and d).
    pub cap_50: Decimal,
    /// The date from which the threshold period used applies.
    pub thresholds_from: Option<NaiveDate>,
}

/// The assessment of one proposed change (or of the implicit transfer in a merger).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub contract: String,
    pub change: String,
    /// The implicit «overdragelse til den sammenslåtte kommunen», not a change the user wrote.
    pub implicit: bool,
    /// When the change is to be agreed.
    pub date: NaiveDate,
    pub recommendation: Recommendation,
    /// The grounds relied on, in test order.
    pub grounds: Vec<Ground>,
    /// A modification notice must be published (§ 28-1 (3)).
    pub modification_notice: bool,
    pub part: Part,
    pub figures: Figures,
    pub elements: Vec<ElementCoverage>,
    pub tests: Vec<TestResult>,
    /// Uncertainties and warnings the reader must see (outdated thresholds, circumvention,
    /// points the rules leave open).
    pub warnings: Vec<Text>,
    /// The recommendation in one sentence.
    pub conclusion: Text,
    /// The end of a contract that had ended before the change's date: there is nothing left to
    /// change, and no ground is considered (legal-rules.md § 3).
    pub contract_ended: Option<NaiveDate>,
}

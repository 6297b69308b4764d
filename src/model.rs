//! The portfolio as the user wrote it: merger, contracts, options, clauses, modifications and proposed changes.
//!
//! Field names follow `docs/portfolio-format.md` exactly. These types say nothing about the law:
//! `validate` checks that the facts are consistent, `law` judges them.

use std::path::PathBuf;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::load::exact::{self, Exact, Written};

/// An amount in NOK excluding VAT, exact to the øre.
pub type Amount = Decimal;

/// Where a value was read from: the file and the JSON path of the object (`$` or `$[2]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub file: PathBuf,
    pub path: String,
}

impl Origin {
    /// The JSON path of a field below this object, e.g. `$.options[1].quantity`.
    pub fn field(&self, suffix: &str) -> String {
        format!("{}{}", self.path, suffix)
    }
}

/// Everything loaded from one portfolio folder.
#[derive(Debug, Clone, Default)]
pub struct Portfolio {
    /// The folder the portfolio was read from.
    pub root: PathBuf,
    pub merger: Option<Merger>,
    /// Contracts in a stable order: by file path, then by position in the file.
    pub contracts: Vec<Contract>,
}

impl Portfolio {
    pub fn contract(&self, id: &str) -> Option<&Contract> {
        self.contracts.iter().find(|c| c.id == id)
    }
}

/// `merger.json`: the merger the contracts pass through.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Merger {
    #[serde(skip)]
    pub origin: Origin,
    pub name: String,
    #[serde(default)]
    pub org_no: Option<String>,
    pub form: MergerForm,
    #[serde(default, deserialize_with = "exact::optional_date")]
    pub explored_from: Option<NaiveDate>,
    #[serde(deserialize_with = "exact::date")]
    pub decided: NaiveDate,
    #[serde(deserialize_with = "exact::date")]
    pub effective: NaiveDate,
    #[serde(default)]
    pub authority_kind: AuthorityKind,
    pub municipalities: Vec<Municipality>,
}

impl Merger {
    pub fn municipality(&self, id: &str) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| m.id == id)
    }

    /// From when a merger was foreseeable: exploration if recorded, else the decision.
    pub fn foreseeable_from(&self) -> NaiveDate {
        self.explored_from.unwrap_or(self.decided)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MergerForm {
    /// A new legal entity; all old municipalities cease.
    NewEntity,
    /// One municipality continues; the others are absorbed (seed ch. 6.4).
    Annexation,
}

/// Which EEA threshold column applies (FOA § 5-3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthorityKind {
    /// «Andre oppdragsgivere»: municipalities.
    #[default]
    SubCentral,
    /// «Statlige oppdragsgivere».
    Central,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Municipality {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub org_no: Option<String>,
    #[serde(default)]
    pub continues: bool,
}

/// One contract (kontrakt) or framework agreement (rammeavtale).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contract {
    #[serde(skip)]
    pub origin: Origin,
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub service_area: Option<String>,
    #[serde(default)]
    pub system: Option<String>,
    /// The need this contract serves, where contracts of the merging municipalities overlap:
    /// contracts with the same group are weighed against each other by `consolidate`. When
    /// absent, the same `system` (else the same `service_area` and subject) groups them.
    #[serde(default)]
    pub consolidation_group: Option<String>,
    pub authorities: Vec<AuthorityRef>,
    pub supplier: Party,
    pub kind: ContractKind,
    pub subject: Subject,
    pub character: Character,
    pub award: Award,
    #[serde(deserialize_with = "exact::date")]
    pub start: NaiveDate,
    #[serde(deserialize_with = "exact::date")]
    pub end: NaiveDate,
    #[serde(deserialize_with = "exact::amount")]
    pub value: Amount,
    #[serde(default)]
    pub value_is_estimate: bool,
    #[serde(default, deserialize_with = "exact::optional_amount")]
    pub annual_value: Option<Amount>,
    #[serde(default)]
    pub price_index: Option<PriceIndex>,
    #[serde(default)]
    pub options: Vec<ContractOption>,
    #[serde(default)]
    pub change_clauses: Vec<ChangeClause>,
    #[serde(default)]
    pub termination: Option<Termination>,
    #[serde(default)]
    pub modifications: Vec<Modification>,
    #[serde(default)]
    pub proposed_changes: Vec<ProposedChange>,
}

impl Contract {
    pub fn option(&self, id: &str) -> Option<&ContractOption> {
        self.options.iter().find(|o| o.id == id)
    }

    pub fn clause(&self, id: &str) -> Option<&ChangeClause> {
        self.change_clauses.iter().find(|c| c.id == id)
    }

    /// The base for percentages: the index-adjusted value if any (FOA § 28-1 (2)), else `value`.
    pub fn base_value(&self) -> Amount {
        self.price_index
            .as_ref()
            .map_or(self.value, |p| p.adjusted_value)
    }

    /// Ids of the merger municipalities among the original authorities.
    pub fn municipality_ids(&self) -> impl Iterator<Item = &str> {
        self.authorities.iter().filter_map(|a| match a {
            AuthorityRef::Municipality(id) => Some(id.as_str()),
            AuthorityRef::External(_) => None,
        })
    }

    /// The end of the original term: `end` less the months of extension options already exercised.
    pub fn original_end(&self) -> NaiveDate {
        let exercised: u32 = self
            .options
            .iter()
            .filter(|o| o.kind == OptionKind::Extension && o.exercised)
            .filter_map(|o| o.months)
            .sum();
        months_before(self.end, exercised).unwrap_or(self.end)
    }

    /// The end if every unexercised extension option were exercised.
    pub fn end_with_options(&self) -> NaiveDate {
        let open: u32 = self
            .options
            .iter()
            .filter(|o| o.kind == OptionKind::Extension && !o.exercised)
            .filter_map(|o| o.months)
            .sum();
        months_after(self.end, open).unwrap_or(self.end)
    }

    /// Days of the original term, counting both the first and the last day.
    pub fn original_term_days(&self) -> i64 {
        (self.original_end() - self.start).num_days() + 1
    }

    /// The yearly value used to value a term extension: `annual_value`, else `value` pro rata
    /// over the original term (× 365 / term days).
    pub fn yearly_value(&self) -> Amount {
        if let Some(annual) = self.annual_value {
            return annual;
        }
        let days = self.original_term_days().max(1);
        self.value * Decimal::from(365) / Decimal::from(days)
    }

    /// Value of `days` of extra term, rounded to whole kroner (legal-rules.md § 3, element 2).
    pub fn term_value(&self, days: i64) -> Amount {
        // Whole kroner, half away from zero (not banker's rounding).
        (self.yearly_value() * Decimal::from(days) / Decimal::from(365))
            .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
    }

    /// The estimated value at award including all options (FOA § 5-4): `value`, plus each volume
    /// option's value, plus each extension option's value (given, or valued pro rata).
    pub fn value_including_options(&self) -> Amount {
        let options: Amount = self
            .options
            .iter()
            .map(|o| match (o.kind, o.value, o.months) {
                (_, Some(v), _) => v,
                (OptionKind::Extension, None, Some(months)) => {
                    self.term_value(extension_days(self.original_end(), months))
                }
                _ => Decimal::ZERO,
            })
            .sum();
        self.value + options
    }
}

/// Days added by extending a term ending on `end` by `months` calendar months.
pub fn extension_days(end: NaiveDate, months: u32) -> i64 {
    months_after(end, months).map_or(0, |new_end| (new_end - end).num_days())
}

/// The last day of a period of `months` calendar months that follows a term ending on `end`.
///
/// A period runs to the day before the same date `months` later, counted from the day after
/// `end`: a six-month extension of a term ending 30 June runs to 31 December, not 30 December
/// (which plain month arithmetic gives, because it keeps the day of the month). Where the target
/// month is shorter the later of the two readings is used (28 February 2024 + 12 months =
/// 28 February 2025). `None` only beyond the calendar.
pub fn months_after(end: NaiveDate, months: u32) -> Option<NaiveDate> {
    let plain = end.checked_add_months(Months::new(months))?;
    let whole = end
        .succ_opt()?
        .checked_add_months(Months::new(months))?
        .pred_opt()?;
    Some(plain.max(whole))
}

/// The inverse of [`months_after`]: the end of a term that `months` of extension brought to `end`.
/// Where two ends lead to the same date (28 and 29 February), the later is taken.
pub fn months_before(end: NaiveDate, months: u32) -> Option<NaiveDate> {
    let whole = end
        .succ_opt()?
        .checked_sub_months(Months::new(months))?
        .pred_opt()?;
    let plain = end.checked_sub_months(Months::new(months))?;
    [whole.max(plain), whole.min(plain)]
        .into_iter()
        .find(|c| months_after(*c, months) == Some(end))
        .or(Some(whole))
}

/// An original contracting authority: a merger municipality by id, or an authority outside the merger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum AuthorityRef {
    Municipality(String),
    External(Party),
}

impl<'de> Deserialize<'de> for AuthorityRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = AuthorityRef;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a municipality id from merger.json, or an object { \"name\", \"org_no\" }",
                )
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<AuthorityRef, E> {
                Ok(AuthorityRef::Municipality(s.to_owned()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<AuthorityRef, A::Error> {
                Party::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(AuthorityRef::External)
            }
        }
        d.deserialize_any(V)
    }
}

/// A legal person: a supplier or an authority outside the merger.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    pub name: String,
    #[serde(default)]
    pub org_no: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ContractKind {
    Contract,
    FrameworkAgreement,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Supplies,
    Services,
    Works,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Character {
    Standard,
    Complex,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Award {
    pub procedure: Procedure,
    pub announced: bool,
    #[serde(default)]
    pub notice: Option<String>,
    #[serde(deserialize_with = "exact::date")]
    pub signed: NaiveDate,
    /// Overrides the part derived from the thresholds in force at `signed`.
    #[serde(default)]
    pub part: Option<Part>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    Open,
    Restricted,
    CompetitiveNegotiation,
    NegotiatedWithoutNotice,
    DirectAward,
    Other,
}

/// The part of FOA that governs the contract (§ 5-1): I below the national threshold,
/// II from it, III from the EEA threshold.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, JsonSchema,
)]
pub enum Part {
    I,
    II,
    III,
}

/// The contract's price-index clause and the value it has adjusted to (FOA § 28-1 (2)).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriceIndex {
    pub index: String,
    #[serde(deserialize_with = "exact::amount")]
    pub adjusted_value: Amount,
    #[serde(deserialize_with = "exact::date")]
    pub as_of: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OptionKind {
    Extension,
    Volume,
}

/// An option (opsjon). The fields that apply depend on `kind`; `validate` checks that the
/// required ones are present: extension → `months`, `exercised`; volume → `description`,
/// `quantity`, `unit`, `value`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(from = "OptionFields")]
pub struct ContractOption {
    pub id: String,
    pub kind: OptionKind,
    /// Extension: months added.
    pub months: Option<u32>,
    /// Extension: already exercised.
    pub exercised: bool,
    /// Extension: value (optional); volume: value of the whole quantity.
    pub value: Option<Amount>,
    pub description: Option<String>,
    pub quantity: Option<Decimal>,
    pub unit: Option<String>,
    pub exercised_quantity: Decimal,
    /// Which of the kind-specific fields the file wrote (even as `null`).
    #[serde(skip)]
    pub written: OptionFieldsWritten,
}

/// The kind-specific fields of an option that the file wrote: a field of the other kind is an
/// error (`validate`), since it would be ignored. Absent and `null` differ here only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OptionFieldsWritten {
    pub months: bool,
    pub exercised: bool,
    pub description: bool,
    pub quantity: bool,
    pub unit: bool,
    pub exercised_quantity: bool,
}

impl OptionFieldsWritten {
    /// Whether the field named `field` was written (false for any other name).
    pub fn contains(&self, field: &str) -> bool {
        match field {
            "months" => self.months,
            "exercised" => self.exercised,
            "description" => self.description,
            "quantity" => self.quantity,
            "unit" => self.unit,
            "exercised_quantity" => self.exercised_quantity,
            _ => false,
        }
    }
}

/// An option as written, field by field, remembering which fields were there. Its schema is
/// the option's (`schemars(with)` gives each field the type it is read as).
#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct OptionFields {
    id: String,
    kind: OptionKind,
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    months: Written<Option<u32>>,
    #[serde(default)]
    #[schemars(with = "bool")]
    exercised: Written<bool>,
    #[serde(default, deserialize_with = "exact::optional_amount")]
    value: Option<Amount>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    description: Written<Option<String>>,
    #[serde(default)]
    #[schemars(with = "Option<Decimal>", extend("x-kind" = "quantity"))]
    quantity: Written<Option<Exact>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    unit: Written<Option<String>>,
    #[serde(default)]
    #[schemars(with = "Decimal", extend("x-kind" = "quantity"))]
    exercised_quantity: Written<Exact>,
}

/// The schema of an option is the schema of the fields it is read from.
impl JsonSchema for ContractOption {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ContractOption".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        OptionFields::json_schema(generator)
    }
}

impl From<OptionFields> for ContractOption {
    fn from(f: OptionFields) -> Self {
        Self {
            written: OptionFieldsWritten {
                months: f.months.written,
                exercised: f.exercised.written,
                description: f.description.written,
                quantity: f.quantity.written,
                unit: f.unit.written,
                exercised_quantity: f.exercised_quantity.written,
            },
            id: f.id,
            kind: f.kind,
            months: f.months.value,
            exercised: f.exercised.value,
            value: f.value,
            description: f.description.value,
            quantity: f.quantity.value.map(|q| q.0),
            unit: f.unit.value,
            exercised_quantity: f.exercised_quantity.value.0,
        }
    }
}

impl ContractOption {
    /// Volume still available under the option.
    pub fn remaining_quantity(&self) -> Decimal {
        self.quantity.unwrap_or_default() - self.exercised_quantity
    }

    /// Value still available: value × remaining / quantity.
    pub fn remaining_value(&self) -> Amount {
        match (self.value, self.quantity) {
            (Some(v), Some(q)) if !q.is_zero() => v * self.remaining_quantity() / q,
            _ => Decimal::ZERO,
        }
    }
}

/// What a change clause (endringsklausul) allows to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClauseCover {
    Volume,
    NewAuthorities,
    Term,
    Price,
}

/// A change clause, FOA § 19-1 (2).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeClause {
    pub id: String,
    pub text: String,
    pub covers: Vec<ClauseCover>,
    #[serde(default, deserialize_with = "exact::optional_amount")]
    pub max_value: Option<Amount>,
    pub clear_precise_unequivocal: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Termination {
    pub for_convenience: bool,
    pub notice_months: u32,
    pub on_merger: bool,
}

impl Termination {
    /// The last day notice can be given to end the contract by `date`: whole calendar months
    /// back. chrono clamps a missing day (31 May − 3 months → 28/29 February), which is earlier
    /// and therefore safe for a latest date.
    pub fn notice_by(&self, date: NaiveDate) -> NaiveDate {
        date.checked_sub_months(Months::new(self.notice_months))
            .unwrap_or(date)
    }
}

/// The ground an earlier modification relied on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ModificationGround {
    Option,
    ChangeClause,
    DeMinimis,
    AdditionalDeliveries,
    Unforeseen,
    SupplierSuccession,
    NonSubstantial,
    Unknown,
}

/// A change already made to the contract.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Modification {
    #[serde(deserialize_with = "exact::date")]
    pub date: NaiveDate,
    pub description: String,
    #[serde(deserialize_with = "exact::amount")]
    pub value_change: Amount,
    #[serde(default)]
    pub clause: Option<String>,
    pub ground: ModificationGround,
}

/// A change the merged municipality wants to make.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposedChange {
    pub id: String,
    pub description: String,
    #[serde(deserialize_with = "exact::date")]
    pub date: NaiveDate,
    /// Price increase (negative: decrease), excluding a term extension valued separately.
    #[serde(default, deserialize_with = "exact::amount")]
    pub value_change: Amount,
    #[serde(default, deserialize_with = "exact::optional_date")]
    pub new_end: Option<NaiveDate>,
    /// Authorities whose needs the contract is to cover from now on: merger municipalities by
    /// id, or authorities outside the merger (as in `Contract::authorities`).
    #[serde(default)]
    pub add_authorities: Vec<AuthorityRef>,
    /// A postponed start of performance, agreed before performance has begun (the change's
    /// `date` before the contract's `start`); the term keeps its length unless `new_end` says
    /// otherwise.
    #[serde(default, deserialize_with = "exact::optional_date")]
    pub new_start: Option<NaiveDate>,
    #[serde(default)]
    pub exercise_option: Option<OptionUse>,
    #[serde(default)]
    pub under_clause: Option<String>,
    #[serde(default)]
    pub new_supplier: Option<NewSupplier>,
    #[serde(default)]
    pub nature: Nature,
    #[serde(default)]
    pub additional_deliveries: Option<AdditionalDeliveries>,
    #[serde(default)]
    pub unforeseen: Option<Unforeseen>,
}

impl ProposedChange {
    /// Days by which the change postpones the start of performance (`new_start` after the
    /// contract's `start`); `None` when it does not.
    pub fn postponement_days(&self, contract: &Contract) -> Option<i64> {
        self.new_start
            .filter(|s| *s > contract.start)
            .map(|s| (s - contract.start).num_days())
    }

    /// The contract's end once the change's postponed start has moved it: the term keeps its
    /// length, so `end` moves by the same number of days (legal-rules.md § 3, element 8).
    pub fn end_after_postponement(&self, contract: &Contract) -> NaiveDate {
        self.postponement_days(contract)
            .and_then(|d| contract.end.checked_add_signed(chrono::TimeDelta::days(d)))
            .unwrap_or(contract.end)
    }

    /// The start of performance after the change: `new_start` when it postpones the start.
    pub fn start_after(&self, contract: &Contract) -> NaiveDate {
        self.new_start
            .filter(|s| *s > contract.start)
            .unwrap_or(contract.start)
    }

    /// Whether the change is dated after the contract's current end: there is then no contract
    /// left to change (legal-rules.md § 3, «A contract that has ended cannot be changed»).
    pub fn after_end_of(&self, contract: &Contract) -> bool {
        self.date > contract.end
    }
}

/// The option a change relies on, and how much of it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionUse {
    pub id: String,
    #[serde(default, deserialize_with = "exact::optional_amount")]
    #[schemars(extend("x-kind" = "quantity"))]
    pub quantity: Option<Decimal>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SuccessionCause {
    Merger,
    Acquisition,
    Insolvency,
    Restructuring,
    Other,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSupplier {
    pub name: String,
    #[serde(default)]
    pub org_no: Option<String>,
    pub cause: SuccessionCause,
    pub meets_original_qualifications: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PriceTerms {
    #[default]
    Unchanged,
    FavourSupplier,
    FavourBuyer,
}

/// The character of a change: the markers of FOA § 28-2.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Nature {
    pub new_kinds_of_deliveries: bool,
    pub price_terms: PriceTerms,
    pub relaxes_requirements: bool,
    pub shifts_risk_to_buyer: bool,
    /// The value of the non-price elements to the supplier (savings from relaxed requirements,
    /// risk taken over by the buyer, better price terms, payment in kind, released
    /// obligations). `None` means unknown — never zero (legal-rules.md § 3, element 5).
    #[serde(deserialize_with = "exact::optional_amount")]
    pub estimated_value: Option<Amount>,
}

impl Nature {
    /// Whether the change has a § 28-2 marker whose value can be stated (every marker but new
    /// kinds of deliveries, which changes the overall nature whatever its value).
    pub fn has_valued_marker(&self) -> bool {
        self.price_terms == PriceTerms::FavourSupplier
            || self.relaxes_requirements
            || self.shifts_risk_to_buyer
    }
}

/// Facts for FOA § 28-1 (1) c.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AdditionalDeliveries {
    pub change_of_supplier_impossible: bool,
    pub significant_inconvenience_or_cost: bool,
    pub reason: String,
}

/// Facts for FOA § 28-1 (1) d. For a merger, `arose` defaults to the merger's foreseeability date.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unforeseen {
    pub circumstance: String,
    #[serde(default, deserialize_with = "exact::optional_date")]
    pub arose: Option<NaiveDate>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn extension_periods_count_whole_calendar_months() {
        assert_eq!(months_after(d(2026, 6, 30), 6), Some(d(2026, 12, 31)));
        assert_eq!(months_after(d(2026, 12, 31), 12), Some(d(2027, 12, 31)));
        assert_eq!(months_after(d(2024, 2, 28), 12), Some(d(2025, 2, 28)));
        assert_eq!(months_after(d(2024, 2, 29), 12), Some(d(2025, 2, 28)));
        assert_eq!(extension_days(d(2026, 6, 30), 6), 184);
    }

    #[test]
    fn months_before_undoes_months_after() {
        for (end, m) in [
            (d(2026, 6, 30), 6),
            (d(2026, 12, 31), 12),
            (d(2027, 3, 31), 1),
            (d(2025, 9, 14), 24),
        ] {
            let later = months_after(end, m).unwrap();
            assert_eq!(
                months_before(later, m),
                Some(end),
                "{end} + {m} months = {later}"
            );
        }
    }
}

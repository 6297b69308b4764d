//! Consolidation: where the merging municipalities have overlapping contracts for the same need,
//! which one should the merged municipality keep — and what does ending the others cost?
//!
//! The method (documented for users in `docs/consolidation.md`; KS 2017 ch. 6.3.1 and 6.6):
//! - **Groups.** Contracts of the merging municipalities serve the same need when they share a
//!   `consolidation_group`, else the same `system`, else the same `service_area` and subject.
//! - **When each contract can end.** Its earliest lawful end from the analysis date
//!   (`termination::earliest_end`: a termination right on the merger, termination for
//!   convenience, else expiry — extension options are the buyer's right, not a duty). Each
//!   municipality can join another contract, or a new one, the day after.
//! - **Keep K.** The hypothetical change extends K to the others' needs: their municipalities
//!   join (`add_authorities`), and K's price rises by each other contract's annual value for the
//!   part of K's remaining term after that contract can end. K must serve until the group's
//!   horizon — the latest current end among the group — so that no municipality is left
//!   without a contract: where K (with its unexercised extension options, each its own lawful
//!   change) ends earlier, the change also extends K to the horizon. The engine judges the
//!   change (`law::assess_change`), so the verdict is the one `assess` would give.
//! - **New common tender.** Each municipality joins when its own contract can end (staggered
//!   accession); the new contract must be in force on the first accession, and the planner's
//!   lead-time model gives the latest launch.
//! - **What it costs and when there is one contract.** `exposure`: the remaining value of the
//!   contracts that would have to end *at the merger* although they have no right to end by then
//!   (what the supplier could claim, KS 2017: «kan spise opp gevinsten»). `one_contract_from`:
//!   the date from which one contract serves everyone when the others end only when they lawfully
//!   can (no compensation).
//! - **Ranking.** Lawful without any notice first (keep, continue), then the alternatives that
//!   need a notice (keep with an intention notice, a new competition) by exposure and by the
//!   date of one contract; a keep that would itself need a new competition comes last.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::Probe;
use super::termination::{self, EarliestEnd};
use crate::assessment::{Assessment, Recommendation};
use crate::model::{AuthorityRef, Contract, Merger, Part, Portfolio, Subject, months_after};
use crate::plan::PlanningConfig;
use crate::plan::lead_time::{self, LeadTime, TenderProcedure};
use crate::text::{Lang, Text, date_long, nok};
use crate::thresholds::Thresholds;

/// Why the contracts of a group serve the same need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupBasis {
    /// The users' `consolidation_group`.
    Given,
    /// The same `system`.
    System,
    /// The same `service_area` and subject (no system given).
    ServiceArea,
    /// Nothing to compare with: the contract's own group.
    Alone,
}

/// One contract of a group: when it can end and what ending it at the merger would cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub contract: String,
    /// The merging municipalities among its authorities.
    pub municipalities: Vec<String>,
    /// `annual_value`, else the value pro rata over the original term (whole kroner).
    pub annual_value: Decimal,
    pub annual_value_given: bool,
    pub end: NaiveDate,
    pub earliest_end: EarliestEnd,
    /// The day its municipalities can join another contract: after its earliest lawful end,
    /// not before the analysis date.
    pub accession: NaiveDate,
    /// The remaining value from the merger's effective date to its earliest lawful end: what
    /// ending it at the merger without a right could cost (zero when it can end by then).
    pub exposure_at_merger: Decimal,
}

/// What to do about a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlternativeKind {
    /// Keep one contract and extend it to the others' needs.
    Keep,
    /// A new common tender with staggered accession.
    NewTender,
}

/// One way to consolidate a group, judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alternative {
    pub kind: AlternativeKind,
    /// The contract kept (`Keep`).
    pub keep: Option<String>,
    /// For `Keep`, the engine's verdict on the hypothetical change; for `NewTender`, a new
    /// competition (`retender`).
    pub recommendation: Recommendation,
    pub exposure: Decimal,
    /// The date from which one contract serves everyone, the others ending when they lawfully
    /// can (each member's `accession`).
    pub one_contract_from: Option<NaiveDate>,
    /// The hypothetical change the engine judged (`Keep`).
    pub change: Option<HypotheticalChange>,
    /// The new competition's latest dates (`NewTender`).
    pub tender: Option<LeadTime>,
    /// 1 = best.
    pub rank: usize,
    pub reasons: Vec<Text>,
}

/// The change that extends a kept contract to the whole merged municipality, and its verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HypotheticalChange {
    pub date: NaiveDate,
    pub value_change: Decimal,
    pub new_end: Option<NaiveDate>,
    pub add_authorities: Vec<String>,
    /// The end the contract reaches with its unexercised extension options, where they are
    /// needed (each its own change under FOA § 28-1 (1) a).
    pub with_options_until: Option<NaiveDate>,
    pub assessment: Assessment,
}

/// A group of contracts serving the same need, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub group: String,
    pub basis: GroupBasis,
    pub members: Vec<Member>,
    pub alternatives: Vec<Alternative>,
    /// The index in `alternatives` of the best alternative; none for a group of one.
    pub recommended: Option<usize>,
    pub reasons: Vec<Text>,
}

impl Group {
    /// The contract ids, in portfolio order.
    pub fn contracts(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|m| m.contract.as_str())
    }
}

/// What the analysis needs besides the portfolio.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub portfolio: &'a Portfolio,
    pub thresholds: &'a Thresholds,
    pub config: &'a PlanningConfig,
    /// The analysis date: hypothetical changes are dated then, notices given from then.
    pub date: NaiveDate,
}

/// The group key of a contract: its need, as the users named it or as its system or area say.
pub fn group_key(c: &Contract) -> (GroupBasis, String) {
    let norm = crate::priorities::normalised;
    if let Some(g) = c
        .consolidation_group
        .as_deref()
        .filter(|g| !g.trim().is_empty())
    {
        return (GroupBasis::Given, norm(g));
    }
    if let Some(s) = c.system.as_deref().filter(|s| !s.trim().is_empty()) {
        return (GroupBasis::System, norm(s));
    }
    if let Some(a) = c.service_area.as_deref().filter(|a| !a.trim().is_empty()) {
        let subject = match c.subject {
            Subject::Supplies => "supplies",
            Subject::Services => "services",
            Subject::Works => "works",
        };
        return (GroupBasis::ServiceArea, format!("{} / {subject}", norm(a)));
    }
    (GroupBasis::Alone, c.id.clone())
}

/// The groups of the portfolio's merging municipalities' contracts, with their alternatives.
/// Without a merger there is nothing to consolidate.
pub fn analyse(input: &Input<'_>) -> Vec<Group> {
    let Some(merger) = input.portfolio.merger.as_ref() else {
        return Vec::new();
    };
    let mut keyed: Vec<((GroupBasis, String), Vec<&Contract>)> = Vec::new();
    for c in input.portfolio.contracts.iter().filter(|c| {
        c.municipality_ids()
            .any(|id| merger.municipality(id).is_some())
    }) {
        let key = group_key(c);
        match keyed.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(c),
            None => keyed.push((key, vec![c])),
        }
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed
        .into_iter()
        .map(|((basis, _), contracts)| group(input, merger, basis, &contracts))
        .collect()
}

fn group(input: &Input<'_>, m: &Merger, basis: GroupBasis, contracts: &[&Contract]) -> Group {
    let members: Vec<Member> = contracts.iter().map(|c| member(c, m, input.date)).collect();
    let name = group_name(basis, contracts);
    if contracts.len() < 2 {
        return Group {
            group: name,
            basis,
            members,
            alternatives: Vec::new(),
            recommended: None,
            reasons: vec![Text::new(
                "Bare én kontrakt dekker dette behovet; det er ingenting å samordne.",
                "Only one contract serves this need; there is nothing to consolidate.",
            )],
        };
    }
    let mut alternatives: Vec<Alternative> = contracts
        .iter()
        .map(|k| keep(input, m, k, contracts, &members))
        .collect();
    alternatives.push(new_tender(input, m, contracts, &members));
    rank(&mut alternatives);
    let recommended = alternatives.iter().position(|a| a.rank == 1);
    let reasons = recommended
        .map(|i| vec![why_recommended(&alternatives[i], &alternatives)])
        .unwrap_or_default();
    Group {
        group: name,
        basis,
        members,
        alternatives,
        recommended,
        reasons,
    }
}

/// The group's name as the users wrote it (the first contract's spelling).
fn group_name(basis: GroupBasis, contracts: &[&Contract]) -> String {
    let first = contracts.first();
    match basis {
        GroupBasis::Given => first.and_then(|c| c.consolidation_group.clone()),
        GroupBasis::System => first.and_then(|c| c.system.clone()),
        GroupBasis::ServiceArea => first.and_then(|c| c.service_area.clone()),
        GroupBasis::Alone => first.map(|c| c.id.clone()),
    }
    .unwrap_or_default()
}

fn member(c: &Contract, m: &Merger, from: NaiveDate) -> Member {
    let earliest_end = termination::earliest_end(c, Some(m), from);
    let accession = earliest_end
        .last_day
        .succ_opt()
        .unwrap_or(earliest_end.last_day)
        .max(from);
    let exposure_at_merger = if earliest_end.last_day >= m.effective {
        termination::remaining_value(c, m.effective, earliest_end.last_day)
    } else {
        Decimal::ZERO
    };
    Member {
        contract: c.id.clone(),
        municipalities: c
            .municipality_ids()
            .filter(|id| m.municipality(id).is_some())
            .map(str::to_owned)
            .collect(),
        annual_value: c
            .yearly_value()
            .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero),
        annual_value_given: c.annual_value.is_some(),
        end: c.end,
        earliest_end,
        accession,
        exposure_at_merger,
    }
}

/// Keep `k`: the others join it when they can end; the engine judges the change.
fn keep(
    input: &Input<'_>,
    m: &Merger,
    k: &Contract,
    contracts: &[&Contract],
    members: &[Member],
) -> Alternative {
    // The members are in the contracts' order.
    let others: Vec<(&Contract, &Member)> = contracts
        .iter()
        .copied()
        .zip(members)
        .filter(|(c, _)| c.id != k.id)
        .collect();
    let horizon = contracts.iter().map(|c| c.end).max().unwrap_or(k.end);
    let with_options = k.end_with_options();
    // K must serve until the horizon: its options first (each a lawful change of its own), a
    // term extension beyond them.
    let (final_end, new_end, options_until) = if horizon <= k.end {
        (k.end, None, None)
    } else if horizon <= with_options {
        (
            option_end_reaching(k, horizon),
            None,
            Some(option_end_reaching(k, horizon)),
        )
    } else {
        (horizon, Some(horizon), None)
    };
    // The others' annual values for the part of K's remaining term after they can end.
    let value_change: Decimal = others
        .iter()
        .map(|(c, mm)| termination::remaining_value(c, mm.accession, final_end))
        .sum();
    // The others' municipalities not already K's, in order, each once.
    let mut seen: std::collections::HashSet<&str> = k.municipality_ids().collect();
    let joining: Vec<String> = others
        .iter()
        .flat_map(|(_, mm)| mm.municipalities.iter())
        .filter(|id| seen.insert(id.as_str()))
        .cloned()
        .collect();
    let mut probe = Probe::on(input.date, DESCRIPTION);
    probe.value_change = value_change;
    probe.new_end = new_end;
    probe.add_authorities = joining
        .iter()
        .cloned()
        .map(AuthorityRef::Municipality)
        .collect();
    // The need arises from the merger: (d) with the merger as the circumstance, its
    // foreseeability judged by the engine from the merger's dates.
    probe.facts = super::AssumedFacts::Merger;
    let assessment = probe.assess(k, Some(m), input.thresholds);
    let last_accession = others.iter().map(|(_, mm)| mm.accession).max();
    let one_contract_from = last_accession.filter(|d| *d <= final_end);
    let exposure: Decimal = others.iter().map(|(_, mm)| mm.exposure_at_merger).sum();
    let mut reasons = vec![assessment.conclusion.clone()];
    reasons.push(keep_terms(
        k,
        value_change,
        &joining,
        m,
        new_end,
        options_until,
        input.date,
    ));
    if !joining.is_empty() && assessment.recommendation != Recommendation::Retender {
        // KS 2017 ch. 6.4: adding contracting parties «kan i seg selv» be substantial.
        reasons.push(Text::new(
            "Å ta inn nye oppdragsgivere kan i seg selv være en vesentlig endring (KS 2017 kap. 6.4); vurderingen forutsetter at behovene som tas inn, er av samme art som kontraktens.",
            "Adding contracting authorities can in itself be a substantial change (KS 2017 ch. 6.4); the assessment presumes that the needs brought in are of the same kind as the contract's.",
        ));
    }
    reasons.extend(accession_reason(others.iter().map(|(_, mm)| *mm)));
    if one_contract_from.is_none() {
        reasons.push(Text::from_fn(|l| match l {
            Lang::Nb => format!("{} slutter {} før alle de andre kan avsluttes; den blir aldri den eneste kontrakten.", k.id, date_long(final_end, l)),
            Lang::En => format!("{} ends on {} before all the others can end; it never becomes the only contract.", k.id, date_long(final_end, l)),
        }));
    }
    reasons.extend(exposure_reason(exposure, m));
    Alternative {
        kind: AlternativeKind::Keep,
        keep: Some(k.id.clone()),
        recommendation: assessment.recommendation,
        exposure,
        one_contract_from,
        change: Some(HypotheticalChange {
            date: input.date,
            value_change,
            new_end,
            add_authorities: joining,
            with_options_until: options_until,
            assessment,
        }),
        tender: None,
        rank: 0,
        reasons,
    }
}

/// How the hypothetical change is described to the engine.
const DESCRIPTION: &str =
    "hypotetisk: utvide kontrakten til hele den sammenslåtte kommunens behov (konsolidering)";

/// The end the contract's unexercised extension options reach, taken in order until the
/// horizon is reached.
fn option_end_reaching(k: &Contract, horizon: NaiveDate) -> NaiveDate {
    let mut end = k.end;
    for o in k
        .options
        .iter()
        .filter(|o| o.kind == crate::model::OptionKind::Extension && !o.exercised)
    {
        if end >= horizon {
            break;
        }
        end = months_after(end, o.months.unwrap_or(0)).unwrap_or(end);
    }
    end
}

fn keep_terms(
    k: &Contract,
    value: Decimal,
    joining: &[String],
    m: &Merger,
    new_end: Option<NaiveDate>,
    options_until: Option<NaiveDate>,
    date: NaiveDate,
) -> Text {
    let names: Vec<Text> = joining
        .iter()
        .map(|id| {
            let name = m.municipality(id).map_or(id.as_str(), |x| x.name.as_str());
            Text::new(name, name)
        })
        .collect();
    let who = crate::law::labels::join(&names);
    Text::from_fn(|l| {
        let mut s = match l {
            Lang::Nb => format!(
                "Den hypotetiske endringen ({}): {}{} tas inn i {}, med en prisøkning på {} (de andre kontraktenes årlige verdi for resten av løpetiden etter at de kan avsluttes)",
                date_long(date, l),
                who.get(l),
                if joining.is_empty() {
                    "ingen nye kommuner; behovene"
                } else {
                    ""
                },
                k.id,
                nok(value, l)
            ),
            Lang::En => format!(
                "The hypothetical change ({}): {}{} join {}, with a price increase of {} (the other contracts' annual values for the rest of the term after they can end)",
                date_long(date, l),
                who.get(l),
                if joining.is_empty() {
                    "no new municipalities; the needs"
                } else {
                    ""
                },
                k.id,
                nok(value, l)
            ),
        };
        if let Some(end) = new_end {
            s += &match l {
                Lang::Nb => format!(
                    ", og en forlengelse til {}, den seneste sluttdatoen i gruppen",
                    date_long(end, l)
                ),
                Lang::En => format!(
                    ", and an extension to {}, the latest end in the group",
                    date_long(end, l)
                ),
            };
        }
        if let Some(end) = options_until {
            s += &match l {
                Lang::Nb => format!(
                    "; kontraktens forlengelsesopsjoner forutsettes utløst til {} (hver for seg etter § 28-1 (1) a)",
                    date_long(end, l)
                ),
                Lang::En => format!(
                    "; the contract's extension options are assumed exercised to {} (each on its own under § 28-1 (1) a)",
                    date_long(end, l)
                ),
            };
        }
        s + "."
    })
}

/// A new common contract that each municipality joins when its own contract can end.
fn new_tender(
    input: &Input<'_>,
    m: &Merger,
    contracts: &[&Contract],
    members: &[Member],
) -> Alternative {
    // The new contract must be in force when the first municipality must leave its own
    // contract: the day after that contract's end with every extension option it still has.
    let first = contracts
        .iter()
        .filter_map(|c| c.end_with_options().succ_opt())
        .min()
        .unwrap_or(input.date)
        .max(input.date);
    let last = members.iter().map(|mm| mm.accession).max();
    // The most demanding part among the contracts (the combined need is at least as large), the
    // highest priority among their systems.
    let part = contracts
        .iter()
        .filter_map(|c| input.thresholds.part_at_award(c, m.authority_kind))
        .max()
        .unwrap_or(Part::III);
    let priority = contracts
        .iter()
        .map(|c| crate::priorities::lookup(c.service_area.as_deref(), c.system.as_deref()).priority)
        .min()
        .unwrap_or(crate::priorities::Priority::Unknown);
    let tender = lead_time::plan_tender(
        first,
        part,
        TenderProcedure::Open,
        priority,
        input.date,
        input.config,
    );
    let exposure: Decimal = members.iter().map(|mm| mm.exposure_at_merger).sum();
    let mut reasons = vec![Text::from_fn(|l| match l {
        Lang::Nb => format!(
            "En ny felles konkurranse, der hver kommune tiltrer når dens egen kontrakt kan avsluttes. Den nye kontrakten må være i kraft {} (dagen etter at den første kontrakten utløper med alle gjenstående opsjoner); etter anskaffelsesplanens ledetider må arbeidet starte senest {} og konkurransen kunngjøres senest {}.",
            date_long(first, l),
            date_long(tender.latest_start.date, l),
            date_long(tender.latest_notice.date, l)
        ),
        Lang::En => format!(
            "A new common competition, each municipality joining when its own contract can end. The new contract must be in force on {} (the day after the first contract expires with every remaining option); by the plan's lead times the work must start by {} and the competition be announced by {}.",
            date_long(first, l),
            date_long(tender.latest_start.date, l),
            date_long(tender.latest_notice.date, l)
        ),
    })];
    if tender.latest_start.date < input.date {
        reasons.push(Text::from_fn(|l| match l {
            Lang::Nb => format!("Den seneste oppstarten er passert; startet {} er en ny kontrakt tidligst i kraft {}.", date_long(input.date, l), date_long(tender.earliest_in_force_from_today, l)),
            Lang::En => format!("The latest start has passed; started on {} a new contract is in force on {} at the earliest.", date_long(input.date, l), date_long(tender.earliest_in_force_from_today, l)),
        }));
    }
    reasons.extend(accession_reason(members.iter()));
    reasons.extend(exposure_reason(exposure, m));
    Alternative {
        kind: AlternativeKind::NewTender,
        keep: None,
        recommendation: Recommendation::Retender,
        exposure,
        one_contract_from: last,
        change: None,
        tender: Some(tender),
        rank: 0,
        reasons,
    }
}

/// When the contracts that end can let their municipalities join: each named for a small group,
/// the span for a large one (each member's date is in `members`).
fn accession_reason<'m>(leaving: impl Iterator<Item = &'m Member>) -> Option<Text> {
    const NAMED: usize = 3;
    let leaving: Vec<&Member> = leaving.collect();
    let (first, last) = (
        leaving.iter().map(|mm| mm.accession).min()?,
        leaving.iter().map(|mm| mm.accession).max()?,
    );
    Some(Text::from_fn(|l| {
        if leaving.len() > NAMED {
            return match l {
                Lang::Nb => format!(
                    "De {} kontraktene som avsluttes, kan avsluttes og kommunene deres tiltre mellom {} og {} (datoen for hver står i listen over kontraktene).",
                    leaving.len(),
                    date_long(first, l),
                    date_long(last, l)
                ),
                Lang::En => format!(
                    "The {} contracts that end can end, and their municipalities join, between {} and {} (each one's date is in the list of contracts).",
                    leaving.len(),
                    date_long(first, l),
                    date_long(last, l)
                ),
            };
        }
        let each: Vec<String> = leaving
            .iter()
            .map(|mm| {
                format!(
                    "{} ({}) {}",
                    mm.contract,
                    mm.municipalities.join(", "),
                    date_long(mm.accession, l)
                )
            })
            .collect();
        match l {
            Lang::Nb => format!("Kan tiltre: {}.", each.join("; ")),
            Lang::En => format!("Can join: {}.", each.join("; ")),
        }
    }))
}

fn exposure_reason(exposure: Decimal, m: &Merger) -> Option<Text> {
    (!exposure.is_zero()).then(|| {
        Text::from_fn(|l| match l {
            Lang::Nb => format!("Skal kontraktene som avsluttes, være ute ved sammenslåingen {}, må noen av dem sies opp uten hjemmel; leverandørene kan da kreve vederlag for inntil {} (verdien av resten av løpetiden).", date_long(m.effective, l), nok(exposure, l)),
            Lang::En => format!("For the contracts that end to be gone at the merger on {}, some must be ended without a right to do so; the suppliers may then claim up to {} (the value of the rest of their terms).", date_long(m.effective, l), nok(exposure, l)),
        })
    })
}

/// Ranks the alternatives: lawful without a notice first, then those needing a notice (an
/// intention notice or a new competition) by exposure and the date of one contract, and last a
/// contract that could only be kept after a new competition.
fn rank(alternatives: &mut [Alternative]) {
    let mut order: Vec<usize> = (0..alternatives.len()).collect();
    order.sort_by_key(|&i| {
        let a = &alternatives[i];
        (
            class(a),
            a.exposure,
            a.one_contract_from.unwrap_or(NaiveDate::MAX),
            i,
        )
    });
    for (position, i) in order.into_iter().enumerate() {
        alternatives[i].rank = position + 1;
    }
}

fn class(a: &Alternative) -> u8 {
    match (a.kind, a.recommendation) {
        (AlternativeKind::Keep, Recommendation::Continue) => 0,
        (AlternativeKind::Keep, Recommendation::IntentionNotice)
        | (AlternativeKind::NewTender, _) => 1,
        (AlternativeKind::Keep, Recommendation::Retender) => 2,
    }
}

/// Why the first-ranked alternative is recommended, in one sentence with its figures.
fn why_recommended(best: &Alternative, all: &[Alternative]) -> Text {
    let lowest = all.iter().map(|a| a.exposure).min().unwrap_or_default();
    let cost = |l: Lang| {
        let one = best
            .one_contract_from
            .map(|d| date_long(d, l))
            .unwrap_or_else(|| {
                if l == Lang::Nb {
                    "aldri innen løpetiden".to_owned()
                } else {
                    "never within its term".to_owned()
                }
            });
        match (l, best.exposure.is_zero()) {
            (Lang::Nb, true) => format!(
                "uten vederlag for å avslutte andre kontrakter før tiden, og med én kontrakt fra {one}"
            ),
            (Lang::En, true) => format!(
                "with no compensation for ending other contracts early, and one contract from {one}"
            ),
            (Lang::Nb, false) => format!(
                "med én kontrakt fra {one} når de andre avsluttes når de lovlig kan, eller fra sammenslåingen mot et mulig vederlag på inntil {}",
                nok(best.exposure, l)
            ),
            (Lang::En, false) => format!(
                "with one contract from {one} when the others end when they lawfully can, or from the merger against a possible compensation of up to {}",
                nok(best.exposure, l)
            ),
        }
    };
    let cheaper = |l: Lang| {
        if best.exposure > lowest {
            match l {
                Lang::Nb => format!(
                    " Andre alternativer har lavere eksponering ({}), men krever kunngjøring.",
                    nok(lowest, l)
                ),
                Lang::En => format!(
                    " Other alternatives have a lower exposure ({}), but need a notice.",
                    nok(lowest, l)
                ),
            }
        } else {
            String::new()
        }
    };
    match (best.kind, best.keep.as_deref(), best.recommendation) {
        (AlternativeKind::Keep, Some(k), Recommendation::Continue) => Text::from_fn(|l| match l {
            Lang::Nb => format!(
                "{k} kan utvides til hele den sammenslåtte kommunen uten ny konkurranse og uten kunngjøring, {}.{}",
                cost(l),
                cheaper(l)
            ),
            Lang::En => format!(
                "{k} can be extended to the whole merged municipality without a new competition or any notice, {}.{}",
                cost(l),
                cheaper(l)
            ),
        }),
        (AlternativeKind::Keep, Some(k), _) => Text::from_fn(|l| match l {
            Lang::Nb => format!(
                "Ingen av kontraktene kan utvides uten kunngjøring; {k} kan utvides etter en intensjonskunngjøring, {}.",
                cost(l)
            ),
            Lang::En => format!(
                "None of the contracts can be extended without a notice; {k} can be extended after an intention notice, {}.",
                cost(l)
            ),
        }),
        _ => Text::from_fn(|l| match l {
            Lang::Nb => format!(
                "Ingen av kontraktene kan utvides til hele den sammenslåtte kommunen på bedre vilkår; en ny felles konkurranse der kommunene tiltrer etter hvert som kontraktene deres kan avsluttes, gir den beste kombinasjonen, {}.",
                cost(l)
            ),
            Lang::En => format!(
                "None of the contracts can be extended to the whole merged municipality on better terms; a new common competition that the municipalities join as their contracts can end gives the best combination, {}.",
                cost(l)
            ),
        }),
    }
}

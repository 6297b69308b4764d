//! Headroom: how far a contract can still be changed on a date without a new competition.
//!
//! For every ground the room left is computed from the figures the engine itself uses
//! (`law::Ctx`): an option's remaining quantity and value, a change clause's `max_value` less
//! what was used under it, the largest further value still *below* the de minimis limits of
//! FOA § 28-1 (1) b given the cumulative increases so far, the 50 % limit of (c) and (d), a
//! framework agreement's four-year end, part I's national threshold. The headline answers —
//! the largest price increase and the longest extension that would still be **continue**, and
//! those that would be **intention notice** with the facts of (c) or (d) assumed — are then
//! found by asking the engine (`law::assess_change`) about each candidate boundary, so they
//! agree with `assess` by construction; `tests/headroom.rs` checks every boundary to the øre.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{AssumedFacts, Probe};
use crate::assessment::{Basis, Ground, Recommendation};
use crate::law::Ctx;
use crate::model::{ClauseCover, Contract, ContractKind, Merger, OptionKind, Part, months_after};
use crate::text::{Lang, Text, date_long, nok, number};
use crate::thresholds::Thresholds;

/// One øre: the step of the boundaries (a value is «lower than» a limit by at least this).
pub const ORE: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// The largest amount the tool accepts (validation's plausibility limit, 10¹⁵): a ground that
/// still covers this has no limit of its own.
const UNLIMITED: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// The longest extension considered (the plausibility limit of an extension option).
const LONGEST_MONTHS: u32 = 1200;

/// How far a change may go: up to an amount or a date, without a limit, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reach<T> {
    /// No change of this kind gets that verdict.
    None,
    /// Up to and including this value.
    UpTo(T),
    /// No limit the tool can see (a change clause without a maximum).
    Unlimited,
}

impl<T: Copy> Reach<T> {
    /// The value, when there is a finite one.
    pub fn value(self) -> Option<T> {
        match self {
            Self::UpTo(v) => Some(v),
            Self::None | Self::Unlimited => None,
        }
    }
}

/// The room left under one ground.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroundRoom {
    pub ground: Ground,
    pub provision: &'static str,
    /// The option or change clause the room belongs to.
    pub id: Option<String>,
    pub basis: Basis,
    /// The largest further increase the ground covers (`None`: not a price ground, no room
    /// left, or no limit — `reason` says which).
    pub room: Option<Decimal>,
    /// The latest end a term extension under the ground may reach.
    pub until: Option<NaiveDate>,
    pub reason: Text,
}

/// The headroom of one contract on one date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Headroom {
    pub contract: String,
    pub date: NaiveDate,
    pub part: Part,
    /// The contract had ended before `date`: nothing can be changed (legal-rules.md § 3).
    pub contract_ended: Option<NaiveDate>,
    /// The largest price increase `assess` answers continue for, with no other element.
    pub continue_up_to: Reach<Decimal>,
    /// The ground that covers it.
    pub continue_by: Option<Ground>,
    /// The largest price increase that is at worst an intention notice, the facts of (c)
    /// assumed.
    pub intention_notice_up_to: Reach<Decimal>,
    /// The latest new end `assess` answers continue for, with no other element.
    pub continue_until: Reach<NaiveDate>,
    /// The latest new end that is at worst an intention notice, the facts of (d) assumed.
    pub intention_notice_until: Reach<NaiveDate>,
    pub grounds: Vec<GroundRoom>,
    /// The reader must see these (circumvention, foreseeability, estimates).
    pub notes: Vec<Text>,
}

/// The headroom of every contract on `date` (or of the contracts named).
pub fn portfolio(
    contracts: &[Contract],
    merger: Option<&Merger>,
    t: &Thresholds,
    date: NaiveDate,
) -> Vec<Headroom> {
    contracts
        .iter()
        .map(|c| headroom(c, merger, t, date))
        .collect()
}

/// For each assessment, the largest price increase that would still be continue for its contract
/// on its date (`Headroom::continue_up_to`); none for a change after the contract's end. In
/// parallel: the report shows it beside every change.
pub fn continue_up_to(
    p: &crate::model::Portfolio,
    assessments: &[crate::assessment::Assessment],
    t: &Thresholds,
) -> Vec<Reach<Decimal>> {
    use rayon::prelude::*;
    let contracts: std::collections::HashMap<&str, &Contract> =
        p.contracts.iter().map(|c| (c.id.as_str(), c)).collect();
    assessments
        .par_iter()
        .map(|a| match contracts.get(a.contract.as_str()) {
            Some(c) if a.contract_ended.is_none() => {
                headroom(c, p.merger.as_ref(), t, a.date).continue_up_to
            }
            _ => Reach::None,
        })
        .collect()
}

/// The headroom of one contract on `date`.
pub fn headroom(
    c: &Contract,
    merger: Option<&Merger>,
    t: &Thresholds,
    date: NaiveDate,
) -> Headroom {
    let zero = Probe::on(date, DESCRIPTION).change();
    let ctx = Ctx::new(c, &zero, merger, t);
    let mut h = Headroom {
        contract: c.id.clone(),
        date,
        part: ctx.part,
        contract_ended: (date > c.end).then_some(c.end),
        continue_up_to: Reach::None,
        continue_by: None,
        intention_notice_up_to: Reach::None,
        continue_until: Reach::None,
        intention_notice_until: Reach::None,
        grounds: Vec::new(),
        notes: Vec::new(),
    };
    if h.contract_ended.is_some() {
        return h;
    }
    h.grounds = grounds(&ctx);
    h.notes = notes(&ctx);
    let verdict = |p: &Probe| p.assess(c, merger, t);
    let price = price_candidates(&ctx, &h.grounds, date);
    (h.continue_up_to, h.continue_by) = largest(&price, Recommendation::Continue, &verdict, |p| {
        p.value_change
    });
    let price_c = with_fifty_percent(&ctx, price, date);
    h.intention_notice_up_to = largest(&price_c, Recommendation::IntentionNotice, &verdict, |p| {
        p.value_change
    })
    .0;
    let term = term_candidates(&ctx, &h.grounds, date, AssumedFacts::None);
    h.continue_until = largest(&term, Recommendation::Continue, &verdict, end_of).0;
    let term_d = term_candidates(&ctx, &h.grounds, date, AssumedFacts::Unforeseen);
    h.intention_notice_until =
        largest(&term_d, Recommendation::IntentionNotice, &verdict, end_of).0;
    h
}

/// A hypothetical change at a candidate boundary; `unlimited` when it stands for a ground
/// without a limit (tried at the plausibility limit).
#[derive(Debug, Clone)]
struct Candidate {
    probe: Probe,
    unlimited: bool,
}

fn end_of(p: &Probe) -> NaiveDate {
    p.new_end.unwrap_or(p.date)
}

/// The largest `key` among the candidates whose verdict is at most `at_most`, and the first
/// ground relied on for it (the buyer-succession ground of a merger aside).
fn largest<T: Ord + Copy>(
    candidates: &[Candidate],
    at_most: Recommendation,
    verdict: &impl Fn(&Probe) -> crate::assessment::Assessment,
    key: impl Fn(&Probe) -> T,
) -> (Reach<T>, Option<Ground>) {
    let mut best: Option<(&Candidate, Option<Ground>)> = None;
    for cand in candidates {
        if best.is_some_and(|(b, _)| key(&cand.probe) <= key(&b.probe)) {
            continue;
        }
        let a = verdict(&cand.probe);
        if a.recommendation <= at_most {
            let by = a
                .grounds
                .iter()
                .copied()
                .find(|g| *g != Ground::BuyerSuccession);
            best = Some((cand, by));
        }
    }
    match best {
        None => (Reach::None, None),
        Some((b, by)) if b.unlimited => (Reach::Unlimited, by),
        Some((b, by)) => (Reach::UpTo(key(&b.probe)), by),
    }
}

/// Candidate price increases: zero, and each price ground's room with the option or clause it
/// needs named. The verdict is monotone in the increase, so the boundary is among them.
fn price_candidates(ctx: &Ctx, grounds: &[GroundRoom], date: NaiveDate) -> Vec<Candidate> {
    let mut out = vec![Candidate {
        probe: Probe::on(date, DESCRIPTION),
        unlimited: false,
    }];
    for g in grounds {
        let covers_price = match g.ground {
            Ground::Option => option_kind(ctx, g) == Some(OptionKind::Volume),
            Ground::ChangeClause => clause_covers(ctx, g, ClauseCover::Volume),
            Ground::DeMinimis | Ground::BelowNationalThreshold => true,
            _ => false,
        };
        let unlimited = g.ground == Ground::ChangeClause && clause_is_open(ctx, g);
        let value = match g.room {
            Some(room) => room,
            None if unlimited => UNLIMITED,
            None => continue,
        };
        if !covers_price {
            continue;
        }
        let mut probe = Probe::on(date, DESCRIPTION);
        probe.value_change = value;
        name_ground(&mut probe, g);
        out.push(Candidate { probe, unlimited });
    }
    out
}

/// The price candidates, and the 50 % limits of (c) — its facts assumed — and of «not
/// substantial».
fn with_fifty_percent(ctx: &Ctx, mut out: Vec<Candidate>, date: NaiveDate) -> Vec<Candidate> {
    let fig = &ctx.figures;
    for (value, facts) in [
        (fig.cap_50, AssumedFacts::AdditionalDeliveries),
        (fig.cap_50 - fig.earlier_increase, AssumedFacts::None),
    ] {
        if value >= Decimal::ZERO {
            let mut probe = Probe::on(date, DESCRIPTION);
            probe.value_change = value;
            probe.facts = facts;
            out.push(Candidate {
                probe,
                unlimited: false,
            });
        }
    }
    out
}

/// Candidate new ends: each term ground's latest end with its option or clause named, each
/// also cut at a framework agreement's four-year end; with `facts`, the limit of (d) too.
fn term_candidates(
    ctx: &Ctx,
    grounds: &[GroundRoom],
    date: NaiveDate,
    facts: AssumedFacts,
) -> Vec<Candidate> {
    let end = ctx.contract.end;
    let four_years = grounds
        .iter()
        .find(|g| g.ground == Ground::FrameworkDuration)
        .and_then(|g| g.until);
    let mut out = Vec::new();
    for g in grounds {
        let term_ground = match g.ground {
            Ground::Option => option_kind(ctx, g) == Some(OptionKind::Extension),
            Ground::ChangeClause => clause_covers(ctx, g, ClauseCover::Term),
            Ground::DeMinimis | Ground::BelowNationalThreshold => true,
            Ground::Unforeseen => facts == AssumedFacts::Unforeseen,
            _ => false,
        };
        let unlimited = g.ground == Ground::ChangeClause && clause_is_open(ctx, g);
        let until = match g.until {
            Some(until) => until,
            None if unlimited => months_after(end, LONGEST_MONTHS).unwrap_or(end),
            None => continue,
        };
        if !term_ground {
            continue;
        }
        let cut = four_years.map(|f| f.min(until));
        for (until, unlimited) in [(until, unlimited), (cut.unwrap_or(until), false)] {
            if until <= end {
                continue;
            }
            let mut probe = Probe::on(date, DESCRIPTION);
            probe.new_end = Some(until);
            if g.ground == Ground::Unforeseen {
                probe.facts = facts;
            }
            name_ground(&mut probe, g);
            out.push(Candidate { probe, unlimited });
        }
    }
    out
}

/// How the hypothetical change is described to the engine.
const DESCRIPTION: &str = "hypotetisk endring (headroom)";

fn name_ground(p: &mut Probe, g: &GroundRoom) {
    match g.ground {
        Ground::Option => p.option.clone_from(&g.id),
        Ground::ChangeClause => p.clause.clone_from(&g.id),
        _ => {}
    }
}

fn option_kind(ctx: &Ctx, g: &GroundRoom) -> Option<OptionKind> {
    g.id.as_deref()
        .and_then(|id| ctx.contract.option(id))
        .map(|o| o.kind)
}

fn clause_covers(ctx: &Ctx, g: &GroundRoom, cover: ClauseCover) -> bool {
    g.id.as_deref()
        .and_then(|id| ctx.contract.clause(id))
        .is_some_and(|k| k.clear_precise_unequivocal && k.covers.contains(&cover))
}

/// A clear clause without a maximum value.
fn clause_is_open(ctx: &Ctx, g: &GroundRoom) -> bool {
    g.id.as_deref()
        .and_then(|id| ctx.contract.clause(id))
        .is_some_and(|k| k.clear_precise_unequivocal && k.max_value.is_none())
}

// ---- The room under each ground ---------------------------------------------------------------

fn grounds(ctx: &Ctx) -> Vec<GroundRoom> {
    let mut out = Vec::new();
    out.extend(options(ctx));
    out.extend(clauses(ctx));
    if ctx.part == Part::I {
        out.push(below_national_threshold(ctx));
    }
    out.push(de_minimis(ctx));
    out.extend(fifty_percent(ctx));
    out.push(not_substantial(ctx));
    if ctx.contract.kind == ContractKind::FrameworkAgreement {
        out.push(framework_duration(ctx));
    }
    out
}

fn room(ground: Ground, provision: &'static str, basis: Basis, reason: Text) -> GroundRoom {
    GroundRoom {
        ground,
        provision,
        id: None,
        basis,
        room: None,
        until: None,
        reason,
    }
}

const OPTION_PROVISION: &str = "FOA § 28-1 (1) a, jf. § 19-1 (2)";

/// Each option's remaining quantity and value, or the end an unexercised extension reaches.
fn options(ctx: &Ctx) -> Vec<GroundRoom> {
    let end = ctx.contract.end;
    ctx.contract
        .options
        .iter()
        .map(|o| {
            let mut g = room(Ground::Option, OPTION_PROVISION, Basis::Objective, Text::new("", ""));
            g.id = Some(o.id.clone());
            match o.kind {
                OptionKind::Volume => {
                    let left = o.remaining_quantity();
                    let unit = o.unit.clone().unwrap_or_default();
                    g.room = Some(o.remaining_value());
                    g.reason = Text::from_fn(|l| match l {
                        Lang::Nb => format!(
                            "Opsjonen «{}» har {} {unit} igjen, verdt {}.",
                            o.id,
                            number(left, l),
                            nok(o.remaining_value(), l)
                        ),
                        Lang::En => format!(
                            "Option «{}» has {} {unit} left, worth {}.",
                            o.id,
                            number(left, l),
                            nok(o.remaining_value(), l)
                        ),
                    });
                }
                OptionKind::Extension if o.exercised => {
                    g.reason = Text::from_fn(|l| match l {
                        Lang::Nb => format!("Forlengelsesopsjonen «{}» er utløst.", o.id),
                        Lang::En => format!("Extension option «{}» has been exercised.", o.id),
                    });
                }
                OptionKind::Extension => {
                    let months = o.months.unwrap_or(0);
                    g.until = months_after(end, months);
                    let until = g.until.unwrap_or(end);
                    g.reason = Text::from_fn(|l| match l {
                        Lang::Nb => format!(
                            "Forlengelsesopsjonen «{}» ({months} måneder) kan forlenge kontrakten til {}.",
                            o.id,
                            date_long(until, l)
                        ),
                        Lang::En => format!(
                            "Extension option «{}» ({months} months) can extend the contract to {}.",
                            o.id,
                            date_long(until, l)
                        ),
                    });
                }
            }
            g
        })
        .collect()
}

const CLAUSE_PROVISION: &str = "FOA § 28-1 (1) a, jf. § 19-1 (2)";

/// Each clause's maximum less what was used under it; the term it can add.
fn clauses(ctx: &Ctx) -> Vec<GroundRoom> {
    let c = ctx.contract;
    c.change_clauses
        .iter()
        .map(|k| {
            let mut g = room(Ground::ChangeClause, CLAUSE_PROVISION, Basis::Objective, Text::new("", ""));
            g.id = Some(k.id.clone());
            if !k.clear_precise_unequivocal {
                g.room = Some(Decimal::ZERO);
                g.reason = Text::from_fn(|l| match l {
                    Lang::Nb => format!("Endringsklausulen «{}» er ikke klar, presis og entydig (§ 19-1 (2)) og gir ikke rom for endringer.", k.id),
                    Lang::En => format!("Change clause «{}» is not clear, precise and unequivocal (§ 19-1 (2)) and leaves no room.", k.id),
                });
                return g;
            }
            let used: Decimal = c
                .modifications
                .iter()
                .filter(|m| m.clause.as_deref() == Some(k.id.as_str()))
                .map(|m| m.value_change.max(Decimal::ZERO))
                .sum();
            let covers = crate::law::labels::join(
                &k.covers.iter().map(|cv| cover_label(*cv)).collect::<Vec<_>>(),
            );
            match k.max_value {
                Some(max) => {
                    let left = (max - used).max(Decimal::ZERO);
                    g.room = Some(left);
                    if k.covers.contains(&ClauseCover::Term) {
                        g.until = last_end_within(c, |v| v <= left);
                    }
                    g.reason = Text::from_fn(|l| match l {
                        Lang::Nb => format!("Endringsklausulen «{}» ({}) har en øvre grense på {}; {} er brukt, {} gjenstår.", k.id, covers.get(l), nok(max, l), nok(used, l), nok(left, l)),
                        Lang::En => format!("Change clause «{}» ({}) has a maximum of {}; {} is used, {} is left.", k.id, covers.get(l), nok(max, l), nok(used, l), nok(left, l)),
                    });
                }
                None => {
                    g.reason = Text::from_fn(|l| match l {
                        Lang::Nb => format!("Endringsklausulen «{}» ({}) oppgir ingen øvre verdi; rommet følger av klausulens ordlyd, som verktøyet ikke kjenner.", k.id, covers.get(l)),
                        Lang::En => format!("Change clause «{}» ({}) states no maximum value; its room follows from its wording, which the tool does not know.", k.id, covers.get(l)),
                    });
                }
            }
            g
        })
        .collect()
}

fn cover_label(cover: ClauseCover) -> Text {
    match cover {
        ClauseCover::Volume => Text::new("volum", "volume"),
        ClauseCover::NewAuthorities => Text::new("nye oppdragsgivere", "new authorities"),
        ClauseCover::Term => Text::new("løpetid", "term"),
        ClauseCover::Price => Text::new("pris", "price"),
    }
}

/// § 28-1 (1) b: the largest further value strictly below both limits, given the cumulative
/// increases so far (legal-rules.md § 3; the same figures as `law::de_minimis`).
fn de_minimis(ctx: &Ctx) -> GroundRoom {
    let fig = &ctx.figures;
    let mut g = room(
        Ground::DeMinimis,
        "FOA § 28-1 (1) b",
        Basis::Objective,
        Text::new("", ""),
    );
    let Some(eea) = fig.eea_threshold else {
        g.reason = Text::new(
            "Terskelverditabellen har ingen verdier for datoen; rommet kan ikke beregnes.",
            "The thresholds table has no values for the date; the room cannot be computed.",
        );
        return g;
    };
    let lower = fig.de_minimis_limit.min(eea);
    let left = lower - fig.earlier_increase - ORE;
    if left >= Decimal::ZERO {
        g.room = Some(left);
        g.until = last_end_within(ctx.contract, |v| v + fig.earlier_increase < lower);
    }
    g.reason = Text::from_fn(|l| {
        let share = number(fig.de_minimis_percent, l);
        match (l, left >= Decimal::ZERO) {
            (Lang::Nb, true) => format!(
                "Den laveste grensen er {} ({share}\u{a0}% av {} og EØS-terskelverdien {}); tidligere endringer som teller med, utgjør {}. En ny endring må være lavere enn {}, altså høyst {}.",
                nok(lower, l),
                nok(fig.base_value, l),
                nok(eea, l),
                nok(fig.earlier_increase, l),
                nok(lower - fig.earlier_increase, l),
                nok(left, l)
            ),
            (Lang::En, true) => format!(
                "The lower limit is {} ({share}% of {} and the EEA threshold {}); earlier changes that count amount to {}. A new change must be lower than {}, so at most {}.",
                nok(lower, l),
                nok(fig.base_value, l),
                nok(eea, l),
                nok(fig.earlier_increase, l),
                nok(lower - fig.earlier_increase, l),
                nok(left, l)
            ),
            (Lang::Nb, false) => format!(
                "Tidligere endringer som teller med ({}), har brukt opp grensen på {}; de minimis-regelen gir ikke mer rom.",
                nok(fig.earlier_increase, l),
                nok(lower, l)
            ),
            (Lang::En, false) => format!(
                "Earlier changes that count ({}) have used up the limit of {}; the de minimis rule leaves no room.",
                nok(fig.earlier_increase, l),
                nok(lower, l)
            ),
        }
    });
    g
}

/// § 28-1 (1) c and d: at most 50 % of the base per change (inclusive, «ikke overstiger»).
fn fifty_percent(ctx: &Ctx) -> Vec<GroundRoom> {
    let fig = &ctx.figures;
    let cap = fig.cap_50;
    let mut c = room(
        Ground::AdditionalDeliveries,
        "FOA § 28-1 (1) c",
        Basis::Assessment,
        Text::new("", ""),
    );
    c.room = Some(cap);
    c.reason = Text::from_fn(|l| match l {
        Lang::Nb => format!(
            "Nødvendige tilleggsleveranser kan dekke en prisøkning på høyst {} (50\u{a0}% av {}) per endring, når skifte av leverandør ikke kan skje og ville gi betydelige ulemper; endringen må kunngjøres (§ 28-1 (3)), og grensen må ikke omgås ved å dele opp endringer.",
            nok(cap, l),
            nok(fig.base_value, l)
        ),
        Lang::En => format!(
            "Necessary additional deliveries can cover a price increase of at most {} (50% of {}) per change, where a change of supplier cannot be made and would cause significant inconvenience; the change must be published (§ 28-1 (3)), and the limit must not be circumvented by splitting changes.",
            nok(cap, l),
            nok(fig.base_value, l)
        ),
    });
    let mut d = room(
        Ground::Unforeseen,
        "FOA § 28-1 (1) d",
        Basis::Assessment,
        Text::new("", ""),
    );
    d.room = Some(cap);
    d.until = last_end_within(ctx.contract, |v| v <= cap);
    d.reason = Text::from_fn(|l| match l {
        Lang::Nb => format!(
            "Uforutsette omstendigheter kan dekke en prisøkning eller forlengelse verdt høyst {} per endring, når omstendigheten ikke kunne forutses ved kontraktsinngåelsen; endringen må kunngjøres (§ 28-1 (3)).",
            nok(cap, l)
        ),
        Lang::En => format!(
            "Unforeseen circumstances can cover a price increase or extension worth at most {} per change, where the circumstance could not be foreseen at signing; the change must be published (§ 28-1 (3)).",
            nok(cap, l)
        ),
    });
    vec![c, d]
}

/// § 28-1 (1) f: a price increase alone, cumulatively at most half the base, is a judgement.
fn not_substantial(ctx: &Ctx) -> GroundRoom {
    let fig = &ctx.figures;
    let left = (fig.cap_50 - fig.earlier_increase).max(Decimal::ZERO);
    let mut g = room(
        Ground::NotSubstantial,
        "FOA § 28-1 (1) f, jf. § 28-2",
        Basis::Assessment,
        Text::new("", ""),
    );
    g.room = Some(left);
    g.reason = Text::from_fn(|l| match l {
        Lang::Nb => format!(
            "Som ikke vesentlig endring kan en ren prisøkning vurderes opp til {} (samlet høyst halvparten av {}), men bare etter et skjønn; aldri når andre kommuners behov tas inn, ved forlengelse eller ved en § 28-2-markør.",
            nok(left, l),
            nok(fig.base_value, l)
        ),
        Lang::En => format!(
            "As a non-substantial change a price increase alone may be judged up to {} (cumulatively at most half of {}), but only on an assessment; never when other municipalities' needs are brought in, for an extension, or with a § 28-2 marker.",
            nok(left, l),
            nok(fig.base_value, l)
        ),
    });
    g
}

/// § 26-1 (4) / § 11-1 (4): four years from the start.
fn framework_duration(ctx: &Ctx) -> GroundRoom {
    let start = ctx.contract.start;
    let mut g = room(
        Ground::FrameworkDuration,
        "FOA § 26-1 (4)",
        Basis::Objective,
        Text::new("", ""),
    );
    g.until = start.pred_opt().and_then(|d| months_after(d, 48));
    let until = g.until.unwrap_or(start);
    g.reason = Text::from_fn(|l| match l {
        Lang::Nb => format!(
            "Rammeavtalen kan ikke løpe lenger enn fire år, til og med {}, uten særlige forhold (som verktøyet ikke kan vurdere).",
            date_long(until, l)
        ),
        Lang::En => format!(
            "The framework agreement may not run beyond four years, to {} inclusive, without special circumstances (which the tool cannot assess).",
            date_long(until, l)
        ),
    });
    g
}

/// Part I: the value including options plus every increase stays below the national threshold.
fn below_national_threshold(ctx: &Ctx) -> GroundRoom {
    let fig = &ctx.figures;
    let mut g = room(
        Ground::BelowNationalThreshold,
        "Anskaffelsesloven § 4; FOA § 5-1 (del I)",
        Basis::Objective,
        Text::new("", ""),
    );
    let Some(national) = fig.national_threshold else {
        g.reason = Text::new(
            "Den nasjonale terskelverdien er ukjent for datoen.",
            "The national threshold is unknown for the date.",
        );
        return g;
    };
    let used = fig.value_including_options + fig.earlier_increase;
    let left = national - used - ORE;
    if left >= Decimal::ZERO {
        g.room = Some(left);
        g.until = last_end_within(ctx.contract, |v| v + used < national);
    }
    g.reason = Text::from_fn(|l| match l {
        Lang::Nb => format!(
            "Kontraktens verdi medregnet opsjoner og tidligere økninger er {}; så lenge den holder seg under den nasjonale terskelverdien {}, kunne hele kontrakten vært inngått uten kunngjøring.",
            nok(used, l),
            nok(national, l)
        ),
        Lang::En => format!(
            "The contract's value including options and earlier increases is {}; as long as it stays below the national threshold {}, the whole contract could have been awarded without a notice.",
            nok(used, l),
            nok(national, l)
        ),
    });
    g
}

/// The latest new end whose extension value (valued as the engine values term) satisfies `ok`.
fn last_end_within(c: &Contract, ok: impl Fn(Decimal) -> bool) -> Option<NaiveDate> {
    let longest = (months_after(c.end, LONGEST_MONTHS)? - c.end).num_days();
    if !ok(c.term_value(1)) {
        return None;
    }
    // term_value grows with the days, so the largest day that still passes is found by halving.
    let (mut lo, mut hi) = (1_i64, longest);
    while lo < hi {
        let mid = lo + (hi - lo + 1) / 2;
        if ok(c.term_value(mid)) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    c.end.checked_add_signed(chrono::TimeDelta::days(lo))
}

/// Cautions that belong with the figures: estimates, circumvention of the 50 % limit, the
/// merger as an unforeseen circumstance.
fn notes(ctx: &Ctx) -> Vec<Text> {
    use crate::model::ModificationGround as M;
    let mut out = Vec::new();
    let fig = &ctx.figures;
    if ctx.contract.value_is_estimate {
        out.push(Text::new(
            "Kontraktsverdien er et estimat; rommet er regnet av estimatet.",
            "The contract value is an estimate; the room is computed from it.",
        ));
    }
    let earlier_cd = ctx.earlier_on(&[M::AdditionalDeliveries, M::Unforeseen]);
    if !earlier_cd.is_zero() {
        out.push(Text::from_fn(|l| match l {
            Lang::Nb => format!("Kontrakten er allerede endret for {} etter bokstav c eller d. 50 %-grensen gjelder hver endring, men endringer må ikke foretas for å omgå forskriften; flere endringer på samme grunnlag som til sammen går over {} bør begrunnes særskilt.", nok(earlier_cd, l), nok(fig.cap_50, l)),
            Lang::En => format!("The contract has already been changed by {} under (c) or (d). The 50% limit applies per change, but changes must not be made to circumvent the regulation; several changes on the same ground that together exceed {} need a specific justification.", nok(earlier_cd, l), nok(fig.cap_50, l)),
        }));
    }
    if let Some(m) = ctx.merger
        && ctx.contract.award.signed >= m.foreseeable_from()
    {
        out.push(Text::from_fn(|l| match l {
            Lang::Nb => format!("Kontrakten ble signert {}, etter at sammenslåingen var påregnelig ({}); sammenslåingen selv kan ikke begrunne en endring etter bokstav d.", date_long(ctx.contract.award.signed, l), date_long(m.foreseeable_from(), l)),
            Lang::En => format!("The contract was signed on {}, after the merger became foreseeable ({}); the merger itself cannot justify a change under (d).", date_long(ctx.contract.award.signed, l), date_long(m.foreseeable_from(), l)),
        }));
    }
    let unexercised = ctx
        .contract
        .options
        .iter()
        .filter(|o| o.kind == OptionKind::Extension && !o.exercised)
        .count();
    if unexercised > 1 {
        let all = ctx.contract.end_with_options();
        out.push(Text::from_fn(|l| match l {
            Lang::Nb => format!("Forlengelsesopsjonene utløses én om gangen, hver som sin egen endring; til sammen kan de forlenge kontrakten til {}.", date_long(all, l)),
            Lang::En => format!("The extension options are exercised one at a time, each as a change of its own; together they can extend the contract to {}.", date_long(all, l)),
        }));
    }
    out.push(Text::new(
        "Rommet gjelder én endring med bare prisøkning eller forlengelse; grunnlagene kan ikke legges sammen for samme økning. Tar endringen inn andre kommuners behov, gjelder samme rom for økningen, men en rammeavtale krever da en klausul som åpner for nye oppdragsgivere (§ 26-1 (3)).",
        "The room is for one change with only a price increase or an extension; grounds cannot be added together for one increase. Where the change brings in other municipalities' needs, the same room applies to the increase, but a framework agreement then needs a clause admitting new authorities (§ 26-1 (3)).",
    ));
    out
}

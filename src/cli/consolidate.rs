//! `vesentlig consolidate`: for every need served by overlapping contracts of the merging
//! municipalities, which contract to keep (or a new common tender), ranked, as a table or JSON.

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::NaiveDate;
use serde::Serialize;

use super::args::{AssessFormat, ConsolidateArgs};
use crate::analysis::consolidation::{self, Alternative, AlternativeKind, Group, GroupBasis};
use crate::assessment::Recommendation;
use crate::law::labels;
use crate::text::{Lang, date_short, nok};

pub fn run(args: &ConsolidateArgs) -> ExitCode {
    let (loaded, config) = match super::load_with_config(&args.portfolio) {
        Ok(both) => both,
        Err(code) => return code,
    };
    if loaded.portfolio.merger.is_none() {
        eprintln!(
            "note: the portfolio has no merger.json; there are no merging municipalities whose contracts could be consolidated"
        );
    }
    let groups = consolidation::analyse(&consolidation::Input {
        portfolio: &loaded.portfolio,
        thresholds: &loaded.thresholds,
        config: &config,
        date: super::today_or(args.date),
    });
    super::print_out(&match args.format {
        AssessFormat::Json => json(&groups, args.lang),
        AssessFormat::Table => table(&groups, args.lang),
    })
}

/// `{"groups": [...]}`: the keys of the issue first, in order, then the extra keys.
pub fn json(groups: &[Group], lang: Lang) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        groups: Vec<JsonGroup<'a>>,
    }
    let doc = Doc {
        groups: groups.iter().map(|g| JsonGroup::new(g, lang)).collect(),
    };
    crate::text::pretty_json(&doc)
}

#[derive(Serialize)]
struct JsonGroup<'a> {
    group: &'a str,
    contracts: Vec<&'a str>,
    alternatives: Vec<JsonAlternative<'a>>,
    recommended: Option<usize>,
    // Extra keys.
    basis: GroupBasis,
    members: Vec<JsonMember<'a>>,
    reasons: Vec<&'a str>,
}

impl<'a> JsonGroup<'a> {
    fn new(g: &'a Group, lang: Lang) -> Self {
        Self {
            group: &g.group,
            contracts: g.contracts().collect(),
            alternatives: g
                .alternatives
                .iter()
                .map(|a| JsonAlternative::new(a, lang))
                .collect(),
            recommended: g.recommended,
            basis: g.basis,
            members: g
                .members
                .iter()
                .map(|m| JsonMember {
                    contract: &m.contract,
                    municipalities: &m.municipalities,
                    annual_value: amount(m.annual_value),
                    annual_value_given: m.annual_value_given,
                    end: m.end,
                    earliest_end: m.earliest_end.last_day,
                    earliest_end_by: m.earliest_end.by,
                    notice_by: m.earliest_end.notice_by,
                    accession: m.accession,
                    exposure_at_merger: amount(m.exposure_at_merger),
                })
                .collect(),
            reasons: g.reasons.iter().map(|r| r.get(lang)).collect(),
        }
    }
}

#[derive(Serialize)]
struct JsonMember<'a> {
    contract: &'a str,
    municipalities: &'a [String],
    annual_value: String,
    annual_value_given: bool,
    end: NaiveDate,
    earliest_end: NaiveDate,
    earliest_end_by: crate::analysis::termination::EndBy,
    notice_by: Option<NaiveDate>,
    accession: NaiveDate,
    exposure_at_merger: String,
}

#[derive(Serialize)]
struct JsonAlternative<'a> {
    kind: AlternativeKind,
    keep: Option<&'a str>,
    recommendation: Recommendation,
    exposure: String,
    one_contract_from: Option<NaiveDate>,
    reasons: Vec<&'a str>,
    // Extra keys.
    rank: usize,
    change: Option<JsonChange<'a>>,
    latest_start: Option<NaiveDate>,
    latest_notice: Option<NaiveDate>,
}

#[derive(Serialize)]
struct JsonChange<'a> {
    date: NaiveDate,
    value_change: String,
    new_end: Option<NaiveDate>,
    add_authorities: &'a [String],
    with_options_until: Option<NaiveDate>,
    grounds: &'a [crate::assessment::Ground],
}

impl<'a> JsonAlternative<'a> {
    fn new(a: &'a Alternative, lang: Lang) -> Self {
        Self {
            kind: a.kind,
            keep: a.keep.as_deref(),
            recommendation: a.recommendation,
            exposure: amount(a.exposure),
            one_contract_from: a.one_contract_from,
            reasons: a.reasons.iter().map(|r| r.get(lang)).collect(),
            rank: a.rank,
            change: a.change.as_ref().map(|c| JsonChange {
                date: c.date,
                value_change: amount(c.value_change),
                new_end: c.new_end,
                add_authorities: &c.add_authorities,
                with_options_until: c.with_options_until,
                grounds: &c.assessment.grounds,
            }),
            latest_start: a.tender.as_ref().map(|t| t.latest_start.date),
            latest_notice: a.tender.as_ref().map(|t| t.latest_notice.date),
        }
    }
}

use super::amount;
use crate::render::labels::tr;

/// The terminal table: per group its contracts, then each alternative in rank order.
pub fn table(groups: &[Group], lang: Lang) -> String {
    let mut out = String::new();
    for g in groups {
        let _ = writeln!(
            out,
            "{} ({})",
            g.group,
            g.contracts().collect::<Vec<_>>().join(", ")
        );
        for m in &g.members {
            let _ = writeln!(
                out,
                "  {}: {} {}{}, {} {}; {} {}",
                m.contract,
                tr(lang, "årlig", "annual"),
                nok(m.annual_value, lang),
                if m.annual_value_given {
                    String::new()
                } else {
                    tr(lang, " (beregnet)", " (derived)")
                },
                tr(lang, "kan tidligst avsluttes", "can end at the earliest"),
                date_short(m.earliest_end.last_day, lang),
                tr(
                    lang,
                    "eksponering ved sammenslåingen",
                    "exposure at the merger"
                ),
                nok(m.exposure_at_merger, lang)
            );
        }
        let mut ranked: Vec<&Alternative> = g.alternatives.iter().collect();
        ranked.sort_by_key(|a| a.rank);
        for a in ranked {
            let what = match (a.kind, a.keep.as_deref()) {
                (AlternativeKind::Keep, Some(k)) => format!("{} {k}", tr(lang, "behold", "keep")),
                _ => tr(lang, "ny felles konkurranse", "new common tender").to_owned(),
            };
            let _ = writeln!(
                out,
                "  {}. {what}: {} · {} {} · {} {}",
                a.rank,
                labels::recommendation(a.recommendation)
                    .get(lang)
                    .to_uppercase(),
                tr(lang, "eksponering", "exposure"),
                nok(a.exposure, lang),
                tr(lang, "én kontrakt fra", "one contract from"),
                a.one_contract_from
                    .map_or_else(|| "–".to_owned(), |d| date_short(d, lang))
            );
            for r in &a.reasons {
                let _ = writeln!(out, "       - {}", r.get(lang));
            }
        }
        for r in &g.reasons {
            let _ = writeln!(out, "  => {}", r.get(lang));
        }
        out.push('\n');
    }
    out
}

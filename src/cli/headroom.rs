//! `vesentlig headroom`: how far each contract can still be changed on a date without a new
//! competition, per ground and in the two headline figures, as a table or as JSON.

use std::fmt::Write as _;
use std::process::ExitCode;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::args::{AssessFormat, HeadroomArgs};
use crate::analysis::headroom::{self, GroundRoom, Headroom, Reach};
use crate::assessment::{Basis, Ground};
use crate::law::labels;
use crate::text::{Lang, date_long, date_short, nok};

pub fn run(args: &HeadroomArgs) -> ExitCode {
    let loaded = match super::load_for(&args.portfolio, &args.contracts) {
        Ok(loaded) => loaded,
        Err(code) => return code,
    };
    let portfolio = &loaded.portfolio;
    let date = super::today_or(args.date);
    let rooms: Vec<Headroom> = portfolio
        .contracts
        .iter()
        .filter(|c| args.contracts.is_empty() || args.contracts.contains(&c.id))
        .map(|c| headroom::headroom(c, portfolio.merger.as_ref(), &loaded.thresholds, date))
        .collect();
    super::print_out(&match args.format {
        AssessFormat::Json => json(&rooms, args.lang),
        AssessFormat::Table => table(&rooms, args.lang),
    })
}

/// `{"headroom": [...]}`: the keys of the issue first, in order, then the extra keys.
pub fn json(rooms: &[Headroom], lang: Lang) -> String {
    #[derive(Serialize)]
    struct Doc<'a> {
        headroom: Vec<JsonHeadroom<'a>>,
    }
    let doc = Doc {
        headroom: rooms.iter().map(|h| JsonHeadroom::new(h, lang)).collect(),
    };
    crate::text::pretty_json(&doc)
}

#[derive(Serialize)]
struct JsonHeadroom<'a> {
    contract: &'a str,
    date: NaiveDate,
    continue_up_to: Option<String>,
    intention_notice_up_to: Option<String>,
    grounds: Vec<JsonGround<'a>>,
    // Extra keys.
    part: crate::model::Part,
    contract_ended: Option<NaiveDate>,
    continue_unlimited: bool,
    intention_notice_unlimited: bool,
    continue_by: Option<Ground>,
    continue_until: Option<NaiveDate>,
    intention_notice_until: Option<NaiveDate>,
    notes: Vec<&'a str>,
}

impl<'a> JsonHeadroom<'a> {
    fn new(h: &'a Headroom, lang: Lang) -> Self {
        Self {
            contract: &h.contract,
            date: h.date,
            continue_up_to: h.continue_up_to.value().map(amount),
            intention_notice_up_to: h.intention_notice_up_to.value().map(amount),
            grounds: h.grounds.iter().map(|g| JsonGround::new(g, lang)).collect(),
            part: h.part,
            contract_ended: h.contract_ended,
            continue_unlimited: h.continue_up_to == Reach::Unlimited,
            intention_notice_unlimited: h.intention_notice_up_to == Reach::Unlimited,
            continue_by: h.continue_by,
            continue_until: h.continue_until.value(),
            intention_notice_until: h.intention_notice_until.value(),
            notes: h.notes.iter().map(|n| n.get(lang)).collect(),
        }
    }
}

#[derive(Serialize)]
struct JsonGround<'a> {
    ground: Ground,
    provision: &'a str,
    room: Option<String>,
    until: Option<NaiveDate>,
    // Extra keys.
    id: Option<&'a str>,
    basis: Basis,
    reason: &'a str,
}

impl<'a> JsonGround<'a> {
    fn new(g: &'a GroundRoom, lang: Lang) -> Self {
        Self {
            ground: g.ground,
            provision: g.provision,
            room: g.room.map(amount),
            until: g.until,
            id: g.id.as_deref(),
            basis: g.basis,
            reason: g.reason.get(lang),
        }
    }
}

use super::amount;
use crate::render::labels::tr;

/// The terminal table: per contract the two headline answers, then the room per ground.
pub fn table(rooms: &[Headroom], lang: Lang) -> String {
    let mut out = String::new();
    for h in rooms {
        let _ = writeln!(
            out,
            "{} · {} · {} {}",
            h.contract,
            date_short(h.date, lang),
            tr(lang, "del", "part"),
            crate::render::labels::part(h.part)
        );
        if let Some(end) = h.contract_ended {
            let _ = writeln!(
                out,
                "  {} {}.\n",
                tr(lang, "Kontrakten utløp", "The contract ended on"),
                date_long(end, lang)
            );
            continue;
        }
        headline(&mut out, h, lang);
        for g in &h.grounds {
            let name = labels::ground(g.ground);
            let id = g.id.as_ref().map(|i| format!(" «{i}»")).unwrap_or_default();
            let _ = writeln!(
                out,
                "    {}{id} ({}): {}",
                name.get(lang),
                labels::provision(g.provision, lang),
                g.reason.get(lang)
            );
        }
        for n in &h.notes {
            let _ = writeln!(out, "  ! {}", n.get(lang));
        }
        out.push('\n');
    }
    out
}

fn headline(out: &mut String, h: &Headroom, lang: Lang) {
    let by = h
        .continue_by
        .map(|g| format!(" ({})", labels::ground(g).get(lang)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "  {}: {}{by}; {}",
        tr(lang, "Uten ny konkurranse", "Without a new competition"),
        price(h.continue_up_to, lang),
        term(h.continue_until, lang)
    );
    let _ = writeln!(
        out,
        "  {}: {}; {}",
        tr(
            lang,
            "Med intensjonskunngjøring (vilkårene i bokstav c/d forutsatt)",
            "With an intention notice (the facts of (c)/(d) assumed)"
        ),
        price(h.intention_notice_up_to, lang),
        term(h.intention_notice_until, lang)
    );
    let _ = writeln!(
        out,
        "  {}",
        tr(
            lang,
            "Utover dette: ny konkurranse. Rom per grunnlag:",
            "Beyond that: a new competition. Room per ground:"
        )
    );
}

fn price(r: Reach<Decimal>, lang: Lang) -> String {
    match r {
        Reach::UpTo(v) if v.is_zero() => {
            tr(lang, "ingen prisøkning", "no price increase").to_owned()
        }
        Reach::UpTo(v) => format!(
            "{} {}",
            tr(lang, "prisøkning inntil", "price increase up to"),
            nok(v, lang)
        ),
        Reach::Unlimited => tr(
            lang,
            "prisøkning uten øvre grense i klausulen",
            "price increase without a maximum in the clause",
        )
        .to_owned(),
        Reach::None => tr(lang, "ingen endring", "no change").to_owned(),
    }
}

fn term(r: Reach<NaiveDate>, lang: Lang) -> String {
    match r {
        Reach::UpTo(d) => format!(
            "{} {}",
            tr(lang, "forlengelse til", "extension to"),
            date_long(d, lang)
        ),
        Reach::Unlimited => tr(
            lang,
            "forlengelse uten øvre grense i klausulen",
            "extension without a maximum in the clause",
        )
        .to_owned(),
        Reach::None => tr(lang, "ingen forlengelse", "no extension").to_owned(),
    }
}

//! Change clauses (endringsklausuler), FOA § 28-1 (1) a and § 19-1 (2).
//!
//! > § 28-1 (1) a: endringer som foretas etter en endringsklausul som nevnt i § 19-1 annet ledd;
//! >
//! > § 19-1 (2): Oppdragsgiveren kan fastsette endringsklausuler, for eksempel
//! > prisindeksklausuler eller opsjoner. Endringsklausulene skal angis i anskaffelsesdokumentene,
//! > og det skal fremgå klart hvilke endringer oppdragsgiveren kan foreta, i hvilket omfang og på
//! > hvilke vilkår. Endringsklausulene kan ikke åpne for at anskaffelsens overordnede karakter
//! > blir endret.
//!
//! Objective. Covers the elements the clause names (volume → price increase, term → term
//! extension and postponed start, new_authorities → joining authorities, price → price terms in
//! the supplier's favour), within `max_value` counted with earlier modifications under the same clause, and
//! only when the clause is clear, precise and unequivocal. Never covers new kinds of
//! deliveries. For a framework agreement, new authorities only with a `max_value` (C-216/17).

use rust_decimal::Decimal;

use crate::assessment::{Basis, Element, Ground, Outcome};
use crate::model::{ChangeClause, ClauseCover};
use crate::text::{Lang, Text, nok};

use super::{Ctx, Finding, labels};

pub(crate) const PROVISION: &str = "FOA § 28-1 (1) a, jf. § 19-1 (2)";

pub(crate) fn test(ctx: &Ctx) -> Finding {
    let mut f = Finding::new(Ground::ChangeClause, PROVISION, Basis::Objective).code("mod-rev");
    let Some(id) = &ctx.change.under_clause else {
        let mut f = f.not_applicable(Text::new(
            "Endringen viser ikke til noen endringsklausul.",
            "The change does not rely on a change clause.",
        ));
        unnamed_clauses(ctx, &mut f);
        return f;
    };
    let Some(clause) = ctx.contract.clause(id) else {
        f.outcome(Outcome::Fail).reason(say!(
            |l| "Kontrakten har ingen endringsklausul «{id}».",
            "The contract has no change clause «{id}»."
        ));
        return f;
    };
    if !clause.clear_precise_unequivocal {
        f.outcome(Outcome::Fail).reason(say!(|l| "Endringsklausulen «{}» angir ikke klart, presist og entydig hvilke endringer som kan foretas, i hvilket omfang og på hvilke vilkår (§ 19-1 (2)); den kan ikke brukes som grunnlag.", "Change clause «{}» does not state clearly, precisely and unequivocally which changes may be made, to what extent and on which conditions (§ 19-1 (2)); it cannot be relied on.", clause.id));
        return f;
    }
    let covered = covered_elements(ctx, clause, &mut f);
    if ctx.has(Element::NewKindsOfDeliveries) {
        f.reason(Text::new(
            "En endringsklausul kan ikke åpne for at anskaffelsens overordnede karakter endres (§ 19-1 (2) siste punktum); nye typer leveranser dekkes ikke.",
            "A change clause cannot allow the overall nature of the procurement to change (§ 19-1 (2) last sentence); new kinds of deliveries are not covered.",
        ));
    }
    if covered.is_empty() {
        f.outcome(Outcome::Fail).reason(say!(
            |l| "Endringsklausulen «{}» omfatter ingen av endringens elementer.",
            "Change clause «{}» covers none of the elements of the change.",
            clause.id
        ));
        return f;
    }
    if !within_max_value(ctx, clause, &covered, &mut f) {
        f.outcome(Outcome::Fail);
        return f;
    }
    f.outcome(Outcome::Pass).reason(say!(
        |l| "Endringsklausulen «{id}» er klar, presis og entydig og dekker {names}.",
        "Change clause «{id}» is clear, precise and unequivocal and covers {names}.",
        id = clause.id,
        names = labels::elements(&covered).get(l)
    ));
    f.offer(covered, Basis::Objective);
    f
}

/// The elements of the change that the clause names.
fn covered_elements(ctx: &Ctx, clause: &ChangeClause, f: &mut Finding) -> Vec<Element> {
    let mut out = Vec::new();
    let elements = clause.covers.iter().flat_map(|cover| match cover {
        ClauseCover::Volume => &[Element::PriceIncrease][..],
        // A clause on the term covers moving it: later (extension) or later as a whole
        // (postponed start, legal-rules.md § 3 element 8).
        ClauseCover::Term => &[Element::TermExtension, Element::PostponedStart][..],
        ClauseCover::NewAuthorities => &[Element::JoiningAuthorities][..],
        ClauseCover::Price => &[Element::PriceTermsFavourSupplier][..],
    });
    for &element in elements {
        if !ctx.has(element) {
            continue;
        }
        if element == Element::JoiningAuthorities
            && ctx.is_framework()
            && clause.max_value.is_none()
        {
            // C-216/17 Coopservice: extending a framework to other authorities needs a fixed quantity.
            f.reason(Text::new(
                "Klausulen åpner for nye oppdragsgivere i en rammeavtale uten en øvre verdi; det er ikke tillatt (C-216/17 Coopservice), så de nye oppdragsgiverne dekkes ikke.",
                "The clause admits new authorities to a framework agreement without a maximum value; that is not allowed (C-216/17 Coopservice), so the joining authorities are not covered.",
            ));
            continue;
        }
        if !out.contains(&element) {
            out.push(element);
        }
    }
    out.sort();
    out
}

/// The increase the clause is asked to carry: the price increase when it covers volume or new
/// authorities (whose needs bring the increase), and the term-extension value when it covers term.
fn amount_under_clause(ctx: &Ctx, covered: &[Element]) -> Decimal {
    let mut amount = Decimal::ZERO;
    if covered.contains(&Element::PriceIncrease) || covered.contains(&Element::JoiningAuthorities) {
        amount += ctx.price_increase();
    }
    if covered.contains(&Element::TermExtension) {
        amount += ctx.figures.term_extension_value.unwrap_or_default();
    }
    amount
}

/// `max_value`, counted with earlier modifications made under the same clause.
fn within_max_value(
    ctx: &Ctx,
    clause: &ChangeClause,
    covered: &[Element],
    f: &mut Finding,
) -> bool {
    let Some(max) = clause.max_value else {
        return true;
    };
    let earlier: Decimal = ctx
        .contract
        .modifications
        .iter()
        .filter(|m| m.clause.as_deref() == Some(clause.id.as_str()))
        .map(|m| m.value_change.max(Decimal::ZERO))
        .sum();
    let now = amount_under_clause(ctx, covered);
    let total = earlier + now;
    let ok = total <= max;
    f.reason(Text::from_fn(|l| match l {
        Lang::Nb => format!(
            "Tidligere endringer etter klausulen utgjør {}; med denne endringen ({}) blir summen {}, som {} klausulens øvre grense {}.",
            nok(earlier, l),
            nok(now, l),
            nok(total, l),
            if ok { "ikke overstiger" } else { "overstiger" },
            nok(max, l)
        ),
        Lang::En => format!(
            "Earlier changes under the clause amount to {}; with this change ({}) the total is {}, which {} the clause's maximum {}.",
            nok(earlier, l),
            nok(now, l),
            nok(total, l),
            if ok { "does not exceed" } else { "exceeds" },
            nok(max, l)
        ),
    }));
    ok
}

/// Points out a clear clause the change does not name that names one of its elements.
fn unnamed_clauses(ctx: &Ctx, f: &mut Finding) {
    for clause in ctx
        .contract
        .change_clauses
        .iter()
        .filter(|c| c.clear_precise_unequivocal)
    {
        let mut probe = Finding::new(Ground::ChangeClause, PROVISION, Basis::Objective);
        let covered = covered_elements(ctx, clause, &mut probe);
        if !covered.is_empty() && within_max_value(ctx, clause, &covered, &mut probe) {
            f.warn(say!(|l| "Kontrakten har endringsklausulen «{}», som ser ut til å kunne dekke deler av endringen, men endringen viser ikke til den. Vurder om endringen skal gjøres etter klausulen.", "The contract has change clause «{}», which appears able to cover part of the change, but the change does not rely on it. Consider making the change under the clause.", clause.id));
        }
    }
}

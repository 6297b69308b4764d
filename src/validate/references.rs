//! Cross-references: options and change clauses named by changes and modifications, and
//! municipality ids named as authorities.

use super::{MergerState, Validator, check_org_no};
use crate::model::{AuthorityRef, Contract};

pub(super) fn check(v: &mut Validator, c: &Contract, merger: MergerState<'_>) {
    check_authorities(v, c, merger);
    for (i, m) in c.modifications.iter().enumerate() {
        if let Some(id) = &m.clause {
            check_clause(v, c, &|| format!(".modifications[{i}].clause"), id);
        }
    }
    for (i, p) in c.proposed_changes.iter().enumerate() {
        let at = || format!(".proposed_changes[{i}]");
        if let Some(use_) = &p.exercise_option
            && c.option(&use_.id).is_none()
        {
            v.error(
                &c.origin,
                &format!("{}.exercise_option.id", at()),
                format!("no option \"{}\" in contract \"{}\"", use_.id, c.id),
                one_of(
                    "the id of one of the contract's options",
                    c.options.iter().map(|o| o.id.as_str()),
                ),
            );
        }
        if let Some(id) = &p.under_clause {
            check_clause(v, c, &|| format!("{}.under_clause", at()), id);
        }
        for (j, a) in p.add_authorities.iter().enumerate() {
            check_authority(
                v,
                c,
                merger,
                &|| format!("{}.add_authorities[{j}]", at()),
                a,
            );
        }
        if let Some(s) = &p.new_supplier {
            check_org_no(
                v,
                &c.origin,
                &|| format!("{}.new_supplier.org_no", at()),
                s.org_no.as_deref(),
            );
        }
    }
}

fn check_authorities(v: &mut Validator, c: &Contract, merger: MergerState<'_>) {
    if c.authorities.is_empty() {
        v.error(
            &c.origin,
            ".authorities",
            "no contracting authority".to_owned(),
            "list the original contracting authorities: a municipality id from merger.json, or { \"name\", \"org_no\" } for an authority outside the merger".to_owned(),
        );
    }
    for (i, a) in c.authorities.iter().enumerate() {
        check_authority(v, c, merger, &|| format!(".authorities[{i}]"), a);
    }
    check_org_no(
        v,
        &c.origin,
        &|| ".supplier.org_no".into(),
        c.supplier.org_no.as_deref(),
    );
}

/// A municipality id must name a merger municipality; an authority outside the merger needs
/// only a valid organisation number, if it gives one.
fn check_authority(
    v: &mut Validator,
    c: &Contract,
    merger: MergerState<'_>,
    at: &dyn Fn() -> String,
    a: &AuthorityRef,
) {
    match a {
        AuthorityRef::Municipality(id) => check_municipality(v, c, merger, at, id),
        AuthorityRef::External(p) => check_org_no(
            v,
            &c.origin,
            &|| format!("{}.org_no", at()),
            p.org_no.as_deref(),
        ),
    }
}

fn check_clause(v: &mut Validator, c: &Contract, suffix: &dyn Fn() -> String, id: &str) {
    if c.clause(id).is_none() {
        v.error(
            &c.origin,
            &suffix(),
            format!("no change clause \"{id}\" in contract \"{}\"", c.id),
            one_of(
                "the id of one of the contract's change clauses",
                c.change_clauses.iter().map(|k| k.id.as_str()),
            ),
        );
    }
}

fn check_municipality(
    v: &mut Validator,
    c: &Contract,
    merger: MergerState<'_>,
    suffix: &dyn Fn() -> String,
    id: &str,
) {
    match merger {
        MergerState::Unreadable => {}
        MergerState::Absent => v.error(
            &c.origin,
            &suffix(),
            format!("municipality \"{id}\" named, but the portfolio has no merger.json"),
            "a string names a municipality of merger.json: add merger.json, or write an authority outside the merger as { \"name\", \"org_no\" }".to_owned(),
        ),
        MergerState::Loaded(m, ids) => {
            if !ids.contains(id) {
                v.error(
                    &c.origin,
                    &suffix(),
                    format!("no municipality \"{id}\" in merger.json"),
                    one_of(
                        "the id of a municipality in merger.json",
                        m.municipalities.iter().map(|x| x.id.as_str()),
                    ),
                );
            }
        }
    }
}

/// "expected X: one of "a", "b"" — or that there are none.
fn one_of<'a>(what: &str, ids: impl Iterator<Item = &'a str>) -> String {
    let mut ids: Vec<String> = ids.map(|i| format!("\"{i}\"")).collect();
    ids.dedup();
    if ids.is_empty() {
        format!("expected {what}, but it has none")
    } else {
        format!("expected {what}: {}", ids.join(", "))
    }
}

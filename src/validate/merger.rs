//! `merger.json`: municipality ids, organisation numbers, the continuing municipality, and
//! the order of the merger's dates.

use super::{Validator, check_org_no, ids};
use crate::model::{Merger, MergerForm};

pub(super) fn check(v: &mut Validator, m: &Merger) {
    let o = &m.origin;
    check_org_no(v, o, &|| ".org_no".into(), m.org_no.as_deref());
    let municipality_ids = m.municipalities.iter().map(|x| x.id.as_str());
    ids::unique(v, o, ".municipalities", "municipality", municipality_ids);
    for (i, x) in m.municipalities.iter().enumerate() {
        check_org_no(
            v,
            o,
            &|| format!(".municipalities[{i}].org_no"),
            x.org_no.as_deref(),
        );
    }
    if m.municipalities.len() < 2 {
        v.error(
            o,
            ".municipalities",
            format!("a merger of {} municipality", m.municipalities.len()),
            "list every merging municipality (at least two), each { \"id\", \"name\", \"org_no\", \"continues\" }".to_owned(),
        );
    }
    check_continuing(v, m);
    check_dates(v, m);
}

/// Annexation: exactly one municipality continues. New entity: none does — every old
/// municipality ceases and the merged one is a new legal person (seed ch. 6.4).
fn check_continuing(v: &mut Validator, m: &Merger) {
    let continuing: Vec<usize> = m
        .municipalities
        .iter()
        .enumerate()
        .filter(|(_, x)| x.continues)
        .map(|(i, _)| i)
        .collect();
    match (m.form, continuing.as_slice()) {
        (MergerForm::Annexation, [_]) | (MergerForm::NewEntity, []) => {}
        (MergerForm::Annexation, []) => v.error(
            &m.origin,
            ".form",
            "an annexation where no municipality continues".to_owned(),
            "with \"form\": \"annexation\", set \"continues\": true on the one municipality that keeps its name and organisation number; if none does, the form is \"new_entity\"".to_owned(),
        ),
        (MergerForm::Annexation, [_, rest @ ..]) => {
            for &i in rest {
                v.error(
                    &m.origin,
                    &format!(".municipalities[{i}].continues"),
                    format!("a second continuing municipality in an annexation ({} in all)", continuing.len()),
                    "with \"form\": \"annexation\", exactly one municipality has \"continues\": true".to_owned(),
                );
            }
        }
        (MergerForm::NewEntity, some) => {
            for &i in some {
                v.error(
                    &m.origin,
                    &format!(".municipalities[{i}].continues"),
                    "a continuing municipality in a merger that forms a new entity".to_owned(),
                    "with \"form\": \"new_entity\" every old municipality ceases: remove \"continues\": true, or use \"form\": \"annexation\" if this municipality keeps its name and organisation number".to_owned(),
                );
            }
        }
    }
}

/// Exploration, decision and merger follow each other: explored_from ≤ decided ≤ effective.
fn check_dates(v: &mut Validator, m: &Merger) {
    if let Some(explored) = m.explored_from
        && explored > m.decided
    {
        v.error(
            &m.origin,
            ".explored_from",
            format!(
                "exploration began {explored}, after the merger was decided ({})",
                m.decided
            ),
            "`explored_from` is on or before `decided`".to_owned(),
        );
    }
    if m.decided > m.effective {
        v.error(
            &m.origin,
            ".effective",
            format!(
                "the merger takes effect {}, before it was decided ({})",
                m.effective, m.decided
            ),
            "`effective` is on or after `decided`".to_owned(),
        );
    }
}

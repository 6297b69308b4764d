//! Ids: `[A-Za-z0-9._-]+`, unique in the portfolio (contracts), within a contract (options,
//! change clauses, proposed changes) or within the merger (municipalities).

use std::collections::HashMap;

use super::Validator;
use crate::diagnostics::display_path;
use crate::model::{Contract, Origin, Portfolio};

/// What a valid id looks like, for help texts.
pub(super) const ID_RULE: &str =
    "ids use only letters A–Z a–z, digits, `.`, `_` and `-` (no spaces), e.g. \"lonn-2019\"";

/// Whether `id` matches `[A-Za-z0-9._-]+`.
pub(super) fn is_valid(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-'))
}

/// Reports an id that does not match the id pattern.
pub(super) fn check_format(
    v: &mut Validator,
    origin: &Origin,
    suffix: &dyn Fn() -> String,
    what: &str,
    id: &str,
) {
    if !is_valid(id) {
        v.error(
            origin,
            &suffix(),
            format!("invalid {what} id {id:?}"),
            ID_RULE.to_owned(),
        );
    }
}

/// Contract ids are unique across all files of the portfolio.
pub(super) fn check_contract_ids(v: &mut Validator, portfolio: &Portfolio) {
    let mut seen: HashMap<&str, &Origin> = HashMap::with_capacity(portfolio.contracts.len());
    for c in &portfolio.contracts {
        check_format(v, &c.origin, &|| ".id".into(), "contract", &c.id);
        if let Some(first) = seen.get(c.id.as_str()) {
            v.error(
                &c.origin,
                ".id",
                format!("duplicate contract id \"{}\"", c.id),
                format!(
                    "contract ids must be unique in the portfolio; \"{}\" is already used in {} at {}",
                    c.id,
                    display_path(&first.file),
                    first.field(".id")
                ),
            );
        } else {
            seen.insert(&c.id, &c.origin);
        }
    }
}

/// Option, change-clause and proposed-change ids: well-formed and unique within the contract.
pub(super) fn check_within_contract(v: &mut Validator, c: &Contract) {
    let (o, origin) = (&c.options, &c.origin);
    unique(
        v,
        origin,
        ".options",
        "option",
        o.iter().map(|o| o.id.as_str()),
    );
    let k = &c.change_clauses;
    unique(
        v,
        origin,
        ".change_clauses",
        "change clause",
        k.iter().map(|k| k.id.as_str()),
    );
    let p = &c.proposed_changes;
    unique(
        v,
        origin,
        ".proposed_changes",
        "proposed change",
        p.iter().map(|p| p.id.as_str()),
    );
}

/// Checks the ids of the array at `suffix`, reporting each later duplicate.
pub(super) fn unique<'a>(
    v: &mut Validator,
    origin: &Origin,
    suffix: &str,
    what: &str,
    ids: impl Iterator<Item = &'a str> + Clone,
) {
    for (i, id) in ids.clone().enumerate() {
        let at = || format!("{suffix}[{i}].id");
        check_format(v, origin, &at, what, id);
        if let Some(first) = ids.clone().take(i).position(|x| x == id) {
            v.error(
                origin,
                &at(),
                format!("duplicate {what} id \"{id}\""),
                format!(
                    "{what} ids must be unique within the {}; \"{id}\" is already used at {}",
                    if what == "municipality" {
                        "merger"
                    } else {
                        "contract"
                    },
                    origin.field(&format!("{suffix}[{first}].id"))
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_valid;

    #[test]
    fn id_pattern() {
        assert!(is_valid("a-lonn_2015.v2"));
        assert!(!is_valid(""));
        assert!(!is_valid("a b"));
        assert!(!is_valid("lønn"));
    }
}

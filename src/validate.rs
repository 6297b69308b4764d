//! Checks beyond types: references resolve, facts agree with each other, ids are unique.
//! Every problem found is returned; nothing stops at the first.

use crate::diagnostics::{Diagnostic, Sources};
use crate::model::Portfolio;

/// All consistency problems of a loaded portfolio.
pub fn validate(portfolio: &Portfolio, _sources: &Sources) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeMap::new();
    for c in &portfolio.contracts {
        if let Some(first) = seen.insert(c.id.as_str(), &c.origin) {
            out.push(
                Diagnostic::new(
                    &c.origin.file,
                    c.origin.field(".id"),
                    format!("duplicate contract id `{}`", c.id),
                )
                .help(format!(
                    "contract ids must be unique in the portfolio; `{}` is also used in {}",
                    c.id,
                    crate::diagnostics::display_path(&first.file)
                )),
            );
        }
    }
    out
}

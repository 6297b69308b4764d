//! The plan as CSV for Excel: semicolon-separated (Excel's default in Norwegian locales),
//! UTF-8 with a byte-order mark so Excel reads «æøå» right, one row per action, ISO dates
//! (Excel reads them as dates in every locale; see docs/planning.md).

use std::collections::BTreeMap;
use std::io::Write;

use crate::text::Lang;

use super::super::{Action, ContractPlan, Plan};
use super::date_kind_label;

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";

/// Column headers.
pub fn headers(lang: Lang) -> [&'static str; 13] {
    match lang {
        Lang::Nb => [
            "Dato",
            "Lovens dato",
            "Type",
            "Handling",
            "Kontrakt",
            "Tittel",
            "Endring",
            "System",
            "Prioritet",
            "Passert",
            "Hva",
            "Grunnlag",
            "UID",
        ],
        Lang::En => [
            "Date",
            "Legal date",
            "Type",
            "Action",
            "Contract",
            "Title",
            "Change",
            "System",
            "Priority",
            "Past",
            "What",
            "Basis",
            "UID",
        ],
    }
}

/// The CSV text.
pub fn csv(plan: &Plan, lang: Lang) -> Result<String, ::csv::Error> {
    let mut out = Vec::new();
    write_csv(plan, lang, &mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// [`csv`], written to `out` row by row.
pub fn write_csv(plan: &Plan, lang: Lang, mut out: impl Write) -> Result<(), ::csv::Error> {
    out.write_all(BOM.as_bytes())?;
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(headers(lang))?;
    let contracts: BTreeMap<&str, &ContractPlan> = plan
        .contracts
        .iter()
        .map(|c| (c.contract.as_str(), c))
        .collect();
    for a in &plan.actions {
        let contract = contracts.get(a.contract.as_str()).copied();
        w.write_record(row(contract, a, lang))?;
    }
    w.flush()?;
    Ok(())
}

/// One action's row; `contract` is `None` for the merger.
fn row(contract: Option<&ContractPlan>, a: &Action, lang: Lang) -> Vec<String> {
    let legal = if a.deadline.is_adjusted() {
        a.deadline.legal_date.to_string()
    } else {
        String::new()
    };
    let yes_no = match (a.past, lang) {
        (true, Lang::Nb) => "ja",
        (false, Lang::Nb) => "nei",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    };
    let cells = vec![
        a.deadline.date.to_string(),
        legal,
        date_kind_label(a.deadline.kind, lang).to_owned(),
        a.kind.label().get(lang).to_owned(),
        a.contract.clone(),
        contract.map(|c| c.title.clone()).unwrap_or_default(),
        a.change.clone().unwrap_or_default(),
        contract.and_then(|c| c.system.clone()).unwrap_or_default(),
        contract
            .map(|c| c.priority.priority.label().get(lang).to_owned())
            .unwrap_or_default(),
        yes_no.to_owned(),
        a.summary.get(lang).to_owned(),
        a.basis.get(lang).to_owned(),
        a.uid.clone(),
    ];
    cells.into_iter().map(defuse).collect()
}

/// Excel runs a cell that starts with `=`, `+`, `-` or `@` as a formula; a title from the
/// portfolio must stay text, so such a cell gets a leading apostrophe (Excel's text marker).
pub fn defuse(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_stay_text() {
        for cell in ["=SUM(A1)", "+47 1234", "-1+2", "@cmd"] {
            assert_eq!(defuse(cell.to_owned()), format!("'{cell}"));
        }
        assert_eq!(defuse("Renhold".to_owned()), "Renhold");
        assert_eq!(defuse("2027-01-31".to_owned()), "2027-01-31");
    }
}

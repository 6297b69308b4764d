//! `thresholds.json`: user-supplied threshold periods that add to or replace the built-in
//! table (legal-rules.md § 2: users must be able to supply newer values).
//!
//! ```json
//! { "periods": [ { "from": "2026-01-01", "central_supplies_services": 1500000,
//!     "other_supplies_services": 2400000, "works": 60000000, "national": 1300000,
//!     "source": "FOR-2025-12-19-xxxx" } ] }
//! ```
//! A period whose `from` equals a built-in period's replaces it; every other period is added.

use std::path::Path;

use chrono::NaiveDate;
use jsonc_parser::ast::Value;
use rust_decimal::Decimal;
use serde::Deserialize;

use super::json;
use super::schema::{Field, Kind, Schema};
use crate::diagnostics::Diagnostic;
use crate::thresholds::{ThresholdPeriod, Thresholds};

/// The file at the portfolio root.
pub const THRESHOLDS_FILE: &str = "thresholds.json";

const PERIOD: Schema = Schema {
    noun: "threshold period",
    doc: "«thresholds.json»",
    fields: &[
        Field {
            name: "from",
            kind: Kind::Date,
            required: true,
        },
        Field {
            name: "central_supplies_services",
            kind: Kind::Amount,
            required: true,
        },
        Field {
            name: "other_supplies_services",
            kind: Kind::Amount,
            required: true,
        },
        Field {
            name: "works",
            kind: Kind::Amount,
            required: true,
        },
        Field {
            name: "national",
            kind: Kind::Amount,
            required: true,
        },
        Field {
            name: "source",
            kind: Kind::Str,
            required: true,
        },
    ],
};

/// The schema of `thresholds.json`, for the structural pre-pass.
pub const FILE: Schema = Schema {
    noun: "thresholds file",
    doc: "«thresholds.json»",
    fields: &[Field {
        name: "periods",
        kind: Kind::Array(&Kind::Object(&PERIOD)),
        required: true,
    }],
};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileInput {
    periods: Vec<PeriodInput>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodInput {
    from: NaiveDate,
    central_supplies_services: Decimal,
    other_supplies_services: Decimal,
    works: Decimal,
    national: Decimal,
    source: String,
}

/// Reads the periods of a parsed `thresholds.json` into the built-in table. Returns the
/// table and the problems found (the built-in table alone when the file is unusable).
pub fn read(ast: &Value<'_>, file: &Path) -> (Thresholds, Vec<Diagnostic>) {
    let input: FileInput = match json::from_node(ast, "$") {
        Ok(i) => i,
        Err(e) => {
            let d = Diagnostic::new(file, e.path.unwrap_or_else(|| "$".into()), e.message)
                .help("see docs/portfolio-format.md, «thresholds.json»");
            return (Thresholds::default(), vec![d]);
        }
    };
    let mut out = Vec::new();
    let mut periods: Vec<ThresholdPeriod> = Vec::new();
    for (i, p) in input.periods.into_iter().enumerate() {
        let path = format!("$.periods[{i}]");
        let amounts = [
            ("central_supplies_services", p.central_supplies_services),
            ("other_supplies_services", p.other_supplies_services),
            ("works", p.works),
            ("national", p.national),
        ];
        for (name, v) in amounts {
            if v <= Decimal::ZERO {
                out.push(
                    Diagnostic::new(
                        file,
                        format!("{path}.{name}"),
                        format!("threshold {v} is not positive"),
                    )
                    .help("a threshold is an amount in NOK excl. VAT greater than 0"),
                );
            }
        }
        if p.source.trim().is_empty() {
            out.push(
                Diagnostic::new(file, format!("{path}.source"), "empty source")
                    .help("name where the values come from, e.g. the amending regulation (FOR-…) or the Lovdata text"),
            );
        }
        if let Some(j) = periods.iter().position(|q| q.from == p.from) {
            out.push(
                Diagnostic::new(
                    file,
                    format!("{path}.from"),
                    format!("a second period from {}", p.from),
                )
                .help(format!(
                    "each period needs its own `from` date; $.periods[{j}] already starts then"
                )),
            );
        }
        periods.push(ThresholdPeriod {
            from: p.from,
            central_supplies_services: p.central_supplies_services,
            other_supplies_services: p.other_supplies_services,
            works: p.works,
            national: p.national,
            source: p.source,
        });
    }
    (Thresholds::default().with_periods(periods), out)
}

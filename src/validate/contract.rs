//! The facts of one contract: dates in order, amounts not negative, options with the fields
//! of their kind and not exercised beyond their quantity, clauses that cover something,
//! modifications dated within the contract's life, and proposed changes dated after signing.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Validator;
use crate::model::{Contract, ContractOption, OptionKind, ProposedChange};
use crate::thresholds::Thresholds;

/// An extension option longer than this (a century) is a typing error, not a contract term;
/// it would also push dates beyond what the calendar arithmetic can represent.
const MAX_EXTENSION_MONTHS: u32 = 1200;

pub(super) fn check(v: &mut Validator, c: &Contract, thresholds: &Thresholds) {
    check_term(v, c);
    check_amounts(v, c);
    for (i, o) in c.options.iter().enumerate() {
        check_option(v, c, i, o);
    }
    for (i, k) in c.change_clauses.iter().enumerate() {
        if k.covers.is_empty() {
            v.error(
                &c.origin,
                &format!(".change_clauses[{i}].covers"),
                format!("change clause \"{}\" covers nothing", k.id),
                "list what the clause allows to change: one or more of \"volume\", \"new_authorities\", \"term\", \"price\"".to_owned(),
            );
        }
    }
    check_change_dates(v, c);
    check_part(v, c, thresholds);
}

/// Signing, start and end follow each other; an index adjustment is dated after signing.
fn check_term(v: &mut Validator, c: &Contract) {
    if c.end < c.start {
        v.error(
            &c.origin,
            ".end",
            format!(
                "the contract ends {}, before it starts ({})",
                c.end, c.start
            ),
            "`end` is on or after `start` (the current term, before unexercised extension options)"
                .to_owned(),
        );
    }
    if c.award.signed > c.start {
        v.error(
            &c.origin,
            ".award.signed",
            format!(
                "the contract was signed {}, after its start ({})",
                c.award.signed, c.start
            ),
            "`award.signed` is on or before `start`; check both dates".to_owned(),
        );
    }
    if let Some(p) = &c.price_index
        && p.as_of < c.award.signed
    {
        v.error(
            &c.origin,
            ".price_index.as_of",
            format!(
                "the price index was applied {}, before the contract was signed ({})",
                p.as_of, c.award.signed
            ),
            "`price_index.as_of` is the date of the adjustment, on or after `award.signed`"
                .to_owned(),
        );
    }
}

/// Amounts are ≥ 0 (portfolio-format.md); only `value_change` may be negative. Every amount
/// and quantity stays within ± `MAX_AMOUNT`: larger figures are typing errors, and the limit
/// keeps every later calculation (× 365, sums, percentages) far inside `Decimal`'s range.
fn check_amounts(v: &mut Validator, c: &Contract) {
    for_each_amount(c, |suffix, amount, may_be_negative| {
        if amount.abs() > MAX_AMOUNT {
            v.error(
                &c.origin,
                &suffix(),
                format!("{amount} is beyond any contract value"),
                "amounts and quantities are at most 1 000 000 000 000 000 (10¹⁵); check the number of digits".to_owned(),
            );
        } else if !may_be_negative && amount.is_sign_negative() && !amount.is_zero() {
            v.error(
                &c.origin,
                &suffix(),
                format!("negative amount {amount}"),
                "amounts and quantities are 0 or more; only `value_change` may be negative (a price decrease)".to_owned(),
            );
        }
    });
}

/// The largest amount or quantity accepted: 10¹⁵.
const MAX_AMOUNT: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// Calls `f` with every amount and quantity of a contract, in document order: (its path
/// suffix, made only when asked for; the value; whether it may be negative).
fn for_each_amount(c: &Contract, mut f: impl FnMut(&dyn Fn() -> String, Decimal, bool)) {
    let mut add = |suffix: &dyn Fn() -> String, value: Option<Decimal>, may_be_negative: bool| {
        if let Some(v) = value {
            f(suffix, v, may_be_negative);
        }
    };
    add(&|| ".value".into(), Some(c.value), false);
    add(&|| ".annual_value".into(), c.annual_value, false);
    let adjusted = c.price_index.as_ref().map(|p| p.adjusted_value);
    add(&|| ".price_index.adjusted_value".into(), adjusted, false);
    for (i, o) in c.options.iter().enumerate() {
        add(&|| format!(".options[{i}].value"), o.value, false);
        add(&|| format!(".options[{i}].quantity"), o.quantity, false);
        add(
            &|| format!(".options[{i}].exercised_quantity"),
            Some(o.exercised_quantity),
            false,
        );
    }
    for (i, k) in c.change_clauses.iter().enumerate() {
        add(
            &|| format!(".change_clauses[{i}].max_value"),
            k.max_value,
            false,
        );
    }
    for (i, m) in c.modifications.iter().enumerate() {
        add(
            &|| format!(".modifications[{i}].value_change"),
            Some(m.value_change),
            true,
        );
    }
    for (i, p) in c.proposed_changes.iter().enumerate() {
        let q = p.exercise_option.as_ref().and_then(|u| u.quantity);
        add(
            &|| format!(".proposed_changes[{i}].exercise_option.quantity"),
            q,
            false,
        );
        add(
            &|| format!(".proposed_changes[{i}].value_change"),
            Some(p.value_change),
            true,
        );
        add(
            &|| format!(".proposed_changes[{i}].nature.estimated_value"),
            p.nature.estimated_value,
            false,
        );
    }
}

/// Fields required by, and fields foreign to, the option's kind.
fn check_option(v: &mut Validator, c: &Contract, i: usize, o: &ContractOption) {
    let at = || format!(".options[{i}]");
    let (kind, required, foreign): (&str, &[(&str, bool)], &[&str]) = match o.kind {
        OptionKind::Extension => (
            "extension",
            &[("months", o.months.is_some())],
            &["description", "quantity", "unit", "exercised_quantity"],
        ),
        OptionKind::Volume => (
            "volume",
            &[
                ("description", o.description.is_some()),
                ("quantity", o.quantity.is_some()),
                ("unit", o.unit.is_some()),
                ("value", o.value.is_some()),
            ],
            &["months", "exercised"],
        ),
    };
    for (field, _) in required.iter().filter(|(_, present)| !present) {
        v.error(
            &c.origin,
            &format!("{}.kind", at()),
            format!("{kind} option \"{}\" has no `{field}`", o.id),
            option_shape(o.kind),
        );
    }
    for field in foreign.iter().filter(|f| o.written.contains(f)) {
        v.error(
            &c.origin,
            &format!("{}.{field}", at()),
            format!("`{field}` does not apply to {kind} option \"{}\"", o.id),
            format!("remove it, or correct `kind`; {}", option_shape(o.kind)),
        );
    }
    if let Some(months) = o.months.filter(|m| *m == 0 || *m > MAX_EXTENSION_MONTHS) {
        v.error(
            &c.origin,
            &format!("{}.months", at()),
            format!("extension option \"{}\" adds {months} months", o.id),
            format!("`months` is the number of months the option extends the term by: 1 to {MAX_EXTENSION_MONTHS}"),
        );
    }
    if let Some(q) = o.quantity
        && o.exercised_quantity > q
    {
        v.error(
            &c.origin,
            &format!("{}.exercised_quantity", at()),
            format!(
                "option \"{}\" is recorded as exercised for {} {unit}, more than its quantity of {q}",
                o.id,
                o.exercised_quantity,
                unit = o.unit.as_deref().unwrap_or("units")
            ),
            format!("`exercised_quantity` is what has already been called off: at most `quantity` ({q})"),
        );
    }
}

fn option_shape(kind: OptionKind) -> String {
    match kind {
        OptionKind::Extension => "an extension option is { \"id\", \"kind\": \"extension\", \"months\", \"exercised\", \"value\"? }",
        OptionKind::Volume => "a volume option is { \"id\", \"kind\": \"volume\", \"description\", \"quantity\", \"unit\", \"value\", \"exercised_quantity\" }",
    }
    .to_owned()
}

/// Modifications fall within the contract's life: from `award.signed` to `end_with_options()`
/// (the current end plus every unexercised extension option), both inclusive. A proposed change
/// may not be dated before signing, but may be dated after the end: that is a legal question
/// (the contract has ended and cannot be changed, legal-rules.md § 3), not an input error.
fn check_change_dates(v: &mut Validator, c: &Contract) {
    let (from, to) = (c.award.signed, c.end_with_options());
    // An end before the start is reported on its own; every change would be "after the end".
    let window_known = c.end >= c.start;
    for (i, m) in c.modifications.iter().enumerate() {
        if let Some(message) =
            outside_life("modification", m.date, from, to).filter(|_| window_known)
        {
            v.error(
                &c.origin,
                &format!(".modifications[{i}].date"),
                message,
                format!("a modification is dated within the contract's life: from its signing ({from}) to its end with all unexercised extension options ({to})"),
            );
        }
    }
    for (i, p) in c.proposed_changes.iter().enumerate() {
        // Paths are formatted only for a problem (large portfolios).
        let at = || format!(".proposed_changes[{i}]");
        if p.date < from {
            v.error(
                &c.origin,
                &format!("{}.date", at()),
                format!(
                    "proposed change dated {}, before the contract was signed ({from})",
                    p.date
                ),
                format!("a proposed change is dated on or after the contract's signing ({from})"),
            );
        }
        check_new_start(v, c, &at, p);
        let start = p.start_after(c);
        if let Some(new_end) = p.new_end
            && new_end < start
        {
            v.error(
                &c.origin,
                &format!("{}.new_end", at()),
                format!("the new end {new_end} is before the contract's start ({start})"),
                "`new_end` is the contract's end after the change: on or after the start (`new_start` when the change postpones it)".to_owned(),
            );
        }
        check_estimated_value(v, c, &at, p);
    }
}

/// A postponed start moves the start later, and is agreed before performance has begun
/// (legal-rules.md § 3, element 8); once it has begun, only the end can move.
fn check_new_start(v: &mut Validator, c: &Contract, at: &dyn Fn() -> String, p: &ProposedChange) {
    let Some(new_start) = p.new_start else {
        return;
    };
    if new_start <= c.start {
        v.error(
            &c.origin,
            &format!("{}.new_start", at()),
            format!(
                "the new start {new_start} is not after the contract's start ({})",
                c.start
            ),
            "`new_start` postpones the start of performance: a date after `start`".to_owned(),
        );
    } else if p.date >= c.start {
        v.error(
            &c.origin,
            &format!("{}.new_start", at()),
            format!(
                "a postponed start agreed on {}, when performance has already begun ({})",
                p.date, c.start
            ),
            format!("a start can only be postponed before performance begins: date the change before {}, or, once performance has begun, enter the change as a new end (`new_end`)", c.start),
        );
    }
}

/// `nature.estimated_value` is the value of the non-price § 28-2 markers to the supplier; with no
/// such marker it describes nothing, and would be counted in FOA § 28-1 (1) b for nothing.
fn check_estimated_value(
    v: &mut Validator,
    c: &Contract,
    at: &dyn Fn() -> String,
    p: &ProposedChange,
) {
    if p.nature.estimated_value.is_some() && !p.nature.has_valued_marker() {
        v.error(
            &c.origin,
            &format!("{}.nature.estimated_value", at()),
            "an estimated value, but no non-price change for it to value".to_owned(),
            "`estimated_value` is the value to the supplier of `price_terms: \"favour_supplier\"`, `relaxes_requirements` or `shifts_risk_to_buyer`: set the one it values, or remove it".to_owned(),
        );
    }
}

fn outside_life(what: &str, date: NaiveDate, from: NaiveDate, to: NaiveDate) -> Option<String> {
    if date < from {
        Some(format!(
            "{what} dated {date}, before the contract was signed ({from})"
        ))
    } else if date > to {
        Some(format!(
            "{what} dated {date}, after the contract has ended ({to}, with all extension options)"
        ))
    } else {
        None
    }
}

/// The part at award is derived from the thresholds in force at signing (FOA §§ 5-1, 5-3);
/// before the table's first period there are none, so `award.part` must be given.
fn check_part(v: &mut Validator, c: &Contract, thresholds: &Thresholds) {
    if c.award.part.is_some() || thresholds.period_on(c.award.signed).is_some() {
        return;
    }
    let first = thresholds
        .periods()
        .first()
        .map_or_else(|| "none".to_owned(), |p| p.from.to_string());
    v.error(
        &c.origin,
        ".award.signed",
        format!("signed {} without `award.part`, and the threshold table has no values before {first}", c.award.signed),
        "add \"part\": \"I\", \"II\" or \"III\" to `award` (the part of FOA that governed the award), or supply the thresholds then in force in thresholds.json".to_owned(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_amount_limit_is_ten_to_the_fifteenth() {
        assert_eq!(MAX_AMOUNT, Decimal::from(1_000_000_000_000_000_i64));
    }
}

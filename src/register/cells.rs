//! Reading one register cell as the fact it holds: an amount, a date, an organisation number,
//! extension options, a yes/no. Cells come as Excel holds them (numbers and real dates as well
//! as text) and in the ways Norwegian registers write them (`12 500 000`, `kr 1.250.000`,
//! `1,25 MNOK`, `31.12.2027`, `1+1 år`). What cannot be read without guessing is refused with
//! a message that says what would be valid.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One cell of a register, as the spreadsheet holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number cell (Excel stores every number as a double).
    Number(f64),
    /// A cell holding a real date (a date-formatted number in xlsx/xls, a date value in ODS).
    Date(NaiveDate),
    Bool(bool),
    /// A formula error such as `#VALUE!`.
    Error(String),
}

impl Cell {
    /// A text cell, or empty when the text is blank. A leading apostrophe that marks a cell
    /// as text (`'-, -`, `'=…`, as CSV exports write cells that would otherwise be formulas)
    /// is not part of the value.
    pub fn text(s: &str) -> Self {
        let t = s.trim();
        let t = match t.strip_prefix('\'') {
            Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
            _ => t,
        };
        if t.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(t.to_owned())
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Cell::Empty)
    }

    /// The cell as the user sees it, for messages and plain text fields.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.format("%d.%m.%Y").to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// Why a cell cannot be read, and what would be valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    pub message: String,
    pub help: String,
}

fn err<T>(message: impl Into<String>, help: impl Into<String>) -> Result<T, CellError> {
    Err(CellError {
        message: message.into(),
        help: help.into(),
    })
}

/// The shortest text that reads back as the same double: `12500000`, `0.1`, `1250000.5`.
fn number_text(n: f64) -> String {
    format!("{n}")
}

/// The unit amounts in a column are given in, from its heading (`Verdi (MNOK)`) or the
/// mapping file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AmountUnit {
    #[default]
    Kroner,
    Thousands,
    Millions,
}

impl AmountUnit {
    fn factor(self) -> Decimal {
        match self {
            AmountUnit::Kroner => Decimal::ONE,
            AmountUnit::Thousands => Decimal::from(1_000),
            AmountUnit::Millions => Decimal::from(1_000_000),
        }
    }

    /// Reads a unit as a mapping file or a heading writes it.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_lowercase();
        let s = s.trim_end_matches('.');
        match s {
            "kr" | "nok" | "kroner" => Some(AmountUnit::Kroner),
            "tnok" | "knok" | "1000 kr" | "1 000 kr" | "tusen kr" | "tusen kroner" | "i 1000"
            | "thousands" => Some(AmountUnit::Thousands),
            "mnok" | "mill. kr" | "mill kr" | "mill. nok" | "millioner kroner" | "mill. kroner"
            | "millions" | "million nok" => Some(AmountUnit::Millions),
            _ => None,
        }
    }

    /// The unit a heading states, e.g. `Kontraktsverdi (MNOK)` or `Verdi i 1000 kr`.
    pub fn in_heading(heading: &str) -> Option<Self> {
        let h = heading.to_lowercase();
        let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
        if has(&[
            "mnok",
            "mill. kr",
            "mill kr",
            "millioner",
            "i mill",
            "(mill",
        ]) {
            Some(AmountUnit::Millions)
        } else if has(&[
            "tnok", "knok", "1000 kr", "1 000 kr", "tusen", "i 1000", "(1000",
        ]) {
            Some(AmountUnit::Thousands)
        } else {
            None
        }
    }
}

/// An amount read from a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadAmount {
    pub value: Decimal,
    /// The cell says the amount is an estimate («ca.», «anslått», «estimert»).
    pub estimate: bool,
    /// Something the user should know about how it was read (a rounding).
    pub note: Option<String>,
}

const AMOUNT_HELP: &str = "write the amount in NOK excluding VAT, e.g. 12 500 000, 12 500 000,50, kr 1.250.000 or 1,25 MNOK";

/// Reads an amount in NOK excluding VAT. `unit` is the column's convention.
pub fn amount(cell: &Cell, unit: AmountUnit) -> Result<ReadAmount, CellError> {
    match cell {
        Cell::Number(n) => number_amount(*n, unit),
        Cell::Text(s) => text_amount(s, unit),
        Cell::Empty => err("the cell is empty", AMOUNT_HELP),
        Cell::Date(_) => err(
            format!("«{}» is a date, not an amount", cell.display()),
            "format the cell as a number (Excel: Format Cells → Number)",
        ),
        Cell::Bool(_) | Cell::Error(_) => err(
            format!("«{}» is not an amount", cell.display()),
            AMOUNT_HELP,
        ),
    }
}

fn number_amount(n: f64, unit: AmountUnit) -> Result<ReadAmount, CellError> {
    let Ok(exact) = Decimal::from_str(&number_text(n)) else {
        return err(
            format!("the number {} is too large for an amount", number_text(n)),
            AMOUNT_HELP,
        );
    };
    let value = exact * unit.factor();
    // A number computed by a formula may carry binary noise (15624999.999999998); an amount is
    // exact to the øre, so more decimals are rounded, and said so.
    let (value, note) = if value.scale() > 2 {
        let rounded = value.round_dp(2).normalize();
        (
            rounded,
            Some(format!(
                "{} rounded to {rounded} (to the øre)",
                value.normalize()
            )),
        )
    } else {
        (value.normalize(), None)
    };
    Ok(ReadAmount {
        value,
        estimate: false,
        note,
    })
}

fn text_amount(original: &str, column_unit: AmountUnit) -> Result<ReadAmount, CellError> {
    let mut s = original
        .trim()
        .to_lowercase()
        .replace(['\u{a0}', '\u{202f}'], " ");
    if s.contains("inkl") && s.contains("mva") {
        return err(
            format!("«{original}» includes VAT"),
            "give the value excluding VAT (eks. mva): the thresholds and percentages of FOA apply to it",
        );
    }
    let mut estimate = false;
    for prefix in [
        "ca.", "ca ", "anslått", "estimert", "est.", "approx.", "about",
    ] {
        if let Some(rest) = s.strip_prefix(prefix) {
            estimate = true;
            s = rest.trim().to_owned();
        }
    }
    for vat in [
        "eks. mva",
        "ekskl. mva",
        "eksl. mva",
        "eks mva",
        "ex. mva",
        "ex mva",
        "excl. vat",
    ] {
        s = s.replace(vat, " ");
    }
    // The unit, explicit in the cell, or the column's convention.
    let mut unit = column_unit;
    let mut stated = false;
    for (words, u) in [
        (
            &[
                "mnok",
                "mill. kr",
                "mill kr",
                "mill. nok",
                "millioner kroner",
                "mill.kr",
            ][..],
            AmountUnit::Millions,
        ),
        (
            &["tnok", "knok", "tusen kroner", "tusen kr"][..],
            AmountUnit::Thousands,
        ),
    ] {
        for w in words {
            if s.contains(w) {
                s = s.replace(w, " ");
                unit = u;
                stated = true;
            }
        }
    }
    // Currency on either side, and the Norwegian «,-» after whole kroner.
    let mut t = s.trim().to_owned();
    for cur in ["kr.", "kr", "nok", ",-", ":-", ".-"] {
        t = t.replace(cur, " ");
    }
    let t = t.trim();
    let bare_million = ["mill.", "mill", "millioner", "mio", "m"]
        .iter()
        .find_map(|w| t.strip_suffix(w).map(str::trim));
    let number_part = match bare_million {
        Some(rest) if rest.chars().any(|c| c.is_ascii_digit()) => {
            if column_unit != AmountUnit::Millions || stated {
                return err(
                    format!("«{original}» does not say the unit of the amount"),
                    "write 12 500 000 or 12,5 MNOK, or state the unit in the heading (e.g. «Verdi (MNOK)») or in the mapping file (\"units\": { \"value\": \"MNOK\" })",
                );
            }
            rest
        }
        _ => t,
    };
    let value = plain_number(number_part).map_err(|why| CellError {
        message: format!("cannot read «{original}» as an amount: {why}"),
        help: AMOUNT_HELP.to_owned(),
    })?;
    Ok(ReadAmount {
        value: (value * unit.factor()).normalize(),
        estimate,
        note: None,
    })
}

/// A number written the Norwegian or the English way: spaces or dots (nb) or commas (en) between
/// groups of three digits, a decimal comma (nb) or point (en). A single separator followed by
/// exactly three digits (`12,500`, `1.250`) could be either and is refused.
fn plain_number(s: &str) -> Result<Decimal, String> {
    let s = s.trim();
    let (negative, s) = match s.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest.trim()),
        None => (false, s),
    };
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || " .,'".contains(c)) {
        return Err(
            "expected digits, with spaces or dots between thousands and a decimal comma".into(),
        );
    }
    let compact: String = s.chars().filter(|c| *c != ' ' && *c != '\'').collect();
    if s.contains(' ') && !groups_of_three(s.split(' ').filter(|g| !g.is_empty()), s) {
        return Err("the spaces do not separate groups of three digits".into());
    }
    let dots = compact.matches('.').count();
    let commas = compact.matches(',').count();
    let (grouping, decimal) = match (dots, commas) {
        (0, 0) => (None, None),
        (_, 0) if dots > 1 => (Some('.'), None),
        (0, _) if commas > 1 => (Some(','), None),
        (1, 0) | (0, 1) => {
            let mark = if dots == 1 { '.' } else { ',' };
            let after = compact.rsplit(mark).next().unwrap_or("");
            if after.len() == 3 && !s.contains(' ') {
                return Err(format!(
                    "«{mark}{after}» could separate thousands or mark decimals"
                ));
            }
            (None, Some(mark))
        }
        _ => {
            // Both: the last one is the decimal mark, the other groups thousands.
            let last_dot = compact.rfind('.').unwrap_or(0);
            let last_comma = compact.rfind(',').unwrap_or(0);
            if last_dot > last_comma {
                (Some(','), Some('.'))
            } else {
                (Some('.'), Some(','))
            }
        }
    };
    let (int, frac) = match decimal {
        Some(mark) => compact
            .rsplit_once(mark)
            .map_or((compact.as_str(), ""), |(i, f)| (i, f)),
        None => (compact.as_str(), ""),
    };
    if let Some(g) = grouping
        && !groups_of_three(int.split(g), int)
    {
        return Err(format!("«{g}» does not separate groups of three digits"));
    }
    let int: String = int.chars().filter(char::is_ascii_digit).collect();
    if int.is_empty() || !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err("expected digits".into());
    }
    let text = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    let value = Decimal::from_str(&text).map_err(|_| "too many digits".to_owned())?;
    Ok(if negative { -value } else { value })
}

/// Whether `groups` (split at a separator) are 1–3 digits followed by groups of exactly three.
fn groups_of_three<'a>(mut groups: impl Iterator<Item = &'a str>, _whole: &str) -> bool {
    let Some(first) = groups.next() else {
        return false;
    };
    let first = first.split(['.', ',']).next().unwrap_or(first);
    if first.is_empty() || first.len() > 3 {
        return false;
    }
    groups.all(|g| {
        let g = g.split(['.', ',']).next().unwrap_or(g);
        g.len() == 3
    })
}

const DATE_HELP: &str =
    "write the date as dd.mm.yyyy (31.12.2027) or yyyy-mm-dd, or format the cell as a date";

/// Reads a date: a real date cell, `dd.mm.yyyy`, `d.m.yyyy` or ISO `yyyy-mm-dd`.
pub fn date(cell: &Cell) -> Result<NaiveDate, CellError> {
    match cell {
        Cell::Date(d) => Ok(*d),
        Cell::Text(s) => text_date(s),
        Cell::Number(n) => err(
            format!("the number {} is not a date", number_text(*n)),
            DATE_HELP,
        ),
        Cell::Empty => err("the cell is empty", DATE_HELP),
        Cell::Bool(_) | Cell::Error(_) => {
            err(format!("«{}» is not a date", cell.display()), DATE_HELP)
        }
    }
}

fn text_date(s: &str) -> Result<NaiveDate, CellError> {
    let t = s.trim();
    // An ISO date with a time (`2027-12-31T00:00:00`, `2027-12-31 00:00`): the day counts.
    let t = match t.get(..10) {
        Some(day)
            if t.len() > 10 && t.as_bytes()[10].is_ascii_whitespace()
                || t.as_bytes().get(10) == Some(&b'T') =>
        {
            day
        }
        _ => t,
    };
    let parts: Vec<&str> = t.split(['.', '-']).collect();
    let numbers: Option<Vec<u32>> = parts.iter().map(|p| p.parse::<u32>().ok()).collect();
    let shape = match (&numbers, parts.as_slice()) {
        (Some(n), [y, m, d]) if t.contains('-') && y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            Some((n[0], n[1], n[2]))
        }
        (Some(n), [d, m, y]) if t.contains('.') && y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            Some((n[2], n[1], n[0]))
        }
        _ => None,
    };
    let Some((y, m, d)) = shape else {
        return err(format!("cannot read «{s}» as a date"), DATE_HELP);
    };
    i32::try_from(y)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
        .map_or_else(
            || {
                err(
                    format!("«{s}» is not a day in the calendar"),
                    "check the day and the month",
                )
            },
            Ok,
        )
}

/// Reads an organisation number: nine digits, spaces and an `NO … MVA` wrapper allowed.
pub fn org_no(cell: &Cell) -> Result<String, CellError> {
    let text = match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 => number_text(*n),
        other => other.display(),
    };
    let upper = text.trim().to_uppercase();
    let core = upper
        .strip_prefix("NO")
        .unwrap_or(&upper)
        .trim()
        .trim_end_matches("MVA")
        .trim();
    let digits: String = core.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 9 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        err(
            format!("«{text}» is not an organisation number"),
            "an organisation number has nine digits, e.g. 974 760 673",
        )
    }
}

/// Reads a yes/no cell: ja/nei, yes/no, x, true/false, 1/0.
pub fn yes_no(cell: &Cell) -> Result<bool, CellError> {
    let help = "write ja or nei (yes or no)";
    match cell {
        Cell::Bool(b) => Ok(*b),
        Cell::Number(n) if *n == 1.0 => Ok(true),
        Cell::Number(n) if *n == 0.0 => Ok(false),
        Cell::Text(s) => match s.trim().to_lowercase().trim_end_matches('.') {
            "ja" | "j" | "yes" | "y" | "x" | "true" | "sann" | "1" => Ok(true),
            "nei" | "n" | "no" | "false" | "usann" | "0" => Ok(false),
            _ => err(format!("«{s}» is neither yes nor no"), help),
        },
        other => err(format!("«{}» is neither yes nor no", other.display()), help),
    }
}

/// Reads a whole number of months or a count: a number cell or digits.
pub fn count(cell: &Cell) -> Result<u32, CellError> {
    let help = "write a whole number, e.g. 6";
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX) => {
            Ok(*n as u32)
        }
        Cell::Text(s) => s
            .trim()
            .parse::<u32>()
            .or_else(|_| err(format!("«{s}» is not a whole number"), help)),
        other => err(format!("«{}» is not a whole number", other.display()), help),
    }
}

/// A period unit in option and notice texts.
fn months_per(unit: &str) -> Option<u32> {
    let u = unit.trim().trim_end_matches('.').to_lowercase();
    match u.as_str() {
        "år" | "års" | "aar" | "year" | "years" | "yr" | "yrs" | "y" => Some(12),
        "mnd" | "md" | "mån" | "måned" | "måneder" | "måneders" | "month" | "months" | "mo"
        | "m" => Some(1),
        _ => None,
    }
}

const OPTIONS_HELP: &str = "write the extension options in order, e.g. «1+1 år», «2 x 12 mnd», «12 mnd», «1 år + 6 mnd», or «ingen»";

/// Reads the extension options of a contract, one period each, in order, as months:
/// `1+1 år` → [12, 12]; `2 x 12 mnd` → [12, 12]; `opsjon 1 år + 1 år` → [12, 12]; `ingen` → [].
/// `default_unit` is the column's convention (`Opsjoner (mnd)`); without one a bare number is
/// refused (months or years?).
pub fn extension_options(cell: &Cell, default_unit: Option<u32>) -> Result<Vec<u32>, CellError> {
    let text = match cell {
        Cell::Empty => return Ok(Vec::new()),
        Cell::Number(n) if *n == 0.0 => return Ok(Vec::new()),
        Cell::Number(n) => match default_unit {
            Some(per) if n.fract() == 0.0 && *n > 0.0 => {
                return Ok(vec![(*n as u32).saturating_mul(per)]);
            }
            _ => {
                return err(
                    format!(
                        "the number {} does not say months or years",
                        number_text(*n)
                    ),
                    OPTIONS_HELP,
                );
            }
        },
        other => other.display(),
    };
    let lower = text.trim().to_lowercase();
    if matches!(
        lower.trim_end_matches('.'),
        "" | "-" | "–" | "0" | "nei" | "ingen" | "ingen opsjoner" | "none" | "no"
    ) {
        return Ok(Vec::new());
    }
    let unreadable = || CellError {
        message: format!("cannot read «{text}» as extension options"),
        help: OPTIONS_HELP.to_owned(),
    };
    // Drop the words around the periods.
    let mut s = format!(" {lower} ");
    for word in [
        "forlengelsesopsjoner",
        "forlengelsesopsjon",
        "opsjoner",
        "opsjon",
        "forlengelse",
        "options",
        "option",
        "extension",
        " med ",
        " på ",
        " of ",
        "inntil",
        "up to",
        "à",
    ] {
        s = s.replace(word, " ");
    }
    let s = s
        .replace(" og ", "+")
        .replace(" and ", "+")
        .replace(", ", "+");
    let mut out = Vec::new();
    // Terms joined by «+»; a unit applies to the numbers before it that have none (1+1 år).
    let mut pending: Vec<u32> = Vec::new();
    for term in s.split('+').map(str::trim) {
        if term.is_empty() {
            return Err(unreadable());
        }
        let (number, unit) = split_number_unit(term).ok_or_else(unreadable)?;
        let (times, n) = match number.split_once(['x', '×', '*']) {
            Some((t, n)) => (t.trim().parse::<u32>().map_err(|_| unreadable())?, n.trim()),
            None => (1, number.as_str()),
        };
        let n: Decimal = Decimal::from_str(&n.replace(',', ".")).map_err(|_| unreadable())?;
        let per = match unit {
            Some(u) => Some(months_per(&u).ok_or_else(unreadable)?),
            None => None,
        };
        let months_of = |per: u32| -> Result<u32, CellError> {
            let m = n * Decimal::from(per);
            if m.fract().is_zero() && m > Decimal::ZERO && m <= Decimal::from(1200) {
                u32::try_from(m.trunc().mantissa()).map_err(|_| unreadable())
            } else {
                Err(unreadable())
            }
        };
        match per {
            Some(per) => {
                for p in pending.drain(..) {
                    out.extend(std::iter::repeat_n(p * per, 1));
                }
                let m = months_of(per)?;
                out.extend(std::iter::repeat_n(m, times as usize));
            }
            None => {
                // No unit yet: keep the whole number of periods until a unit follows.
                if times != 1 || !n.fract().is_zero() {
                    return Err(unreadable());
                }
                pending.push(u32::try_from(n.trunc().mantissa()).map_err(|_| unreadable())?);
            }
        }
    }
    if !pending.is_empty() {
        match default_unit {
            Some(per) => out.extend(pending.into_iter().map(|p| p * per)),
            None => {
                return err(
                    format!("«{text}» does not say months or years"),
                    OPTIONS_HELP,
                );
            }
        }
    }
    if out.is_empty() || out.iter().any(|m| *m == 0 || *m > 1200) {
        return Err(unreadable());
    }
    Ok(out)
}

/// `2 x 12 mnd` → ("2 x 12", Some("mnd")); `1` → ("1", None).
fn split_number_unit(term: &str) -> Option<(String, Option<String>)> {
    let at = term
        .char_indices()
        .find(|(_, c)| c.is_alphabetic() && !matches!(c, 'x' | '×'))
        .map(|(i, _)| i);
    // «x» between numbers multiplies; an «x» elsewhere is a letter of a unit.
    let (number, unit) = match at {
        Some(i) => (term[..i].trim(), Some(term[i..].trim().to_owned())),
        None => (term.trim(), None),
    };
    let ok = !number.is_empty()
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || " ,.x×*".contains(c));
    ok.then(|| (number.replace(' ', ""), unit))
}

/// A termination right as a register writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadTermination {
    pub for_convenience: bool,
    pub notice_months: u32,
}

/// Reads termination for convenience: `6 mnd`, `3 måneder`, `1 år` (may be terminated with
/// that notice), `nei` (may not), `nei (6 mnd)` (may not, but states a notice period), or a
/// number of months in a column whose heading says months.
pub fn termination(cell: &Cell, default_unit: Option<u32>) -> Result<ReadTermination, CellError> {
    let help = "write the notice period, e.g. «6 mnd» or «3 måneder»; «nei» if the contract cannot be terminated for convenience, «nei (6 mnd)» if it still states a notice period";
    let text = match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 => match default_unit {
            Some(per) => {
                return Ok(ReadTermination {
                    for_convenience: true,
                    notice_months: (*n as u32).saturating_mul(per),
                });
            }
            None => {
                return err(
                    format!(
                        "the number {} does not say months or years",
                        number_text(*n)
                    ),
                    help,
                );
            }
        },
        other => other.display(),
    };
    let lower = text.trim().to_lowercase();
    let (for_convenience, period) = match ["nei", "ingen", "no", "none", "-", "–"]
        .iter()
        .find_map(|w| lower.strip_prefix(w))
    {
        Some(rest) => (
            false,
            rest.trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .trim(),
        ),
        None => (true, lower.as_str()),
    };
    if !for_convenience && period.is_empty() {
        return Ok(ReadTermination {
            for_convenience,
            notice_months: 0,
        });
    }
    let cleaned = period
        .replace("oppsigelse", " ")
        .replace("varsel", " ")
        .replace("notice", " ")
        .replace(" på ", " ");
    let cleaned = cleaned.trim().trim_start_matches("ja,").trim();
    let read = split_number_unit(cleaned).and_then(|(n, unit)| {
        let per = match unit {
            Some(u) => months_per(&u),
            None => default_unit,
        };
        Some(n.parse::<u32>().ok()?.saturating_mul(per?))
    });
    match read {
        Some(notice_months) => Ok(ReadTermination {
            for_convenience,
            notice_months,
        }),
        None => err(format!("cannot read «{text}» as a notice period"), help),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::text(s)
    }

    fn kr(cell: &Cell) -> String {
        amount(cell, AmountUnit::Kroner)
            .map(|a| a.value.to_string())
            .unwrap_or_else(|e| format!("ERR {}", e.message))
    }

    #[test]
    fn norwegian_amounts() {
        assert_eq!(kr(&t("12 500 000")), "12500000");
        assert_eq!(kr(&t("12 500 000,50")), "12500000.5");
        assert_eq!(kr(&t("kr 1.250.000")), "1250000");
        assert_eq!(kr(&t("1.250.000,-")), "1250000");
        assert_eq!(kr(&t("1,25 MNOK")), "1250000");
        assert_eq!(kr(&t("1,25 mill. kr")), "1250000");
        assert_eq!(kr(&t("12\u{a0}500\u{a0}000 kr")), "12500000");
        assert_eq!(kr(&t("NOK 12,500,000")), "12500000");
        assert_eq!(kr(&t("12,500,000.50")), "12500000.5");
        assert_eq!(kr(&t("12500000.5")), "12500000.5");
        assert_eq!(kr(&t("750 TNOK")), "750000");
        assert_eq!(kr(&Cell::Number(12_500_000.0)), "12500000");
        assert_eq!(kr(&Cell::Number(1_250_000.5)), "1250000.5");
        let est = amount(&t("ca. 2 500 000"), AmountUnit::Kroner).unwrap();
        assert!(est.estimate);
    }

    #[test]
    fn ambiguous_amounts_are_refused() {
        assert!(kr(&t("12,5 mill")).contains("does not say the unit"));
        assert!(kr(&t("12,500")).starts_with("ERR"));
        assert!(kr(&t("1.250")).starts_with("ERR"));
        assert!(kr(&t("se avtale")).starts_with("ERR"));
        assert!(kr(&t("1 25 000")).starts_with("ERR"));
        assert!(kr(&t("2 500 000 inkl. mva")).contains("includes VAT"));
        // The column's heading gives the convention.
        let m = amount(&t("12,5 mill"), AmountUnit::Millions).unwrap();
        assert_eq!(m.value.to_string(), "12500000");
        let m = amount(&Cell::Number(12.5), AmountUnit::Millions).unwrap();
        assert_eq!(m.value.to_string(), "12500000");
    }

    #[test]
    fn formula_noise_is_rounded_to_the_ore_and_said() {
        let a = amount(&Cell::Number(15_624_999.999_999_998), AmountUnit::Kroner).unwrap();
        assert_eq!(a.value.to_string(), "15625000");
        assert!(a.note.is_some());
    }

    #[test]
    fn dates() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(date(&t("31.12.2027")), Ok(d(2027, 12, 31)));
        assert_eq!(date(&t("1.2.2027")), Ok(d(2027, 2, 1)));
        assert_eq!(date(&t("2027-02-01")), Ok(d(2027, 2, 1)));
        assert_eq!(date(&t("2027-02-01 00:00:00")), Ok(d(2027, 2, 1)));
        assert_eq!(date(&Cell::Date(d(2027, 2, 1))), Ok(d(2027, 2, 1)));
        assert!(
            date(&t("31.02.2024"))
                .unwrap_err()
                .message
                .contains("not a day")
        );
        assert!(date(&t("02/01/2027")).is_err());
        assert!(date(&t("1.2.27")).is_err());
        assert!(date(&Cell::Number(45000.0)).is_err());
    }

    #[test]
    fn organisation_numbers() {
        assert_eq!(org_no(&t("974 760 673")), Ok("974760673".into()));
        assert_eq!(org_no(&t("NO 974 760 673 MVA")), Ok("974760673".into()));
        assert_eq!(org_no(&Cell::Number(974_760_673.0)), Ok("974760673".into()));
        assert!(org_no(&t("97476067")).is_err());
    }

    #[test]
    fn extension_options_in_order() {
        let o = |s: &str| extension_options(&t(s), None);
        assert_eq!(o("1+1 år"), Ok(vec![12, 12]));
        assert_eq!(o("1 + 1 år"), Ok(vec![12, 12]));
        assert_eq!(o("2 x 12 mnd"), Ok(vec![12, 12]));
        assert_eq!(o("2x12 mnd"), Ok(vec![12, 12]));
        assert_eq!(o("12 mnd"), Ok(vec![12]));
        assert_eq!(o("opsjon 1 år + 1 år"), Ok(vec![12, 12]));
        assert_eq!(o("1 år + 6 mnd"), Ok(vec![12, 6]));
        assert_eq!(o("2+1+1 år"), Ok(vec![24, 12, 12]));
        assert_eq!(o("1,5 år"), Ok(vec![18]));
        assert_eq!(o("1+1 years"), Ok(vec![12, 12]));
        assert_eq!(o("ingen"), Ok(vec![]));
        assert_eq!(o("12 mnd + 12 mnd"), Ok(vec![12, 12]));
        assert!(o("1+1").unwrap_err().message.contains("months or years"));
        assert!(o("etter avtale").is_err());
        assert!(o("1 uke").is_err());
        assert_eq!(extension_options(&t("1+1"), Some(12)), Ok(vec![12, 12]));
        assert!(extension_options(&Cell::Number(12.0), None).is_err());
    }

    #[test]
    fn termination_rights() {
        let r = |s: &str| termination(&t(s), None).map(|x| (x.for_convenience, x.notice_months));
        assert_eq!(r("6 mnd"), Ok((true, 6)));
        assert_eq!(r("3 måneder"), Ok((true, 3)));
        assert_eq!(r("1 år"), Ok((true, 12)));
        assert_eq!(r("nei"), Ok((false, 0)));
        assert_eq!(r("nei (6 mnd)"), Ok((false, 6)));
        assert_eq!(r("no (6 months)"), Ok((false, 6)));
        assert!(r("etter avtale").is_err());
        let n = termination(&Cell::Number(6.0), Some(1)).unwrap();
        assert_eq!((n.for_convenience, n.notice_months), (true, 6));
        assert!(termination(&Cell::Number(6.0), None).is_err());
    }
}

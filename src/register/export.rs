//! `vesentlig export`: the portfolio as a workbook a procurement team opens in Excel — the
//! register of contracts, the assessments with every figure, and the plan's deadlines — or as
//! CSV files of the same sheets.
//!
//! Nothing is computed here: the verdicts are `law::assess_portfolio`'s, the deadlines
//! `plan::plan_portfolio`'s, and the words those of `law::labels` and the plan, as in the CLI
//! and the memos. The sheets are first built as plain tables, then written as xlsx (real
//! numbers with NOK formats, real dates, frozen headings, autofilter, coloured
//! recommendations) or CSV.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::columns::Field;
use super::terms;
use crate::assessment::{Assessment, Recommendation};
use crate::law::labels;
use crate::model::{AuthorityRef, Contract, OptionKind, Portfolio};
use crate::plan::Plan;
use crate::plan::render::date_kind_label;
use crate::text::Lang;

/// One cell of an exported table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// An amount in NOK.
    Amount(Decimal),
    /// A plain number (days, a count).
    Number(i64),
    /// A percentage as a number of per cent (10 for 10 %).
    Percent(Decimal),
    Date(NaiveDate),
    /// A recommendation, written in words and coloured.
    Recommendation(Recommendation, String),
}

/// One sheet: its name, headings and rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: &'static str,
    /// The CSV file's name.
    pub file: &'static str,
    pub headings: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

fn pick(lang: Lang, nb: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Nb => nb,
        Lang::En => en,
    }
}

/// The three sheets of the export.
pub fn tables(p: &Portfolio, assessments: &[Assessment], plan: &Plan, lang: Lang) -> [Table; 3] {
    [
        contracts(p, lang),
        assessment_table(p, assessments, lang),
        deadlines(plan, lang),
    ]
}

/// The register columns of the contracts sheet: every field but the yes/no framework column
/// (the contract type says it).
pub fn contract_columns() -> impl Iterator<Item = Field> {
    Field::ALL.into_iter().filter(|f| *f != Field::Framework)
}

fn contracts(p: &Portfolio, lang: Lang) -> Table {
    Table {
        name: pick(lang, "Kontrakter", "Contracts"),
        file: pick(lang, "kontrakter.csv", "contracts.csv"),
        headings: contract_columns()
            .map(|f| f.heading(lang).to_owned())
            .collect(),
        rows: p
            .contracts
            .iter()
            .map(|c| {
                contract_columns()
                    .map(|f| contract_cell(p, c, f, lang))
                    .collect()
            })
            .collect(),
    }
}

fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

fn opt_text(s: Option<&String>) -> Value {
    s.map_or(Value::Empty, |s| text(s.clone()))
}

/// The register value of one field of a contract.
pub fn contract_cell(p: &Portfolio, c: &Contract, f: Field, lang: Lang) -> Value {
    let yes_no = |b: bool| text(terms::yes_no_label(b, lang));
    match f {
        Field::Id => text(&c.id),
        Field::Title => text(&c.title),
        Field::ServiceArea => opt_text(c.service_area.as_ref()),
        Field::System => opt_text(c.system.as_ref()),
        Field::Authorities => text(
            c.authorities
                .iter()
                .map(|a| authority_name(p, a))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Field::AuthorityOrgNo => {
            let nos: Vec<&str> = c
                .authorities
                .iter()
                .map(|a| match a {
                    AuthorityRef::External(party) => party.org_no.as_deref().unwrap_or("-"),
                    AuthorityRef::Municipality(_) => "-",
                })
                .collect();
            if nos.iter().all(|n| *n == "-") {
                Value::Empty
            } else {
                text(nos.join(", "))
            }
        }
        Field::Supplier => text(&c.supplier.name),
        Field::SupplierOrgNo => opt_text(c.supplier.org_no.as_ref()),
        Field::Kind => text(terms::kind_label(c.kind, lang)),
        Field::Framework => yes_no(c.kind == crate::model::ContractKind::FrameworkAgreement),
        Field::Subject => text(terms::subject_label(c.subject, lang)),
        Field::Character => text(terms::character_label(c.character, lang)),
        Field::Procedure => text(terms::procedure_label(c.award.procedure, lang)),
        Field::Announced => yes_no(c.award.announced),
        Field::Notice => opt_text(c.award.notice.as_ref()),
        Field::Signed => Value::Date(c.award.signed),
        Field::Part => c
            .award
            .part
            .map_or(Value::Empty, |part| text(format!("{part:?}"))),
        Field::Start => Value::Date(c.start),
        Field::End => Value::Date(c.end),
        Field::EndWithOptions => Value::Date(c.end_with_options()),
        Field::Options => text(options_text(c, lang)),
        Field::OptionsExercised => Value::Number(
            c.options
                .iter()
                .filter(|o| o.kind == OptionKind::Extension && o.exercised)
                .count() as i64,
        ),
        Field::Value => Value::Amount(c.value),
        Field::ValueIsEstimate => yes_no(c.value_is_estimate),
        Field::AnnualValue => c.annual_value.map_or(Value::Empty, Value::Amount),
        Field::Termination => match &c.termination {
            Some(t) if t.for_convenience => text(months_text(t.notice_months, lang)),
            Some(t) if t.notice_months > 0 => text(format!(
                "{} ({})",
                terms::yes_no_label(false, lang),
                months_text(t.notice_months, lang)
            )),
            Some(_) => text(terms::yes_no_label(false, lang)),
            None => Value::Empty,
        },
        Field::TerminationOnMerger => c
            .termination
            .as_ref()
            .map_or(Value::Empty, |t| yes_no(t.on_merger)),
    }
}

fn authority_name(p: &Portfolio, a: &AuthorityRef) -> String {
    match a {
        AuthorityRef::Municipality(id) => p
            .merger
            .as_ref()
            .and_then(|m| m.municipality(id))
            .map_or_else(|| id.clone(), |m| m.name.clone()),
        AuthorityRef::External(party) => party.name.clone(),
    }
}

fn months_text(m: u32, lang: Lang) -> String {
    match lang {
        Lang::Nb => format!("{m} mnd"),
        Lang::En => format!("{m} months"),
    }
}

/// The extension options in order, as the import reads them: `12 mnd + 12 mnd`.
fn options_text(c: &Contract, lang: Lang) -> String {
    let periods: Vec<String> = c
        .options
        .iter()
        .filter(|o| o.kind == OptionKind::Extension)
        .filter_map(|o| o.months)
        .map(|m| months_text(m, lang))
        .collect();
    if periods.is_empty() {
        pick(lang, "ingen", "none").to_owned()
    } else {
        periods.join(" + ")
    }
}

fn assessment_table(p: &Portfolio, assessments: &[Assessment], lang: Lang) -> Table {
    let headings: Vec<String> = [
        ("Avtale-ID", "Contract ID"),
        ("Avtalenavn", "Contract title"),
        ("Endring", "Change"),
        ("Implisitt overdragelse", "Implicit transfer"),
        ("Dato", "Date"),
        ("Anbefaling", "Recommendation"),
        ("Grunnlag", "Grounds"),
        ("Del", "Part"),
        ("Kunngjøring om endring", "Modification notice"),
        ("Opprinnelig verdi", "Original value"),
        ("Basisverdi", "Base value"),
        ("Verdi inkl. opsjoner", "Value incl. options"),
        ("Endringens økning", "This change's increase"),
        ("Herav forlengelse", "Of which term extension"),
        ("Forlengelse (dager)", "Term extension (days)"),
        ("Verdi utenom prisen", "Non-price value"),
        ("Tidligere økning", "Earlier increase"),
        ("Samlet økning", "Cumulative increase"),
        ("De minimis-sats", "De minimis rate"),
        ("De minimis-grense", "De minimis limit"),
        ("EØS-terskelverdi", "EEA threshold"),
        ("Nasjonal terskelverdi", "National threshold"),
        ("Terskelverdier fra", "Thresholds from"),
        ("50 %-grensen", "50% cap"),
        ("Konklusjon", "Conclusion"),
        ("Advarsler", "Warnings"),
    ]
    .iter()
    .map(|(nb, en)| pick(lang, nb, en).to_owned())
    .collect();
    let rows = assessments
        .iter()
        .map(|a| {
            let f = &a.figures;
            let title = p
                .contract(&a.contract)
                .map(|c| c.title.clone())
                .unwrap_or_default();
            let grounds: Vec<_> = a.grounds.iter().map(|g| labels::ground(*g)).collect();
            let amount = |d: Option<Decimal>| d.map_or(Value::Empty, Value::Amount);
            vec![
                text(&a.contract),
                text(title),
                text(&a.change),
                text(terms::yes_no_label(a.implicit, lang)),
                Value::Date(a.date),
                Value::Recommendation(
                    a.recommendation,
                    labels::recommendation(a.recommendation)
                        .get(lang)
                        .to_owned(),
                ),
                text(labels::join(&grounds).get(lang)),
                text(format!("{:?}", a.part)),
                text(terms::yes_no_label(a.modification_notice, lang)),
                Value::Amount(f.original_value),
                Value::Amount(f.base_value),
                Value::Amount(f.value_including_options),
                Value::Amount(f.value_increase),
                amount(f.term_extension_value),
                f.term_extension_days.map_or(Value::Empty, Value::Number),
                amount(f.estimated_value),
                Value::Amount(f.earlier_increase),
                Value::Amount(f.cumulative_increase),
                Value::Percent(f.de_minimis_percent),
                Value::Amount(f.de_minimis_limit),
                amount(f.eea_threshold),
                amount(f.national_threshold),
                f.thresholds_from.map_or(Value::Empty, Value::Date),
                Value::Amount(f.cap_50),
                text(a.conclusion.get(lang)),
                text(
                    a.warnings
                        .iter()
                        .map(|w| w.get(lang))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
            ]
        })
        .collect();
    Table {
        name: pick(lang, "Vurderinger", "Assessments"),
        file: pick(lang, "vurderinger.csv", "assessments.csv"),
        headings,
        rows,
    }
}

fn deadlines(plan: &Plan, lang: Lang) -> Table {
    let headings: Vec<String> = crate::plan::render::csv::headers(lang)
        .iter()
        .map(|h| (*h).to_owned())
        .collect();
    let rows = plan
        .actions
        .iter()
        .map(|a| {
            let c = plan.contracts.iter().find(|c| c.contract == a.contract);
            let legal = if a.deadline.is_adjusted() {
                Value::Date(a.deadline.legal_date)
            } else {
                Value::Empty
            };
            vec![
                Value::Date(a.deadline.date),
                legal,
                text(date_kind_label(a.deadline.kind, lang)),
                text(a.kind.label().get(lang)),
                text(&a.contract),
                c.map_or(Value::Empty, |c| text(&c.title)),
                opt_text(a.change.as_ref()),
                opt_text(c.and_then(|c| c.system.as_ref())),
                c.map_or(Value::Empty, |c| {
                    text(c.priority.priority.label().get(lang))
                }),
                text(terms::yes_no_label(a.past, lang)),
                text(a.summary.get(lang)),
                text(a.basis.get(lang)),
                text(&a.uid),
            ]
        })
        .collect();
    Table {
        name: pick(lang, "Frister", "Deadlines"),
        file: pick(lang, "frister.csv", "deadlines.csv"),
        headings,
        rows,
    }
}

/// The fixed creation date of every exported workbook, so that the same portfolio gives the
/// same bytes (the plan's `--today` is in the sheets themselves).
fn fixed_properties(title: &str) -> Result<DocProperties, XlsxError> {
    Ok(DocProperties::new()
        .set_title(title)
        .set_author("vesentlig")
        .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?))
}

/// Formats shared by the sheets.
pub struct Formats {
    pub heading: Format,
    pub kroner: Format,
    pub ore: Format,
    pub date: Format,
    pub percent: Format,
    pub wrap: Format,
    pub plain: Format,
}

impl Formats {
    pub fn new(lang: Lang) -> Self {
        let (kroner, ore, date) = match lang {
            Lang::Nb => ("#,##0 \"kr\"", "#,##0.00 \"kr\"", "dd.mm.yyyy"),
            Lang::En => ("\"NOK\" #,##0", "\"NOK\" #,##0.00", "yyyy-mm-dd"),
        };
        Formats {
            heading: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border_bottom(FormatBorder::Thin)
                .set_align(FormatAlign::Top),
            kroner: Format::new()
                .set_num_format(kroner)
                .set_align(FormatAlign::Top),
            ore: Format::new()
                .set_num_format(ore)
                .set_align(FormatAlign::Top),
            date: Format::new()
                .set_num_format(date)
                .set_align(FormatAlign::Top),
            percent: Format::new()
                .set_num_format("0%")
                .set_align(FormatAlign::Top),
            wrap: Format::new().set_text_wrap().set_align(FormatAlign::Top),
            plain: Format::new().set_align(FormatAlign::Top),
        }
    }
}

/// An Excel date for a calendar date.
pub fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8)
}

/// The colours of a recommendation: Excel's «good», «neutral» and «bad» styles.
fn recommendation_format(r: Recommendation) -> Format {
    let (fill, font) = match r {
        Recommendation::Continue => (0xC6EFCE, 0x006100),
        Recommendation::IntentionNotice => (0xFFEB9C, 0x9C5700),
        Recommendation::Retender => (0xFFC7CE, 0x9C0006),
    };
    Format::new()
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(font))
        .set_bold()
        .set_align(FormatAlign::Top)
}

/// Writes one cell; text longer than the column is wrapped.
pub fn write_value(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: &Value,
    f: &Formats,
    width: f64,
) -> Result<(), XlsxError> {
    match v {
        Value::Empty => {}
        Value::Text(s) if lines(s, width) > 1 => {
            ws.write_string_with_format(row, col, s, &f.wrap)?;
        }
        Value::Text(s) => {
            ws.write_string_with_format(row, col, s, &f.plain)?;
        }
        Value::Amount(d) => {
            // Excel holds every number as a double: amounts up to 10^15 kroner keep their øre.
            let format = if d.fract().is_zero() {
                &f.kroner
            } else {
                &f.ore
            };
            ws.write_number_with_format(row, col, d.to_f64().unwrap_or_default(), format)?;
        }
        Value::Number(n) => {
            ws.write_number_with_format(row, col, *n as f64, &f.plain)?;
        }
        Value::Percent(d) => {
            let fraction = d / Decimal::ONE_HUNDRED;
            ws.write_number_with_format(
                row,
                col,
                fraction.to_f64().unwrap_or_default(),
                &f.percent,
            )?;
        }
        Value::Date(d) => {
            ws.write_datetime_with_format(row, col, excel_date(*d)?, &f.date)?;
        }
        Value::Recommendation(r, label) => {
            ws.write_string_with_format(row, col, label, &recommendation_format(*r))?;
        }
    }
    Ok(())
}

/// The lines a text takes in a column `width` characters wide (a rough measure: spreadsheets
/// do not grow rows for wrapped text by themselves).
fn lines(s: &str, width: f64) -> usize {
    // Proportional text fits about a fifth more characters than the column's width in digits.
    let per_line = ((width * 1.2) as usize).saturating_sub(2).max(1);
    s.lines()
        .map(|l| l.chars().count().div_ceil(per_line).max(1))
        .sum::<usize>()
        .max(1)
}

/// A sensible width for a column: its longest line, between 8 and 80 characters.
fn width(t: &Table, col: usize) -> f64 {
    let shown = |v: &Value| match v {
        Value::Empty => 0,
        Value::Text(s) | Value::Recommendation(_, s) => {
            s.lines().map(|l| l.chars().count()).max().unwrap_or(0)
        }
        Value::Amount(d) => d.trunc().to_string().len() * 4 / 3 + 4,
        Value::Number(_) | Value::Percent(_) => 6,
        Value::Date(_) => 11,
    };
    let longest = t
        .rows
        .iter()
        .filter_map(|r| r.get(col))
        .map(shown)
        .max()
        .unwrap_or(0);
    let heading = t.headings.get(col).map_or(0, |h| h.chars().count().min(30));
    (longest.max(heading) + 2).clamp(10, 80) as f64
}

/// Adds a sheet with its headings (frozen, filtered) and rows.
pub fn write_table(wb: &mut Workbook, t: &Table, f: &Formats) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(t.name)?;
    let widths: Vec<f64> = (0..t.headings.len()).map(|c| width(t, c)).collect();
    let col_of = |c: usize| u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError);
    for (c, h) in t.headings.iter().enumerate() {
        ws.write_string_with_format(0, col_of(c)?, h, &f.heading)?;
        ws.set_column_width(col_of(c)?, widths[c])?;
    }
    let heading_lines = t
        .headings
        .iter()
        .zip(&widths)
        .map(|(h, w)| lines(h, *w))
        .max()
        .unwrap_or(1);
    ws.set_row_height(0, 15.0 * heading_lines as f64)?;
    for (r, row) in t.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        let mut height = 1;
        for (c, v) in row.iter().enumerate() {
            write_value(ws, r, col_of(c)?, v, f, widths[c])?;
            if let Value::Text(s) = v {
                height = height.max(lines(s, widths[c]));
            }
        }
        if height > 1 {
            ws.set_row_height(r, (15.0 * height as f64).min(409.0))?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    // Printed: A4 landscape, one page wide, the headings on every page.
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    let last_col = col_of(t.headings.len().saturating_sub(1))?;
    let last_row = u32::try_from(t.rows.len()).unwrap_or(0);
    ws.autofilter(0, 0, last_row, last_col)?;
    Ok(())
}

/// The workbook's bytes.
pub fn xlsx(tables: &[Table], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    wb.set_properties(&fixed_properties(pick(
        lang,
        "Kontrakter og vurderinger (vesentlig)",
        "Contracts and assessments (vesentlig)",
    ))?);
    let f = Formats::new(lang);
    for t in tables {
        write_table(&mut wb, t, &f)?;
    }
    wb.save_to_buffer()
}

/// One table as CSV for Excel: semicolon-separated, UTF-8 with a byte-order mark, CRLF, as
/// the plan's CSV (docs/planning.md). Amounts without grouping and with the language's
/// decimal mark; dates ISO, which Excel reads as dates in every locale.
pub fn csv(t: &Table, lang: Lang) -> Result<String, ::csv::Error> {
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(&t.headings)?;
    for row in &t.rows {
        w.write_record(row.iter().map(|v| csv_cell(v, lang)))?;
    }
    let bytes = w.into_inner().map_err(|e| e.into_error())?;
    Ok(format!(
        "{}{}",
        crate::plan::render::csv::BOM,
        String::from_utf8_lossy(&bytes)
    ))
}

fn csv_cell(v: &Value, lang: Lang) -> String {
    let decimal = |d: Decimal| {
        let s = d.normalize().to_string();
        match lang {
            Lang::Nb => s.replace('.', ","),
            Lang::En => s,
        }
    };
    match v {
        Value::Empty => String::new(),
        Value::Text(s) | Value::Recommendation(_, s) => crate::plan::render::csv::defuse(s.clone()),
        Value::Amount(d) => decimal(*d),
        Value::Number(n) => n.to_string(),
        Value::Percent(d) => format!("{} %", decimal(*d)),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
    }
}

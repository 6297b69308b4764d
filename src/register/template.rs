//! `vesentlig template`: an empty contract register to fill in, with the headings `import`
//! recognises, a comment on each heading saying what belongs there, drop-down lists for the
//! enumerated columns (the municipalities from `merger.json` when given), and one example row.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, Note, Workbook, XlsxError};

use super::columns::Field;
use super::export::{Formats, Table, Value, write_table};
use super::terms;
use crate::model::Merger;
use crate::text::Lang;

/// The template's columns: the export's, less those a person filling in a register should not
/// have to give (the authorities' numbers, the announcement and part, which follow from the
/// procedure and the value, and the end with options, which follows from the options).
fn columns() -> impl Iterator<Item = Field> {
    super::export::contract_columns().filter(|f| {
        !matches!(
            f,
            Field::AuthorityOrgNo | Field::Announced | Field::Part | Field::EndWithOptions
        )
    })
}

/// Rows with drop-down lists (the example row and the rows to fill in).
const ROWS: u32 = 1000;

fn d(y: i32, m: u32, day: u32) -> Value {
    NaiveDate::from_ymd_opt(y, m, day).map_or(Value::Empty, Value::Date)
}

/// The example row: a cleaning contract of the first municipality.
fn example(field: Field, merger: Option<&Merger>, lang: Lang) -> Value {
    let nb = lang == Lang::Nb;
    let text = |s: &str| Value::Text(s.to_owned());
    match field {
        Field::Id => text("renhold-2023"),
        Field::Title => text(if nb {
            "Renhold av kommunale bygg"
        } else {
            "Cleaning of municipal buildings"
        }),
        Field::Authorities => text(
            merger
                .and_then(|m| m.municipalities.first())
                .map_or("Fjordvik kommune", |m| m.name.as_str()),
        ),
        Field::Supplier => text("Renhold AS"),
        Field::SupplierOrgNo => text("999 999 999"),
        Field::Kind => text(terms::kind_label(
            crate::model::ContractKind::Contract,
            lang,
        )),
        Field::Subject => text(terms::subject_label(crate::model::Subject::Services, lang)),
        Field::Character => text(terms::character_label(
            crate::model::Character::Standard,
            lang,
        )),
        Field::ServiceArea => text(if nb { "Eiendom" } else { "Property" }),
        Field::System => Value::Empty,
        Field::Procedure => text(terms::procedure_label(crate::model::Procedure::Open, lang)),
        Field::Notice => text("Doffin 2023-100200"),
        Field::Signed => d(2023, 3, 15),
        Field::Start => d(2023, 5, 1),
        Field::End => d(2026, 4, 30),
        Field::Options => text(if nb { "1+1 år" } else { "1+1 years" }),
        Field::OptionsExercised => Value::Number(0),
        Field::Value => Value::Amount(Decimal::from(7_500_000)),
        Field::ValueIsEstimate => text(terms::yes_no_label(false, lang)),
        Field::AnnualValue => Value::Amount(Decimal::from(2_500_000)),
        Field::Termination => text(if nb { "6 mnd" } else { "6 months" }),
        Field::TerminationOnMerger => text(terms::yes_no_label(false, lang)),
        _ => Value::Empty,
    }
}

/// The values a drop-down offers for a column, if it has one.
fn choices(field: Field, merger: Option<&Merger>, lang: Lang) -> Option<Vec<String>> {
    let list: Vec<String> = match field {
        Field::Kind => terms::KINDS
            .iter()
            .map(|k| terms::kind_label(*k, lang).to_owned())
            .collect(),
        Field::Subject => terms::SUBJECTS
            .iter()
            .map(|s| terms::subject_label(*s, lang).to_owned())
            .collect(),
        Field::Character => terms::CHARACTERS
            .iter()
            .map(|c| terms::character_label(*c, lang).to_owned())
            .collect(),
        Field::Procedure => terms::PROCEDURES
            .iter()
            .map(|p| terms::procedure_label(*p, lang).to_owned())
            .collect(),
        Field::ValueIsEstimate
        | Field::Announced
        | Field::Framework
        | Field::TerminationOnMerger => [true, false]
            .iter()
            .map(|b| terms::yes_no_label(*b, lang).to_owned())
            .collect(),
        Field::Authorities => merger?
            .municipalities
            .iter()
            .map(|m| m.name.clone())
            .collect(),
        _ => return None,
    };
    Some(list)
}

/// The template workbook's bytes.
pub fn template(merger: Option<&Merger>, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let table = Table {
        name: if lang == Lang::Nb {
            "Avtaler"
        } else {
            "Contracts"
        },
        file: "",
        headings: columns().map(|f| f.heading(lang).to_owned()).collect(),
        rows: vec![columns().map(|f| example(f, merger, lang)).collect()],
    };
    let mut wb = Workbook::new();
    wb.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(if lang == Lang::Nb {
                "Avtaleregister (vesentlig)"
            } else {
                "Contract register (vesentlig)"
            })
            .set_author("vesentlig")
            .set_creation_datetime(&rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?),
    );
    let formats = Formats::new(lang);
    write_table(&mut wb, &table, &formats)?;
    let ws = wb.worksheet_from_index(0)?;
    for (c, field) in columns().enumerate() {
        let col = u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)?;
        let note = Note::new(field.guidance(lang))
            .set_author("vesentlig")
            .set_width(320)
            .set_height(110);
        ws.insert_note(0, col, &note)?;
        if let Some(list) = choices(field, merger, lang) {
            let mut v = DataValidation::new().allow_list_strings(&list)?;
            // The authorities column may name several, or one outside the merger: a warning.
            if field == Field::Authorities {
                v = v.set_error_style(DataValidationErrorStyle::Warning);
            }
            ws.add_data_validation(1, col, ROWS, col, &v)?;
        }
    }
    wb.save_to_buffer()
}

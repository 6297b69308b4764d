//! A register sheet as a grid of cells at their spreadsheet positions: xlsx, xls and ods through
//! calamine (numbers, real dates and merged regions as Excel holds them), CSV through the `csv`
//! crate (semicolon or comma, detected; UTF-8 with or without a byte-order mark, or
//! Windows-1252 as older Excel versions save it).

use std::fs;
use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};
use chrono::NaiveDate;

use super::cells::Cell;

/// One sheet's cells, row by row from A1.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// The sheet's name (the file's name for CSV), for cell references.
    pub sheet: String,
    pub rows: Vec<Vec<Cell>>,
    /// Merged regions: (first row, first column, last row, last column), zero-based.
    pub merged: Vec<(usize, usize, usize, usize)>,
    /// How the file was read, for the import summary: "xlsx", "CSV, semicolon, UTF-8 …".
    pub format: String,
}

impl Grid {
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }
}

/// A register that cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub message: String,
    pub help: String,
}

fn read_error(message: impl Into<String>, help: impl Into<String>) -> ReadError {
    ReadError {
        message: message.into(),
        help: help.into(),
    }
}

/// Whether the file is a CSV text file (by its extension).
fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("txt"))
}

/// Reads the sheets of a register: the one named `sheet`, or every sheet in workbook order.
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Vec<Grid>, ReadError> {
    let bytes = fs::read(path).map_err(|e| {
        read_error(
            format!("cannot read {}: {e}", path.display()),
            "give the path of an .xlsx, .xls, .ods or .csv file",
        )
    })?;
    if is_csv(path) {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Ok(vec![csv_grid(&bytes, name)?]);
    }
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        read_error(
            format!("cannot open {} as a spreadsheet: {e}", path.display()),
            "save the register as .xlsx, .xls, .ods or .csv",
        )
    })?;
    let format = match &book {
        Sheets::Xlsx(_) => "xlsx",
        Sheets::Xls(_) => "xls",
        Sheets::Xlsb(_) => "xlsb",
        Sheets::Ods(_) => "ods",
    };
    let names = book.sheet_names();
    let wanted: Vec<String> = match sheet {
        Some(s) => {
            let Some(found) = names
                .iter()
                .find(|n| n.as_str() == s || n.eq_ignore_ascii_case(s))
            else {
                return Err(read_error(
                    format!("no sheet «{s}» in {}", path.display()),
                    format!("the sheets are: {}", names.join(", ")),
                ));
            };
            vec![found.clone()]
        }
        None => names,
    };
    wanted
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).map_err(|e| {
                read_error(
                    format!("cannot read sheet «{name}»: {e}"),
                    "save the workbook again from Excel or LibreOffice",
                )
            })?;
            let merged = merged_regions(&mut book, &name);
            Ok(Grid {
                rows: range_rows(&range),
                sheet: name,
                merged,
                format: format.to_owned(),
            })
        })
        .collect()
}

fn merged_regions<RS: std::io::Read + std::io::Seek>(
    book: &mut Sheets<RS>,
    name: &str,
) -> Vec<(usize, usize, usize, usize)> {
    let regions = match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).ok(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).ok(),
        _ => None,
    };
    regions
        .unwrap_or_default()
        .into_iter()
        .map(|d| {
            (
                d.start.0 as usize,
                d.start.1 as usize,
                d.end.0 as usize,
                d.end.1 as usize,
            )
        })
        .collect()
}

/// The cells of a calamine range at their absolute positions (a range may start at B3).
fn range_rows(range: &calamine::Range<Data>) -> Vec<Vec<Cell>> {
    let Some((top, left)) = range.start() else {
        return Vec::new();
    };
    let mut rows = vec![Vec::new(); top as usize];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; left as usize];
        cells.extend(row.iter().map(cell));
        rows.push(cells);
    }
    rows
}

/// One calamine cell as a register cell: numbers stay numbers, real dates stay dates.
fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::text(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => dt.as_datetime().map_or_else(
            || Cell::Text(dt.as_f64().to_string()),
            |t| Cell::Date(t.date()),
        ),
        Data::DateTime(dt) => Cell::Text(dt.as_f64().to_string()),
        Data::DateTimeIso(s) => s
            .get(..10)
            .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
            .map_or_else(|| Cell::text(s), Cell::Date),
        Data::DurationIso(s) => Cell::text(s),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

/// A CSV file as a grid of text cells.
fn csv_grid(bytes: &[u8], name: String) -> Result<Grid, ReadError> {
    let (text, encoding) = decode(bytes);
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            read_error(
                format!("cannot read line {} of the CSV: {e}", i + 1),
                "check the quotes on that line",
            )
        })?;
        rows.push(record.iter().map(Cell::text).collect());
    }
    let separator = match delimiter {
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "comma",
    };
    Ok(Grid {
        sheet: name,
        rows,
        merged: Vec::new(),
        format: format!("CSV, {separator}-separated, {encoding}"),
    })
}

/// The text of a CSV file: UTF-8 (a byte-order mark is dropped), else Windows-1252, the
/// encoding Excel's «CSV» (not «CSV UTF-8») uses in Norway.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8 with BOM");
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), "UTF-8"),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// Semicolon (Excel in Norwegian) when the lines split consistently on it, else comma or tab.
fn detect_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let consistent = |d: u8| -> usize {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| {
                let mut r = csv::ReaderBuilder::new()
                    .delimiter(d)
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(l.as_bytes());
                r.records()
                    .next()
                    .and_then(Result::ok)
                    .map_or(0, |rec| rec.len())
            })
            .collect();
        // The widest row count that at least half the lines share.
        let mut best = 0;
        for &c in &counts {
            if c > best && counts.iter().filter(|&&x| x == c).count() * 2 >= counts.len() {
                best = c;
            }
        }
        best
    };
    [b';', b'\t', b',']
        .into_iter()
        .find(|&d| consistent(d) >= 2)
        .unwrap_or(b';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_delimiters_and_encodings() {
        let g = csv_grid(
            "Avtale;Verdi\nRenhold;12 500 000,50\n".as_bytes(),
            "r".into(),
        )
        .unwrap();
        assert_eq!(g.rows[1][1], Cell::Text("12 500 000,50".into()));
        assert!(g.format.contains("semicolon"));
        let g = csv_grid(b"Avtale,Verdi\nRenhold,12500000\n", "r".into()).unwrap();
        assert_eq!(g.rows[1][1], Cell::Text("12500000".into()));
        let g = csv_grid(b"\xef\xbb\xbfLeverand\xc3\xb8r;X\n", "r".into()).unwrap();
        assert_eq!(g.rows[0][0], Cell::Text("Leverandør".into()));
        let g = csv_grid(b"Leverand\xf8r;X\n", "r".into()).unwrap();
        assert_eq!(g.rows[0][0], Cell::Text("Leverandør".into()));
        assert!(g.format.contains("Windows-1252"));
    }
}

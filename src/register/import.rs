//! `vesentlig import`: a contract register (xlsx, xls, ods or csv) into portfolio files, one
//! contract file per row.
//!
//! A register holds some of the facts the format needs. What it holds is read exactly (every
//! unreadable cell is an error at its spreadsheet position); a required fact it does not hold
//! is written as `null`, so that `vesentlig check` points at the very line to fill in; nothing
//! is guessed. Facts a register never holds (change clauses, earlier modifications, proposed
//! changes) are left for the user and named in the summary. An import with an error writes
//! nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::cells::{self, AmountUnit, Cell, CellError};
use super::columns::{self, Field, Recognised, cell_ref, letters, normalise};
use super::grid::{self, Grid};
use super::terms;
use crate::model::{Merger, months_after};

/// How many rows from the top are searched for the heading row.
const HEADING_SEARCH_ROWS: usize = 30;

/// A mapping file: overrides for a register the defaults do not read (docs/register.md).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The sheet to read.
    #[serde(default)]
    pub sheet: Option<String>,
    /// The heading row, counted from 1 as the spreadsheet shows it.
    #[serde(default)]
    pub heading_row: Option<usize>,
    /// Heading text (or column letter) → field key, or "ignore".
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Field key → unit: amounts "NOK", "TNOK", "MNOK"; periods "months", "years".
    #[serde(default)]
    pub units: BTreeMap<String, String>,
    /// The authority of every row (a municipality id or name), for a register of one buyer.
    #[serde(default)]
    pub authority: Option<String>,
}

impl Mapping {
    /// Reads a mapping file (JSON).
    pub fn read(path: &Path) -> Result<Mapping, String> {
        let text = fs::read_to_string(path)
            .map_err(|e| format!("cannot read the mapping file {}: {e}", path.display()))?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        serde_json::from_str(text).map_err(|e| {
            format!(
                "{}: {e} (the mapping file's fields are: sheet, heading_row, columns, units, authority; docs/register.md)",
                path.display()
            )
        })
    }

    fn column(&self, heading: &str, col: usize) -> Option<&str> {
        let letter = letters(col);
        let key = normalise(heading);
        self.columns
            .iter()
            .find(|(k, _)| {
                k.eq_ignore_ascii_case(&letter) || (!key.is_empty() && normalise(k) == key)
            })
            .map(|(_, v)| v.as_str())
    }
}

/// What the import is told besides the register.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub sheet: Option<String>,
    pub mapping: Mapping,
    /// The merger, to turn authority names into municipality ids.
    pub merger: Option<Merger>,
    /// The authority of every row (overrides the mapping's).
    pub authority: Option<String>,
}

/// A problem at a cell (or a sheet, or the file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// `Avtaler!F12`, `Avtaler` or the file.
    pub at: String,
    pub message: String,
    pub help: String,
}

/// How a column of the register is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Field(Field),
    Ignored(String),
}

#[derive(Debug, Clone)]
pub struct Column {
    pub col: usize,
    pub heading: String,
    pub role: Role,
    /// Non-empty cells below the heading.
    pub values: usize,
    /// Amount unit (value columns) stated by the heading or the mapping.
    unit: AmountUnit,
    /// Months per period for a bare number (options, termination).
    period: Option<u32>,
    /// The heading says the values are estimates.
    estimate: bool,
}

/// One contract read from a row.
#[derive(Debug, Clone)]
pub struct Imported {
    pub id: String,
    /// Zero-based row.
    pub row: usize,
    /// The contract file's content.
    pub json: Value,
    /// Required facts the register did not give (written as null): `award.signed`.
    pub missing: Vec<String>,
    /// How values were read where the user should know (a rounding, an authority outside the merger).
    pub notes: Vec<String>,
}

/// The result of reading a register.
#[derive(Debug, Clone, Default)]
pub struct Import {
    pub sheet: String,
    pub format: String,
    /// Zero-based.
    pub heading_row: usize,
    pub columns: Vec<Column>,
    pub contracts: Vec<Imported>,
    /// Empty rows between contracts (zero-based), skipped.
    pub empty_rows: Vec<usize>,
    /// Rows skipped for another reason: (row, why).
    pub skipped: Vec<(usize, String)>,
    /// Remarks on the whole register.
    pub notes: Vec<String>,
    pub errors: Vec<Issue>,
}

/// Reads a register file into contracts (nothing is written).
pub fn read(path: &Path, options: &Options) -> Result<Import, Vec<Issue>> {
    let file = path.display().to_string();
    let sheet = options
        .sheet
        .as_deref()
        .or(options.mapping.sheet.as_deref());
    let grids = grid::read(path, sheet).map_err(|e| {
        vec![Issue {
            at: file.clone(),
            message: e.message,
            help: e.help,
        }]
    })?;
    let mut tried = Vec::new();
    for g in &grids {
        match heading_row(g, &options.mapping) {
            Some(row) => return Ok(read_sheet(g, row, options)),
            None => tried.push(g.sheet.clone()),
        }
    }
    Err(vec![Issue {
        at: file,
        message: format!(
            "no heading row found in {} (searched the first {HEADING_SEARCH_ROWS} rows)",
            if tried.len() == 1 { format!("sheet «{}»", tried[0]) } else { format!("the sheets {}", tried.join(", ")) }
        ),
        help: "the register needs a row of headings such as Avtalenavn, Leverandør, Kontraktsverdi, Oppstart, Utløp; or give the heading row and the columns in a mapping file (--mapping)".into(),
    }])
}

/// The heading row: the one in the first rows with the most recognised headings (at least two,
/// one of them the title), or the mapping's.
fn heading_row(g: &Grid, mapping: &Mapping) -> Option<usize> {
    if let Some(r) = mapping.heading_row {
        return r.checked_sub(1).filter(|r| *r < g.rows.len());
    }
    let mut best: Option<(usize, usize)> = None;
    for (r, row) in g.rows.iter().enumerate().take(HEADING_SEARCH_ROWS) {
        let fields: BTreeSet<Field> = row
            .iter()
            .enumerate()
            .filter_map(|(c, cell)| match role_of(&cell.display(), c, mapping) {
                Role::Field(f) => Some(f),
                Role::Ignored(_) => None,
            })
            .collect();
        if fields.len() >= 2
            && fields.contains(&Field::Title)
            && best.is_none_or(|(_, n)| fields.len() > n)
        {
            best = Some((r, fields.len()));
        }
    }
    best.map(|(r, _)| r)
}

fn role_of(heading: &str, col: usize, mapping: &Mapping) -> Role {
    if let Some(key) = mapping.column(heading, col) {
        return match Field::from_key(key) {
            Some(f) => Role::Field(f),
            None => Role::Ignored("ignored by the mapping file".into()),
        };
    }
    match columns::recognise(heading) {
        Some(Recognised::Field(f)) => Role::Field(f),
        Some(Recognised::Refused(why)) => Role::Ignored(why.into()),
        None if heading.trim().is_empty() => Role::Ignored("no heading".into()),
        None => Role::Ignored("not a register field".into()),
    }
}

fn read_sheet(g: &Grid, heading_row: usize, options: &Options) -> Import {
    let mut import = Import {
        sheet: g.sheet.clone(),
        format: g.format.clone(),
        heading_row,
        ..Import::default()
    };
    import.columns = read_columns(g, heading_row, options, &mut import.errors);
    check_mapping_keys(&options.mapping, &mut import.errors);
    let last = (heading_row + 1..g.rows.len())
        .rev()
        .find(|r| !row_is_empty(g, *r))
        .unwrap_or(heading_row);
    let reader = RowReader {
        g,
        columns: &import.columns,
        options,
    };
    for r in heading_row + 1..=last {
        if row_is_empty(g, r) {
            import.empty_rows.push(r);
            continue;
        }
        if let Some(why) = reader.total_row(r) {
            import.skipped.push((r, why));
            continue;
        }
        let (contract, errors) = reader.row(r);
        import.errors.extend(errors);
        import.contracts.push(contract);
    }
    assign_ids(&mut import, g);
    import.notes = register_notes(&import, options);
    import
}

fn row_is_empty(g: &Grid, r: usize) -> bool {
    g.rows
        .get(r)
        .is_none_or(|row| row.iter().all(Cell::is_empty))
}

fn check_mapping_keys(mapping: &Mapping, errors: &mut Vec<Issue>) {
    for (heading, key) in &mapping.columns {
        if key != "ignore" && Field::from_key(key).is_none() {
            let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
            errors.push(Issue {
                at: "mapping file".into(),
                message: format!("unknown field \"{key}\" for the column «{heading}»"),
                help: format!("the fields are: {}, or \"ignore\"", keys.join(", ")),
            });
        }
    }
    for key in mapping.units.keys() {
        if Field::from_key(key).is_none() {
            errors.push(Issue {
                at: "mapping file".into(),
                message: format!("unknown field \"{key}\" in units"),
                help: "units apply to value, annual_value, options and termination".into(),
            });
        }
    }
}

/// The columns of the heading row, each with its role; duplicates and merged headings that
/// would hide a column are errors.
fn read_columns(g: &Grid, hr: usize, options: &Options, errors: &mut Vec<Issue>) -> Vec<Column> {
    let width = g.width();
    let mut out: Vec<Column> = Vec::new();
    for col in 0..width {
        let heading = g.cell(hr, col).display();
        let values = (hr + 1..g.rows.len())
            .filter(|r| !g.cell(*r, col).is_empty())
            .count();
        if heading.trim().is_empty() && values == 0 {
            continue;
        }
        let mut role = role_of(&heading, col, &options.mapping);
        if heading.trim().is_empty()
            && let Some(&(r0, c0, _, c1)) = g
                .merged
                .iter()
                .find(|(r0, c0, r1, c1)| *r0 <= hr && hr <= *r1 && *c0 < col && col <= *c1)
        {
            errors.push(Issue {
                at: format!(
                    "{}:{}{}",
                    cell_ref(&g.sheet, r0, c0),
                    letters(c1),
                    r0 + 1
                ),
                message: format!(
                    "the heading «{}» is merged over columns {}–{}, so column {} has no heading of its own but holds {values} {}",
                    g.cell(r0, c0).display(),
                    letters(c0),
                    letters(c1),
                    letters(col),
                    if values == 1 { "value" } else { "values" }
                ),
                help: "unmerge the heading cells and give each column its own heading".into(),
            });
            role = Role::Ignored("under a merged heading".into());
        }
        let key = match role {
            Role::Field(f) => f.key(),
            Role::Ignored(_) => "",
        };
        let unit = options
            .mapping
            .units
            .get(key)
            .and_then(|u| AmountUnit::parse(u))
            .or_else(|| AmountUnit::in_heading(&heading))
            .unwrap_or_default();
        let period = options
            .mapping
            .units
            .get(key)
            .map(|u| u.to_lowercase())
            .or_else(|| Some(normalise(&heading)))
            .and_then(|u| period_unit(&u));
        let h = normalise(&heading);
        let estimate = h.contains("estimert") || h.contains("anslått") || h.contains("estimated");
        out.push(Column {
            col,
            heading,
            role,
            values,
            unit,
            period,
            estimate,
        });
    }
    let mut seen: BTreeMap<Field, &Column> = BTreeMap::new();
    for c in &out {
        if let Role::Field(f) = c.role {
            if let Some(first) = seen.get(&f) {
                errors.push(Issue {
                    at: cell_ref(&g.sheet, hr, c.col),
                    message: format!(
                        "«{}» is read as {}, like «{}» in {}",
                        c.heading,
                        f.key(),
                        first.heading,
                        cell_ref(&g.sheet, hr, first.col)
                    ),
                    help: format!(
                        "rename one of the two headings, or say in a mapping file which to use: \"columns\": {{ \"{}\": \"ignore\" }}",
                        letters(c.col)
                    ),
                });
            } else {
                seen.insert(f, c);
            }
        }
    }
    out
}

/// `(mnd)`, `(måneder)`, `months` → 1; `(år)`, `years` → 12.
fn period_unit(s: &str) -> Option<u32> {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words
        .iter()
        .any(|w| ["mnd", "måneder", "months", "month"].contains(w))
    {
        Some(1)
    } else if words.iter().any(|w| ["år", "years", "year"].contains(w)) {
        Some(12)
    } else {
        None
    }
}

struct RowReader<'a> {
    g: &'a Grid,
    columns: &'a [Column],
    options: &'a Options,
}

/// The contract JSON being built, with the required facts still missing.
struct Draft {
    errors: Vec<Issue>,
    missing: Vec<String>,
    notes: Vec<String>,
}

impl Draft {
    /// `value`, or null recorded as missing at `path`.
    fn need(&mut self, path: &str, value: Option<Value>) -> Value {
        value.unwrap_or_else(|| {
            self.missing.push(path.to_owned());
            Value::Null
        })
    }
}

impl RowReader<'_> {
    fn column(&self, f: Field) -> Option<&Column> {
        self.columns.iter().find(|c| c.role == Role::Field(f))
    }

    /// The non-empty cell of field `f` in row `r`.
    fn get(&self, r: usize, f: Field) -> Option<(&Column, &Cell)> {
        let c = self.column(f)?;
        let cell = self.g.cell(r, c.col);
        (!cell.is_empty()).then_some((c, cell))
    }

    fn issue(&self, r: usize, c: &Column, e: CellError) -> Issue {
        Issue {
            at: format!("{} ({})", cell_ref(&self.g.sheet, r, c.col), c.heading),
            message: e.message,
            help: e.help,
        }
    }

    /// Reads field `f` with `parse`; an unreadable cell is an error, an empty one `None`.
    fn read<T>(
        &self,
        r: usize,
        f: Field,
        d: &mut Draft,
        parse: impl Fn(&Column, &Cell) -> Result<T, CellError>,
    ) -> Option<T> {
        let (c, cell) = self.get(r, f)?;
        match parse(c, cell) {
            Ok(v) => Some(v),
            Err(e) => {
                d.errors.push(self.issue(r, c, e));
                None
            }
        }
    }

    fn text(&self, r: usize, f: Field) -> Option<String> {
        self.get(r, f).map(|(_, cell)| cell.display())
    }

    /// A totals row under the table («Sum», «Totalt»): not a contract.
    fn total_row(&self, r: usize) -> Option<String> {
        let title = self.text(r, Field::Title)?;
        let t = normalise(&title);
        ["sum", "totalt", "total", "sum totalt", "i alt"]
            .contains(&t.as_str())
            .then(|| format!("«{title}» is a totals row"))
    }

    fn row(&self, r: usize) -> (Imported, Vec<Issue>) {
        let mut d = Draft {
            errors: Vec::new(),
            missing: Vec::new(),
            notes: Vec::new(),
        };
        let mut o = Map::new();
        o.insert("id".into(), Value::Null);
        let title = self.text(r, Field::Title).map(Value::String);
        o.insert("title".into(), d.need("title", title));
        for (f, key) in [
            (Field::ServiceArea, "service_area"),
            (Field::System, "system"),
        ] {
            if let Some(t) = self.text(r, f) {
                o.insert(key.into(), Value::String(t));
            }
        }
        let authorities = self.authorities(r, &mut d);
        o.insert("authorities".into(), d.need("authorities", authorities));
        o.insert("supplier".into(), self.supplier(r, &mut d));
        let kind = self.kind(r, &mut d);
        o.insert("kind".into(), d.need("kind", kind));
        let subject = self.enumerated(r, Field::Subject, &mut d, terms::parse_subject);
        o.insert("subject".into(), d.need("subject", subject));
        let character = self.enumerated(r, Field::Character, &mut d, terms::parse_character);
        o.insert("character".into(), d.need("character", character));
        o.insert("award".into(), self.award(r, &mut d));
        let start = self.read(r, Field::Start, &mut d, |_, c| cells::date(c));
        let end = self.read(r, Field::End, &mut d, |_, c| cells::date(c));
        o.insert("start".into(), d.need("start", start.map(date_json)));
        o.insert("end".into(), d.need("end", end.map(date_json)));
        self.values(r, &mut d, &mut o);
        let options = self.options(r, end, &mut d);
        if !options.is_empty() {
            o.insert("options".into(), Value::Array(options));
        }
        if let Some(t) = self.termination(r, &mut d) {
            o.insert("termination".into(), t);
        }
        let imported = Imported {
            id: String::new(),
            row: r,
            json: Value::Object(o),
            missing: d.missing,
            notes: d.notes,
        };
        (imported, d.errors)
    }

    /// `value`, `value_is_estimate` and `annual_value`: the estimate as a column says, else as
    /// the heading («Estimert verdi») or the cell («ca. 2 500 000») says.
    fn values(&self, r: usize, d: &mut Draft, o: &mut Map<String, Value>) {
        let amount = |c: &Column, cell: &Cell| cells::amount(cell, c.unit);
        let value = self.read(r, Field::Value, d, amount);
        let annual = self.read(r, Field::AnnualValue, d, amount);
        for (key, read) in [("value", &value), ("annual_value", &annual)] {
            if let Some(note) = read.as_ref().and_then(|v| v.note.as_ref()) {
                d.notes.push(format!("{key}: {note}"));
            }
        }
        let stated = self.read(r, Field::ValueIsEstimate, d, |_, c| cells::yes_no(c));
        let by_heading = self.column(Field::Value).is_some_and(|c| c.estimate);
        let estimate = stated.unwrap_or(by_heading || value.as_ref().is_some_and(|v| v.estimate));
        let value = value.map(|v| amount_json(v.value));
        o.insert("value".into(), d.need("value", value));
        if estimate {
            o.insert("value_is_estimate".into(), Value::Bool(true));
        }
        if let Some(a) = annual {
            o.insert("annual_value".into(), amount_json(a.value));
        }
    }

    fn enumerated<T: serde::Serialize>(
        &self,
        r: usize,
        f: Field,
        d: &mut Draft,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<Value> {
        self.read(r, f, d, |_, cell| {
            parse(&cell.display()).map_err(|message| CellError {
                message,
                help: "write one of the listed values, or map the column to another field in a mapping file".into(),
            })
        })
        .and_then(|v| serde_json::to_value(v).ok())
    }

    fn kind(&self, r: usize, d: &mut Draft) -> Option<Value> {
        let by_type = self.enumerated(r, Field::Kind, d, terms::parse_kind);
        let by_flag = self
            .read(r, Field::Framework, d, |_, c| cells::yes_no(c))
            .map(|b| json!(if b { "framework_agreement" } else { "contract" }));
        match (by_type, by_flag) {
            (Some(a), Some(b)) if a != b => {
                if let Some(c) = self.column(Field::Framework) {
                    d.errors.push(
                        self.issue(
                            r,
                            c,
                            CellError {
                                message: format!(
                                    "the contract type says {a} but this column says {b}"
                                ),
                                help: "make the two columns agree, or ignore one in a mapping file"
                                    .into(),
                            },
                        ),
                    );
                }
                None
            }
            (a, b) => a.or(b),
        }
    }

    fn supplier(&self, r: usize, d: &mut Draft) -> Value {
        let mut s = Map::new();
        let name = self.text(r, Field::Supplier).map(Value::String);
        s.insert("name".into(), d.need("supplier.name", name));
        if let Some(no) = self.read(r, Field::SupplierOrgNo, d, |_, c| cells::org_no(c)) {
            s.insert("org_no".into(), Value::String(no));
        }
        Value::Object(s)
    }

    fn award(&self, r: usize, d: &mut Draft) -> Value {
        let mut a = Map::new();
        let procedure = self.read(r, Field::Procedure, d, |_, cell| {
            terms::parse_procedure(&cell.display()).map_err(|message| CellError {
                message,
                help: "write the procedure as in the template's list".into(),
            })
        });
        let notice = self.text(r, Field::Notice);
        let stated = self.read(r, Field::Announced, d, |_, c| cells::yes_no(c));
        // Whether the competition was announced: as the register says, else as the procedure
        // implies (an open procedure begins with a notice), else a notice reference shows it.
        let implied = procedure.and_then(terms::announced_by);
        if let (Some(s), Some(i), Some(c)) = (stated, implied, self.column(Field::Announced))
            && s != i
        {
            d.errors.push(self.issue(
                r,
                c,
                CellError {
                    message: format!(
                        "«{}» contradicts the procedure «{}»",
                        terms::yes_no_label(s, crate::text::Lang::Nb),
                        self.text(r, Field::Procedure).unwrap_or_default()
                    ),
                    help: "an open, restricted or competitive-negotiation procedure is announced; a direct award or a negotiated procedure without notice is not".into(),
                },
            ));
        }
        let announced = stated
            .or(implied)
            .or(notice.as_ref().map(|_| true))
            .map(Value::Bool);
        a.insert(
            "procedure".into(),
            d.need(
                "award.procedure",
                procedure.and_then(|p| serde_json::to_value(p).ok()),
            ),
        );
        a.insert("announced".into(), d.need("award.announced", announced));
        if let Some(n) = notice {
            a.insert("notice".into(), Value::String(n));
        }
        let signed = self.read(r, Field::Signed, d, |_, c| cells::date(c));
        a.insert(
            "signed".into(),
            d.need("award.signed", signed.map(date_json)),
        );
        if let Some(p) = self.enumerated(r, Field::Part, d, terms::parse_part) {
            a.insert("part".into(), p);
        }
        Value::Object(a)
    }

    /// The authorities: names (or ids, or organisation numbers) matched to the merger's
    /// municipalities; others become authorities outside the merger, and are noted.
    fn authorities(&self, r: usize, d: &mut Draft) -> Option<Value> {
        let given = self
            .options
            .authority
            .clone()
            .or_else(|| self.options.mapping.authority.clone());
        let (names, col) = match self.get(r, Field::Authorities) {
            Some((c, cell)) => (split_list(&cell.display()), Some(c)),
            None => (given.map(|g| vec![g])?, None),
        };
        let org_nos: Vec<Option<String>> = match self.get(r, Field::AuthorityOrgNo) {
            Some((c, cell)) => {
                let parts = split_list(&cell.display());
                if parts.len() != names.len() {
                    d.errors.push(self.issue(
                        r,
                        c,
                        CellError {
                            message: format!(
                                "{} organisation numbers for {} authorities",
                                parts.len(),
                                names.len()
                            ),
                            help: "give one organisation number per authority, in the same order (- for none)".into(),
                        },
                    ));
                    return None;
                }
                parts
                    .iter()
                    .map(|p| {
                        if p == "-" {
                            return None;
                        }
                        cells::org_no(&Cell::text(p))
                            .map_err(|e| d.errors.push(self.issue(r, c, e)))
                            .ok()
                    })
                    .collect()
            }
            None => vec![None; names.len()],
        };
        let merger = self.options.merger.as_ref();
        let list = names
            .iter()
            .zip(org_nos)
            .map(|(name, org_no)| match merger.and_then(|m| municipality(m, name, org_no.as_deref())) {
                Some(id) => Value::String(id),
                None => {
                    if let (Some(m), Some(_)) = (merger, col) {
                        d.notes.push(format!(
                            "«{name}» is not a municipality of {}: imported as an authority outside the merger",
                            m.name
                        ));
                    }
                    let mut p = Map::new();
                    p.insert("name".into(), Value::String(name.clone()));
                    if let Some(no) = org_no {
                        p.insert("org_no".into(), Value::String(no));
                    }
                    Value::Object(p)
                }
            })
            .collect();
        Some(Value::Array(list))
    }

    fn options(&self, r: usize, end: Option<chrono::NaiveDate>, d: &mut Draft) -> Vec<Value> {
        let months = self
            .read(r, Field::Options, d, |c, cell| {
                cells::extension_options(cell, c.period)
            })
            .unwrap_or_default();
        let exercised = self
            .read(r, Field::OptionsExercised, d, |_, cell| match cell {
                Cell::Text(t)
                    if ["nei", "ingen", "no", "none", "-"].contains(&t.to_lowercase().as_str()) =>
                {
                    Ok(0)
                }
                other => cells::count(other),
            })
            .unwrap_or(0) as usize;
        if exercised > months.len()
            && let Some(c) = self.column(Field::OptionsExercised)
        {
            d.errors.push(self.issue(
                r,
                c,
                CellError {
                    message: format!(
                        "{exercised} options exercised, but the register lists {}",
                        months.len()
                    ),
                    help: "give every extension option in the options column, in order".into(),
                },
            ));
        }
        if let (Some((c, cell)), Some(end)) = (self.get(r, Field::EndWithOptions), end) {
            let open: u32 = months.iter().skip(exercised).sum();
            match cells::date(cell) {
                Ok(stated) if months_after(end, open) != Some(stated) => {
                    d.errors.push(self.issue(
                        r,
                        c,
                        CellError {
                            message: format!(
                                "the register says the contract may run to {}, but the end {} and the remaining options ({open} months) give {}",
                                stated.format("%d.%m.%Y"),
                                end.format("%d.%m.%Y"),
                                months_after(end, open).map_or_else(String::new, |x| x.format("%d.%m.%Y").to_string())
                            ),
                            help: "check the end date, the options and how many are exercised".into(),
                        },
                    ));
                }
                Ok(_) => {}
                Err(e) => d.errors.push(self.issue(r, c, e)),
            }
        }
        months
            .iter()
            .enumerate()
            .map(|(i, m)| {
                json!({
                    "id": format!("opsjon-{}", i + 1),
                    "kind": "extension",
                    "months": m,
                    "exercised": i < exercised,
                })
            })
            .collect()
    }

    /// Termination for convenience and its notice, and whether the contract may be terminated
    /// on the merger: a clause a register rarely records, left null for the user without its
    /// column.
    fn termination(&self, r: usize, d: &mut Draft) -> Option<Value> {
        let t = self.read(r, Field::Termination, d, |c, cell| {
            cells::termination(cell, c.period)
        })?;
        let on_merger = self
            .read(r, Field::TerminationOnMerger, d, |_, c| cells::yes_no(c))
            .map(Value::Bool);
        Some(json!({
            "for_convenience": t.for_convenience,
            "notice_months": t.notice_months,
            "on_merger": d.need("termination.on_merger", on_merger),
        }))
    }
}

/// The municipality a name, id or organisation number stands for.
fn municipality(m: &Merger, name: &str, org_no: Option<&str>) -> Option<String> {
    let plain = |s: &str| {
        let n = normalise(s);
        n.strip_suffix(" kommune").map(str::to_owned).unwrap_or(n)
    };
    let wanted = plain(name);
    m.municipalities
        .iter()
        .find(|x| {
            x.id == name
                || plain(&x.name) == wanted
                || (org_no.is_some() && x.org_no.as_deref() == org_no)
                || x.org_no.as_deref() == Some(name.replace(' ', "").as_str())
        })
        .map(|x| x.id.clone())
}

/// `Fjordvik, Lillevik og Storvik` → three names.
fn split_list(s: &str) -> Vec<String> {
    s.replace(" og ", ",")
        .replace(" and ", ",")
        .split([',', ';', '/', '\n', '+'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect()
}

fn date_json(d: chrono::NaiveDate) -> Value {
    Value::String(d.format("%Y-%m-%d").to_string())
}

/// Whole kroner as a JSON number, øre as an exact string.
fn amount_json(v: Decimal) -> Value {
    let v = v.normalize();
    if v.scale() == 0
        && let Ok(i) = i64::try_from(v.mantissa())
    {
        return json!(i);
    }
    Value::String(v.to_string())
}

/// An id from a register value: ASCII letters, digits, `.`, `_` and `-` (æ → ae, ø → o,
/// å → a), other characters as `-`.
pub fn slug(s: &str, lowercase: bool) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        let c = if lowercase {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            c
        };
        let piece = match c {
            'æ' => "ae",
            'Æ' => "Ae",
            'ø' | 'ö' => "o",
            'Ø' | 'Ö' => "O",
            'å' | 'ä' | 'á' | 'à' => "a",
            'Å' | 'Ä' => "A",
            'é' | 'è' | 'ê' => "e",
            'ü' => "u",
            c if c.is_ascii_alphanumeric() || c == '.' || c == '_' => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(piece);
    }
    let mut collapsed = String::new();
    for c in out.chars() {
        if !(c == '-' && collapsed.ends_with('-')) {
            collapsed.push(c);
        }
    }
    collapsed.trim_matches(['-', '.']).to_owned()
}

/// Gives every contract its id: the register's ID column (made valid), with the authority in
/// front of a bare number; else authority + title + start year. Two rows with the same stated
/// id are an error; derived ids that collide get `-2`, `-3` and a note.
fn assign_ids(import: &mut Import, g: &Grid) {
    let id_col = import
        .columns
        .iter()
        .find(|c| c.role == Role::Field(Field::Id))
        .map(|c| c.col);
    let mut stated: BTreeMap<String, usize> = BTreeMap::new();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut derived = Vec::new();
    for (i, c) in import.contracts.iter_mut().enumerate() {
        let authority = first_authority(&c.json);
        let cell = id_col
            .map(|col| g.cell(c.row, col))
            .filter(|x| !x.is_empty());
        match cell {
            Some(cell) => {
                let raw = cell.display();
                let mut id = slug(&raw, false);
                if !id.starts_with(|ch: char| ch.is_ascii_alphabetic()) {
                    id = format!(
                        "{}-{id}",
                        authority.clone().unwrap_or_else(|| "avtale".into())
                    );
                }
                if id != raw {
                    c.notes.push(format!("id «{id}» made from «{raw}»"));
                }
                if let Some(first) = stated.get(&id) {
                    let col = id_col.unwrap_or(0);
                    import.errors.push(Issue {
                        at: cell_ref(&g.sheet, c.row, col),
                        message: format!(
                            "the id «{id}» is also that of row {} ({})",
                            first + 1,
                            cell_ref(&g.sheet, *first, col)
                        ),
                        help: "every contract needs its own id: give the rows distinct numbers"
                            .into(),
                    });
                } else {
                    stated.insert(id.clone(), c.row);
                }
                used.insert(id.clone());
                c.id = id;
            }
            None => derived.push(i),
        }
    }
    for i in derived {
        let c = &mut import.contracts[i];
        let title = c.json.get("title").and_then(Value::as_str).unwrap_or("");
        let year = c
            .json
            .get("start")
            .and_then(Value::as_str)
            .and_then(|s| s.get(..4));
        let mut parts: Vec<String> = Vec::new();
        if let Some(a) = first_authority(&c.json) {
            parts.push(a);
        }
        let t = slug(title, true);
        let t: String = t.chars().take(40).collect();
        parts.push(if t.is_empty() {
            format!("rad-{}", c.row + 1)
        } else {
            t.trim_end_matches('-').to_owned()
        });
        if let Some(y) = year {
            parts.push(y.to_owned());
        }
        let base = parts.join("-");
        let mut id = base.clone();
        let mut n = 2;
        while used.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        if id != base {
            c.notes.push(format!(
                "id «{base}» was taken by another row: this one is «{id}»"
            ));
        }
        used.insert(id.clone());
        c.id = id;
    }
    for c in &mut import.contracts {
        if let Some(o) = c.json.as_object_mut() {
            o.insert("id".into(), Value::String(c.id.clone()));
        }
    }
}

fn first_authority(json: &Value) -> Option<String> {
    let first = json.get("authorities")?.as_array()?.first()?;
    match first {
        Value::String(id) => Some(slug(id, true)),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(|n| {
            let s = slug(n, true);
            s.strip_suffix("-kommune").map(str::to_owned).unwrap_or(s)
        }),
        _ => None,
    }
}

/// Remarks on the whole register: the merger, options, and what a register never holds.
fn register_notes(import: &Import, options: &Options) -> Vec<String> {
    let has = |f: Field| import.columns.iter().any(|c| c.role == Role::Field(f));
    let mut notes = Vec::new();
    if options.merger.is_none() && (has(Field::Authorities) || options.authority.is_some()) {
        notes.push("no merger.json: authorities are imported as authorities outside a merger; give --merger to turn municipality names into municipality ids".into());
    }
    if has(Field::Options) && !has(Field::OptionsExercised) {
        notes.push("no column says how many options are exercised: every option is imported as not exercised; mark exercised ones `\"exercised\": true` (their months are then part of `end`)".into());
    }
    if has(Field::Termination) && !has(Field::TerminationOnMerger) {
        notes.push("`termination.on_merger` is left null: a register does not say whether the contract may be terminated on the merger; fill it in from the contract".into());
    }
    notes.push("a register does not hold change clauses, earlier modifications, volume options, price indexation or proposed changes: add them to a contract that has any (docs/portfolio-format.md)".into());
    notes
}

/// Why the files were not written.
#[derive(Debug)]
pub enum WriteError {
    /// The import has errors; nothing is written.
    Invalid,
    /// Files that exist and would be overwritten without `--force`.
    Exists(Vec<PathBuf>),
    Io(PathBuf, std::io::Error),
}

/// Writes one file per contract into `dir` (`<id>.json`). With errors, or an existing file and
/// no `force`, nothing is written; if a write fails, the files this run created are removed.
pub fn write(import: &Import, dir: &Path, force: bool) -> Result<Vec<PathBuf>, WriteError> {
    if !import.errors.is_empty() {
        return Err(WriteError::Invalid);
    }
    let paths: Vec<PathBuf> = import
        .contracts
        .iter()
        .map(|c| dir.join(format!("{}.json", c.id)))
        .collect();
    let existing: Vec<PathBuf> = paths.iter().filter(|p| p.exists()).cloned().collect();
    if !force && !existing.is_empty() {
        return Err(WriteError::Exists(existing));
    }
    fs::create_dir_all(dir).map_err(|e| WriteError::Io(dir.to_path_buf(), e))?;
    let mut created = Vec::new();
    for (c, path) in import.contracts.iter().zip(&paths) {
        let text = crate::text::pretty_json(&c.json);
        let new = !path.exists();
        if let Err(e) = crate::atomic_file::write_atomic(path, text.as_bytes()) {
            for p in &created {
                let _ = fs::remove_file(p);
            }
            return Err(WriteError::Io(path.clone(), e));
        }
        if new {
            created.push(path.clone());
        }
    }
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(
            slug("Lønns- og personalsystem", true),
            "lonns-og-personalsystem"
        );
        assert_eq!(slug("AVT 2021/34", false), "AVT-2021-34");
        assert_eq!(slug("Bærum kommune", true), "baerum-kommune");
        assert_eq!(slug("fjordvik-lonn-2021", false), "fjordvik-lonn-2021");
    }

    #[test]
    fn lists_of_names() {
        assert_eq!(
            split_list("Fjordvik, Lillevik og Storvik"),
            vec!["Fjordvik", "Lillevik", "Storvik"]
        );
    }
}

//! Registers in and out of Excel, through the binary: the example portfolio exported to xlsx
//! and CSV and imported back gives the same register facts; registers made the way Excel makes
//! them (numbers, dates, title rows, a byte-order mark, Windows-1252) import; broken ones are
//! refused cell by cell and write nothing; the export holds real numbers and dates.

mod support;
use support::{example_contracts, example_dir as example};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::str::FromStr;

use calamine::{Data, Reader, open_workbook_auto};
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use serde_json::{Value, json};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vesentlig"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The facts a register holds, from a contract file's JSON, normalised (amounts as decimals,
/// defaults filled in).
fn register_facts(c: &Value) -> Value {
    let dec = |v: &Value| match v {
        Value::Number(n) => Some(
            Decimal::from_str(&n.to_string())
                .unwrap()
                .normalize()
                .to_string(),
        ),
        Value::String(s) => Some(Decimal::from_str(s).unwrap().normalize().to_string()),
        _ => None,
    };
    let extension: Vec<Value> = c["options"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|o| o["kind"] == "extension")
        .map(|o| json!([o["months"], o["exercised"].as_bool().unwrap_or(false)]))
        .collect();
    json!({
        "id": c["id"], "title": c["title"], "service_area": c["service_area"], "system": c["system"],
        "authorities": c["authorities"], "supplier": c["supplier"], "kind": c["kind"],
        "subject": c["subject"], "character": c["character"],
        "procedure": c["award"]["procedure"], "announced": c["award"]["announced"],
        "notice": c["award"]["notice"], "signed": c["award"]["signed"], "part": c["award"]["part"],
        "start": c["start"], "end": c["end"], "value": dec(&c["value"]),
        "value_is_estimate": c["value_is_estimate"].as_bool().unwrap_or(false),
        "annual_value": dec(&c["annual_value"]), "extension_options": extension,
        "termination": c["termination"],
    })
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn import(register: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["import", p(register), "--out", p(out)];
    args.extend_from_slice(extra);
    run(&args)
}

/// Every contract of the example has the same register facts in `imported`.
fn assert_same_register_facts(imported: &Path, name: &str) {
    let mut n = 0;
    for entry in std::fs::read_dir(example()).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().unwrap() == "merger.json"
            || path.extension().is_none_or(|e| e != "json")
        {
            continue;
        }
        let originals = match read_json(&path) {
            Value::Array(items) => items,
            one => vec![one],
        };
        for original in originals {
            let id = original["id"].as_str().unwrap();
            let again = read_json(&imported.join(format!("{id}.json")));
            assert_eq!(
                register_facts(&again),
                register_facts(&original),
                "{name}: {id}"
            );
            n += 1;
        }
    }
    assert_eq!(n, example_contracts());
}

#[test]
fn round_trip_through_xlsx_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("portefolje.xlsx");
    let out = run(&[
        "export",
        p(&example()),
        "--out",
        p(&xlsx),
        "--today",
        "2026-06-01",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = dir.path().join("csv");
    let out = run(&[
        "export",
        p(&example()),
        "--format",
        "csv",
        "--out",
        p(&csv),
        "--today",
        "2026-06-01",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv_en = dir.path().join("csv-en");
    let out = run(&[
        "export",
        p(&example()),
        "--format",
        "csv",
        "--lang",
        "en",
        "--out",
        p(&csv_en),
        "--today",
        "2026-06-01",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let merger = example().join("merger.json");
    for (register, name) in [
        (xlsx.clone(), "xlsx"),
        (csv.join("kontrakter.csv"), "csv"),
        (csv_en.join("contracts.csv"), "csv-en"),
    ] {
        let imported = dir.path().join(format!("import-{name}"));
        let out = import(&register, &imported, &["--merger", p(&merger)]);
        assert!(out.status.success(), "{name}: {}", text(&out.stderr));
        assert_same_register_facts(&imported, name);
        // With the merger beside them, the imported register is a valid portfolio.
        std::fs::copy(&merger, imported.join("merger.json")).unwrap();
        let check = run(&["check", p(&imported)]);
        assert!(check.status.success(), "{name}: {}", text(&check.stderr));
    }
}

/// The exported register saved by LibreOffice as .ods and as .xls (its CSV opened and saved
/// again: numbers and dates as LibreOffice typed them, the org-number lists with their text
/// apostrophe) imports to the same facts.
#[test]
fn ods_and_xls_saved_by_libreoffice() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let merger = example().join("merger.json");
    for ext in ["ods", "xls"] {
        let register = fixtures.join(format!("register-libreoffice.{ext}"));
        let imported = dir.path().join(ext);
        let out = import(&register, &imported, &["--merger", p(&merger)]);
        assert!(out.status.success(), "{ext}: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains(&format!("({ext})")));
        assert_same_register_facts(&imported, ext);
    }
}

#[test]
fn export_holds_real_numbers_and_dates_and_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.xlsx");
    let b = dir.path().join("b.xlsx");
    for f in [&a, &b] {
        let out = run(&[
            "export",
            p(&example()),
            "--out",
            p(f),
            "--today",
            "2026-06-01",
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    assert_eq!(
        std::fs::read(&a).unwrap(),
        std::fs::read(&b).unwrap(),
        "same portfolio, same bytes"
    );
    let mut book = open_workbook_auto(&a).unwrap();
    assert_eq!(book.sheet_names(), ["Kontrakter", "Vurderinger", "Frister"]);
    let contracts = book.worksheet_range("Kontrakter").unwrap();
    let headings: Vec<String> = contracts
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let col = |h: &str| headings.iter().position(|x| x == h).unwrap();
    let lonn = contracts
        .rows()
        .find(|r| r[0] == Data::String("fjordvik-lonn-2021".into()))
        .unwrap();
    assert_eq!(
        lonn[col("Kontraktsverdi (eks. mva)")],
        Data::Float(4_800_000.0)
    );
    match &lonn[col("Utløp")] {
        Data::DateTime(d) => assert_eq!(d.as_datetime().unwrap().date().to_string(), "2026-12-31"),
        other => panic!("end is not a date: {other:?}"),
    }
    let assessments = book.worksheet_range("Vurderinger").unwrap();
    let loaded = vesentlig::load::load_checked(&example()).unwrap();
    let assessed = vesentlig::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds).len();
    assert_eq!(
        assessments.rows().count(),
        assessed + 1,
        "a heading and every assessment"
    );
    let heads: Vec<String> = assessments
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let rec = heads.iter().position(|h| h == "Anbefaling").unwrap();
    let base = heads.iter().position(|h| h == "Basisverdi").unwrap();
    let recs: Vec<String> = assessments
        .rows()
        .skip(1)
        .map(|r| r[rec].to_string())
        .collect();
    for word in ["fortsett", "intensjonskunngjøring", "ny konkurranse"] {
        assert!(recs.iter().any(|r| r == word), "{word} in {recs:?}");
    }
    assert!(
        assessments
            .rows()
            .skip(1)
            .all(|r| matches!(r[base], Data::Float(_)))
    );
    let deadlines = book.worksheet_range("Frister").unwrap();
    assert!(
        deadlines
            .rows()
            .skip(1)
            .all(|r| matches!(r[0], Data::DateTime(_)))
    );
}

/// A register as a municipality keeps it in Excel: a title and a blank row above the
/// headings, numbers and dates as real cells, an amount written as text, options in words.
fn excel_register(path: &Path, edit: impl Fn(&mut rust_xlsxwriter::Worksheet)) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Avtaler").unwrap();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    let money = Format::new().set_num_format("# ##0");
    ws.write_string(0, 0, "Avtaleoversikt Fjordvik kommune per 1.1.2026")
        .unwrap();
    let headings = [
        "Avtalenr.",
        "Avtale",
        "Leverandør",
        "Org.nr.",
        "Rammeavtale",
        "Kategori",
        "Verdi (eks. mva)",
        "Oppstart",
        "Utløp",
        "Forlengelse",
        "Oppsigelse",
        "Kommentar",
    ];
    for (c, h) in headings.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let rows: [(&str, &str, &str, &str, &str, &str); 2] = [
        (
            "2021-14",
            "Renhold av skoler",
            "Rent & Pent AS",
            "987 654 321",
            "nei",
            "Tjenester",
        ),
        (
            "2023-02",
            "Kontorrekvisita",
            "Kontorland AS",
            "NO 912 345 678 MVA",
            "ja",
            "Varer",
        ),
    ];
    for (i, (nr, title, supplier, org, ramme, cat)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        ws.write_string(r, 0, *nr).unwrap();
        ws.write_string(r, 1, *title).unwrap();
        ws.write_string(r, 2, *supplier).unwrap();
        ws.write_string(r, 3, *org).unwrap();
        ws.write_string(r, 4, *ramme).unwrap();
        ws.write_string(r, 5, *cat).unwrap();
        ws.write_string(r, 11, "se arkivsak").unwrap();
    }
    ws.write_number_with_format(3, 6, 12_500_000.0, &money)
        .unwrap();
    ws.write_string(4, 6, "kr 1.250.000").unwrap();
    ws.write_datetime_with_format(3, 7, ExcelDateTime::from_ymd(2021, 4, 1).unwrap(), &date)
        .unwrap();
    ws.write_datetime_with_format(3, 8, ExcelDateTime::from_ymd(2025, 3, 31).unwrap(), &date)
        .unwrap();
    ws.write_string(4, 7, "1.2.2023").unwrap();
    ws.write_string(4, 8, "2027-01-31").unwrap();
    ws.write_string(3, 9, "1+1 år").unwrap();
    ws.write_string(4, 9, "2 x 12 mnd").unwrap();
    ws.write_string(3, 10, "3 mnd").unwrap();
    edit(ws);
    wb.save(path).unwrap();
}

fn municipalities(dir: &Path) -> PathBuf {
    let m = dir.join("merger.json");
    std::fs::copy(example().join("merger.json"), &m).unwrap();
    m
}

#[test]
fn a_register_made_in_excel_imports_and_check_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("avtaler.xlsx");
    excel_register(&register, |_| {});
    let out_dir = dir.path().join("portefolje");
    std::fs::create_dir(&out_dir).unwrap();
    municipalities(&out_dir);
    let out = import(&register, &out_dir, &["--authority", "Fjordvik kommune"]);
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{}\n{}", stdout, text(&out.stderr));
    insta::assert_snapshot!(
        "import_excel_register",
        stdout.replace(p(dir.path()), "TMP")
    );
    let renhold = read_json(&out_dir.join("fjordvik-2021-14.json"));
    assert_eq!(renhold["value"], json!(12500000));
    assert_eq!(renhold["start"], json!("2021-04-01"));
    assert_eq!(renhold["supplier"]["org_no"], json!("987654321"));
    assert_eq!(renhold["authorities"], json!(["fjordvik"]));
    assert_eq!(renhold["options"][1]["months"], json!(12));
    assert_eq!(renhold["character"], Value::Null);
    let rekvisita = read_json(&out_dir.join("fjordvik-2023-02.json"));
    assert_eq!(rekvisita["value"], json!(1250000));
    assert_eq!(rekvisita["kind"], json!("framework_agreement"));
    assert_eq!(rekvisita["supplier"]["org_no"], json!("912345678"));
    // check names every value still to fill in, at its line.
    let check = run(&["check", p(&out_dir)]);
    assert_eq!(check.status.code(), Some(1));
    insta::assert_snapshot!(
        "check_imported_register",
        text(&check.stderr).replace(p(dir.path()), "TMP")
    );
}

#[test]
fn csv_with_bom_and_windows_1252() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Avtaleregister Lillevik\n\nAvtale;Leverandør;Kontraktsverdi;Oppstart;Utløp;Opsjoner\nLønnssystem;Lønnsdata AS;12 500 000,50;01.04.2021;31.03.2025;opsjon 1 år + 1 år\n";
    let bom = dir.path().join("bom.csv");
    std::fs::write(&bom, format!("\u{feff}{body}")).unwrap();
    let cp1252 = dir.path().join("ansi.csv");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(body);
    std::fs::write(&cp1252, &bytes).unwrap();
    for (file, encoding) in [(&bom, "UTF-8 with BOM"), (&cp1252, "Windows-1252")] {
        let out_dir = dir.path().join(format!("out-{encoding}"));
        let out = import(file, &out_dir, &["--authority", "lillevik"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(
            text(&out.stdout).contains(encoding),
            "{}",
            text(&out.stdout)
        );
        let c = read_json(&out_dir.join("lillevik-lonnssystem-2021.json"));
        assert_eq!(c["title"], json!("Lønnssystem"));
        assert_eq!(c["supplier"]["name"], json!("Lønnsdata AS"));
        assert_eq!(c["value"], json!("12500000.5"));
        assert_eq!(c["end"], json!("2025-03-31"));
        assert_eq!(c["options"].as_array().unwrap().len(), 2);
    }
}

#[test]
fn broken_registers_are_refused_cell_by_cell_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("avtaler.xlsx");
    let bold = Format::new().set_bold();
    excel_register(&register, |ws| {
        // A text in the value column, a date that does not exist, unreadable options, an
        // ambiguous amount, an empty row in the middle and a heading merged over two columns.
        ws.write_string(3, 6, "se avtale").unwrap();
        ws.write_string(4, 8, "31.02.2024").unwrap();
        ws.write_string(3, 9, "etter avtale").unwrap();
        ws.write_string(6, 1, "Vikartjenester").unwrap();
        ws.write_string(6, 6, "12,5 mill").unwrap();
        ws.merge_range(2, 12, 2, 13, "Periode", &bold).unwrap();
        ws.write_string(3, 12, "x").unwrap();
        ws.write_string(3, 13, "y").unwrap();
    });
    let out_dir = dir.path().join("portefolje");
    let out = import(&register, &out_dir, &["--authority", "fjordvik"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_dir.exists(), "nothing written");
    assert!(
        text(&out.stdout).contains("empty rows skipped: 6"),
        "{}",
        text(&out.stdout)
    );
    insta::assert_snapshot!(
        "import_broken_register",
        text(&out.stderr).replace(p(dir.path()), "TMP")
    );

    let dup = dir.path().join("dup.csv");
    std::fs::write(&dup, "Avtale;Verdi;Kontraktsverdi\nRenhold;100;200\n").unwrap();
    let out = import(&dup, &out_dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("dup!C1"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        text(&out.stderr).contains("like «Verdi» in dup!B1"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn existing_files_are_kept_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("r.csv");
    std::fs::write(&register, "Avtale-ID;Avtale;Verdi\nk1;Renhold;100\n").unwrap();
    let out_dir = dir.path().join("p");
    std::fs::create_dir(&out_dir).unwrap();
    std::fs::write(out_dir.join("k1.json"), "{ \"mine\": true }").unwrap();
    let out = import(&register, &out_dir, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("--force"));
    assert_eq!(
        std::fs::read_to_string(out_dir.join("k1.json")).unwrap(),
        "{ \"mine\": true }"
    );
    let out = import(&register, &out_dir, &["--force"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        read_json(&out_dir.join("k1.json"))["title"],
        json!("Renhold")
    );
}

#[test]
fn a_mapping_file_reads_an_unusual_register() {
    let dir = tempfile::tempdir().unwrap();
    let register = dir.path().join("r.csv");
    std::fs::write(
        &register,
        "Hva;Hvem;Beløp i mill;Fra;Til;Merknad\nSnøbrøyting;Brøyt AS;12,5 mill;01.10.2024;30.04.2027;x\n",
    )
    .unwrap();
    let mapping = dir.path().join("mapping.json");
    std::fs::write(
        &mapping,
        r#"{ "columns": { "Hva": "title", "Hvem": "supplier", "Beløp i mill": "value", "Fra": "start", "Til": "end", "Merknad": "ignore" },
             "units": { "value": "MNOK" }, "authority": "storvik" }"#,
    )
    .unwrap();
    let out_dir = dir.path().join("p");
    let out = import(&register, &out_dir, &["--mapping", p(&mapping)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let c = read_json(&out_dir.join("storvik-snobroyting-2024.json"));
    assert_eq!(c["value"], json!(12500000));
    assert_eq!(c["supplier"]["name"], json!("Brøyt AS"));
}

#[test]
fn the_template_imports_its_example_row() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("register.xlsx");
    let out = run(&[
        "template",
        "--out",
        p(&template),
        "--merger",
        p(&example().join("merger.json")),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let again = dir.path().join("again.xlsx");
    run(&[
        "template",
        "--out",
        p(&again),
        "--merger",
        p(&example().join("merger.json")),
    ]);
    assert_eq!(
        std::fs::read(&template).unwrap(),
        std::fs::read(&again).unwrap()
    );
    let out_dir = dir.path().join("p");
    std::fs::create_dir(&out_dir).unwrap();
    municipalities(&out_dir);
    let out = import(&template, &out_dir, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("renhold-2023.json (row 2)  complete"),
        "{}",
        text(&out.stdout)
    );
    let check = run(&["check", p(&out_dir)]);
    assert!(check.status.success(), "{}", text(&check.stderr));
}

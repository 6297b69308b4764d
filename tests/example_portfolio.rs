//! The shipped example portfolio `contracts/` (Nye Fjordvik kommune) loads, validates and keeps
//! the facts the README's table of expected verdicts is built on.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use vesentlig::load::{Loaded, load_checked};
use vesentlig::model::{AuthorityRef, ContractKind, MergerForm, Part};

/// The service areas of seed ch. 5 (the `area` values of the system priorities, plus the two
/// areas the report discusses without a system table).
const SERVICE_AREAS: [&str; 21] = [
    "IKT-infrastruktur og -drift",
    "Fellesløsninger",
    "Økonomi og regnskap",
    "Innkjøp",
    "Personal og lønn",
    "Arkiv og dokumenthåndtering",
    "Pleie og omsorg",
    "Helsestasjon",
    "Fastlege",
    "Legevakt",
    "PPT",
    "Barnevern",
    "Sosiale tjenester",
    "Barnehage",
    "Grunnskolen",
    "Voksenopplæring",
    "Bibliotek",
    "Kulturskolen",
    "Plan- og byggesak",
    "Tekniske tjenester",
    "Byggforvaltning",
];

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("contracts")
}

fn load_example() -> Loaded {
    match load_checked(&example_dir()) {
        Ok(loaded) => loaded,
        Err(report) => panic!("the example portfolio is invalid:\n{}", report.render()),
    }
}

#[test]
fn loads_with_a_merger_and_at_least_fourteen_contracts() {
    let p = load_example().portfolio;
    assert!(p.contracts.len() >= 14, "{} contracts", p.contracts.len());
    let merger = p.merger.as_ref().expect("merger.json");
    assert_eq!(merger.name, "Nye Fjordvik kommune");
    assert_eq!(merger.form, MergerForm::NewEntity);
    assert_eq!(merger.municipalities.len(), 3);
    assert!(merger.municipalities.iter().all(|m| !m.continues));
    assert!(merger.explored_from.is_some_and(|d| d < merger.decided));
    assert!(merger.decided < merger.effective);
}

#[test]
fn every_contract_names_its_service_area_and_system() {
    let p = load_example().portfolio;
    for c in &p.contracts {
        let area = c.service_area.as_deref().unwrap_or_default();
        assert!(
            SERVICE_AREAS.contains(&area),
            "{}: service_area `{area}` is not an area of seed ch. 5",
            c.id
        );
        assert!(
            c.system.as_deref().is_some_and(|s| !s.trim().is_empty()),
            "{}: no system",
            c.id
        );
    }
}

#[test]
fn amounts_keep_every_digit() {
    let p = load_example().portfolio;
    let arkiv = p.contract("fjordvik-arkiv-2015").expect("archive contract");
    let adjusted = arkiv
        .price_index
        .as_ref()
        .expect("price index")
        .adjusted_value;
    assert_eq!(adjusted, dec!(4192337.50));
    assert_eq!(adjusted.to_string(), "4192337.50");
    assert_eq!(arkiv.base_value(), dec!(4192337.50));

    let vei = p
        .contract("fjordvik-vei-2024")
        .expect("road works contract");
    assert_eq!(vei.value, dec!(72000000));
    assert_eq!(vei.proposed_changes[0].value_change, dec!(19800000));

    let renhold = p
        .contract("lillevik-renhold-2023")
        .expect("cleaning contract");
    assert_eq!(renhold.proposed_changes[0].value_change, dec!(-180000));
}

#[test]
fn one_file_holds_an_array_of_two_contracts() {
    let p = load_example().portfolio;
    let in_pleie: Vec<&str> = p
        .contracts
        .iter()
        .filter(|c| c.origin.file.ends_with("storvik-pleie.json"))
        .map(|c| c.origin.path.as_str())
        .collect();
    assert_eq!(in_pleie, ["$[0]", "$[1]"]);
}

#[test]
fn covers_the_situations_the_readme_table_relies_on() {
    let p = load_example().portfolio;
    let merger = p.merger.as_ref().expect("merger.json");

    // Parts I, II and III, and a contract signed before the 2017 threshold table with its part given.
    let t = vesentlig::thresholds::Thresholds::default();
    let parts: BTreeSet<Part> = p
        .contracts
        .iter()
        .filter_map(|c| t.part_at_award(c, merger.authority_kind))
        .collect();
    assert_eq!(parts, BTreeSet::from([Part::I, Part::II, Part::III]));
    let pre_2017 = p.contract("fjordvik-arkiv-2015").expect("archive contract");
    assert_eq!(pre_2017.award.part, Some(Part::III));
    assert!(t.period_on(pre_2017.award.signed).is_none());

    // An authority outside the merger, framework agreements, and contracts left to the
    // implicit transfer (no proposed change).
    assert!(
        p.contracts
            .iter()
            .flat_map(|c| &c.authorities)
            .any(|a| matches!(a, AuthorityRef::External(_)))
    );
    assert!(
        p.contracts
            .iter()
            .any(|c| c.kind == ContractKind::FrameworkAgreement)
    );
    assert!(
        p.contracts
            .iter()
            .filter(|c| c.proposed_changes.is_empty())
            .count()
            >= 3
    );

    // Staggered expiry around the merger date: some end before it, some after.
    assert!(p.contracts.iter().any(|c| c.end < merger.effective));
    assert!(p.contracts.iter().any(|c| c.end > merger.effective));

    // The 50 % cap and the index-adjusted base used in the README.
    let pleie = p.contract("storvik-pleie-2020").expect("care system");
    assert_eq!(pleie.base_value() / Decimal::TWO, dec!(4000000));
}

#[test]
fn check_command_accepts_the_example() {
    let out = Command::new(env!("CARGO_BIN_EXE_vesentlig"))
        .arg("check")
        .arg(example_dir())
        .output()
        .expect("run vesentlig check");
    assert!(
        out.status.success(),
        "vesentlig check failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Nye Fjordvik kommune"), "{stdout}");
    assert!(stdout.contains("OK"), "{stdout}");
}

/// One row of the README's table of expected assessments.
struct Expected {
    contract: &'static str,
    change: &'static str,
    recommendation: &'static str,
    part: &'static str,
    modification_notice: bool,
    /// The grounds relied on; `None` where the README leaves the reporting open (retender, part I).
    grounds: Option<&'static [&'static str]>,
}

const fn row(
    contract: &'static str,
    change: &'static str,
    recommendation: &'static str,
    part: &'static str,
    modification_notice: bool,
    grounds: Option<&'static [&'static str]>,
) -> Expected {
    Expected {
        contract,
        change,
        recommendation,
        part,
        modification_notice,
        grounds,
    }
}

const BUYER: &str = "buyer_succession";

/// `contracts/README.md`, «Expected assessments», in the same order.
const EXPECTED: [Expected; 31] = [
    row(
        "felles-ikt-utstyr-2025",
        "lillevik-tiltrer",
        "continue",
        "III",
        false,
        Some(&["change_clause", BUYER]),
    ),
    row(
        "felles-konkurransegjennomforing-2023",
        "overdragelse",
        "continue",
        "II",
        false,
        Some(&[BUYER]),
    ),
    row(
        "fjordvik-arkiv-2015",
        "forlengelse-migrering",
        "continue",
        "III",
        false,
        Some(&["de_minimis", BUYER]),
    ),
    row(
        "fjordvik-ikt-drift-2022",
        "overtakelse-skyhavn",
        "retender",
        "III",
        false,
        None,
    ),
    row(
        "fjordvik-kontorrekvisita-2024",
        "forlengelse-til-2028",
        "retender",
        "III",
        false,
        None,
    ),
    row(
        "fjordvik-kontorrekvisita-2024",
        "storvik-tiltrer",
        "retender",
        "III",
        false,
        None,
    ),
    row(
        "fjordvik-lonn-2021",
        "opsjon-2-forlengelse",
        "continue",
        "III",
        false,
        Some(&["option", BUYER]),
    ),
    row(
        "fjordvik-lonn-2021",
        "utvid-til-nye-fjordvik",
        "retender",
        "III",
        false,
        None,
    ),
    row(
        "fjordvik-okonomi-2025",
        "sammenslaingsklausul",
        "continue",
        "III",
        false,
        Some(&["change_clause", BUYER]),
    ),
    row(
        "fjordvik-renhold-2022",
        "nye-bygg-2027",
        "intention_notice",
        "III",
        false,
        Some(&[BUYER, "not_substantial"]),
    ),
    row(
        "fjordvik-renhold-2022",
        "kantinedrift",
        "retender",
        "III",
        false,
        None,
    ),
    row(
        "fjordvik-skole-2021",
        "lillevik-20-lisenser",
        "continue",
        "III",
        false,
        Some(&[BUYER, "not_substantial"]),
    ),
    row(
        "fjordvik-skole-2021",
        "alle-skoler-500-lisenser",
        "retender",
        "III",
        false,
        None,
    ),
    row(
        "fjordvik-vei-2024",
        "kvikkleire",
        "intention_notice",
        "III",
        true,
        Some(&["unforeseen", BUYER]),
    ),
    row(
        "fjordvik-vei-2024",
        "busslomme",
        "continue",
        "III",
        false,
        Some(&["de_minimis", BUYER]),
    ),
    row(
        "lillevik-bibliotek-2023",
        "felles-lanekort",
        "continue",
        "I",
        false,
        None,
    ),
    row(
        "lillevik-byggesak-2024",
        "fjordvik-og-storvik-inn",
        "retender",
        "III",
        false,
        None,
    ),
    row(
        "lillevik-lonn-2019",
        "forlengelse-til-sammenslaing",
        "continue",
        "II",
        false,
        Some(&["change_clause", BUYER]),
    ),
    row(
        "lillevik-renhold-2023",
        "radhus-utgar",
        "continue",
        "III",
        false,
        Some(&[BUYER, "not_substantial"]),
    ),
    row(
        "storvik-barnehage-2022",
        "lillevik-5-lisenser",
        "continue",
        "III",
        false,
        Some(&["option", BUYER]),
    ),
    row(
        "storvik-bibliotek-2020",
        "konsulentbistand-sammenslaing",
        "intention_notice",
        "II",
        false,
        Some(&[BUYER, "not_substantial"]),
    ),
    row(
        "storvik-fdv-2019",
        "alle-bygg-nye-fjordvik",
        "intention_notice",
        "III",
        true,
        Some(&["unforeseen", BUYER]),
    ),
    row(
        "storvik-lonn-2017",
        "overdragelse",
        "continue",
        "III",
        false,
        Some(&[BUYER]),
    ),
    row(
        "storvik-pleie-2020",
        "tilleggsmoduler-2027",
        "intention_notice",
        "III",
        true,
        Some(&["additional_deliveries", BUYER]),
    ),
    row(
        "storvik-pleie-2020",
        "ny-prismodell-2028",
        "retender",
        "III",
        false,
        None,
    ),
    row(
        "storvik-turnus-2021",
        "overdragelse",
        "continue",
        "III",
        false,
        Some(&[BUYER]),
    ),
    row(
        "storvik-renhold-2023",
        "konkursbo-overdragelse",
        "continue",
        "III",
        false,
        Some(&["supplier_succession", BUYER]),
    ),
    row(
        "lillevik-renhold-2023",
        "miljokrav-radhus",
        "continue",
        "III",
        false,
        Some(&["de_minimis", BUYER]),
    ),
    row(
        "lillevik-renhold-2023",
        "prisrisiko-rengjoringsmidler",
        "retender",
        "III",
        false,
        Some(&[BUYER]),
    ),
    row(
        "storvik-renhold-2023",
        "forlengelse-etter-utlop",
        "retender",
        "III",
        false,
        Some(&[]),
    ),
    row(
        "storvik-trygghetsalarm-2026",
        "utsatt-oppstart",
        "intention_notice",
        "III",
        false,
        Some(&["not_substantial", BUYER]),
    ),
];

fn str_field<'a>(v: &'a serde_json::Value, key: &str) -> &'a str {
    v.get(key).and_then(|x| x.as_str()).unwrap_or_default()
}

/// Compares assessments (as `assess --format json` writes them) with the README's table.
fn compare_with_readme(got: &[serde_json::Value]) {
    let mut problems = Vec::new();
    for e in &EXPECTED {
        let Some(a) = got
            .iter()
            .find(|a| str_field(a, "contract") == e.contract && str_field(a, "change") == e.change)
        else {
            problems.push(format!("{} / {}: not assessed", e.contract, e.change));
            continue;
        };
        let rec = str_field(a, "recommendation");
        let part = str_field(a, "part");
        let notice = a["modification_notice"].as_bool();
        if rec != e.recommendation || part != e.part || notice != Some(e.modification_notice) {
            problems.push(format!(
                "{} / {}: got {rec}, part {part}, modification notice {notice:?}; README says {}, part {}, {}",
                e.contract, e.change, e.recommendation, e.part, e.modification_notice
            ));
        }
        if let Some(expected) = e.grounds {
            let grounds: BTreeSet<&str> = a["grounds"]
                .as_array()
                .map(|g| g.iter().filter_map(|x| x.as_str()).collect())
                .unwrap_or_default();
            let expected: BTreeSet<&str> = expected.iter().copied().collect();
            if grounds != expected {
                problems.push(format!(
                    "{} / {}: grounds {grounds:?}, README says {expected:?}",
                    e.contract, e.change
                ));
            }
        }
    }
    assert_eq!(got.len(), EXPECTED.len(), "number of assessments");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn assess_agrees_with_the_readme_table() {
    let out = Command::new(env!("CARGO_BIN_EXE_vesentlig"))
        .args(["assess", "--format", "json"])
        .arg(example_dir())
        .output()
        .expect("run vesentlig assess");
    assert!(
        out.status.success(),
        "vesentlig assess failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("assess JSON");
    compare_with_readme(json["assessments"].as_array().expect("assessments array"));
}

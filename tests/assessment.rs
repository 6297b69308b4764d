//! The engine against the law: a checklist of legal situations, each with the recommendation,
//! the grounds relied on and whether a modification notice is due (legal-rules.md § 3).
//!
//! Unless a row says otherwise the contract is the base of `cases/builders.rs`: cleaning
//! services for municipality A, 12 000 000 kr, signed 2021-01-01, 2021–2026, part III; the
//! change is dated 2025-06-01 (EEA threshold 2 300 000 kr for municipalities' services, works
//! 57 800 000 kr; national threshold 1 300 000 kr).

#[path = "cases/builders.rs"]
mod builders;

use builders::{assess, merger};
use serde_json::{Value, json};
use vesentlig::assessment::{
    Element,
    Ground::{self, *},
    Outcome,
    Recommendation::{self, *},
};
use vesentlig::model::Part;

struct Row {
    situation: &'static str,
    contract: Value,
    change: Value,
    merger: std::option::Option<Value>,
    expect: Recommendation,
    grounds: &'static [Ground],
    notice: bool,
    /// The change is dated after the contract's end (no ground considered).
    ended: bool,
}

fn row(
    situation: &'static str,
    contract: Value,
    change: Value,
    expect: Recommendation,
    grounds: &'static [Ground],
    notice: bool,
) -> Row {
    Row {
        situation,
        contract,
        change,
        merger: None,
        expect,
        grounds,
        notice,
        ended: false,
    }
}

impl Row {
    fn in_merger(mut self) -> Self {
        self.merger = Some(merger());
        self
    }

    /// The change is dated after the contract has ended.
    fn after_the_end(mut self) -> Self {
        self.ended = true;
        self
    }
}

fn no() -> Value {
    json!({})
}

/// Runs every row and reports every mismatch at once.
fn check(rows: Vec<Row>) {
    let mut failures = Vec::new();
    for r in rows {
        let a = assess(r.contract, r.change, r.merger);
        // A row must reach its verdict for its own reason, not because its dates put the change
        // after the contract's end.
        if a.recommendation != r.expect
            || a.grounds != r.grounds
            || a.modification_notice != r.notice
            || a.contract_ended.is_some() != r.ended
        {
            failures.push(format!(
                "{}\n    expected {:?} {:?} notice={} ended={}\n    got      {:?} {:?} notice={} ended={}\n    {}",
                r.situation,
                r.expect,
                r.grounds,
                r.notice,
                r.ended,
                a.recommendation,
                a.grounds,
                a.modification_notice,
                a.contract_ended.is_some(),
                a.conclusion.nb
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} rows failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn works(value: &str) -> Value {
    json!({ "subject": "works", "value": value })
}

fn framework(start: &str, end: &str) -> Value {
    json!({ "kind": "framework_agreement", "start": start, "end": end,
            "award": { "signed": start }, "value": "30000000", "value_is_estimate": true })
}

#[test]
fn worked_cases_of_the_cases_readme() {
    let licences = json!({
        "value": "5500000",
        "options": [{ "id": "lisenser", "kind": "volume", "description": "10 lisenser til",
                      "quantity": 10, "unit": "lisenser", "value": "1000000", "exercised_quantity": 0 }]
    });
    check(vec![
        row(
            "1. Renhold 12 000 000 kr, to bygg til +1 000 000 kr (8,33 %)",
            no(),
            json!({ "value_change": "1000000" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "2. Samme, +1 500 000 kr (12,5 %): (b) feiler, ikke vesentlig er skjønn",
            no(),
            json!({ "value_change": "1500000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "3. Skolebygg 80 000 000 kr, +11 000 000 kr (13,75 %) under 15 %",
            works("80000000"),
            json!({ "value_change": "11000000" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "4. Bygg 500 000 000 kr, +60 000 000 kr: terskelverdien binder",
            works("500000000"),
            json!({ "value_change": "60000000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "5. 20 000 000 kr, tidligere +1 000 000 kr de minimis, nå +999 999 kr",
            json!({ "value": "20000000", "modifications": [
                { "date": "2023-01-01", "description": "tillegg", "value_change": "1000000", "ground": "de_minimis" }]}),
            json!({ "value_change": "999999" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "6. 10 000 000 kr, indeksjustert 11 500 000 kr, +1 100 000 kr (9,57 %)",
            json!({ "value": "10000000", "price_index": { "index": "KPI", "adjusted_value": "11500000", "as_of": "2025-01-01" } }),
            json!({ "value_change": "1100000" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "7. 2 + 1 + 1 år, første ettårsopsjon utløses",
            json!({ "start": "2021-01-01", "end": "2022-12-31", "options": [
                { "id": "opsjon-1", "kind": "extension", "months": 12, "exercised": false },
                { "id": "opsjon-2", "kind": "extension", "months": 12, "exercised": false }]}),
            json!({ "date": "2022-10-01", "new_end": "2023-12-31", "exercise_option": { "id": "opsjon-1" } }),
            Continue,
            &[Option],
            false,
        ),
        row(
            "9. Utvidet fra A til A + B + C: +300 %",
            json!({ "value": "3000000" }),
            json!({ "value_change": "9000000", "add_authorities": ["B", "C"] }),
            Retender,
            &[],
            false,
        ),
        row(
            "10. 200 lisenser; B bruker 20 som A ikke trenger, uten prisendring",
            no(),
            json!({ "add_authorities": ["B"] }),
            Continue,
            &[NotSubstantial],
            false,
        ),
        row(
            "11. X konkurs, boet overdrar til Y som oppfyller kvalifikasjonskravene",
            no(),
            json!({ "new_supplier": { "name": "Y AS", "cause": "insolvency", "meets_original_qualifications": true } }),
            Continue,
            &[SupplierSuccession],
            false,
        ),
        row(
            "12. Som 11, men med 20 % prisøkning (bare skjønn) → (e) feiler",
            no(),
            json!({ "value_change": "2400000",
                "new_supplier": { "name": "Y AS", "cause": "insolvency", "meets_original_qualifications": true } }),
            Retender,
            &[NotSubstantial],
            false,
        ),
        row(
            "13. IT-system 8 000 000 kr, kompatible moduler +3 500 000 kr (43,75 %), (c)",
            json!({ "value": "8000000" }),
            json!({ "value_change": "3500000", "additional_deliveries": {
                "change_of_supplier_impossible": true, "significant_inconvenience_or_cost": true, "reason": "interoperabilitet" } }),
            IntentionNotice,
            &[AdditionalDeliveries],
            true,
        ),
        row(
            "14. Samme, +4 500 000 kr (56,25 %)",
            json!({ "value": "8000000" }),
            json!({ "value_change": "4500000", "additional_deliveries": {
                "change_of_supplier_impossible": true, "significant_inconvenience_or_cost": true, "reason": "interoperabilitet" } }),
            Retender,
            &[],
            false,
        ),
        row(
            "15. Vei 100 000 000 kr, kvikkleire etter signering, +30 000 000 kr (30 %)",
            works("100000000"),
            json!({ "value_change": "30000000", "unforeseen": { "circumstance": "kvikkleire", "arose": "2022-05-01" } }),
            IntentionNotice,
            &[Unforeseen],
            true,
        ),
        row(
            "16. Renhold 12 000 000 kr + kantinedrift 800 000 kr: ny type tjeneste",
            no(),
            json!({ "value_change": "800000", "nature": { "new_kinds_of_deliveries": true } }),
            Retender,
            &[],
            false,
        ),
        row(
            "17. Fireårig rammeavtale 2021–2024, et femte år uten klausul",
            framework("2021-01-01", "2024-12-31"),
            json!({ "date": "2024-06-01", "new_end": "2025-12-31" }),
            Retender,
            &[],
            false,
        ),
        row(
            "18. Storvik/Lillevik: opsjon på 10 lisenser, 5 trengs når Lillevik blir med",
            licences,
            json!({ "value_change": "500000", "add_authorities": ["B"],
                "exercise_option": { "id": "lisenser", "quantity": 5 } }),
            Continue,
            &[Option],
            false,
        ),
    ]);
}

#[test]
fn case_8_the_contract_passes_on_unchanged() {
    let c = builders::to_contract(&builders::contract_json(
        json!({ "proposed_changes": [] }),
        no(),
    ));
    let portfolio = vesentlig::model::Portfolio {
        merger: Some(builders::to_merger(&merger())),
        contracts: vec![c],
        ..Default::default()
    };
    let all =
        vesentlig::law::assess_portfolio(&portfolio, &vesentlig::thresholds::Thresholds::default());
    assert_eq!(all.len(), 1);
    let a = &all[0];
    assert_eq!((a.change.as_str(), a.implicit), ("overdragelse", true));
    assert_eq!(a.date.to_string(), "2026-01-01");
    assert_eq!(a.recommendation, Continue);
    assert_eq!(a.grounds, [BuyerSuccession]);
    assert!(
        a.warnings.iter().any(|w| w.nb.contains("usikker")),
        "the uncertainty must be stated"
    );
}

#[test]
fn de_minimis_boundaries() {
    let twenty = || json!({ "value": "20000000" });
    let earlier = |v: &str, ground: &str| {
        json!({ "value": "20000000", "modifications": [
        { "date": "2023-01-01", "description": "tidligere", "value_change": v, "ground": ground }]})
    };
    check(vec![
        row(
            "Nøyaktig 10 %: ikke «lavere enn»",
            twenty(),
            json!({ "value_change": "2000000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Ett øre under 10 %",
            twenty(),
            json!({ "value_change": "1999999.99" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Kumulativt: tidligere 1 000 000 kr + nå 1 000 000 kr = 10 %",
            earlier("1000000", "de_minimis"),
            json!({ "value_change": "1000000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Tidligere endring som ikke vesentlig teller med",
            earlier("1500000", "non_substantial"),
            json!({ "value_change": "600000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Tidligere endring på ukjent grunnlag teller med",
            earlier("1500000", "unknown"),
            json!({ "value_change": "600000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Tidligere opsjon teller ikke med",
            earlier("1500000", "option"),
            json!({ "value_change": "600000" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Tidligere reduksjon trekkes ikke fra",
            earlier("-1500000", "de_minimis"),
            json!({ "value_change": "1999999" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Nøyaktig EØS-terskelverdien (bygg, 57 800 000 kr)",
            works("500000000"),
            json!({ "value_change": "57800000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Én krone under EØS-terskelverdien",
            works("500000000"),
            json!({ "value_change": "57799999" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Terskelverdien på endringsdagen: 13. mars 2024 gjaldt 56 000 000 kr",
            works("500000000"),
            json!({ "value_change": "57000000", "date": "2024-03-13" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "… og fra 14. mars 2024 57 800 000 kr",
            works("500000000"),
            json!({ "value_change": "57000000", "date": "2024-03-14" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Bygg: nøyaktig 15 %",
            works("80000000"),
            json!({ "value_change": "12000000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Uten indeks: 11 %",
            json!({ "value": "10000000" }),
            json!({ "value_change": "1100000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Forlengelse 30 dager (164 309 kr) + 1 000 000 kr under 10 %",
            no(),
            json!({ "value_change": "1000000", "new_end": "2027-01-30" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Forlengelse ett år (≈ 2 000 000 kr) feiler (b), og bokstav f dekker aldri forlengelse",
            no(),
            json!({ "new_end": "2027-12-31" }),
            Retender,
            &[],
            false,
        ),
        row(
            "Prisvilkår til fordel for leverandøren, liten økning, verdien oppgitt: dekket av (b)",
            no(),
            json!({ "value_change": "100000", "nature": { "price_terms": "favour_supplier", "estimated_value": "200000" } }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Prisvilkår til fordel for leverandøren, liten økning, verdien ikke oppgitt: (b) kan ikke anvendes",
            no(),
            json!({ "value_change": "100000", "nature": { "price_terms": "favour_supplier" } }),
            Retender,
            &[],
            false,
        ),
        row(
            "Lempede krav og økning over 10 %: (b) feiler, (f) sperret",
            no(),
            json!({ "value_change": "1500000", "nature": { "relaxes_requirements": true } }),
            Retender,
            &[],
            false,
        ),
        row(
            "Risiko overført til oppdragsgiver uten prisøkning, verdien oppgitt: (b)",
            no(),
            json!({ "nature": { "shifts_risk_to_buyer": true, "estimated_value": "300000" } }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Risiko overført til oppdragsgiver uten prisøkning, verdien ikke oppgitt: aldri null",
            no(),
            json!({ "nature": { "shifts_risk_to_buyer": true } }),
            Retender,
            &[],
            false,
        ),
    ]);
}

#[test]
fn the_fifty_percent_caps() {
    let c = || json!({ "value": "8000000" });
    let ad = |v: &str| {
        json!({ "value_change": v, "additional_deliveries": {
        "change_of_supplier_impossible": true, "significant_inconvenience_or_cost": true, "reason": "kompatibilitet" } })
    };
    let un = |v: &str, arose: &str| json!({ "value_change": v, "unforeseen": { "circumstance": "ny lov", "arose": arose } });
    check(vec![
        row(
            "(c) nøyaktig 50 %: «ikke overstiger»",
            c(),
            ad("4000000"),
            IntentionNotice,
            &[AdditionalDeliveries],
            true,
        ),
        row(
            "(c) én krone over 50 %",
            c(),
            ad("4000001"),
            Retender,
            &[],
            false,
        ),
        row(
            "(c) uten at skifte er umulig: faller tilbake på (f)",
            c(),
            json!({ "value_change": "3000000", "additional_deliveries": {
                "change_of_supplier_impossible": false, "significant_inconvenience_or_cost": true, "reason": "" } }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "(d) nøyaktig 50 %",
            c(),
            un("4000000", "2023-01-01"),
            IntentionNotice,
            &[Unforeseen],
            true,
        ),
        row(
            "(d) over 50 %",
            c(),
            un("4000001", "2023-01-01"),
            Retender,
            &[],
            false,
        ),
        row(
            "(d) omstendighet oppstått dagen etter signering",
            c(),
            un("3000000", "2021-01-02"),
            IntentionNotice,
            &[Unforeseen],
            true,
        ),
        row(
            "(d) omstendighet oppstått samme dag som signering: forutsigbar",
            c(),
            un("3000000", "2021-01-01"),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "(d) omstendighet før signering",
            c(),
            un("3000000", "2020-12-31"),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "(d) dekker også forlengelse (c gjør det ikke)",
            c(),
            json!({ "new_end": "2028-06-30", "unforeseen": { "circumstance": "ny lov", "arose": "2023-01-01" } }),
            IntentionNotice,
            &[Unforeseen],
            true,
        ),
        row(
            "(d) med nye typer leveranser",
            c(),
            json!({ "value_change": "1000000", "nature": { "new_kinds_of_deliveries": true },
                    "unforeseen": { "circumstance": "ny lov", "arose": "2023-01-01" } }),
            Retender,
            &[],
            false,
        ),
    ]);
}

#[test]
fn the_merger_as_an_unforeseen_circumstance() {
    // Merger explored from 2022-06-01: foreseeable for contracts signed on or after that day.
    let un = json!({ "value_change": "3000000", "unforeseen": { "circumstance": "kommunesammenslåingen" } });
    check(vec![
        row(
            "Signert dagen før sonderingen: uforutsett",
            json!({ "award": { "signed": "2022-05-31" } }),
            un.clone(),
            IntentionNotice,
            &[Unforeseen, BuyerSuccession],
            true,
        )
        .in_merger(),
        row(
            "Signert samme dag som sonderingen: forutsigbar, bare (f)",
            json!({ "award": { "signed": "2022-06-01" } }),
            un,
            IntentionNotice,
            &[BuyerSuccession, NotSubstantial],
            false,
        )
        .in_merger(),
    ]);
}

#[test]
fn options() {
    let vol = |exercised: u32| {
        json!({ "options": [{ "id": "o", "kind": "volume", "description": "rom",
        "quantity": 10, "unit": "rom", "value": "1000000", "exercised_quantity": exercised }] })
    };
    check(vec![
        row(
            "Volumopsjon innenfor gjenværende mengde og verdi",
            vol(4),
            json!({ "value_change": "600000", "exercise_option": { "id": "o", "quantity": 6 } }),
            Continue,
            &[Option],
            false,
        ),
        row(
            "Mer enn gjenværende mengde: opsjonen dekker ikke, (b) gjør",
            vol(4),
            json!({ "value_change": "700000", "exercise_option": { "id": "o", "quantity": 7 } }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Mer enn gjenværende verdi, over (b)",
            vol(4),
            json!({ "value_change": "1700000", "exercise_option": { "id": "o", "quantity": 6 } }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Opsjon som ikke finnes",
            no(),
            json!({ "value_change": "1500000", "exercise_option": { "id": "finnes-ikke" } }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Ikke navngitt opsjon dekker ikke (bare en merknad)",
            vol(0),
            json!({ "value_change": "1500000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Forlengelsesopsjon allerede utløst",
            json!({ "options": [
                { "id": "f", "kind": "extension", "months": 12, "exercised": true }] }),
            json!({ "new_end": "2027-12-31", "exercise_option": { "id": "f" } }),
            Retender,
            &[],
            false,
        ),
        row(
            "Forlengelse lenger enn opsjonen",
            json!({ "options": [
                { "id": "f", "kind": "extension", "months": 12, "exercised": false }] }),
            json!({ "new_end": "2028-01-01", "exercise_option": { "id": "f" } }),
            Retender,
            &[],
            false,
        ),
    ]);
}

#[test]
fn change_clauses() {
    let clause = |covers: Value, max: Value, clear: bool| {
        json!({ "change_clauses": [
        { "id": "k1", "text": "Oppdragsgiver kan øke volumet", "covers": covers, "max_value": max, "clear_precise_unequivocal": clear }] })
    };
    let earlier = json!({ "modifications": [
        { "date": "2023-01-01", "description": "etter klausul", "value_change": "600000", "clause": "k1", "ground": "change_clause" }] });
    let mut with_earlier = clause(json!(["volume"]), json!("1000000"), true);
    builders::merge(&mut with_earlier, &earlier);
    check(vec![
        row(
            "Klar klausul om volum",
            clause(json!(["volume"]), Value::Null, true),
            json!({ "value_change": "3000000", "under_clause": "k1" }),
            Continue,
            &[ChangeClause],
            false,
        ),
        row(
            "Klausulen er ikke klar, presis og entydig",
            clause(json!(["volume"]), Value::Null, false),
            json!({ "value_change": "3000000", "under_clause": "k1" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Maksverdi med tidligere endringer: 600 000 + 400 000 = 1 000 000 kr",
            with_earlier.clone(),
            json!({ "value_change": "400000", "under_clause": "k1" }),
            Continue,
            &[ChangeClause],
            false,
        ),
        row(
            "Maksverdi overskredet med én krone (faller til (b))",
            with_earlier,
            json!({ "value_change": "400001", "under_clause": "k1" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Klausulen dekker aldri nye typer leveranser",
            clause(json!(["volume"]), Value::Null, true),
            json!({ "value_change": "300000", "under_clause": "k1", "nature": { "new_kinds_of_deliveries": true } }),
            Retender,
            &[ChangeClause],
            false,
        ),
        row(
            "Klausul om pris dekker prisvilkår til fordel for leverandøren",
            clause(json!(["price", "volume"]), Value::Null, true),
            json!({ "value_change": "3000000", "under_clause": "k1", "nature": { "price_terms": "favour_supplier" } }),
            Continue,
            &[ChangeClause],
            false,
        ),
        row(
            "Klausul om løpetid dekker forlengelse",
            clause(json!(["term"]), Value::Null, true),
            json!({ "new_end": "2028-12-31", "under_clause": "k1" }),
            Continue,
            &[ChangeClause],
            false,
        ),
    ]);
}

#[test]
fn joining_authorities_and_framework_agreements() {
    let fw = |extra: Value| {
        let mut v = framework("2023-01-01", "2025-12-31");
        builders::merge(&mut v, &extra);
        v
    };
    let new_auth = |max: Value| {
        json!({ "change_clauses": [{ "id": "k1", "text": "Andre kommuner kan tiltre",
        "covers": ["new_authorities", "volume"], "max_value": max, "clear_precise_unequivocal": true }] })
    };
    let ext = json!({ "options": [{ "id": "f", "kind": "extension", "months": 24, "exercised": false }] });
    check(vec![
        row(
            "Kontrakt: nye oppdragsgivere med liten økning følger (b)",
            no(),
            json!({ "value_change": "500000", "add_authorities": ["B"] }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Kontrakt: nye oppdragsgivere med økning over (b): (f) kan ikke dekke",
            no(),
            json!({ "value_change": "1500000", "add_authorities": ["B"] }),
            Retender,
            &[],
            false,
        ),
        row(
            "Kontrakt: en opprinnelig oppdragsgiver «legges til» er ikke nye oppdragsgivere",
            no(),
            json!({ "value_change": "1500000", "add_authorities": ["A"] }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Rammeavtale: nye oppdragsgivere uten klausul (§ 26-1 (3))",
            fw(no()),
            json!({ "add_authorities": ["B"] }),
            Retender,
            &[],
            false,
        ),
        row(
            "Rammeavtale: klausul om nye oppdragsgivere uten maksverdi (C-216/17)",
            fw(new_auth(Value::Null)),
            json!({ "add_authorities": ["B"], "under_clause": "k1" }),
            Retender,
            &[],
            false,
        ),
        row(
            "Rammeavtale: klausul om nye oppdragsgivere med maksverdi",
            fw(new_auth(json!("5000000"))),
            json!({ "add_authorities": ["B"], "value_change": "2000000", "under_clause": "k1" }),
            Continue,
            &[ChangeClause],
            false,
        ),
        row(
            "Rammeavtale: forlengelse til nøyaktig fire år (2023-01-01–2026-12-31)",
            fw(ext.clone()),
            json!({ "new_end": "2026-12-31", "exercise_option": { "id": "f" } }),
            Continue,
            &[Option],
            false,
        ),
        row(
            "Rammeavtale: én dag over fire år, selv med opsjon",
            fw(ext),
            json!({ "new_end": "2027-01-01", "exercise_option": { "id": "f" } }),
            Retender,
            &[],
            false,
        ),
    ]);
}

#[test]
fn supplier_succession() {
    let ns = |cause: &str, ok: bool| json!({ "name": "Y AS", "cause": cause, "meets_original_qualifications": ok });
    check(vec![
        row(
            "Oppkjøp, kvalifisert, ingen andre endringer",
            no(),
            json!({ "new_supplier": ns("acquisition", true) }),
            Continue,
            &[SupplierSuccession],
            false,
        ),
        row(
            "Fusjon med liten prisøkning dekket av (b)",
            no(),
            json!({ "new_supplier": ns("merger", true), "value_change": "500000" }),
            Continue,
            &[DeMinimis, SupplierSuccession],
            false,
        ),
        row(
            "Ny leverandør oppfyller ikke kvalifikasjonskravene",
            no(),
            json!({ "new_supplier": ns("restructuring", false) }),
            Retender,
            &[],
            false,
        ),
        row(
            "Leverandørskifte av annen årsak (§ 28-2 d)",
            no(),
            json!({ "new_supplier": ns("other", true) }),
            Retender,
            &[],
            false,
        ),
        row(
            "Leverandørskifte i sammenslåing: også kjøpersiden skifter",
            no(),
            json!({ "new_supplier": ns("merger", true) }),
            Continue,
            &[SupplierSuccession, BuyerSuccession],
            false,
        )
        .in_merger(),
    ]);
}

#[test]
fn price_decreases() {
    check(vec![
        row(
            "Liten reduksjon (4,17 %)",
            no(),
            json!({ "value_change": "-500000" }),
            Continue,
            &[NotSubstantial],
            false,
        ),
        row(
            "Reduksjon nøyaktig 10 %: ikke under (b)",
            no(),
            json!({ "value_change": "-1200000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Større reduksjon (25 %) er usikker (C-549/14)",
            no(),
            json!({ "value_change": "-3000000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Reduksjon på halvparten",
            no(),
            json!({ "value_change": "-6000000" }),
            Retender,
            &[],
            false,
        ),
    ]);
}

#[test]
fn parts_one_and_two() {
    // Signed 2021-01-01: EEA threshold 2 050 000 kr, national 1 300 000 kr.
    let value = |v: &str| json!({ "value": v });
    let ad = json!({ "value_change": "500000", "additional_deliveries": {
        "change_of_supplier_impossible": true, "significant_inconvenience_or_cost": true, "reason": "x" } });
    check(vec![
        row(
            "Del II: liten økning dekket a fortiori",
            value("1500000"),
            json!({ "value_change": "100000" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Del II: (c) gir intensjonskunngjøring, ingen kunngjøring om endring",
            value("1500000"),
            ad.clone(),
            IntentionNotice,
            &[AdditionalDeliveries],
            false,
        ),
        row(
            "Del II: nye typer leveranser",
            value("1500000"),
            json!({ "value_change": "100000", "nature": { "new_kinds_of_deliveries": true } }),
            Retender,
            &[],
            false,
        ),
        row(
            "Del I: verdi + økning under nasjonal terskelverdi",
            value("500000"),
            json!({ "value_change": "500000", "nature": { "new_kinds_of_deliveries": true } }),
            Continue,
            &[BelowNationalThreshold],
            false,
        ),
        row(
            "Del I: verdi + økning nøyaktig nasjonal terskelverdi → som del II",
            value("1000000"),
            json!({ "value_change": "300000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Del I: én krone under",
            value("1000000"),
            json!({ "value_change": "299999" }),
            Continue,
            &[BelowNationalThreshold],
            false,
        ),
        row(
            "Oppgitt del III overstyrer",
            json!({ "value": "1500000", "award": { "part": "III" } }),
            ad,
            IntentionNotice,
            &[AdditionalDeliveries],
            true,
        ),
    ]);
}

#[test]
fn part_at_award_boundaries() {
    let part = |v: &str| assess(json!({ "value": v }), no(), None).part;
    assert_eq!(
        part("2050000"),
        Part::III,
        "exactly the EEA threshold in 2021"
    );
    assert_eq!(part("2049999"), Part::II);
    assert_eq!(part("1300000"), Part::II, "exactly the national threshold");
    assert_eq!(part("1299999"), Part::I);
    // The EEA threshold on the signing date decides: 2 200 000 kr until 13 March 2024,
    // 2 300 000 kr from 14 March 2024.
    let signed = |date: &str| {
        assess(
            json!({ "value": "2250000", "award": { "signed": date } }),
            no(),
            None,
        )
        .part
    };
    assert_eq!(signed("2024-03-13"), Part::III);
    assert_eq!(signed("2024-03-14"), Part::II);
}

#[test]
fn figures_and_reasons_show_the_deciding_numbers() {
    let a = assess(
        json!({ "value": "20000000", "modifications": [
            { "date": "2023-01-01", "description": "tidligere", "value_change": "1000000", "ground": "de_minimis" }] }),
        json!({ "value_change": "999999" }),
        None,
    );
    let f = &a.figures;
    assert_eq!(f.cumulative_increase.to_string(), "1999999");
    assert_eq!(f.de_minimis_limit.normalize().to_string(), "2000000");
    assert_eq!(
        f.eea_threshold.map(|d| d.to_string()),
        Some("2300000".into())
    );
    assert_eq!(f.cap_50.normalize().to_string(), "10000000");
    let dm = a
        .tests
        .iter()
        .find(|t| t.test == DeMinimis)
        .expect("de minimis test");
    assert_eq!(
        (dm.outcome, dm.provision, dm.notice_code),
        (Outcome::Pass, "FOA § 28-1 (1) b", Some("mod-minv"))
    );
    assert_eq!(dm.covers, [Element::PriceIncrease]);
    let all = dm
        .reasons
        .iter()
        .map(|r| r.nb.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    for needle in [
        "1\u{a0}999\u{a0}999\u{a0}kr",
        "lavere enn 10\u{a0}% av 20\u{a0}000\u{a0}000\u{a0}kr",
        "(2\u{a0}000\u{a0}000\u{a0}kr)",
        "2\u{a0}300\u{a0}000\u{a0}kr",
    ] {
        assert!(all.contains(needle), "missing «{needle}» in: {all}");
    }
    assert!(
        a.conclusion.nb.contains("uten ny konkurranse")
            && a.conclusion.en.contains("without a new competition")
    );
}

#[test]
fn term_extension_is_valued_pro_rata_in_whole_kroner() {
    // 12 000 000 kr over 2021-01-01–2026-12-31 (2 191 days): 30 days = 164 308,53 → 164 309 kr.
    let a = assess(no(), json!({ "new_end": "2027-01-30" }), None);
    assert_eq!(a.figures.term_extension_days, Some(30));
    assert_eq!(
        a.figures.term_extension_value.map(|d| d.to_string()),
        Some("164309".into())
    );
    // With an annual value: 2 000 000 × 30 / 365 = 164 383,56 → 164 384 kr.
    let a = assess(
        json!({ "annual_value": "2000000" }),
        json!({ "new_end": "2027-01-30" }),
        None,
    );
    assert_eq!(
        a.figures.term_extension_value.map(|d| d.to_string()),
        Some("164384".into())
    );
}

#[test]
fn warnings_the_reader_must_see() {
    let outdated = assess(
        no(),
        json!({ "value_change": "100000", "date": "2026-06-01" }),
        None,
    );
    assert!(outdated.warnings.iter().any(|w| w.nb.contains("utdatert")));
    let fresh = assess(no(), json!({ "value_change": "100000" }), None);
    assert!(!fresh.warnings.iter().any(|w| w.nb.contains("utdatert")));

    let circumvention = assess(
        json!({ "value": "8000000", "modifications": [
            { "date": "2023-01-01", "description": "tidligere (d)", "value_change": "3000000", "ground": "unforeseen" }] }),
        json!({ "value_change": "2000000", "unforeseen": { "circumstance": "ny lov", "arose": "2024-01-01" } }),
        None,
    );
    assert_eq!(
        circumvention.grounds,
        [Unforeseen],
        "the ground still covers the change"
    );
    assert!(
        circumvention
            .warnings
            .iter()
            .any(|w| w.nb.contains("Omgåelsesrisiko"))
    );

    let unnamed = assess(
        json!({ "options": [{ "id": "o", "kind": "volume", "description": "rom", "quantity": 10, "unit": "rom",
                              "value": "2000000", "exercised_quantity": 0 }] }),
        json!({ "value_change": "1500000" }),
        None,
    );
    assert!(
        unnamed
            .warnings
            .iter()
            .any(|w| w.nb.contains("opsjonen «o»"))
    );

    let framework = assess(
        framework("2021-01-01", "2024-12-31"),
        json!({ "date": "2024-06-01", "new_end": "2025-12-31" }),
        None,
    );
    let fd = framework
        .tests
        .iter()
        .find(|t| t.test == FrameworkDuration)
        .expect("framework test");
    assert_eq!(
        (fd.outcome, fd.provision),
        (Outcome::Fail, "FOA § 26-1 (4)")
    );
    assert!(fd.reasons.iter().any(|r| r.nb.contains("særlige forhold")));
}

#[test]
fn every_test_cites_its_provision_and_gives_reasons_in_both_languages() {
    let a = assess(
        no(),
        json!({ "value_change": "1500000", "new_end": "2027-06-30" }),
        Some(merger()),
    );
    assert_eq!(a.tests.len(), 9);
    for t in &a.tests {
        assert!(!t.provision.is_empty());
        assert!(!t.reasons.is_empty(), "{:?} has no reasons", t.test);
        for r in &t.reasons {
            assert!(!r.nb.is_empty() && !r.en.is_empty());
        }
    }
}

/// Runs the binary in the project folder.
fn vesentlig(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vesentlig"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run vesentlig")
}

#[test]
fn example_portfolio_assessed_as_json() {
    let out = vesentlig(&["assess", "contracts", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = String::from_utf8(out.stdout).expect("UTF-8");
    let again = vesentlig(&["assess", "contracts", "--format", "json"]);
    assert_eq!(
        json.as_bytes(),
        again.stdout.as_slice(),
        "output must be deterministic"
    );
    insta::assert_snapshot!("example_portfolio_json", json);
}

#[test]
fn example_portfolio_assessed_as_a_table() {
    let out = vesentlig(&[
        "assess",
        "contracts",
        "--contract",
        "fjordvik-renhold-2022",
        "--contract",
        "storvik-pleie-2020",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!(
        "example_portfolio_table_nb",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = vesentlig(&[
        "assess",
        "contracts",
        "--contract",
        "fjordvik-vei-2024",
        "--lang",
        "en",
    ]);
    assert!(out.status.success());
    insta::assert_snapshot!(
        "example_portfolio_table_en",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn an_unknown_contract_id_is_a_usage_error() {
    let out = vesentlig(&["assess", "contracts", "--contract", "finnes-ikke"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`finnes-ikke`") && err.contains("fjordvik-renhold-2022"),
        "{err}"
    );
}

#[test]
fn annexation_only_the_absorbed_municipalities_contracts_pass() {
    let mut annexation = merger();
    builders::merge(&mut annexation, &json!({ "form": "annexation" }));
    annexation["municipalities"][0]["continues"] = json!(true); // A continues
    let contract = |id: &str, authority: &str| {
        let mut c = builders::contract_json(json!({ "proposed_changes": [] }), no());
        c["id"] = json!(id);
        c["authorities"] = json!([authority]);
        builders::to_contract(&c)
    };
    let portfolio = vesentlig::model::Portfolio {
        merger: Some(builders::to_merger(&annexation)),
        contracts: vec![contract("a-kontrakt", "A"), contract("b-kontrakt", "B")],
        ..Default::default()
    };
    let all =
        vesentlig::law::assess_portfolio(&portfolio, &vesentlig::thresholds::Thresholds::default());
    let ids: Vec<_> = all
        .iter()
        .map(|a| (a.contract.as_str(), a.change.as_str()))
        .collect();
    assert_eq!(
        ids,
        [("b-kontrakt", "overdragelse")],
        "A continues: its contract does not change hands"
    );
    assert_eq!(all[0].recommendation, Continue);
}

#[test]
fn central_authorities_use_their_own_eea_threshold() {
    // State services threshold from 2024-03-14: 1 490 000 kr. 1 490 000 kr is 8,3 % of 18 000 000 kr.
    let mut central = merger();
    builders::merge(&mut central, &json!({ "authority_kind": "central" }));
    let a = assess(
        json!({ "value": "18000000" }),
        json!({ "value_change": "1490000" }),
        Some(central.clone()),
    );
    assert_eq!(
        a.figures.eea_threshold.map(|d| d.to_string()),
        Some("1490000".into())
    );
    assert_eq!(
        a.recommendation, IntentionNotice,
        "exactly the threshold is not «lavere enn»"
    );
    let a = assess(
        json!({ "value": "18000000" }),
        json!({ "value_change": "1489999" }),
        Some(central),
    );
    assert_eq!(a.grounds, [DeMinimis, BuyerSuccession]);
}

#[test]
fn part_two_cites_section_11_2_and_never_a_modification_notice() {
    let a = assess(
        json!({ "value": "1500000" }),
        json!({ "value_change": "300000" }),
        None,
    );
    assert_eq!(a.part, Part::II);
    let ns = a
        .tests
        .iter()
        .find(|t| t.test == NotSubstantial)
        .expect("not substantial");
    assert_eq!(
        (ns.provision, ns.notice_code, ns.outcome),
        ("FOA § 11-2", None, Outcome::Uncertain)
    );
    assert!(ns.reasons.iter().any(|r| r.nb.contains("Doffin (§ 8-18)")));
    assert!(a.tests.iter().all(|t| t.notice_code.is_none()));
}

/// Adversarial combinations of grounds the review added (legal-rules.md § 3). Term extensions
/// on the base contract: 30 days = 164 309 kr, one year = 1 999 087 kr.
#[test]
fn combinations_of_grounds() {
    let vol = |value: &str| {
        json!({ "options": [{ "id": "o", "kind": "volume", "description": "rom",
        "quantity": 10, "unit": "rom", "value": value, "exercised_quantity": 0 }] })
    };
    let clause = |covers: Value| {
        json!({ "change_clauses": [{ "id": "k1", "text": "Oppdragsgiver kan endre", "covers": covers,
        "clear_precise_unequivocal": true }] })
    };
    let ad = json!({ "change_of_supplier_impossible": true, "significant_inconvenience_or_cost": true, "reason": "kompatibilitet" });
    let ns = |cause: &str| json!({ "name": "Y AS", "cause": cause, "meets_original_qualifications": true });
    let un = json!({ "circumstance": "ny lov", "arose": "2022-05-01" });
    check(vec![
        row(
            "Opsjon dekker økningen, (b) forlengelsen: 600 000 + 164 309 kr under 10 %",
            vol("1000000"),
            json!({ "value_change": "600000", "new_end": "2027-01-30",
                    "exercise_option": { "id": "o", "quantity": 6 } }),
            Continue,
            &[Option, DeMinimis],
            false,
        ),
        row(
            "Opsjon dekker økningen, men (b) regner 1 + 2: 1 100 000 + 164 309 kr ≥ 10 %",
            vol("2000000"),
            json!({ "value_change": "1100000", "new_end": "2027-01-30",
                    "exercise_option": { "id": "o", "quantity": 5 } }),
            Retender,
            &[Option],
            false,
        ),
        row(
            "Klausul om volum, ikke løpetid, med ett års forlengelse",
            clause(json!(["volume"])),
            json!({ "value_change": "3000000", "new_end": "2027-12-31", "under_clause": "k1" }),
            Retender,
            &[ChangeClause],
            false,
        ),
        row(
            "Klausul om volum og løpetid dekker begge",
            clause(json!(["volume", "term"])),
            json!({ "value_change": "3000000", "new_end": "2027-12-31", "under_clause": "k1" }),
            Continue,
            &[ChangeClause],
            false,
        ),
        row(
            "(c) dekker prisøkningen, men ikke forlengelsen; kunngjøring om endring likevel",
            json!({ "value": "8000000" }),
            json!({ "value_change": "3000000", "new_end": "2027-01-30", "additional_deliveries": ad }),
            Retender,
            &[AdditionalDeliveries],
            true,
        ),
        row(
            "(d) dekker både prisøkning og forlengelse",
            no(),
            json!({ "value_change": "1500000", "new_end": "2027-12-31", "unforeseen": un }),
            IntentionNotice,
            &[Unforeseen],
            true,
        ),
        row(
            "Ny leverandør og opsjon: alt objektivt",
            vol("1000000"),
            json!({ "value_change": "600000", "exercise_option": { "id": "o", "quantity": 6 },
                    "new_supplier": ns("acquisition") }),
            Continue,
            &[Option, SupplierSuccession],
            false,
        ),
        row(
            "Ny leverandør og (c): skjønn, så (e) feiler",
            json!({ "value": "8000000" }),
            json!({ "value_change": "1500000", "additional_deliveries": ad, "new_supplier": ns("merger") }),
            Retender,
            &[AdditionalDeliveries],
            true,
        ),
        row(
            "Leverandørskifte av annen årsak med liten økning dekket av (b)",
            no(),
            json!({ "value_change": "100000", "new_supplier": ns("other") }),
            Retender,
            &[DeMinimis],
            false,
        ),
        row(
            "Ny leverandør og nye oppdragsgivere uten prisøkning («dekket», objektivt)",
            no(),
            json!({ "add_authorities": ["B"], "new_supplier": ns("insolvency") }),
            Continue,
            &[SupplierSuccession, NotSubstantial],
            false,
        ),
        row(
            "Ny leverandør og liten reduksjon («dekket», objektivt)",
            no(),
            json!({ "value_change": "-100000", "new_supplier": ns("insolvency") }),
            Continue,
            &[SupplierSuccession, NotSubstantial],
            false,
        ),
        row(
            "Ny leverandør og større reduksjon (skjønn): (e) feiler",
            no(),
            json!({ "value_change": "-3000000", "new_supplier": ns("insolvency") }),
            Retender,
            &[NotSubstantial],
            false,
        ),
        row(
            "Ny leverandør og prisvilkår til fordel for leverandøren dekket av (b)",
            no(),
            json!({ "new_supplier": ns("merger"), "nature": { "price_terms": "favour_supplier", "estimated_value": "400000" } }),
            Continue,
            &[DeMinimis, SupplierSuccession],
            false,
        ),
        row(
            "Ny leverandør og prisvilkår av ukjent verdi: (b) og dermed (e) feiler",
            no(),
            json!({ "new_supplier": ns("merger"), "nature": { "price_terms": "favour_supplier" } }),
            Retender,
            &[],
            false,
        ),
        row(
            "Reduksjon kombinert med lempede krav: (f) sperret av markøren",
            no(),
            json!({ "value_change": "-500000", "nature": { "relaxes_requirements": true, "estimated_value": "50000" } }),
            Retender,
            &[DeMinimis],
            false,
        ),
        row(
            "Reduksjon kombinert med nye typer leveranser",
            no(),
            json!({ "value_change": "-500000", "nature": { "new_kinds_of_deliveries": true } }),
            Retender,
            &[],
            false,
        ),
        row(
            "Opsjon på forlengelse og prisøkning over (b): (f) dekker økningen",
            json!({ "options": [{ "id": "f", "kind": "extension", "months": 12, "exercised": false }] }),
            json!({ "value_change": "500000", "new_end": "2027-12-31", "exercise_option": { "id": "f" } }),
            IntentionNotice,
            &[Option, NotSubstantial],
            false,
        ),
        row(
            "Nye oppdragsgivere i en kontrakt, økningen dekket av (d)",
            no(),
            json!({ "value_change": "1500000", "add_authorities": ["B"], "unforeseen": un }),
            IntentionNotice,
            &[Unforeseen],
            true,
        ),
        row(
            "Nye oppdragsgivere uten prisøkning, men med en markør: (f) sperret",
            no(),
            json!({ "add_authorities": ["B"], "nature": { "shifts_risk_to_buyer": true, "estimated_value": "100000" } }),
            Retender,
            &[DeMinimis],
            false,
        ),
        row(
            "Tidligere endring etter (c) teller ikke med i (b)",
            json!({ "modifications": [{ "date": "2023-01-01", "description": "tidligere (c)",
                    "value_change": "1000000", "ground": "additional_deliveries" }] }),
            json!({ "value_change": "1000000" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "(f): samlet økning nøyaktig 50 % er usikker",
            no(),
            json!({ "value_change": "6000000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "(f): samlet økning én krone over 50 %",
            no(),
            json!({ "value_change": "6000001" }),
            Retender,
            &[],
            false,
        ),
        row(
            "(f): tidligere (b)-endring gjør samlet økning over 50 %",
            json!({ "modifications": [{ "date": "2023-01-01", "description": "tidligere",
                    "value_change": "1000000", "ground": "de_minimis" }] }),
            json!({ "value_change": "5500000" }),
            Retender,
            &[],
            false,
        ),
        row(
            "Reduksjon én krone under halvparten er usikker",
            no(),
            json!({ "value_change": "-5999999" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Reduksjon under 15 % men ikke under EØS-terskelverdien (bygg)",
            works("500000000"),
            json!({ "value_change": "-57800000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Tjenester: EØS-terskelverdien skifter 14. mars 2024 (2 200 000 → 2 300 000 kr)",
            json!({ "value": "30000000" }),
            json!({ "value_change": "2250000", "date": "2024-03-13" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "… fra 14. mars 2024",
            json!({ "value": "30000000" }),
            json!({ "value_change": "2250000", "date": "2024-03-14" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Volumopsjon med mengde 0: dekker ingenting, (b) gjør",
            json!({ "options": [{ "id": "o", "kind": "volume", "description": "rom",
                    "quantity": 0, "unit": "rom", "value": "0", "exercised_quantity": 0 }] }),
            json!({ "value_change": "100000", "exercise_option": { "id": "o", "quantity": 0 } }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Kontraktsverdi 0 i del III: ingen prosentgrense kan oppfylles",
            json!({ "value": "0", "award": { "part": "III" } }),
            json!({ "value_change": "100000" }),
            Retender,
            &[],
            false,
        ),
        row(
            "Kontraktsverdi 0 (del I): under nasjonal terskelverdi",
            json!({ "value": "0" }),
            json!({ "value_change": "100000" }),
            Continue,
            &[BelowNationalThreshold],
            false,
        ),
        row(
            "Rammeavtale: klausul om løpetid innenfor fire år",
            {
                let mut v = framework("2023-01-01", "2025-12-31");
                builders::merge(&mut v, &clause(json!(["term"])));
                v
            },
            json!({ "new_end": "2026-12-31", "under_clause": "k1" }),
            Continue,
            &[ChangeClause],
            false,
        ),
        row(
            "(c) uten prisøkning, bare kort forlengelse: (c) dekker ikke forlengelse, (b) gjør",
            no(),
            json!({ "new_end": "2027-01-30", "additional_deliveries": ad }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Rammeavtale: klausul om løpetid, men over fire år",
            {
                let mut v = framework("2023-01-01", "2025-12-31");
                builders::merge(&mut v, &clause(json!(["term"])));
                v
            },
            json!({ "new_end": "2027-06-30", "under_clause": "k1" }),
            Retender,
            &[],
            false,
        ),
    ]);
}

/// Parts I and II combined with markers, options and the national threshold's change of period.
#[test]
fn parts_one_and_two_adversarial() {
    let signed_2017 = |value: &str| {
        json!({ "value": value, "start": "2017-06-01", "end": "2020-05-31",
                "award": { "signed": "2017-06-01" } })
    };
    check(vec![
        row(
            "Del II med risiko overført og liten økning, verdien oppgitt: (b) a fortiori",
            json!({ "value": "1500000" }),
            json!({ "value_change": "100000", "nature": { "shifts_risk_to_buyer": true, "estimated_value": "20000" } }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Del II med risiko overført av ukjent verdi: (b) kan ikke anvendes, (f) sperret",
            json!({ "value": "1500000" }),
            json!({ "value_change": "100000", "nature": { "shifts_risk_to_buyer": true } }),
            Retender,
            &[],
            false,
        ),
        row(
            "Del II med lempede krav og økning over (b): (f) sperret",
            json!({ "value": "1500000" }),
            json!({ "value_change": "200000", "nature": { "relaxes_requirements": true } }),
            Retender,
            &[],
            false,
        ),
        row(
            "Del II, (d): intensjonskunngjøring, ingen kunngjøring om endring",
            json!({ "value": "1500000" }),
            json!({ "value_change": "300000", "unforeseen": { "circumstance": "ny lov", "arose": "2022-05-01" } }),
            IntentionNotice,
            &[Unforeseen],
            false,
        ),
        row(
            "Del II rammeavtale over fire år (§ 11-1 (4))",
            json!({ "kind": "framework_agreement", "value": "1500000", "start": "2021-01-01", "end": "2024-12-31" }),
            json!({ "date": "2024-06-01", "new_end": "2025-01-31" }),
            Retender,
            &[],
            false,
        ),
        row(
            "Del I krysser nasjonal terskelverdi ved samlet økning: som del II",
            json!({ "value": "1000000", "modifications": [{ "date": "2023-01-01",
                    "description": "tidligere", "value_change": "200000", "ground": "unknown" }] }),
            json!({ "value_change": "150000" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Del I: opsjonene teller med (1 000 000 + 250 000 + 60 000 kr ≥ 1 300 000 kr)",
            json!({ "value": "1000000", "options": [{ "id": "o", "kind": "volume", "description": "rom",
                    "quantity": 10, "unit": "rom", "value": "250000", "exercised_quantity": 0 }] }),
            json!({ "value_change": "60000" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Del I, 5. april 2018: nasjonal terskelverdi 1 100 000 kr passeres",
            signed_2017("1000000"),
            json!({ "value_change": "150000", "date": "2018-04-05" }),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Del I, 6. april 2018: ny nasjonal terskelverdi 1 300 000 kr",
            signed_2017("1000000"),
            json!({ "value_change": "150000", "date": "2018-04-06" }),
            Continue,
            &[BelowNationalThreshold],
            false,
        ),
        row(
            "Del I med ny leverandør av annen årsak, under terskelverdien: hele endringen dekket",
            json!({ "value": "500000" }),
            json!({ "new_supplier": { "name": "Y AS", "cause": "other", "meets_original_qualifications": false } }),
            Continue,
            &[BelowNationalThreshold],
            false,
        ),
    ]);
}

/// Calendar months after a term that ends on the last day of a month end on the last day of the
/// target month: a six-month extension of a contract ending 30 June runs to 31 December.
#[test]
fn extension_options_count_whole_months() {
    let ext = |end: &str, months: u32| {
        // An earlier increase of 10 % keeps (b) from covering a day or two.
        json!({ "end": end, "options": [{ "id": "f", "kind": "extension", "months": months, "exercised": false }],
                "modifications": [{ "date": "2023-01-01", "description": "tidligere", "value_change": "1200000", "ground": "de_minimis" }] })
    };
    check(vec![
        row(
            "30. juni + 6 måneder = 31. desember",
            ext("2026-06-30", 6),
            json!({ "new_end": "2026-12-31", "exercise_option": { "id": "f" } }),
            Continue,
            &[Option],
            false,
        ),
        row(
            "30. juni + 6 måneder: 1. januar er én dag for mye",
            ext("2026-06-30", 6),
            json!({ "new_end": "2027-01-01", "exercise_option": { "id": "f" } }),
            Retender,
            &[],
            false,
        ),
        row(
            "28. februar 2026 + 12 måneder = 28. februar 2027",
            ext("2026-02-28", 12),
            json!({ "new_end": "2027-02-28", "exercise_option": { "id": "f" } }),
            Continue,
            &[Option],
            false,
        ),
        row(
            "15. mars + 12 måneder = 15. mars",
            ext("2026-03-15", 12),
            json!({ "new_end": "2027-03-15", "exercise_option": { "id": "f" } }),
            Continue,
            &[Option],
            false,
        ),
        row(
            "15. mars + 12 måneder: 16. mars er for sent",
            ext("2026-03-15", 12),
            json!({ "new_end": "2027-03-16", "exercise_option": { "id": "f" } }),
            Retender,
            &[],
            false,
        ),
    ]);
}

/// § 28-1 (3) is a part III duty: in part II the (c) and (d) tests never tell the reader to
/// publish a modification notice, and the conclusion points to an intention notice in Doffin
/// under § 8-18.
#[test]
fn part_two_never_mentions_a_modification_notice() {
    let a = assess(
        json!({ "value": "1500000" }),
        json!({ "value_change": "300000", "unforeseen": { "circumstance": "ny lov", "arose": "2022-05-01" } }),
        None,
    );
    assert_eq!((a.part, a.recommendation), (Part::II, IntentionNotice));
    for t in &a.tests {
        for r in &t.reasons {
            assert!(!r.nb.contains("§ 28-1 (3)"), "{}", r.nb);
            assert!(!r.en.contains("§ 28-1 (3)"), "{}", r.en);
        }
    }
    assert!(
        a.conclusion.nb.contains("Doffin (§ 8-18)"),
        "{}",
        a.conclusion.nb
    );
    assert!(!a.conclusion.nb.contains("kunngjøring om endring"));
}

/// The value of non-price changes (legal-rules.md § 3, element 5, and § 6 no. 14): de minimis
/// counts `nature.estimated_value` in the value of the change and covers a marker only when the
/// value is stated; an unstated value is never zero. 10 % of the base is 1 200 000 kr.
#[test]
fn the_value_of_non_price_changes() {
    let relaxed = |v: std::option::Option<&str>| match v {
        Some(v) => json!({ "nature": { "relaxes_requirements": true, "estimated_value": v } }),
        None => json!({ "nature": { "relaxes_requirements": true } }),
    };
    let price_clause = json!({ "change_clauses": [{ "id": "k", "text": "prisvilkår", "covers": ["price"],
        "clear_precise_unequivocal": true }] });
    let part_one = json!({ "value": "400000" });
    check(vec![
        row(
            "Lempede krav, verdien oppgitt til 0: (b) dekker",
            no(),
            relaxed(Some("0")),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Lempede krav verdt 1 199 999,99 kr, ett øre under 10 %: (b) dekker",
            no(),
            relaxed(Some("1199999.99")),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Lempede krav verdt 1 200 000 kr, nøyaktig 10 %: (b) feiler, (f) sperret",
            no(),
            relaxed(Some("1200000")),
            Retender,
            &[],
            false,
        ),
        row(
            "Lempede krav uten oppgitt verdi: aldri null, (b) kan ikke anvendes",
            no(),
            relaxed(None),
            Retender,
            &[],
            false,
        ),
        row(
            "Prisøkning 700 000 kr og prisvilkår verdt 499 999,99 kr: samlet ett øre under 10 %",
            no(),
            json!({ "value_change": "700000", "nature": { "price_terms": "favour_supplier", "estimated_value": "499999.99" } }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Prisøkning 700 000 kr og prisvilkår verdt 500 000 kr: samlet nøyaktig 10 %",
            no(),
            json!({ "value_change": "700000", "nature": { "price_terms": "favour_supplier", "estimated_value": "500000" } }),
            Retender,
            &[],
            false,
        ),
        row(
            "Tidligere (b)-endring 400 000 kr og risiko verdt 799 999,99 kr: samlet under",
            json!({ "modifications": [{ "date": "2023-01-01", "description": "tidligere", "value_change": "400000", "ground": "de_minimis" }] }),
            json!({ "nature": { "shifts_risk_to_buyer": true, "estimated_value": "799999.99" } }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Tidligere (b)-endring 400 000 kr og risiko verdt 800 000 kr: samlet nøyaktig 10 %",
            json!({ "modifications": [{ "date": "2023-01-01", "description": "tidligere", "value_change": "400000", "ground": "de_minimis" }] }),
            json!({ "nature": { "shifts_risk_to_buyer": true, "estimated_value": "800000" } }),
            Retender,
            &[],
            false,
        ),
        row(
            "Prisklausul dekker prisvilkårene, verdien ukjent: prisøkningen kan ikke dekkes av (b)",
            price_clause.clone(),
            json!({ "value_change": "300000", "under_clause": "k", "nature": { "price_terms": "favour_supplier" } }),
            Retender,
            &[ChangeClause],
            false,
        ),
        row(
            "Prisklausul dekker prisvilkårene, verdien oppgitt: (b) dekker prisøkningen",
            price_clause,
            json!({ "value_change": "300000", "under_clause": "k",
                    "nature": { "price_terms": "favour_supplier", "estimated_value": "100000" } }),
            Continue,
            &[ChangeClause, DeMinimis],
            false,
        ),
        row(
            "Verdien oppgitt, men nye typer leveranser: (b) gjelder ikke",
            no(),
            json!({ "nature": { "relaxes_requirements": true, "new_kinds_of_deliveries": true, "estimated_value": "10000" } }),
            Retender,
            &[],
            false,
        ),
        row(
            "Del I: lempede krav verdt 100 000 kr, 400 000 + 100 000 under nasjonal terskelverdi",
            part_one.clone(),
            relaxed(Some("100000")),
            Continue,
            &[BelowNationalThreshold],
            false,
        ),
        row(
            "Del I: lempede krav uten oppgitt verdi: under terskelverdien kan ikke vises, del II",
            part_one.clone(),
            relaxed(None),
            Retender,
            &[],
            false,
        ),
        row(
            "Del I: lempede krav verdt 900 000 kr: 1 300 000 er ikke under terskelverdien, del II",
            part_one,
            relaxed(Some("900000")),
            Retender,
            &[],
            false,
        ),
    ]);
}

/// A change dated after the contract's end (2026-12-31) is a retender with no ground
/// considered (legal-rules.md § 3); on the end date the contract is still in force.
#[test]
fn a_contract_that_has_ended_cannot_be_changed() {
    let option = json!({ "options": [{ "id": "f", "kind": "extension", "months": 12, "exercised": false }] });
    check(vec![
        row(
            "Endring datert dagen etter sluttdatoen",
            no(),
            json!({ "date": "2027-01-01", "value_change": "100000" }),
            Retender,
            &[],
            false,
        )
        .after_the_end(),
        row(
            "Endring datert på sluttdatoen: kontrakten løper, (b) dekker",
            no(),
            json!({ "date": "2026-12-31", "value_change": "100000" }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Forlengelsesopsjon utløst etter at kontrakten er utløpt",
            option.clone(),
            json!({ "date": "2027-01-15", "new_end": "2027-12-31", "exercise_option": { "id": "f" } }),
            Retender,
            &[],
            false,
        )
        .after_the_end(),
        row(
            "Samme opsjon utløst før utløpet",
            option,
            json!({ "date": "2026-12-15", "new_end": "2027-12-31", "exercise_option": { "id": "f" } }),
            Continue,
            &[Option],
            false,
        ),
        row(
            "Endring uten elementer etter utløpet: å avtale leveransene er en ny kontrakt",
            no(),
            json!({ "date": "2027-03-01" }),
            Retender,
            &[],
            false,
        )
        .after_the_end(),
        row(
            "Rammeavtale utløpt: en ny kommune kan ikke tiltre",
            framework("2021-01-01", "2024-12-31"),
            json!({ "add_authorities": ["B"] }),
            Retender,
            &[],
            false,
        )
        .after_the_end()
        .in_merger(),
    ]);

    let a = assess(
        no(),
        json!({ "date": "2027-01-01", "value_change": "100000" }),
        Some(merger()),
    );
    assert!(a.tests.is_empty(), "no ground is considered");
    assert_eq!(
        a.contract_ended,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 31)
    );
    assert!(
        !a.elements
            .iter()
            .any(|e| e.element == Element::BuyerSuccession)
    );
    assert!(
        a.conclusion
            .nb
            .contains("Kontrakten utløp 31. desember 2026")
    );
    assert!(a.conclusion.nb.contains("ulovlig direkte anskaffelse"));
    assert!(a.conclusion.en.contains("unlawful direct award"));
}

/// The implicit transfer is not a change the buyer agrees: it is assessed for a contract that
/// ended before the merger too (legal-rules.md § 6 no. 7), not answered as an ended contract.
#[test]
fn the_implicit_transfer_of_an_ended_contract_is_still_assessed() {
    let mut c = builders::contract_json(json!({ "end": "2025-06-30" }), json!({}));
    c["proposed_changes"] = json!([]);
    let portfolio = vesentlig::model::Portfolio {
        merger: Some(builders::to_merger(&merger())),
        contracts: vec![builders::to_contract(&c)],
        ..Default::default()
    };
    let a =
        vesentlig::law::assess_portfolio(&portfolio, &vesentlig::thresholds::Thresholds::default());
    assert_eq!(a.len(), 1);
    assert!(a[0].implicit);
    assert_eq!(a[0].contract_ended, None);
    assert_eq!(
        (a[0].recommendation, a[0].grounds.as_slice()),
        (Continue, &[BuyerSuccession][..])
    );
}

/// A postponed start (legal-rules.md § 3, element 8): the contract, signed 2025-01-15, was to
/// start 2025-09-01 and end 2028-08-31; on 2025-06-01 the start is moved 181 days to
/// 2026-03-01, which moves the end to 2029-02-28.
#[test]
fn a_postponed_start() {
    let later = || json!({ "award": { "signed": "2025-01-15" }, "start": "2025-09-01", "end": "2028-08-31" });
    let with = |extra: Value| {
        let mut c = later();
        builders::merge(&mut c, &extra);
        c
    };
    let term_clause = |clear: bool| {
        with(
            json!({ "change_clauses": [{ "id": "k", "text": "oppstart og varighet kan endres", "covers": ["term"],
                                           "clear_precise_unequivocal": clear }] }),
        )
    };
    let postpone = |more: Value| {
        let mut c = json!({ "new_start": "2026-03-01" });
        builders::merge(&mut c, &more);
        c
    };
    let fw = |end: &str| {
        let mut c = framework("2025-09-01", end);
        builders::merge(
            &mut c,
            &json!({ "award": { "signed": "2025-01-15" }, "change_clauses": [{ "id": "k",
            "text": "oppstart og varighet", "covers": ["term"], "clear_precise_unequivocal": true }] }),
        );
        c
    };
    check(vec![
        row(
            "Utsatt oppstart uten klausul: ikke vesentlig er skjønn",
            later(),
            postpone(json!({})),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Utsatt oppstart etter en klar klausul om løpetiden",
            term_clause(true),
            postpone(json!({ "under_clause": "k" })),
            Continue,
            &[ChangeClause],
            false,
        ),
        row(
            "Utsatt oppstart, klausulen er ikke klar",
            term_clause(false),
            postpone(json!({ "under_clause": "k" })),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Utsatt oppstart med lempede krav av ukjent verdi: (f) sperret",
            later(),
            postpone(json!({ "nature": { "relaxes_requirements": true } })),
            Retender,
            &[],
            false,
        ),
        row(
            "Utsatt oppstart, ny sluttdato lik den forskjøvne: ingen forlengelse",
            later(),
            postpone(json!({ "new_end": "2029-02-28" })),
            IntentionNotice,
            &[NotSubstantial],
            false,
        ),
        row(
            "Utsatt oppstart og 31 dager ut over den forskjøvne sluttdatoen: (b) dekker forlengelsen",
            later(),
            postpone(json!({ "new_end": "2029-03-31" })),
            IntentionNotice,
            &[DeMinimis, NotSubstantial],
            false,
        ),
        row(
            "Rammeavtale: fire år regnes fra den utsatte oppstarten (til 2030-02-28)",
            fw("2028-08-31"),
            postpone(json!({ "new_end": "2030-02-28", "under_clause": "k" })),
            Continue,
            &[ChangeClause],
            false,
        ),
        row(
            "Rammeavtale: en dag over fire år fra den utsatte oppstarten",
            fw("2028-08-31"),
            postpone(json!({ "new_end": "2030-03-01", "under_clause": "k" })),
            Retender,
            &[ChangeClause],
            false,
        ),
    ]);

    let a = assess(later(), postpone(json!({ "new_end": "2029-03-31" })), None);
    assert_eq!(
        a.figures.term_extension_days,
        Some(31),
        "measured from the moved end 2029-02-28"
    );
    let de_minimis = a
        .tests
        .iter()
        .find(|t| t.test == DeMinimis)
        .expect("de minimis");
    assert!(de_minimis.reasons.iter().any(|r| {
        r.nb.contains("etter den utsatte oppstarten, 28. februar 2029")
    }));
    let fw_ok = assess(
        fw("2028-08-31"),
        postpone(json!({ "new_end": "2030-02-28", "under_clause": "k" })),
        None,
    );
    let duration = fw_ok
        .tests
        .iter()
        .find(|t| t.test == FrameworkDuration)
        .expect("framework test");
    assert_eq!(duration.outcome, Outcome::Pass);
    assert!(
        duration.reasons[0]
            .nb
            .contains("1. mars 2026 (den utsatte oppstarten)")
    );
}

/// Authorities outside the merger may join (legal-rules.md § 6 no. 14): written as objects, they
/// are judged as municipalities are — the framework rule of § 26-1 (3) and C-216/17 included.
#[test]
fn authorities_outside_the_merger_joining() {
    let nabovik = || json!({ "name": "Nabovik kommune", "org_no": "944000001" });
    let fw_clause = |max: std::option::Option<&str>| {
        let mut c = framework("2023-01-01", "2026-12-31");
        let mut clause = json!({ "id": "k", "text": "andre kommuner kan tiltre", "covers": ["new_authorities", "volume"],
                                 "clear_precise_unequivocal": true });
        if let Some(max) = max {
            clause["max_value"] = json!(max);
        }
        builders::merge(&mut c, &json!({ "change_clauses": [clause] }));
        c
    };
    let partner = json!({ "authorities": ["A", { "name": "Fjordregionen innkjøp IKS", "org_no": "999888777" }] });
    check(vec![
        row(
            "Kontrakt: Nabovik tar del uten prisøkning: ikke vesentlig",
            no(),
            json!({ "add_authorities": [nabovik()] }),
            Continue,
            &[NotSubstantial],
            false,
        ),
        row(
            "Kontrakt: Nabovik tar del med 500 000 kr: følger (b)",
            no(),
            json!({ "value_change": "500000", "add_authorities": [nabovik()] }),
            Continue,
            &[DeMinimis],
            false,
        ),
        row(
            "Rammeavtale: Nabovik uten klausul (§ 26-1 (3))",
            framework("2023-01-01", "2026-12-31"),
            json!({ "value_change": "500000", "add_authorities": [nabovik()] }),
            Retender,
            &[DeMinimis],
            false,
        ),
        row(
            "Rammeavtale: klausul med øvre verdi dekker Nabovik",
            fw_clause(Some("2000000")),
            json!({ "value_change": "500000", "add_authorities": [nabovik()], "under_clause": "k" }),
            Continue,
            &[ChangeClause],
            false,
        ),
        row(
            "Rammeavtale: klausul uten øvre verdi (C-216/17)",
            fw_clause(None),
            json!({ "value_change": "500000", "add_authorities": [nabovik()], "under_clause": "k" }),
            Retender,
            &[ChangeClause],
            false,
        ),
        row(
            "Samme org.nr. som en opprinnelig oppdragsgiver: tiltrer ikke",
            partner,
            json!({ "add_authorities": [{ "name": "Fjordregionen Innkjøp IKS (ny logo)", "org_no": "999888777" }] }),
            Continue,
            &[],
            false,
        ),
    ]);
    let a = assess(
        framework("2023-01-01", "2026-12-31"),
        json!({ "add_authorities": [nabovik()] }),
        None,
    );
    let f = a
        .tests
        .iter()
        .find(|t| t.test == NotSubstantial)
        .expect("not substantial");
    assert!(
        f.reasons
            .iter()
            .any(|r| r.nb.contains("Nabovik kommune") && r.nb.contains("§ 26-1 (3)"))
    );
}

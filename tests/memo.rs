//! The memo PDF: facts, figures and provisions for each recommendation, hostile user text
//! printed literally, byte-identical output, English from the same template, no warnings.

mod support;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

use support::replicate::{MEMOS_PER_COPY, replicated_portfolio};
use support::*;
use vesentlig::assessment::{Assessment, Recommendation};
use vesentlig::model::Contract;
use vesentlig::render::memo::{MemoData, MemoInput};
use vesentlig::render::{Renderer, Template};
use vesentlig::text::Lang;

fn render(a: &Assessment, c: &Contract, lang: Lang) -> Vec<u8> {
    render_planned(a, c, lang, None)
}

/// The plan of a one-contract portfolio, measured against the memo date.
fn plan(a: &Assessment, c: &Contract) -> vesentlig::plan::Plan {
    let portfolio = vesentlig::model::Portfolio {
        root: "contracts".into(),
        merger: Some(merger()),
        contracts: vec![c.clone()],
    };
    vesentlig::plan::plan_portfolio(
        &portfolio,
        std::slice::from_ref(a),
        d("2025-01-06"),
        &Default::default(),
    )
}

fn render_planned(
    a: &Assessment,
    c: &Contract,
    lang: Lang,
    plan: Option<&vesentlig::plan::ContractPlan>,
) -> Vec<u8> {
    let m = merger();
    let data = MemoData::build(&MemoInput {
        assessment: a,
        contract: c,
        merger: Some(&m),
        lang,
        date: d("2025-01-06"),
        fingerprint: "0123456789abcdef",
        plan,
        plan_warnings: &[],
        headroom: None,
    });
    let renderer = Renderer::new().unwrap();
    // Strict: any Typst warning (e.g. an unknown font family) fails the test.
    let pdf = renderer
        .render_strict(Template::Memo, &data, d("2025-01-06"))
        .unwrap();
    // For reviewing the typography by eye: MEMO_DUMP=/tmp/x cargo test --test memo
    if let Ok(dir) = std::env::var("MEMO_DUMP") {
        let name = format!("{dir}/{:?}-{:?}.pdf", a.recommendation, lang);
        std::fs::write(name, &pdf).unwrap();
    }
    pdf
}

#[test]
fn continue_memo_has_facts_figures_and_provisions() {
    let c = cleaning(
        "Renhold av kommunale bygg",
        "Renhold av to nye bygg",
        "1000000",
    );
    let a = assessment(Recommendation::Continue, "1000000", "1100000");
    let text = pdf_text(&render(&a, &c, Lang::Nb));
    assert_contains_all(
        &text,
        &[
            "Notat",
            "Nye Fjordvik kommune, innkjøpsteamet",
            "vesentlig (maskinelt utkast til juridisk vurdering)",
            "6. januar 2025",
            "Renhold av kommunale bygg",
            "Fortsett",
            "Renhold AS (org.nr. 987654321)",
            "Austvik kommune",
            "12 000 000 kr",
            "1 000 000 kr",
            "1 100 000 kr",
            "1 200 000 kr",
            "2 300 000 kr",
            "6 000 000 kr",
            "8,33 % av grunnlaget",
            "9,17 % av grunnlaget",
            "Oppdragsgiver kan endre omfanget med inntil 5 % av kontraktsverdien.",
            "Vindusvask i rådhuset",
            "FOA § 28-1 (1) b",
            "FOA § 28-2",
            "FOA § 19-1 (2)",
            "KMD 2018",
            "Oppfylt",
            "Terskelverdiene kan være utdatert.",
            "anskaffelsesloven § 12",
            "15 %",
            "ikke avklart",
            "side 1 av",
            "0123456789abcdef",
        ],
    );
}

#[test]
fn intention_notice_memo_gives_the_standstill_dates() {
    let c = cleaning(
        "Renhold av kommunale bygg",
        "Renhold av to nye bygg",
        "1500000",
    );
    let a = assessment(Recommendation::IntentionNotice, "1500000", "1600000");
    let text = pdf_text(&render(&a, &c, Lang::Nb));
    assert_contains_all(
        &text,
        &[
            "Intensjonskunngjøring",
            "Usikker",
            "Doffin",
            "TED",
            // Memo dated Monday 6 January 2025: published that day, period to 16 January.
            "publisert 6. januar 2025",
            "16. januar 2025",
            "tidligst avtales 17. januar 2025",
            "FOA § 25-3",
            "12,50 % av grunnlaget",
            "samlet økning er ikke lavere",
            // The box on page 1 gives the recommendation in one sentence of its own.
            "Endringen kan trolig avtales uten ny konkurranse (grunnlag: ikke vesentlig endring), men først etter en intensjonskunngjøring og ti dagers karensperiode.",
        ],
    );
    // The conclusion is printed once, in its section, not again in the box; the change's
    // description once, under the proposed change (the heading names the change by its id).
    let conclusion = "fordi hjemmelen beror på skjønn";
    assert_eq!(text.matches(conclusion).count(), 1, "{text}");
    assert_eq!(text.matches("Renhold av to nye bygg").count(), 1, "{text}");
    assert!(text.contains("Endring «to-bygg», som skal avtales"));
}

#[test]
fn retender_memo_gives_termination_and_plan_pointer() {
    let mut c = cleaning("Renhold av kommunale bygg", "Utvid til Bakkeby", "4000000");
    // Runs past the merger on 1 January 2027, so terminating at the merger is a real option.
    c.end = d("2028-03-31");
    let a = assessment(Recommendation::Retender, "4000000", "4100000");
    let plan = plan(&a, &c);
    let text = pdf_text(&render_planned(&a, &c, Lang::Nb, plan.contracts.first()));
    assert_contains_all(
        &text,
        &[
            "Ny konkurranse",
            "Ikke oppfylt",
            "ikke dekket",
            "Frister fra anskaffelsesplanen",
            // Six months' notice before the merger on 1 January 2027.
            // (pdftotext interleaves table columns, so cells are checked one by one.)
            "senest 01.07.2026",
            "Si opp Renhold av kommunale bygg",
            // The next steps name the plan's latest dates themselves.
            "si opp kontrakten senest 1. juli 2026",
            "kunngjøre konkurransen senest",
            "Kunngjør konkurransen for Renhold",
            "fristen er passert",
            "vesentlig plan",
            "§§ 13–14",
            "innen to år",
        ],
    );
}

#[test]
fn hostile_user_text_prints_literally() {
    let hostile = r#"#read("/etc/passwd") *bold* $x$ <lbl> @ref #set text(red) ]["#;
    let c = cleaning(hostile, hostile, "1000000");
    let a = assessment(Recommendation::Continue, "1000000", "1100000");
    let text = pdf_text(&render(&a, &c, Lang::Nb));
    assert!(
        text.contains(r#"#read("/etc/passwd") *bold* $x$ <lbl> @ref #set text(red) ]["#),
        "{text}"
    );
    assert!(!text.contains("root:"));
}

#[test]
fn two_runs_give_identical_pdfs() {
    let c = cleaning("Renhold", "To bygg", "1000000");
    let a = assessment(Recommendation::Continue, "1000000", "1100000");
    assert_eq!(render(&a, &c, Lang::Nb), render(&a, &c, Lang::Nb));
}

#[test]
fn english_memo_is_english() {
    let c = cleaning("Cleaning", "Two more buildings", "1500000");
    let a = assessment(Recommendation::IntentionNotice, "1500000", "1600000");
    let text = pdf_text(&render(&a, &c, Lang::En));
    assert_contains_all(
        &text,
        &[
            "Memorandum",
            "Nye Fjordvik kommune, procurement team",
            "6 January 2025",
            "Intention notice",
            "NOK 12,000,000",
            "12.50% of the base",
            "Legal framework",
            "Uncertain",
            "page 1 of",
            "Reviewed and approved",
        ],
    );
    for nb in [
        "Notat",
        "innkjøpsteamet",
        "Konklusjon",
        "side 1 av",
        "kroner",
    ] {
        assert!(!text.contains(nb), "Norwegian {nb:?} in the English memo");
    }
}

/// English memos cite provisions in English: «cf.», «and … by analogy», never «jf.», «og»,
/// «analogisk».
fn assert_english_citations(data: &MemoData) {
    let cites = data
        .tests
        .iter()
        .map(|t| t.provision.as_str())
        .chain(data.framework.iter().map(|p| p.cite.as_str()));
    for cite in cites {
        for nb in [
            "jf.",
            " og ",
            "analogisk",
            "Kontinuitetsprinsippet",
            "del I",
        ] {
            assert!(
                !cite.contains(nb),
                "Norwegian {nb:?} in the English citation {cite:?}"
            );
        }
        // Letters in brackets, as in the rest of the English memo: «(1) (b)», not «(1) b».
        let words: Vec<&str> = cite.split(' ').collect();
        for pair in words.windows(2) {
            let letter = pair[1].trim_end_matches(',');
            assert!(
                !(pair[0].ends_with(')') && letter.len() == 1),
                "unbracketed letter in {cite:?}"
            );
        }
    }
}

// ---- The command on the shipped example portfolio ------------------------------------------

fn example_assessments() -> (vesentlig::load::Loaded, Vec<Assessment>) {
    let loaded = vesentlig::load::load_checked(&example_dir()).unwrap();
    let a = vesentlig::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds);
    (loaded, a)
}

#[test]
fn every_example_memo_renders_without_warnings_in_both_languages() {
    let (loaded, assessments) = example_assessments();
    let renderer = Renderer::new().unwrap();
    for lang in [Lang::Nb, Lang::En] {
        for a in &assessments {
            let data = example_memo_data(&loaded, a, lang);
            if let Err(e) = renderer.render_strict(Template::Memo, &data, d("2026-11-27")) {
                panic!("{} / {} ({lang:?}): {e}", a.contract, a.change);
            }
            if lang == Lang::En {
                assert_english_citations(&data);
            }
        }
    }
}

/// The memo data of an example assessment, without plan or headroom.
fn example_memo_data(loaded: &vesentlig::load::Loaded, a: &Assessment, lang: Lang) -> MemoData {
    MemoData::build(&MemoInput {
        assessment: a,
        contract: loaded.portfolio.contract(&a.contract).unwrap(),
        merger: loaded.portfolio.merger.as_ref(),
        lang,
        date: d("2026-11-27"),
        fingerprint: "0000000000000000",
        plan: None,
        plan_warnings: &[],
        headroom: None,
    })
}

/// The memo of an example change, read back as text.
fn example_memo_text(contract: &str, change: &str, lang: Lang) -> String {
    let (loaded, assessments) = example_assessments();
    let a = assessments
        .iter()
        .find(|a| a.contract == contract && a.change == change)
        .unwrap();
    let data = example_memo_data(&loaded, a, lang);
    let pdf = Renderer::new()
        .unwrap()
        .render_strict(Template::Memo, &data, d("2026-11-27"))
        .unwrap();
    pdf_text(&pdf)
}

/// The memo numbers its own sections (templates/memo.typ, not Typst's heading counter): every
/// number follows the one before, also where a section is left out, in both languages.
#[test]
fn sections_are_numbered_consecutively() {
    let in_order = |text: &str, headings: &[&str]| {
        let mut from = 0;
        for h in headings {
            let at = text[from..].find(h);
            assert!(at.is_some(), "«{h}» missing or out of order in:\n{text}");
            from += at.unwrap() + h.len();
        }
    };
    let normal = example_memo_text("fjordvik-lonn-2021", "utvid-til-nye-fjordvik", Lang::Nb);
    in_order(
        &normal,
        &[
            "1 Faktum",
            "1.1 Kontrakten",
            "1.5 Den foreslåtte endringen",
            "2 Rettslig rammeverk",
            "3 Vurdering",
            "3.1 De minimis-regelen",
            "4 Beregninger",
            "5 Usikkerhet og forbehold",
            "6 Konklusjon",
            "7 Videre fremgangsmåte",
            "8 Risiko ved feil vurdering",
        ],
    );
    // No calculations for an ended contract: the reservations take number 4.
    let ended = example_memo_text("storvik-renhold-2023", "forlengelse-etter-utlop", Lang::En);
    in_order(
        &ended,
        &[
            "3 Assessment",
            "3.1 The contract has ended",
            "4 Uncertainty and reservations",
            "5 Conclusion",
            "6 Next steps",
        ],
    );
}

/// The engine revision in the memo (legal-rules.md § 3 and § 6 no. 14): the value of non-price
/// changes in the calculations, a contract that has ended, a postponed start.
#[test]
fn memos_show_non_price_values_ended_contracts_and_postponed_starts() {
    let stated = example_memo_text("lillevik-renhold-2023", "miljokrav-radhus", Lang::Nb);
    assert_contains_all(
        &stated,
        &[
            "Verdi av endringer utenom prisen 90 000 kr",
            "Samlet verdi (bokstav b) 90 000 kr 3,00 % av grunnlaget",
            "direktivet art. 72 (2)",
        ],
    );
    let unknown = example_memo_text(
        "lillevik-renhold-2023",
        "prisrisiko-rengjoringsmidler",
        Lang::Nb,
    );
    assert_contains_all(
        &unknown,
        &[
            "Verdi av endringer utenom prisen ikke oppgitt",
            "verdien av risikoen oppdragsgiveren overtar",
            "En ukjent verdi settes ikke til null",
            "den kjente delen er lavere; samlet verdi er ukjent",
        ],
    );
    let ended = example_memo_text("storvik-renhold-2023", "forlengelse-etter-utlop", Lang::Nb);
    assert_contains_all(
        &ended,
        &[
            "Kontrakten utløp 30. april 2027, så endringen kan ikke avtales",
            "Kontrakten er utløpt",
            "ingen endringsgrunnlag er derfor vurdert",
            "ulovlig direkte anskaffelse",
            "en opsjon kan ikke utløses etter at kontrakten er utløpt",
            "leveranser etter 30. april 2027 har ikke grunnlag i kontrakten",
        ],
    );
    assert!(!ended.contains("Beregninger"), "no limits were tested");
    assert!(
        !ended.contains("kan videreføres uendret"),
        "an ended contract is not continued"
    );
    let ended_en = example_memo_text("storvik-renhold-2023", "forlengelse-etter-utlop", Lang::En);
    assert_contains_all(
        &ended_en,
        &["The contract has ended", "unlawful direct award"],
    );
    let postponed = example_memo_text("storvik-trygghetsalarm-2026", "utsatt-oppstart", Lang::Nb);
    assert_contains_all(
        &postponed,
        &[
            "Utsatt oppstart",
            "1. september 2027 (i dag 1. mars 2027; 184 dager senere)",
            "31. august 2030 (samme lengde)",
            "§ 28-2 a",
        ],
    );
}

#[test]
fn memo_command_writes_one_identical_pdf_per_assessment() {
    let (_, assessments) = example_assessments();
    let runs: Vec<_> = (0..2)
        .map(|_| {
            let out = tempfile::tempdir().unwrap();
            let dir = out.path().to_str().unwrap().to_owned();
            let run = vesentlig(&[
                "memo",
                example_dir().to_str().unwrap(),
                "--out",
                &dir,
                "--date",
                "2026-11-27",
            ]);
            assert!(
                run.status.success(),
                "{}",
                String::from_utf8_lossy(&run.stderr)
            );
            let stderr = String::from_utf8_lossy(&run.stderr);
            assert!(!stderr.contains("warning"), "{stderr}");
            assert_eq!(
                String::from_utf8_lossy(&run.stdout).lines().count(),
                assessments.len()
            );
            (out, folder(Path::new(&dir)))
        })
        .collect();
    let files = &runs[0].1;
    assert_eq!(files.len(), assessments.len());
    for a in &assessments {
        let name = vesentlig::render::batch::file_name(&a.contract, &a.change);
        assert!(files.iter().any(|(n, _)| *n == name), "no {name}");
    }
    // No temporary files left behind, and byte-identical PDFs from two processes.
    assert!(
        files
            .iter()
            .all(|(n, b)| n.ends_with(".pdf") && b.starts_with(b"%PDF"))
    );
    assert_eq!(runs[0].1, runs[1].1);
    // Every memo of a contract in force says how far the contract can stretch (headroom).
    let name = vesentlig::render::batch::file_name("fjordvik-renhold-2022", "nye-bygg-2027");
    let (_, pdf) = files.iter().find(|(n, _)| *n == name).unwrap();
    assert_contains_all(
        &pdf_text(pdf),
        &[
            "Handlingsrom",
            "uten ny konkurranse og uten kunngjøring",
            "Med intensjonskunngjøring",
        ],
    );
}

#[test]
fn memo_command_filters_by_contract_and_rejects_unknown_ids() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let example = example_dir();
    let example = example.to_str().unwrap();
    let run = vesentlig(&[
        "memo",
        example,
        "--contract",
        "fjordvik-vei-2024",
        "--out",
        dir,
        "--lang",
        "en",
        "--date",
        "2026-11-27",
    ]);
    assert!(run.status.success());
    let files = folder(out.path());
    assert!(!files.is_empty());
    assert!(
        files
            .iter()
            .all(|(n, _)| n.starts_with("fjordvik-vei-2024__"))
    );
    let text = text_of(&out.path().join(&files[0].0));
    assert!(text.contains("Memorandum"), "{text}");

    let run = vesentlig(&[
        "memo",
        example,
        "--contract",
        "no-such-contract",
        "--out",
        dir,
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no-such-contract"));
}

#[test]
fn a_memo_that_cannot_be_written_leaves_the_others_intact() {
    let out = tempfile::tempdir().unwrap();
    // A folder where one memo should go: that write fails; every other memo is written.
    let blocked = vesentlig::render::batch::file_name("fjordvik-vei-2024", "kvikkleire");
    std::fs::create_dir(out.path().join(&blocked)).unwrap();
    let run = vesentlig(&[
        "memo",
        example_dir().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--date",
        "2026-11-27",
    ]);
    // Exit status 3: a document could not be written; the others were.
    assert_eq!(run.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("fjordvik-vei-2024 / kvikkleire"),
        "{stderr}"
    );
    let (_, assessments) = example_assessments();
    assert!(
        stderr.contains(&format!(
            "1 of {} memos could not be written",
            assessments.len()
        )),
        "{stderr}"
    );
    let files = folder(out.path());
    assert_eq!(files.len(), assessments.len());
    assert!(
        files
            .iter()
            .all(|(n, b)| *n == blocked || b.starts_with(b"%PDF"))
    );
}

#[test]
fn intention_notice_memo_gives_the_plans_latest_publication() {
    let c = cleaning(
        "Renhold av kommunale bygg",
        "Renhold av to nye bygg",
        "1500000",
    );
    let a = assessment(Recommendation::IntentionNotice, "1500000", "1600000");
    let plan = plan(&a, &c);
    let text = pdf_text(&render_planned(&a, &c, Lang::Nb, plan.contracts.first()));
    assert_contains_all(
        &text,
        &[
            "bør kunngjøringen publiseres senest",
            "for at endringen kan avtales som planlagt 1. februar 2025",
        ],
    );
}

/// The whole English memo for one example change, as the data the template prints: every
/// label, citation and sentence reviewed in one place.
#[test]
fn english_memo_data_for_an_intention_notice() {
    let (loaded, assessments) = example_assessments();
    let a = assessments
        .iter()
        .find(|a| a.contract == "storvik-fdv-2019")
        .unwrap();
    let contract = loaded.portfolio.contract(&a.contract).unwrap();
    let headroom = vesentlig::analysis::headroom::headroom(
        contract,
        loaded.portfolio.merger.as_ref(),
        &loaded.thresholds,
        a.date,
    );
    let data = MemoData::build(&MemoInput {
        assessment: a,
        contract,
        merger: loaded.portfolio.merger.as_ref(),
        lang: Lang::En,
        date: d("2026-11-27"),
        fingerprint: "0000000000000000",
        plan: None,
        plan_warnings: &[],
        headroom: Some(&headroom),
    });
    insta::assert_json_snapshot!(data);
}

// ---- Many memos in one process ---------------------------------------------------------------

/// A few hundred memos (the example eight times) in one process on two workers: every memo is
/// written, and no memo runs nested inside another. Rendered as rayon tasks, a memo's PDF
/// export waited for its page streams by running queued rayon jobs, which were the next memos:
/// the stack grew by one memo per memo until it overflowed after about 70, with none written
/// (docs/performance.md). Nesting shows as ticks (called after each memo) running at varying
/// depths of their thread's stack, long before the stack gives out.
#[test]
fn a_few_hundred_memos_in_one_process_are_all_written_none_inside_another() {
    const WORKERS: usize = 2;
    let (_keep, root) = replicated_portfolio(8);
    let loaded = vesentlig::load::load_checked(&root).unwrap();
    let assessments = vesentlig::law::assess_portfolio(&loaded.portfolio, &loaded.thresholds);
    assert_eq!(assessments.len(), 8 * MEMOS_PER_COPY);
    let date = d("2026-11-27");
    let plan =
        vesentlig::plan::plan_portfolio(&loaded.portfolio, &assessments, date, &Default::default());
    let out = tempfile::tempdir().unwrap();
    let batch = vesentlig::render::batch::MemoBatch {
        thresholds: &loaded.thresholds,
        portfolio: &loaded.portfolio,
        lang: Lang::Nb,
        date,
        fingerprint: "0000000000000000",
        out_dir: out.path(),
        plan: Some(&plan),
    };
    // Where on its thread's stack each tick runs: a memo nested in another ticks deeper.
    let depths: Mutex<HashMap<std::thread::ThreadId, (usize, usize)>> = Mutex::default();
    let outcomes = vesentlig::render::batch::write_memos(
        &Renderer::new().unwrap(),
        &batch,
        &assessments,
        WORKERS,
        &|| {
            let here = std::hint::black_box(0u8);
            let at = std::ptr::from_ref(&here) as usize;
            let mut depths = depths.lock().unwrap();
            let (low, high) = depths
                .entry(std::thread::current().id())
                .or_insert((at, at));
            *low = (*low).min(at);
            *high = (*high).max(at);
        },
    );
    let failed: Vec<_> = outcomes
        .iter()
        .filter(|o| o.result.is_err() || !o.warnings.is_empty())
        .map(|o| {
            format!(
                "{} / {}: {:?} {:?}",
                o.contract, o.change, o.result, o.warnings
            )
        })
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(outcomes.len(), assessments.len());
    assert_eq!(folder(out.path()).len(), assessments.len());
    let spreads: Vec<usize> = depths
        .into_inner()
        .unwrap()
        .values()
        .map(|(low, high)| high - low)
        .collect();
    // A memo nested in another adds about 30 KiB of stack; nesting reached megabytes.
    assert!(
        spreads.iter().all(|s| *s < 16 * 1024),
        "memos ran nested inside each other: stack depth of the ticks varied by {spreads:?} bytes"
    );
}

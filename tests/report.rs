//! The portfolio report PDF: counts, every change with its verdict, the timeline and the
//! deadlines; deterministic, English from the same template, no warnings.

mod support;

use support::replicate::replicated_portfolio;
use support::*;
use vesentlig::assessment::{Assessment, Recommendation};
use vesentlig::model::Portfolio;
use vesentlig::render::report::{ReportData, ReportInput};
use vesentlig::render::{Renderer, Template};
use vesentlig::text::Lang;

fn portfolio() -> Portfolio {
    let mut payroll = cleaning("Lønns- og personalsystem", "Utvid til Bakkeby", "4000000");
    payroll.id = "b-lonn-2019".into();
    payroll.start = d("2019-01-01");
    payroll.end = d("2027-12-31");
    for ch in &mut payroll.proposed_changes {
        ch.date = d("2026-09-01");
    }
    Portfolio {
        root: "contracts".into(),
        merger: Some(merger()),
        contracts: vec![
            cleaning(
                "Renhold av kommunale bygg",
                "Renhold av to nye bygg",
                "1000000",
            ),
            payroll,
        ],
    }
}

fn assessments() -> Vec<Assessment> {
    let mut retender = assessment(Recommendation::Retender, "4000000", "4100000");
    retender.contract = "b-lonn-2019".into();
    vec![
        assessment(Recommendation::Continue, "1000000", "1100000"),
        retender,
    ]
}

fn render(lang: Lang) -> Vec<u8> {
    let p = portfolio();
    let a = assessments();
    let plan = vesentlig::plan::plan_portfolio(&p, &a, d("2026-01-05"), &Default::default());
    let data = ReportData::build(&ReportInput {
        portfolio: &p,
        assessments: &a,
        lang,
        date: d("2026-01-05"),
        fingerprint: "fedcba9876543210",
        plan: &plan,
        headroom: &[],
        consolidation: &[],
    });
    let pdf = Renderer::new()
        .unwrap()
        .render_strict(Template::Report, &data, d("2026-01-05"))
        .unwrap();
    if let Ok(dir) = std::env::var("MEMO_DUMP") {
        std::fs::write(format!("{dir}/report-{lang:?}.pdf"), &pdf).unwrap();
    }
    pdf
}

#[test]
fn report_has_counts_verdicts_and_deadlines() {
    let text = pdf_text(&render(Lang::Nb));
    // Only the payroll contract runs past the merger, so only it gets a termination date.
    assert!(!text.contains("Si opp Renhold"));
    assert_contains_all(
        &text,
        &[
            "Porteføljerapport",
            "Nye Fjordvik kommune",
            "5. januar 2026",
            "Fortsett",
            "Ny konkurranse",
            "Lønns- og personalsystem",
            "b-lonn-2019",
            "De minimis-regelen",
            "passert",
            "Varsler fra anskaffelsesplanen",
            "senest 01.07.2026 b-lonn-2019 Si opp Lønns- og personalsystem",
            "Kunngjør konkurransen for Lønns- og personalsystem",
            "sammenslåingstidspunktet",
            "vesentlig plan",
            "2027",
            "side 1 av",
            "fedcba9876543210",
        ],
    );
}

#[test]
fn report_is_deterministic_and_english_on_request() {
    assert_eq!(render(Lang::En), render(Lang::En));
    let text = pdf_text(&render(Lang::En));
    assert_contains_all(
        &text,
        &[
            "Portfolio report",
            "Continue",
            "Retender",
            "merger date",
            "page 1 of",
        ],
    );
    assert!(!text.contains("Porteføljerapport"));
}

#[test]
fn report_command_on_the_example_is_deterministic() {
    let out = tempfile::tempdir().unwrap();
    let example = example_dir();
    let runs: Vec<Vec<u8>> = ["a.pdf", "b.pdf"]
        .iter()
        .map(|name| {
            let path = out.path().join("sub").join(name);
            let run = vesentlig(&[
                "report",
                example.to_str().unwrap(),
                "--out",
                path.to_str().unwrap(),
                "--date",
                "2026-11-27",
            ]);
            assert!(
                run.status.success(),
                "{}",
                String::from_utf8_lossy(&run.stderr)
            );
            assert!(!String::from_utf8_lossy(&run.stderr).contains("warning"));
            std::fs::read(&path).unwrap()
        })
        .collect();
    assert_eq!(runs[0], runs[1]);
    // The steering group sees the whole timeline, with its legend, on the first page.
    let first = &pdf_pages(&runs[0])[0];
    assert_contains_all(
        first,
        &[
            "fjordvik-arkiv-2015",
            "storvik-renhold-2023",
            "sammenslåingstidspunktet",
            "side 1 av",
        ],
    );
    let text = pdf_text(&runs[0]);
    assert_contains_all(
        &text,
        &[
            "Porteføljerapport",
            "Nye Fjordvik kommune",
            "fjordvik-vei-2024",
            "kvikkleire",
            // A retender names what no ground covers, not the grounds that did cover.
            "Ikke dekket: ny leverandør",
            // A change after the contract's end says so instead (legal-rules.md § 3).
            "Kontrakten utløp 30.04.2027; ingen kontrakt å endre",
            // Headroom beside every change, and the consolidation of overlapping contracts.
            "Rom uten konkurranse",
            "Overlappende kontrakter",
            "Behold lillevik-bibliotek-2023",
            "Ny felles konkurranse",
        ],
    );
}

/// A portfolio too large for one page gets contents on page 1; the timeline is grouped by the
/// system's priority and sorted by expiry within each group, the verdicts strictest first, the
/// deadlines by year, each group under a heading with its count.
#[test]
fn a_large_report_has_contents_and_sorted_groups_with_counts() {
    let (_keep, root) = replicated_portfolio(2);
    let loaded = vesentlig::load::load_checked(&root).unwrap();
    let p = &loaded.portfolio;
    let a = vesentlig::law::assess_portfolio(p, &loaded.thresholds);
    let date = d("2026-11-27");
    let plan = vesentlig::plan::plan_portfolio(p, &a, date, &Default::default());
    let headroom = vesentlig::analysis::headroom::continue_up_to(p, &a, &loaded.thresholds);
    let consolidation =
        vesentlig::analysis::consolidation::analyse(&vesentlig::analysis::consolidation::Input {
            portfolio: p,
            thresholds: &loaded.thresholds,
            config: &Default::default(),
            date,
        });
    let data = ReportData::build(&ReportInput {
        portfolio: p,
        assessments: &a,
        lang: Lang::Nb,
        date,
        fingerprint: "fedcba9876543210",
        plan: &plan,
        headroom: &headroom,
        consolidation: &consolidation,
    });
    assert!(data.contents);

    // Groups are contiguous, cover every row, and come in their order.
    let covers = |groups: &[vesentlig::render::report::Group], len: usize| {
        groups.first().map_or(0, |g| g.start) == 0
            && groups.windows(2).all(|w| w[0].end == w[1].start)
            && groups.last().map_or(0, |g| g.end) == len
    };
    assert!(covers(&data.timeline_groups, data.rows.len()));
    assert!(covers(&data.change_groups, data.changes.len()));
    assert!(covers(&data.deadline_groups, data.deadlines.len()));
    assert!(covers(&data.alert_groups, data.alerts.len()));
    let codes = |groups: &[vesentlig::render::report::Group]| -> Vec<String> {
        groups.iter().map(|g| g.code.clone()).collect()
    };
    assert_eq!(
        codes(&data.timeline_groups),
        ["critical", "critical_area", "medium", "low", "unknown"]
    );
    assert_eq!(
        codes(&data.change_groups),
        ["retender", "intention_notice", "continue"]
    );
    assert_eq!(codes(&data.alert_groups), ["critical", "warning"]);
    let years = codes(&data.deadline_groups);
    assert!(years.windows(2).all(|w| w[0] < w[1]), "{years:?}");
    assert_eq!(
        data.timeline_groups[0].title,
        "Kritisk prioritet – 16 kontrakter"
    );
    let retenders = a
        .iter()
        .filter(|x| x.recommendation == Recommendation::Retender)
        .count();
    assert_eq!(
        data.change_groups[0].title,
        format!("Ny konkurranse – {retenders} endringer")
    );

    // Within a priority group, by expiry.
    for g in &data.timeline_groups {
        let ends: Vec<_> = data.rows[g.start..g.end]
            .iter()
            .map(|r| p.contract(&r.id).unwrap().end)
            .collect();
        assert!(
            ends.windows(2).all(|w| w[0] <= w[1]),
            "{}: {ends:?}",
            g.title
        );
    }

    let pdf = Renderer::new()
        .unwrap()
        .render_strict(Template::Report, &data, date)
        .unwrap();
    let first = &pdf_pages(&pdf)[0];
    assert_contains_all(
        first,
        &[
            "Innhold",
            "Tidslinje",
            "Kritisk prioritet – 16 kontrakter",
            "Varsler fra anskaffelsesplanen",
            &format!("Ny konkurranse – {retenders} endringer"),
            "Datoer og frister",
        ],
    );
}

//! The plan's output formats: a terminal table, JSON, CSV for Excel and an iCalendar file.

pub mod csv;
pub mod ics;
pub mod table;

use std::io::{self, Write};

use crate::assessment::Recommendation;
use crate::text::{Lang, Text};

use super::{DateKind, Plan};

/// The plan as JSON: keys in struct order, dates ISO, both languages of every text.
pub fn json(plan: &Plan) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, nor can serializing plain structs of strings, dates and
    // numbers; an empty document would only hide a bug that the tests would see.
    let _ = write_json(plan, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`json`], written to `out` as it is serialized.
pub fn write_json(plan: &Plan, mut out: impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, plan)?;
    out.write_all(b"\n")
}

/// The recommendation in words.
pub fn recommendation_label(r: Recommendation) -> Text {
    match r {
        Recommendation::Continue => Text::new("videreføres", "continue"),
        Recommendation::IntentionNotice => Text::new("intensjonskunngjøring", "intention notice"),
        Recommendation::Retender => Text::new("ny konkurranse", "retender"),
    }
}

/// What kind of date a deadline is.
pub fn date_kind_label(k: DateKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (DateKind::Latest, Lang::Nb) => "senest",
        (DateKind::Earliest, Lang::Nb) => "tidligst",
        (DateKind::Fixed, Lang::Nb) => "dato",
        (DateKind::Latest, Lang::En) => "latest",
        (DateKind::Earliest, Lang::En) => "earliest",
        (DateKind::Fixed, Lang::En) => "date",
    }
}

/// The convention, stated in every output that shows adjusted dates.
pub fn convention(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => {
            "Frister regnes i kalenderdager (FOA § 7-6). Faller en siste frist på lørdag, søndag eller helligdag, flyttes den til foregående virkedag; en tidligste dato flyttes til neste virkedag. Lovens dato vises der den avviker."
        }
        Lang::En => {
            "Periods are calendar days (FOA § 7-6). A latest date on a Saturday, Sunday or public holiday moves to the previous working day; an earliest date moves to the next working day. The legal date is shown where it differs."
        }
    }
}

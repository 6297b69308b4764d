//! The plan's output formats: a terminal table, JSON, CSV for Excel and an iCalendar file.

pub mod csv;
pub mod ics;
pub mod table;

use crate::assessment::Recommendation;
use crate::text::{Lang, Text};

use super::{DateKind, Plan};

/// The plan as JSON: keys in struct order, dates ISO, both languages of every text.
pub fn json(plan: &Plan) -> String {
    // Serializing plain structs of strings, dates and numbers cannot fail; an empty object
    // would only hide a bug that the tests would see.
    let mut s = serde_json::to_string_pretty(plan).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
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

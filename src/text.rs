//! Output language and the Norwegian (and English) formatting of amounts, percentages and dates.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// The language of user-facing text. Norwegian bokmål is the default.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nb,
    En,
}

/// A sentence in both languages. The law module writes both; renderers pick one.
///
/// A run that outputs one language builds only that one: inside [`with_languages`]
/// (`Languages::Only(lang)`), `Text::new`, `Text::from_fn` and `say!` leave the other
/// language empty, and `from_fn` does not even format it. `get` for a language that was not
/// built returns "". Both are built by default (the plan's JSON carries both).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub nb: String,
    pub en: String,
}

impl Text {
    pub fn new(nb: impl Into<String>, en: impl Into<String>) -> Self {
        let languages = languages();
        Self {
            nb: languages.build(Lang::Nb, || nb.into()),
            en: languages.build(Lang::En, || en.into()),
        }
    }

    /// The same sentence built once per language, e.g. with figures formatted the Norwegian
    /// or the English way; only for the languages being built.
    pub fn from_fn(f: impl Fn(Lang) -> String) -> Self {
        let languages = languages();
        Self {
            nb: languages.build(Lang::Nb, || f(Lang::Nb)),
            en: languages.build(Lang::En, || f(Lang::En)),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nb => &self.nb,
            Lang::En => &self.en,
        }
    }
}

/// Which languages [`Text`] builds on the current thread.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Languages {
    /// Both Norwegian and English (the default).
    #[default]
    Both,
    /// Only this language; the other is left empty.
    Only(Lang),
    /// Neither: for results whose texts nobody reads (the planner reads only the verdicts and
    /// dates of the assessments).
    Neither,
}

impl Languages {
    /// `text()` if `lang` is built, else an empty string.
    fn build(self, lang: Lang, text: impl FnOnce() -> String) -> String {
        match self {
            Languages::Both => text(),
            Languages::Only(only) if only == lang => text(),
            Languages::Only(_) | Languages::Neither => String::new(),
        }
    }
}

thread_local! {
    static LANGUAGES: std::cell::Cell<Languages> = const { std::cell::Cell::new(Languages::Both) };
}

/// The languages `Text` builds on this thread now.
pub fn languages() -> Languages {
    LANGUAGES.get()
}

/// Runs `f` with `Text` building only `languages` on this thread, then restores the setting
/// (also if `f` panics). Code that hands work to other threads passes [`languages`] on, as
/// `law::assess_contracts` does for its rayon workers.
pub fn with_languages<R>(languages: Languages, f: impl FnOnce() -> R) -> R {
    struct Restore(Languages);
    impl Drop for Restore {
        fn drop(&mut self) {
            LANGUAGES.set(self.0);
        }
    }
    let _restore = Restore(LANGUAGES.replace(languages));
    f()
}

/// Groups the integer digits of a non-negative decimal string with `sep`.
fn group_digits(digits: &str, sep: &str) -> String {
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// A number with grouped thousands: `12 500 000` (nb, with narrow no-break spaces) or
/// `12,500,000` (en); decimals kept as given, with `,` (nb) or `.` (en) as decimal mark.
pub fn number(value: Decimal, lang: Lang) -> String {
    let normalized = value.normalize();
    let text = normalized.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let (group, mark) = match lang {
        Lang::Nb => ("\u{a0}", ","),
        Lang::En => (",", "."),
    };
    let sign = if normalized.is_sign_negative() && !normalized.is_zero() {
        "−"
    } else {
        ""
    };
    let mut out = format!("{sign}{}", group_digits(int, group));
    if !frac.is_empty() {
        out.push_str(mark);
        out.push_str(frac);
    }
    out
}

/// An amount in kroner: `12 500 000 kr` (nb) or `NOK 12,500,000` (en). Øre are shown with two
/// decimals when present.
pub fn nok(value: Decimal, lang: Lang) -> String {
    let value = if value.fract().is_zero() {
        value.trunc()
    } else {
        value.round_dp(2)
    };
    let mut n = number(value, lang);
    if !value.fract().is_zero() {
        let decimals = value.normalize().scale();
        if decimals == 1 {
            n.push('0');
        }
    }
    match lang {
        Lang::Nb => format!("{n}\u{a0}kr"),
        Lang::En => format!("NOK\u{a0}{n}"),
    }
}

/// A percentage with two decimals, rounded half away from zero: `8,33 %` / `8.33%`.
pub fn percent(value: Decimal, lang: Lang) -> String {
    let rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let s = format!("{rounded:.2}");
    match lang {
        Lang::Nb => format!("{}\u{a0}%", s.replace('.', ",")),
        Lang::En => format!("{s}%"),
    }
}

/// `part` as a percentage of `whole` (`None` when `whole` is zero).
pub fn share(part: Decimal, whole: Decimal) -> Option<Decimal> {
    (!whole.is_zero()).then(|| part * Decimal::ONE_HUNDRED / whole)
}

const MONTHS_NB: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date in words: `1. januar 2027` (nb) or `1 January 2027` (en).
pub fn date_long(d: NaiveDate, lang: Lang) -> String {
    let m = d.month0() as usize;
    match lang {
        Lang::Nb => format!("{}. {} {}", d.day(), MONTHS_NB[m], d.year()),
        Lang::En => format!("{} {} {}", d.day(), MONTHS_EN[m], d.year()),
    }
}

/// A short date for tables: `01.01.2027` (nb) or `2027-01-01` (en).
pub fn date_short(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Nb => d.format("%d.%m.%Y").to_string(),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// The JSON documents the tool writes (`headroom`, `consolidate`, `schema`, imported contract
/// files): pretty-printed with a final newline. Our own types and `serde_json::Value` have string
/// keys only, so serializing them cannot fail.
pub fn pretty_json<T: Serialize + ?Sized>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn norwegian_amounts() {
        assert_eq!(nok(d("12500000"), Lang::Nb), "12\u{a0}500\u{a0}000\u{a0}kr");
        assert_eq!(nok(d("999999.99"), Lang::Nb), "999\u{a0}999,99\u{a0}kr");
        assert_eq!(nok(d("1000.5"), Lang::Nb), "1\u{a0}000,50\u{a0}kr");
        assert_eq!(nok(d("-300000"), Lang::Nb), "−300\u{a0}000\u{a0}kr");
        assert_eq!(nok(d("12500000"), Lang::En), "NOK\u{a0}12,500,000");
        assert_eq!(nok(d("0"), Lang::Nb), "0\u{a0}kr");
    }

    #[test]
    fn only_the_languages_asked_for_are_built() {
        let built = std::cell::Cell::new(0);
        let text = || {
            Text::from_fn(|l| {
                built.set(built.get() + 1);
                format!("{l:?}")
            })
        };
        assert_eq!(text(), Text::new("Nb", "En"));
        assert_eq!(built.get(), 2);
        let only = with_languages(Languages::Only(Lang::En), || {
            (text(), Text::new("nb", "en"))
        });
        assert_eq!(built.get(), 3);
        assert_eq!(only.0.get(Lang::En), "En");
        assert_eq!((only.1.nb.as_str(), only.1.en.as_str()), ("", "en"));
        // The setting is scoped.
        assert_eq!(languages(), Languages::Both);
    }

    #[test]
    fn percentages_and_dates() {
        assert_eq!(percent(d("8.3333"), Lang::Nb), "8,33\u{a0}%");
        assert_eq!(percent(d("10"), Lang::En), "10.00%");
        let date = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(date_long(date, Lang::Nb), "1. januar 2027");
        assert_eq!(date_long(date, Lang::En), "1 January 2027");
        assert_eq!(date_short(date, Lang::Nb), "01.01.2027");
    }
}

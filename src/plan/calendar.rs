//! Norwegian working days: public holidays (helligdager, and 1 and 17 May) and the convention
//! the plan applies when a date falls on a weekend or holiday.
//!
//! Periods are counted in calendar days (FOA § 7-6, forskrift om tidsfrister i EØS-avtalen).
//! The plan's convention, applied everywhere:
//! * a **latest** date (the last day to act) that falls on a non-working day moves to the
//!   **previous** working day, so acting on the adjusted date is never late;
//! * an **earliest** date (the first day something may be done, e.g. signature after a
//!   standstill) that falls on a non-working day moves to the **next** working day, and a
//!   waiting period whose last day is a non-working day is treated as running to the end of the
//!   next working day, so acting on the adjusted date is never early.
//!
//! Both the legal (unadjusted) date and the adjusted date are kept; outputs show both where
//! they differ.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian computus,
/// Meeus/Jones/Butcher). `None` only outside chrono's date range.
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// A Norwegian public holiday on a weekday-independent date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Holiday {
    NewYearsDay,
    MaundyThursday,
    GoodFriday,
    EasterMonday,
    LabourDay,
    ConstitutionDay,
    AscensionDay,
    WhitMonday,
    ChristmasDay,
    BoxingDay,
}

impl Holiday {
    /// The Norwegian name.
    pub fn name_nb(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "1. nyttårsdag",
            Holiday::MaundyThursday => "skjærtorsdag",
            Holiday::GoodFriday => "langfredag",
            Holiday::EasterMonday => "2. påskedag",
            Holiday::LabourDay => "1. mai",
            Holiday::ConstitutionDay => "17. mai",
            Holiday::AscensionDay => "Kristi himmelfartsdag",
            Holiday::WhitMonday => "2. pinsedag",
            Holiday::ChristmasDay => "1. juledag",
            Holiday::BoxingDay => "2. juledag",
        }
    }
}

/// The public holidays of `year`, in date order. Easter Sunday and Whit Sunday are left out:
/// they are Sundays anyway.
pub fn holidays(year: i32) -> Vec<(NaiveDate, Holiday)> {
    let mut out = Vec::with_capacity(10);
    let fixed = [
        (1, 1, Holiday::NewYearsDay),
        (5, 1, Holiday::LabourDay),
        (5, 17, Holiday::ConstitutionDay),
        (12, 25, Holiday::ChristmasDay),
        (12, 26, Holiday::BoxingDay),
    ];
    for (m, d, h) in fixed {
        if let Some(date) = NaiveDate::from_ymd_opt(year, m, d) {
            out.push((date, h));
        }
    }
    if let Some(easter) = easter_sunday(year) {
        let moving: [(i64, Holiday); 5] = [
            (-3, Holiday::MaundyThursday),
            (-2, Holiday::GoodFriday),
            (1, Holiday::EasterMonday),
            (39, Holiday::AscensionDay),
            (50, Holiday::WhitMonday),
        ];
        for (offset, h) in moving {
            if let Some(date) = easter.checked_add_signed(chrono::Duration::days(offset)) {
                out.push((date, h));
            }
        }
    }
    out.sort();
    out
}

/// The holiday on `date`, if any.
pub fn holiday(date: NaiveDate) -> Option<Holiday> {
    holidays(date.year())
        .into_iter()
        .find(|(d, _)| *d == date)
        .map(|(_, h)| h)
}

/// Monday to Friday and not a public holiday.
pub fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && holiday(date).is_none()
}

/// `date` if it is a working day, else the nearest working day before it.
pub fn previous_working_day(date: NaiveDate) -> NaiveDate {
    let mut d = date;
    // A run of non-working days is at most five days long (e.g. Maundy Thursday to Easter
    // Monday); the bound only guards against the end of chrono's range.
    for _ in 0..14 {
        if is_working_day(d) {
            return d;
        }
        match d.pred_opt() {
            Some(p) => d = p,
            None => return d,
        }
    }
    d
}

/// `date` if it is a working day, else the nearest working day after it.
pub fn next_working_day(date: NaiveDate) -> NaiveDate {
    let mut d = date;
    for _ in 0..14 {
        if is_working_day(d) {
            return d;
        }
        match d.succ_opt() {
            Some(n) => d = n,
            None => return d,
        }
    }
    d
}

/// `date` plus `days` calendar days (saturating at chrono's range).
pub fn add_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(date)
}

/// `date` minus `days` calendar days (saturating at chrono's range).
pub fn sub_days(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(date)
}

/// Whether a date is the last day to act, the first day something may be done, or a fixed
/// event (contract expiry, the merger).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    Latest,
    Earliest,
    Fixed,
}

/// A date as the law (calendar-day arithmetic) gives it, and as the plan's working-day
/// convention adjusts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// The date to act on: `legal_date` moved by the working-day convention.
    pub date: NaiveDate,
    /// The date by calendar-day arithmetic alone.
    pub legal_date: NaiveDate,
    pub kind: DateKind,
}

impl Deadline {
    /// A latest date: moved to the previous working day.
    pub fn latest(legal: NaiveDate) -> Self {
        Self {
            date: previous_working_day(legal),
            legal_date: legal,
            kind: DateKind::Latest,
        }
    }

    /// An earliest date: moved to the next working day.
    pub fn earliest(legal: NaiveDate) -> Self {
        Self {
            date: next_working_day(legal),
            legal_date: legal,
            kind: DateKind::Earliest,
        }
    }

    /// A fixed event date: never moved.
    pub fn fixed(date: NaiveDate) -> Self {
        Self {
            date,
            legal_date: date,
            kind: DateKind::Fixed,
        }
    }

    /// The convention moved the date.
    pub fn is_adjusted(&self) -> bool {
        self.date != self.legal_date
    }
}

/// The first day after a waiting period of `days` calendar days counted from the day after
/// `from` (FOA § 25-2, § 25-3 (4)): legally `from + days + 1`; adjusted, the period runs to the
/// end of the next working day when its last day is not one, and the act moves to the next
/// working day after that.
pub fn earliest_after_period(from: NaiveDate, days: u32) -> Deadline {
    let last_day = add_days(from, days);
    let legal = add_days(last_day, 1);
    let extended_last = next_working_day(last_day);
    Deadline {
        date: next_working_day(add_days(extended_last, 1)),
        legal_date: legal,
        kind: DateKind::Earliest,
    }
}

/// The latest day to start a waiting period of `days` (as in [`earliest_after_period`]) so that
/// the act it delays can be done, with the convention, on or before `act_by`.
pub fn latest_start_for(act_by: NaiveDate, days: u32) -> Deadline {
    let legal = sub_days(act_by, days + 1);
    let mut start = previous_working_day(legal);
    // The convention can push the earliest act past `act_by` when the period ends on a
    // non-working day; step back until it does not. A few days at most.
    for _ in 0..14 {
        if earliest_after_period(start, days).date <= act_by {
            break;
        }
        start = previous_working_day(sub_days(start, 1));
    }
    Deadline {
        date: start,
        legal_date: legal,
        kind: DateKind::Latest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_known_years() {
        assert_eq!(easter_sunday(2024), Some(d("2024-03-31")));
        assert_eq!(easter_sunday(2025), Some(d("2025-04-20")));
        assert_eq!(easter_sunday(2026), Some(d("2026-04-05")));
    }

    #[test]
    fn latest_start_keeps_the_act_in_time() {
        // Act by Monday 2026-12-14; legal start Thursday 2026-12-03: the period 04–13 ends on
        // a Sunday, so the convention extends it to Monday 14 and the act could only be on 15.
        // Wednesday 02 fails the same way (period ends Saturday 12); Tuesday 01 works.
        let s = latest_start_for(d("2026-12-14"), 10);
        assert_eq!(s.legal_date, d("2026-12-03"));
        assert_eq!(s.date, d("2026-12-01"));
        assert_eq!(earliest_after_period(s.date, 10).date, d("2026-12-14"));
    }
}

//! Dates the documents compute from the facts: the intention-notice standstill and the latest
//! termination notice before the merger. (Tender launch dates belong to `crate::plan`.)

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::model::{Contract, Merger};

/// The next working day on or after `d` (weekends only; public holidays are not known here).
pub fn weekday_on_or_after(d: NaiveDate) -> NaiveDate {
    match d.weekday() {
        Weekday::Sat => d + Days::new(2),
        Weekday::Sun => d + Days::new(1),
        _ => d,
    }
}

/// Publication on `published` → (last day of the suspension window, earliest agreement).
/// FOA § 25-3 (1) b, (4): ten days from the day after publication; a period ending on a
/// weekend runs to the next working day (the cautious reading of the time-limit rules).
pub fn intention_notice_dates(published: NaiveDate) -> (NaiveDate, NaiveDate) {
    let last = weekday_on_or_after(published + Days::new(10));
    (last, last + Days::new(1))
}

/// The latest day to give notice so the contract ends on the merger date, when the contract
/// may be terminated (for convenience or on a merger) and would otherwise run past the merger.
pub fn termination_notice_before_merger(c: &Contract, m: &Merger) -> Option<NaiveDate> {
    let t = c.termination.as_ref()?;
    if !(t.for_convenience || t.on_merger) || c.end < m.effective {
        return None;
    }
    m.effective.checked_sub_months(Months::new(t.notice_months))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn intention_notice_window_matches_the_worked_case() {
        // cases/README: published Monday 2026-03-02 → window to 03-12 → earliest 03-13.
        assert_eq!(
            intention_notice_dates(d(2026, 3, 2)),
            (d(2026, 3, 12), d(2026, 3, 13))
        );
        // Published Wednesday 2026-03-04 → day 10 is Saturday 03-14 → runs to Monday 03-16.
        assert_eq!(
            intention_notice_dates(d(2026, 3, 4)),
            (d(2026, 3, 16), d(2026, 3, 17))
        );
    }
}

//! The thresholds of FOA §§ 5-1 and 5-3 as date-versioned data, each value with its source,
//! and the part (I/II/III) of a contract at award.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{AuthorityKind, Contract, Part, Subject};

/// The thresholds in force from one date (NOK excluding VAT).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThresholdPeriod {
    pub from: NaiveDate,
    /// EEA threshold for supplies and services, central authorities (FOA § 5-3 (1) a).
    pub central_supplies_services: Decimal,
    /// EEA threshold for supplies and services, other authorities such as municipalities (§ 5-3 (1) b).
    pub other_supplies_services: Decimal,
    /// EEA threshold for works (§ 5-3 (1) c).
    pub works: Decimal,
    /// The national threshold from which part II applies (§ 5-1).
    pub national: Decimal,
    /// Where the values come from.
    pub source: String,
}

/// The lower limit of the regulation, FOA § 5-1: below it only the act's principles apply.
pub const REGULATION_LOWER_LIMIT: Decimal = Decimal::from_parts(100_000, 0, 0, false, 0);

/// After this many years of the newest period the table may be outdated (legal-rules.md § 2).
const OUTDATED_AFTER_YEARS: i32 = 2;

/// A date-ordered table of threshold periods.
#[derive(Debug, Clone, Serialize)]
pub struct Thresholds {
    periods: Vec<ThresholdPeriod>,
}

/// The thresholds that apply to one contract on one date, and how sure we are of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThresholdsInForce<'a> {
    pub period: &'a ThresholdPeriod,
    /// The EEA threshold for the contract's category and the authority kind.
    pub eea: Decimal,
    pub national: Decimal,
    /// True when the date is more than two years after the newest period began.
    pub possibly_outdated: bool,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

fn period(from: NaiveDate, central: i64, other: i64, works: i64, national: i64) -> ThresholdPeriod {
    ThresholdPeriod {
        from,
        central_supplies_services: central.into(),
        other_supplies_services: other.into(),
        works: works.into(),
        national: national.into(),
        source: format!(
            "FOA §§ 5-1 og 5-3, terskelverdier i kraft fra {from} (Lovdata, konsolidert tekst)"
        ),
    }
}

impl Default for Thresholds {
    /// The table of legal-rules.md § 2.
    fn default() -> Self {
        Self::new(vec![
            period(
                date(2017, 1, 1),
                1_100_000,
                1_750_000,
                44_000_000,
                1_100_000,
            ),
            period(
                date(2018, 4, 6),
                1_300_000,
                2_000_000,
                51_000_000,
                1_300_000,
            ),
            period(
                date(2020, 2, 12),
                1_300_000,
                2_050_000,
                51_500_000,
                1_300_000,
            ),
            period(
                date(2022, 3, 23),
                1_400_000,
                2_200_000,
                56_000_000,
                1_300_000,
            ),
            period(
                date(2024, 3, 14),
                1_490_000,
                2_300_000,
                57_800_000,
                1_300_000,
            ),
        ])
    }
}

impl Thresholds {
    /// A table from periods in any order (user-supplied periods are merged by date).
    pub fn new(mut periods: Vec<ThresholdPeriod>) -> Self {
        periods.sort_by_key(|p| p.from);
        Self { periods }
    }

    /// Adds or replaces periods (e.g. newer values supplied by the user).
    pub fn with_periods(mut self, extra: Vec<ThresholdPeriod>) -> Self {
        for p in extra {
            self.periods.retain(|q| q.from != p.from);
            self.periods.push(p);
        }
        Self::new(self.periods)
    }

    pub fn periods(&self) -> &[ThresholdPeriod] {
        &self.periods
    }

    /// The period in force on `on`; `None` before the first period (before 2017).
    pub fn period_on(&self, on: NaiveDate) -> Option<&ThresholdPeriod> {
        self.periods.iter().rev().find(|p| p.from <= on)
    }

    /// The thresholds for a contract of `subject` and an authority of `kind`, in force on `on`.
    pub fn in_force(
        &self,
        on: NaiveDate,
        subject: Subject,
        kind: AuthorityKind,
    ) -> Option<ThresholdsInForce<'_>> {
        let period = self.period_on(on)?;
        let eea = match (subject, kind) {
            (Subject::Works, _) => period.works,
            (_, AuthorityKind::SubCentral) => period.other_supplies_services,
            (_, AuthorityKind::Central) => period.central_supplies_services,
        };
        let newest = self.periods.last().map(|p| p.from);
        let possibly_outdated = newest == Some(period.from)
            && period
                .from
                .checked_add_months(chrono::Months::new(12 * OUTDATED_AFTER_YEARS as u32))
                .is_some_and(|limit| on > limit);
        Some(ThresholdsInForce {
            period,
            eea,
            national: period.national,
            possibly_outdated,
        })
    }

    /// The part at award (§§ 5-1, 5-4): the value including all options at signing against the
    /// thresholds then in force. `award.part` overrides. `None` when signed before the table
    /// begins and no part is given (validation reports that as an input error).
    pub fn part_at_award(&self, contract: &Contract, kind: AuthorityKind) -> Option<Part> {
        if let Some(part) = contract.award.part {
            return Some(part);
        }
        let t = self.in_force(contract.award.signed, contract.subject, kind)?;
        let value = contract.value_including_options();
        Some(if value >= t.eea {
            Part::III
        } else if value >= t.national {
            Part::II
        } else {
            Part::I
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_switch_on_their_first_day() {
        let t = Thresholds::default();
        let k = AuthorityKind::SubCentral;
        let s = Subject::Services;
        assert_eq!(
            t.in_force(date(2024, 3, 13), s, k).map(|x| x.eea),
            Some(2_200_000.into())
        );
        assert_eq!(
            t.in_force(date(2024, 3, 14), s, k).map(|x| x.eea),
            Some(2_300_000.into())
        );
        assert_eq!(
            t.in_force(date(2024, 3, 14), Subject::Works, k)
                .map(|x| x.eea),
            Some(57_800_000.into())
        );
        assert_eq!(
            t.in_force(date(2024, 3, 14), s, AuthorityKind::Central)
                .map(|x| x.eea),
            Some(1_490_000.into())
        );
        assert!(t.in_force(date(2016, 12, 31), s, k).is_none());
    }

    #[test]
    fn newest_period_is_flagged_after_two_years() {
        let t = Thresholds::default();
        let k = AuthorityKind::SubCentral;
        let s = Subject::Services;
        assert!(
            !t.in_force(date(2026, 3, 14), s, k)
                .is_some_and(|x| x.possibly_outdated)
        );
        assert!(
            t.in_force(date(2026, 3, 15), s, k)
                .is_some_and(|x| x.possibly_outdated)
        );
        assert!(
            !t.in_force(date(2023, 1, 1), s, k)
                .is_some_and(|x| x.possibly_outdated)
        );
    }
}

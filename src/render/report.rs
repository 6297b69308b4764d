//! The data of the portfolio report for the steering group.

//! Contract registers as spreadsheets: import a register into portfolio files, export the
//! portfolio and its verdicts as a workbook, and an empty register template.

pub mod cells;
pub mod columns;
pub mod grid;
pub mod import;
pub mod terms;
pub mod export;
pub mod template;

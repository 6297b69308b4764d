//! Contract registers as spreadsheets: import a register into portfolio files, export the
//! portfolio and its verdicts as a workbook, and an empty register template.

pub mod cells;
pub mod columns;
pub mod export;
pub mod grid;
pub mod import;
pub mod template;
pub mod terms;

//! vesentlig: may the merged municipality keep using a contract, or is the change a
//! *vesentlig endring* that needs a new competition? See `docs/architecture.md`.
//!
//! Data flows one way: `load` → `validate` → `law` (assess) → `plan` → `render`.

#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod analysis;
pub mod assessment;
pub mod atomic_file;
pub mod cli;
pub mod diagnostics;
pub mod fingerprint;
pub mod law;
pub mod load;
pub mod model;
pub mod plan;
pub mod portfolio_schema;
pub mod priorities;
pub mod register;
pub mod render;
pub mod synthetic;
pub mod text;
pub mod thresholds;
pub mod validate;
pub mod web;
pub mod whatif;

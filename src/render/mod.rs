//! Typeset documents: the sandboxed Typst world, the memo and report data, the vocabulary.

pub mod batch;
pub mod labels;
pub mod memo;
pub mod report;
pub mod world;

pub use world::{RenderError, Rendered, Renderer, Template};

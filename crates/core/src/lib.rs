//! Gleaner's extraction engine: English news text in, structured facts out (named entities, places, dates,
//! quantities, events, tone, quotations, themes), as one [`Extraction`] per [`Document`] in schema `gleaner/1`.
//!
//! ```
//! use gleaner_core::{Config, Document, Extractor};
//!
//! let extractor = Extractor::new(Config::default())?;
//! let out = extractor.extract(&Document::new("Iran's president arrived in Baghdad on Wednesday."))?;
//! assert_eq!(out.stats.sentences, 1);
//! # Ok::<(), gleaner_core::Error>(())
//! ```
//!
//! The public API:
//!
//! - [`Extractor`] runs the stages over documents ([`Extractor::extract_until`]: only until a deadline);
//!   [`Extractor::builder`] chooses its [`Resources`] (embedded, or [`Resources::from_dir`] for retrained files),
//!   its [`Config`] (output switches, [`Stages`], each stage's options) and, optionally, your own named-entity
//!   [`Recognizer`](recognize::Recognizer).
//! - [`model`]: the record (`Document` in, `Extraction` out) and its JSON Schema.
//! - [`provenance`]: where the embedded data comes from, and under which licences.
//! - [`json`]: lone UTF-16 surrogate escapes in JSON input read as U+FFFD, with a warning.
//!
//! Features: `embedded` (on by default) compiles the resources into the library (about 35 MB); without it,
//! resources come from [`Resources::from_dir`].
//!
//! The modules hidden from this documentation (`tag`, `entities`, `geo`, `time`, `quantity`, `events`,
//! `summary`, `text`, …) are the stages' internals. They are public for the project's own tools (`cargo xtask`
//! trains and evaluates them, benches time them) and follow no compatibility promise.
#![deny(missing_docs)]

pub mod config;
mod deadline;
mod error;
mod fasthash;
pub mod json;
pub mod model;
mod pipeline;
pub mod provenance;
pub mod recognize;
pub mod resources;

#[doc(hidden)]
pub mod coref;
#[doc(hidden)]
pub mod entities;
#[doc(hidden)]
pub mod events;
#[doc(hidden)]
pub mod geo;
#[doc(hidden)]
pub mod numbers;
#[doc(hidden)]
pub mod parse;
#[doc(hidden)]
pub mod quantity;
#[doc(hidden)]
pub mod summary;
#[doc(hidden)]
pub mod tag;
#[doc(hidden)]
pub mod text;
#[doc(hidden)]
pub mod time;

pub use config::{Config, Stages};
pub use error::{Cause, Error, Result};
pub use model::{Document, Extraction, Offsets};
pub use pipeline::{Extractor, ExtractorBuilder, parse_published};
pub use resources::Resources;

//! Gleaner's extraction engine: English news text in, structured facts out (named entities, places, dates,
//! quantities, events), as one `Extraction` per `Document` in schema `gleaner/1`.
//!
//! ```
//! use gleaner_core::{Config, Document, Extractor};
//!
//! let extractor = Extractor::new(Config::default())?;
//! let out = extractor.extract(&Document::new("Iran's president arrived in Baghdad on Wednesday."))?;
//! assert_eq!(out.stats.sentences, 1);
//! # Ok::<(), gleaner_core::Error>(())
//! ```
#![deny(missing_docs)]

pub mod entities;
mod error;
pub mod events;
mod fasthash;
pub mod geo;
pub mod model;
pub mod numbers;
pub mod pipeline;
pub mod provenance;
pub mod quantity;
pub mod summary;
pub mod tag;
pub mod text;
pub mod time;

pub use error::{Error, Result};
pub use model::{Document, Extraction, Offsets};
pub use pipeline::{Config, Extractor};

//! The library's one error type.

use std::sync::Arc;

/// The cause of a resource error, shared so that a resource that failed to load once fails the same way for
/// every caller.
pub type Cause = Arc<dyn std::error::Error + Send + Sync + 'static>;

/// What can go wrong in `gleaner-core`.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The document is longer than `Config::max_bytes` allows.
    #[error("document of {bytes} bytes exceeds the limit of {limit} bytes")]
    DocumentTooLarge {
        /// Size of the document's text in UTF-8 bytes.
        bytes: usize,
        /// The configured limit.
        limit: usize,
    },
    /// A resource (embedded or read from a directory) could not be read: missing, of another format version, or
    /// corrupt. `source` says why (print the error with its sources, e.g. anyhow's `{:#}`).
    #[error("resource {name} could not be loaded")]
    Resource {
        /// Which resource: its file name (`tag-ner.bin`) or its part (`tagger`).
        name: String,
        /// Why.
        #[source]
        source: Cause,
    },
    /// The extraction stopped at the deadline given to `Extractor::extract_until`, in `stage`.
    #[error("the extraction stopped at its deadline, in the {stage} stage")]
    DeadlinePassed {
        /// The stage that was running: `text`, `tagger`, `parse`, `entities`, `places`, `times`, `quantities`,
        /// `events` or `summary`.
        stage: &'static str,
    },
    /// The configuration asks for something that does not exist (an unknown ranker weight, …).
    #[error("invalid configuration: {0}")]
    Config(String),
}

impl Error {
    /// A resource error with its cause (an I/O or decoding error, or a message).
    pub fn resource(name: impl Into<String>, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
        Error::Resource { name: name.into(), source: Arc::from(source.into()) }
    }
}

/// `Result` with `gleaner-core`'s `Error`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

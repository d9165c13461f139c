//! The library's one error type.

/// What can go wrong in `gleaner-core`.
#[derive(Debug, thiserror::Error)]
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
    /// A compiled resource could not be read.
    #[error("resource {name} is unreadable: {reason}")]
    Resource {
        /// Which resource.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

/// `Result` with `gleaner-core`'s `Error`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

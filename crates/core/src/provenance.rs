//! Where the data compiled into the library comes from: the name, origin and licence of every embedded
//! resource, so that a service can say what it runs on (`/v1/info`) and a distributor what notices to carry.
//!
//! Each stage that embeds a file from `resources/` adds one entry to `RESOURCES`, next to its `include_bytes!`
//! in spirit: the list is the whole truth about what this build carries.

use schemars::JsonSchema;
use serde::Serialize;

/// One embedded resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Resource {
    /// What it is ("gazetteer", "NER tagger weights" …).
    pub name: &'static str,
    /// The file it is compiled into (under `crates/core/resources/` for the engine).
    pub file: &'static str,
    /// Where its data comes from.
    pub source: &'static str,
    /// The licence of that data.
    pub licence: &'static str,
}

/// Every resource embedded in this build, in pipeline order.
pub const RESOURCES: &[Resource] = &[];

/// Every resource embedded in this build.
pub fn resources() -> &'static [Resource] {
    RESOURCES
}

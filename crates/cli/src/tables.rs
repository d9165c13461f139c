//! The tables' writers (CSV, Parquet); the tables themselves are defined in `gleaner_records::tables`.

pub mod csv;
pub mod parquet;

pub use gleaner_records::tables::*;

//! The record formats Gleaner's faces share: input records mapped onto `Document`s (`fields`), the stable error
//! codes and error records of records that could not be extracted (`failure`), and the GDELT-like tables of
//! extractions (`tables`). The CLI and the Python package both read and write records through this crate, so
//! that a record, an error or a table row is the same whichever face produced it.

pub mod failure;
pub mod fields;
pub mod tables;

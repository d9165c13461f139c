//! Tables as Arrow: the columns `--tables` writes, built straight from the extractions (no JSON) and handed to
//! Python through the Arrow PyCapsule interface (`__arrow_c_stream__`), which pyarrow, polars and DuckDB read.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{ArrayRef, RecordBatch, RecordBatchIterator};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use gleaner_records::tables::{Doc, Kind, Table, Value};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

/// One column being filled.
enum Builder {
    Int(Int64Builder),
    Float(Float64Builder),
    Bool(BooleanBuilder),
    Str(StringBuilder),
}

impl Builder {
    fn new(kind: Kind) -> Builder {
        match kind {
            Kind::Int => Builder::Int(Int64Builder::new()),
            Kind::Float => Builder::Float(Float64Builder::new()),
            Kind::Bool => Builder::Bool(BooleanBuilder::new()),
            Kind::Str => Builder::Str(StringBuilder::new()),
        }
    }

    /// Appends a value; one of another type than the column's (which the tables' tests rule out) as a null.
    fn push(&mut self, value: &Value<'_>) {
        match (self, value) {
            (Builder::Int(b), Value::Int(v)) => b.append_value(*v),
            (Builder::Float(b), Value::Float(v)) => b.append_value(*v),
            (Builder::Bool(b), Value::Bool(v)) => b.append_value(*v),
            (Builder::Str(b), Value::Str(v)) => b.append_value(v),
            (Builder::Int(b), _) => b.append_null(),
            (Builder::Float(b), _) => b.append_null(),
            (Builder::Bool(b), _) => b.append_null(),
            (Builder::Str(b), _) => b.append_null(),
        }
    }

    fn finish(self) -> ArrayRef {
        match self {
            Builder::Int(mut b) => Arc::new(b.finish()),
            Builder::Float(mut b) => Arc::new(b.finish()),
            Builder::Bool(mut b) => Arc::new(b.finish()),
            Builder::Str(mut b) => Arc::new(b.finish()),
        }
    }
}

/// The Arrow schema of a table.
pub fn schema(table: &dyn Table) -> SchemaRef {
    let fields: Vec<Field> = table
        .columns()
        .iter()
        .map(|c| {
            let kind = match c.kind {
                Kind::Int => DataType::Int64,
                Kind::Float => DataType::Float64,
                Kind::Bool => DataType::Boolean,
                Kind::Str => DataType::Utf8,
            };
            Field::new(c.name, kind, c.nullable)
        })
        .collect();
    Arc::new(Schema::new(fields))
}

/// The rows of `table` for these records, as one batch.
pub fn batch(table: &dyn Table, docs: &[Doc<'_>]) -> Result<RecordBatch, ArrowError> {
    let schema = schema(table);
    let mut builders: Vec<Builder> = table.columns().iter().map(|c| Builder::new(c.kind)).collect();
    for doc in docs {
        table.rows(doc, &mut |values| {
            for (builder, value) in builders.iter_mut().zip(values) {
                builder.push(value);
            }
        });
    }
    RecordBatch::try_new(schema, builders.into_iter().map(Builder::finish).collect())
}

/// A table in Arrow: read it with `pyarrow.table(t)`, `polars.DataFrame(t)` or from DuckDB, which all take
/// objects with `__arrow_c_stream__`; `gleaner.Table` wraps it with `to_pyarrow()`, `to_pandas()`, `to_polars()`.
#[derive(Debug)]
#[pyclass(frozen, module = "gleaner._gleaner")]
pub struct ArrowTable {
    batches: Vec<RecordBatch>,
    schema: SchemaRef,
}

impl ArrowTable {
    /// A table of batches that share `schema`.
    pub fn new(schema: SchemaRef, batches: Vec<RecordBatch>) -> Self {
        ArrowTable { batches, schema }
    }
}

#[pymethods]
impl ArrowTable {
    /// Number of rows.
    #[getter]
    fn num_rows(&self) -> usize {
        self.batches.iter().map(RecordBatch::num_rows).sum()
    }

    /// The column names, in order.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        self.schema.fields().iter().map(|f| f.name().clone()).collect()
    }

    /// The Arrow PyCapsule interface: a stream of this table's batches (the schema requested is ignored).
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let reader = RecordBatchIterator::new(self.batches.clone().into_iter().map(Ok), self.schema.clone());
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }

    /// One table of the batches of several (of one table's schema), in order.
    #[staticmethod]
    fn concat(py: Python<'_>, tables: Vec<Bound<'_, ArrowTable>>) -> PyResult<ArrowTable> {
        let Some(first) = tables.first() else {
            return Err(crate::error(py, "internal_error", "no table to concatenate"));
        };
        let schema = first.get().schema.clone();
        if let Some(other) = tables.iter().find(|t| t.get().schema != schema) {
            let names = other.get().column_names().join(", ");
            return Err(crate::error(py, "internal_error", format!("tables of different columns: {names}")));
        }
        let batches = tables.iter().flat_map(|t| t.get().batches.iter().cloned()).collect();
        Ok(ArrowTable { batches, schema })
    }

    fn __len__(&self) -> usize {
        self.num_rows()
    }

    fn __repr__(&self) -> String {
        format!("ArrowTable({} rows: {})", self.num_rows(), self.column_names().join(", "))
    }
}

//! The tables as Parquet: `DIR/<table>/part-00000.parquet`, `part-00001.parquet` … (the directory layout Spark
//! writes, which DuckDB, polars and pandas read as one table: `read_parquet('DIR/mentions/*.parquet')`).
//!
//! Rows are buffered per column and written as a row group every `GROUP_ROWS` rows, so memory stays bounded.
//! A part holds the same input records (`PART_RECORDS` by default) in every table; it is written under a `.partial` name and renamed
//! when complete, `documents` last. So the complete parts of `documents` say how many records are done, and
//! `--resume` deletes whatever is beyond them.

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use parquet::basic::{Compression, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::{WriterProperties, WriterPropertiesPtr};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::{Type, TypePtr};

use super::{ColumnInfo, Kind, TABLES, Table, Value};
use crate::output::{Outcome, Rendered, Sink, sync_dir};

/// Rows per row group.
const GROUP_ROWS: usize = 64 * 1024;
/// Input records per part file, unless `--part-records` says otherwise.
pub const PART_RECORDS: u64 = 64 * 1024;

/// The Parquet schema of a table.
pub fn schema(name: &str, columns: &[ColumnInfo]) -> parquet::errors::Result<TypePtr> {
    let fields = columns
        .iter()
        .map(|c| {
            let (physical, logical) = match c.kind {
                Kind::Int => (Physical::INT64, None),
                Kind::Float => (Physical::DOUBLE, None),
                Kind::Bool => (Physical::BOOLEAN, None),
                Kind::Str => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
            };
            let repetition = if c.nullable { Repetition::OPTIONAL } else { Repetition::REQUIRED };
            Type::primitive_type_builder(c.name, physical)
                .with_repetition(repetition)
                .with_logical_type(logical)
                .build()
                .map(Arc::new)
        })
        .collect::<parquet::errors::Result<Vec<_>>>()?;
    Ok(Arc::new(Type::group_type_builder(name).with_fields(fields).build()?))
}

/// The values of one column in the row group being filled.
enum Values {
    Int(Vec<i64>),
    Float(Vec<f64>),
    Bool(Vec<bool>),
    Str(Vec<ByteArray>),
}

/// One column's buffer: its values (nulls left out) and, for a nullable column, a definition level per row.
struct Buffer {
    values: Values,
    levels: Option<Vec<i16>>,
}

impl Buffer {
    fn new(column: &ColumnInfo) -> Self {
        let values = match column.kind {
            Kind::Int => Values::Int(Vec::new()),
            Kind::Float => Values::Float(Vec::new()),
            Kind::Bool => Values::Bool(Vec::new()),
            Kind::Str => Values::Str(Vec::new()),
        };
        Buffer { values, levels: column.nullable.then(Vec::new) }
    }

    fn push(&mut self, value: &Value<'_>) {
        match (&mut self.values, value) {
            (Values::Int(v), Value::Int(n)) => v.push(*n),
            (Values::Float(v), Value::Float(x)) => v.push(*x),
            (Values::Float(v), Value::Int(n)) => v.push(*n as f64),
            (Values::Bool(v), Value::Bool(b)) => v.push(*b),
            (Values::Str(v), Value::Str(s)) => v.push(ByteArray::from(s.as_bytes())),
            // A null, or a value of the wrong type (a bug the table tests catch): a null where allowed, else a
            // zero value so the file stays readable.
            (values, _) => {
                if self.levels.is_none() {
                    match values {
                        Values::Int(v) => v.push(0),
                        Values::Float(v) => v.push(f64::NAN),
                        Values::Bool(v) => v.push(false),
                        Values::Str(v) => v.push(ByteArray::from(&b""[..])),
                    }
                }
                if let Some(levels) = &mut self.levels {
                    levels.push(0);
                }
                return;
            }
        }
        if let Some(levels) = &mut self.levels {
            levels.push(1);
        }
    }

    fn clear(&mut self) {
        match &mut self.values {
            Values::Int(v) => v.clear(),
            Values::Float(v) => v.clear(),
            Values::Bool(v) => v.clear(),
            Values::Str(v) => v.clear(),
        }
        if let Some(levels) = &mut self.levels {
            levels.clear();
        }
    }
}

/// One table's current part file.
struct Part {
    writer: SerializedFileWriter<BufWriter<File>>,
    partial: PathBuf,
    done: PathBuf,
}

/// One table being written.
struct TableWriter {
    table: &'static dyn Table,
    dir: PathBuf,
    schema: TypePtr,
    buffers: Vec<Buffer>,
    rows: usize,
    part: Option<Part>,
}

impl TableWriter {
    fn part_path(&self, index: u64) -> PathBuf {
        self.dir.join(format!("part-{index:05}.parquet"))
    }

    fn open(&mut self, index: u64, properties: &WriterPropertiesPtr) -> Result<()> {
        let done = self.part_path(index);
        let partial = done.with_extension("parquet.partial");
        let file = File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
        let writer = SerializedFileWriter::new(
            BufWriter::with_capacity(1 << 20, file),
            self.schema.clone(),
            properties.clone(),
        )?;
        self.part = Some(Part { writer, partial, done });
        Ok(())
    }

    fn push(&mut self, values: &[Value<'_>]) {
        for (buffer, value) in self.buffers.iter_mut().zip(values) {
            buffer.push(value);
        }
        self.rows += 1;
    }

    /// Writes the buffered rows as one row group.
    fn flush_group(&mut self) -> Result<()> {
        let Some(part) = &mut self.part else { return Ok(()) };
        if self.rows == 0 {
            return Ok(());
        }
        let mut group = part.writer.next_row_group()?;
        for buffer in &mut self.buffers {
            let Some(mut column) = group.next_column()? else { bail!("the schema has fewer columns than the table") };
            let levels = buffer.levels.as_deref();
            match &buffer.values {
                Values::Int(v) => column.typed::<Int64Type>().write_batch(v, levels, None)?,
                Values::Float(v) => column.typed::<DoubleType>().write_batch(v, levels, None)?,
                Values::Bool(v) => column.typed::<BoolType>().write_batch(v, levels, None)?,
                Values::Str(v) => column.typed::<ByteArrayType>().write_batch(v, levels, None)?,
            };
            column.close()?;
            buffer.clear();
        }
        group.close()?;
        self.rows = 0;
        Ok(())
    }

    /// Completes the part: the remaining rows, the footer, a sync and the rename.
    fn close(&mut self) -> Result<()> {
        self.flush_group()?;
        let Some(part) = self.part.take() else { return Ok(()) };
        // Writes the footer.
        let file = part.writer.into_inner()?.into_inner().map_err(|e| e.into_error())?;
        file.sync_data()?;
        std::fs::rename(&part.partial, &part.done)?;
        Ok(())
    }
}

/// Parquet tables in a directory.
pub struct Parquet {
    dir: PathBuf,
    tables: Vec<TableWriter>,
    properties: WriterPropertiesPtr,
    /// Index of the part being written.
    part: u64,
    /// Records in the parts that are complete.
    committed: u64,
    /// Records in the part being written.
    in_part: u64,
    /// Records per part (a part is closed at the first batch boundary past it).
    part_records: u64,
}

impl Parquet {
    /// Opens the tables in `dir` (creating it). Without `resume`, old parts are deleted.
    pub fn create(dir: &Path, resume: bool, part_records: u64) -> Result<Self> {
        let properties = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .set_created_by(format!("gleaner {}", env!("CARGO_PKG_VERSION")))
                .build(),
        );
        let mut tables = Vec::new();
        for table in TABLES {
            let dir = dir.join(table.name());
            std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
            let columns = table.columns();
            tables.push(TableWriter {
                table,
                schema: schema(table.name(), &columns)?,
                buffers: columns.iter().map(Buffer::new).collect(),
                dir,
                rows: 0,
                part: None,
            });
        }
        let parquet =
            Parquet { dir: dir.to_path_buf(), tables, properties, part: 0, committed: 0, in_part: 0, part_records };
        if !resume {
            parquet.remove_parts_from(0)?;
        }
        Ok(parquet)
    }

    /// Deletes partial parts, and complete ones from index `first` on, in every table.
    fn remove_parts_from(&self, first: u64) -> Result<()> {
        for table in &self.tables {
            for entry in std::fs::read_dir(&table.dir)? {
                let path = entry?.path();
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let index = name
                    .strip_prefix("part-")
                    .and_then(|n| n.strip_suffix(".parquet"))
                    .and_then(|n| n.parse::<u64>().ok());
                if name.ends_with(".parquet.partial") || index.is_some_and(|i| i >= first) {
                    std::fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
                }
            }
            sync_dir(&table.dir);
        }
        Ok(())
    }

    fn open_parts(&mut self) -> Result<()> {
        for table in &mut self.tables {
            table.open(self.part, &self.properties)?;
        }
        Ok(())
    }

    /// Completes the current part in every table, `documents` last.
    fn close_parts(&mut self) -> Result<()> {
        for table in self.tables.iter_mut().rev() {
            table.close()?;
        }
        for table in &self.tables {
            sync_dir(&table.dir);
        }
        sync_dir(&self.dir);
        self.committed += self.in_part;
        self.in_part = 0;
        self.part += 1;
        Ok(())
    }
}

impl Sink for Parquet {
    fn render(&self, _outcome: &Outcome) -> Rendered {
        Vec::new()
    }

    fn write(&mut self, outcomes: &[Outcome], _rendered: Vec<Rendered>) -> io::Result<()> {
        let result = (|| -> Result<()> {
            if self.tables.first().is_some_and(|t| t.part.is_none()) {
                self.open_parts()?;
            }
            for outcome in outcomes {
                outcome.with_doc(|record| {
                    for table in &mut self.tables {
                        let t = table.table;
                        t.rows(record, &mut |values| table.push(values));
                    }
                });
                for table in &mut self.tables {
                    if table.rows >= GROUP_ROWS {
                        table.flush_group()?;
                    }
                }
            }
            self.in_part += outcomes.len() as u64;
            Ok(())
        })();
        result.map_err(io::Error::other)
    }

    fn commit(&mut self) -> io::Result<()> {
        // A part is committed when it is full; records in an open part are redone after a crash.
        if self.in_part >= self.part_records {
            self.close_parts().map_err(io::Error::other)?;
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        // Even an empty run leaves one (empty) part per table, so that every table can be read.
        if self.in_part > 0 || self.part == 0 {
            if self.tables.first().is_some_and(|t| t.part.is_none()) {
                self.open_parts().map_err(io::Error::other)?;
            }
            self.close_parts().map_err(io::Error::other)?;
        }
        Ok(())
    }

    fn recover(&mut self) -> Result<u64> {
        let documents = self.dir.join("documents");
        let (mut parts, mut records) = (0u64, 0u64);
        loop {
            let path = documents.join(format!("part-{parts:05}.parquet"));
            let Ok(file) = File::open(&path) else { break };
            let reader = SerializedFileReader::new(file).with_context(|| format!("{} is damaged", path.display()))?;
            records += u64::try_from(reader.metadata().file_metadata().num_rows()).unwrap_or(0);
            parts += 1;
        }
        self.remove_parts_from(parts)?;
        self.part = parts;
        self.committed = records;
        Ok(records)
    }

    fn rewind(&mut self, records: u64) -> Result<()> {
        if records != self.committed {
            bail!("the Parquet tables hold {} records, the other output {records}", self.committed);
        }
        Ok(())
    }
}

//! The tables as CSV files, `DIR/<table>.csv`, with a header row; nulls are empty fields.
//!
//! Rows are rendered on the worker threads and appended in input order. After each batch every file is synced
//! and `DIR/.gleaner-progress` (written to a temporary name, then renamed) records how many records are
//! complete and how long each file was then. `--resume` cuts every file back to that length, so a torn row
//! left by a crash is never read as data.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use super::{TABLES, Value};
use crate::output::{Outcome, Rendered, Sink, sync, sync_dir};

/// The name of the progress file.
const PROGRESS: &str = ".gleaner-progress";

/// What has been committed.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Progress {
    /// Records complete in every table.
    records: u64,
    /// The length of each file at that point.
    files: BTreeMap<String, u64>,
}

/// CSV tables in a directory.
pub struct Csv {
    dir: PathBuf,
    files: Vec<(String, BufWriter<File>)>,
    progress: Progress,
}

impl Csv {
    /// Opens the tables in `dir` (creating it): fresh files with headers, or with `resume` the existing ones.
    pub fn create(dir: &Path, resume: bool) -> Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let progress: Progress = match std::fs::read(dir.join(PROGRESS)) {
            Ok(bytes) if resume => serde_json::from_slice(&bytes)
                .with_context(|| format!("{} is damaged", dir.join(PROGRESS).display()))?,
            _ => Progress::default(),
        };
        let fresh = !resume || progress.files.is_empty();
        let mut files = Vec::new();
        for table in TABLES {
            let name = format!("{}.csv", table.name());
            let path = dir.join(&name);
            let file = if fresh { File::create(&path) } else { OpenOptions::new().append(true).open(&path) }
                .with_context(|| format!("cannot open {}", path.display()))?;
            let mut writer = BufWriter::with_capacity(1 << 20, file);
            if fresh {
                let names: Vec<&str> = table.columns().iter().map(|c| c.name).collect();
                let mut header = ::csv::Writer::from_writer(Vec::new());
                header.write_record(&names)?;
                writer.write_all(&header.into_inner().map_err(|e| e.into_error())?)?;
            }
            files.push((name, writer));
        }
        let mut csv = Csv { dir: dir.to_path_buf(), files, progress };
        if fresh {
            let _ = std::fs::remove_file(dir.join(PROGRESS));
            csv.commit()?;
        }
        Ok(csv)
    }
}

/// A value as a CSV field.
fn field(value: &Value<'_>, out: &mut String) {
    use std::fmt::Write as _;
    out.clear();
    let _ = match value {
        Value::Null => Ok(()),
        Value::Int(n) => write!(out, "{n}"),
        Value::Float(x) => write!(out, "{x}"),
        Value::Bool(b) => write!(out, "{b}"),
        Value::Str(s) => out.write_str(s),
    };
}

impl Sink for Csv {
    fn render(&self, outcome: &Outcome) -> Rendered {
        outcome.with_doc(|record| {
            TABLES
                .iter()
                .map(|table| {
                    let mut writer = ::csv::WriterBuilder::new().buffer_capacity(1 << 10).from_writer(Vec::new());
                    let mut fields: Vec<String> = Vec::new();
                    table.rows(record, &mut |values| {
                        fields.resize_with(values.len(), String::new);
                        for (value, out) in values.iter().zip(&mut fields) {
                            field(value, out);
                        }
                        // Writing to memory cannot fail.
                        let _ = writer.write_record(&fields);
                    });
                    writer.into_inner().unwrap_or_default()
                })
                .collect()
        })
    }

    fn write(&mut self, outcomes: &[Outcome], rendered: Vec<Rendered>) -> io::Result<()> {
        for buffers in rendered {
            for ((_, writer), buffer) in self.files.iter_mut().zip(buffers) {
                writer.write_all(&buffer)?;
            }
        }
        self.progress.records += outcomes.len() as u64;
        Ok(())
    }

    fn commit(&mut self) -> io::Result<()> {
        for (name, writer) in &mut self.files {
            writer.flush()?;
            sync(writer.get_ref())?;
            self.progress.files.insert(name.clone(), writer.get_ref().metadata()?.len());
        }
        let temporary = self.dir.join(format!("{PROGRESS}.partial"));
        let mut file = File::create(&temporary)?;
        file.write_all(&serde_json::to_vec(&self.progress).map_err(io::Error::other)?)?;
        file.sync_data()?;
        std::fs::rename(&temporary, self.dir.join(PROGRESS))?;
        sync_dir(&self.dir);
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.commit()
    }

    fn recover(&mut self) -> Result<u64> {
        for (name, writer) in &mut self.files {
            let Some(&length) = self.progress.files.get(name) else {
                bail!("{} does not say how long {name} was", self.dir.join(PROGRESS).display());
            };
            let file = writer.get_mut();
            if file.metadata()?.len() < length {
                bail!("{name} is shorter than its last commit: it was changed since; start afresh without --resume");
            }
            file.set_len(length).with_context(|| format!("truncating {name}"))?;
        }
        Ok(self.progress.records)
    }

    fn rewind(&mut self, records: u64) -> Result<()> {
        // Tables are committed after the JSON lines, so they are never ahead of them.
        if records != self.progress.records {
            bail!("the tables hold {} records, the other output {records}", self.progress.records);
        }
        Ok(())
    }
}

//! The `gleaner` Python package's native module (`gleaner._gleaner`): Gleaner's `Extractor` through PyO3.
//!
//! Records cross into Python as the CLI's JSON lines (parsed by `json.loads` on the Python side, so a record is
//! the CLI's record, float for float); tables cross as Arrow, through the Arrow PyCapsule interface, without
//! JSON. Extraction runs with the GIL released, on a rayon pool of the requested size.

mod arrow;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use gleaner_core::{Config, Document, Extraction, Extractor as Engine, Resources};
use gleaner_records::failure::{ErrorCode, ErrorRecord, RecordError};
use gleaner_records::fields::Fields;
use gleaner_records::tables::{self, Doc, Failure};
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

pyo3::create_exception!(
    _gleaner,
    GleanerError,
    PyException,
    "An error of Gleaner; `code` is the stable code the CLI's error records use (`document_too_large`, \
     `missing_text`, `invalid_config`, `resource` …)."
);

/// A `GleanerError` with its code.
fn error(py: Python<'_>, code: &str, message: impl Into<String>) -> PyErr {
    let err = GleanerError::new_err(message.into());
    // Setting an attribute on a fresh exception instance cannot fail in practice; if it did, the message stays.
    let _ = err.value(py).setattr("code", code);
    err
}

/// The code and message of a library error (its causes included, as anyhow's `{:#}` prints them).
fn describe(e: &gleaner_core::Error) -> (&'static str, String) {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(&format!(": {s}"));
        source = s.source();
    }
    let code = match e {
        gleaner_core::Error::DocumentTooLarge { .. } => ErrorCode::DocumentTooLarge.as_str(),
        gleaner_core::Error::Resource { .. } => "resource",
        gleaner_core::Error::Config(_) => "invalid_config",
        _ => ErrorCode::InternalError.as_str(),
    };
    (code, message)
}

/// What a record of `extract_many` became: the extraction, or why there is none (and the id, if it had one).
type Outcome = (Option<String>, Result<Extraction, RecordError>);

/// An extractor: resources loaded once, a configuration, and rayon pools by thread count.
#[derive(Debug)]
#[pyclass(frozen, module = "gleaner._gleaner")]
struct Extractor {
    engine: Engine,
    fields: Fields,
    pools: Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>,
}

impl Extractor {
    /// The pool of `threads` workers (all cores when `None`).
    fn pool(&self, py: Python<'_>, threads: Option<usize>) -> PyResult<Arc<rayon::ThreadPool>> {
        let threads = threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
        let mut pools = self.pools.lock().map_err(|_| error(py, "internal_error", "a worker pool was poisoned"))?;
        if let Some(pool) = pools.get(&threads) {
            return Ok(pool.clone());
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("gleaner-worker-{i}"))
            .build()
            .map_err(|e| error(py, "internal_error", format!("starting {threads} worker threads: {e}")))?;
        let pool = Arc::new(pool);
        pools.insert(threads, pool.clone());
        Ok(pool)
    }

    /// Maps and extracts JSON records on the pool, the GIL released.
    fn outcomes(&self, py: Python<'_>, records: Vec<Vec<u8>>, threads: Option<usize>) -> PyResult<Vec<Outcome>> {
        let pool = self.pool(py, threads)?;
        Ok(py.detach(|| {
            pool.install(|| {
                records
                    .par_iter()
                    .map(|json| {
                        let mapped = self.fields.document(json);
                        // What the CLI's record says about its input (lone surrogate escapes read as U+FFFD).
                        let warnings = mapped.warnings;
                        let extract = |doc: &Document| {
                            self.engine.extract(doc).map_err(|e| {
                                let (code, message) = describe(&e);
                                let code = if code == ErrorCode::DocumentTooLarge.as_str() {
                                    ErrorCode::DocumentTooLarge
                                } else {
                                    ErrorCode::InternalError
                                };
                                RecordError::new(code, message)
                            })
                        };
                        let html = mapped.html;
                        let extracted = mapped.document.and_then(|doc| match html {
                            None => extract(&doc),
                            // A record with a page in `html`: the article is read from it, as the CLI reads it, and
                            // the record carries the text every span points into and what the page said of itself.
                            Some(html) => {
                                let (doc, page) = gleaner_html::record::document(html.as_bytes(), None, doc);
                                let x = extract(&doc)?;
                                Ok(Extraction { text: Some(doc.text), title: doc.title, html: Some(page), ..x })
                            }
                        });
                        let extracted = extracted.map(|mut x| {
                            x.warnings.extend(warnings);
                            x
                        });
                        (mapped.id, extracted)
                    })
                    .collect()
            })
        }))
    }
}

#[pymethods]
impl Extractor {
    /// `Extractor(config_json, resources=None, fields_json=None)`: use `gleaner.Extractor(**options)`.
    #[new]
    #[pyo3(signature = (config_json, resources=None, fields_json=None))]
    fn new(
        py: Python<'_>,
        config_json: &str,
        resources: Option<std::path::PathBuf>,
        fields_json: Option<&str>,
    ) -> PyResult<Self> {
        let config: Config =
            serde_json::from_str(config_json).map_err(|e| error(py, "invalid_config", format!("options: {e}")))?;
        let fields = match fields_json {
            Some(json) => fields_from_json(json).map_err(|e| error(py, "invalid_config", e))?,
            None => Fields::default(),
        };
        let engine = py
            .detach(|| {
                let mut builder = Engine::builder().config(config);
                if let Some(dir) = &resources {
                    builder = builder.resources(Resources::from_dir(dir)?);
                }
                builder.build()
            })
            .map_err(|e| {
                let (code, message) = describe(&e);
                error(py, code, message)
            })?;
        Ok(Extractor { engine, fields, pools: Mutex::new(HashMap::new()) })
    }

    /// The configuration in effect, as JSON (its stages with the stages they read).
    fn config_json(&self) -> String {
        serde_json::to_string(self.engine.config()).unwrap_or_default()
    }

    /// One document's record as a JSON line; raises `GleanerError` when it cannot be extracted.
    #[pyo3(signature = (text, published=None, title=None, id=None, source=None, url=None))]
    #[allow(clippy::too_many_arguments)]
    fn extract_json(
        &self,
        py: Python<'_>,
        text: String,
        published: Option<String>,
        title: Option<String>,
        id: Option<String>,
        source: Option<String>,
        url: Option<String>,
    ) -> PyResult<String> {
        let doc = Document { id, text, title, published, source, url };
        let extraction = py.detach(|| self.engine.extract(&doc)).map_err(|e| {
            let (code, message) = describe(&e);
            error(py, code, message)
        })?;
        serde_json::to_string(&extraction).map_err(|e| error(py, "internal_error", e.to_string()))
    }

    /// The records of JSON input records (bytes, one object each), as JSON lines in the same order: an
    /// extraction, or an error record `{"schema","id","index","error":{"code","message"}}` in its place, where
    /// `index` counts from `first` (left out when `first` is None).
    #[pyo3(signature = (records, threads=None, first=None))]
    fn extract_many_json(
        &self,
        py: Python<'_>,
        records: Vec<Vec<u8>>,
        threads: Option<usize>,
        first: Option<u64>,
    ) -> PyResult<Vec<String>> {
        let outcomes = self.outcomes(py, records, threads)?;
        let index = |i: usize| first.map(|f| f + i as u64);
        Ok(outcomes
            .iter()
            .enumerate()
            .map(|(i, (id, outcome))| record_json(id.as_deref(), outcome, index(i)))
            .collect())
    }

    /// The tables (as `--tables` writes them) of JSON input records: `{name: ArrowTable}`, the `doc` column
    /// counting from `first`.
    #[pyo3(signature = (records, threads=None, first=0))]
    fn tables<'py>(
        &self,
        py: Python<'py>,
        records: Vec<Vec<u8>>,
        threads: Option<usize>,
        first: u64,
    ) -> PyResult<Bound<'py, PyDict>> {
        let outcomes = self.outcomes(py, records, threads)?;
        let failures: Vec<Option<Failure>> = outcomes
            .iter()
            .map(|(_, o)| {
                o.as_ref().err().map(|e| Failure {
                    code: e.code.as_str(),
                    message: e.message.clone(),
                    input: String::from("python"),
                    line: None,
                })
            })
            .collect();
        let docs: Vec<Doc<'_>> = outcomes
            .iter()
            .zip(&failures)
            .enumerate()
            .map(|(i, ((id, outcome), failure))| {
                let result = match (outcome, failure) {
                    (Ok(x), _) => Ok(x),
                    (Err(_), Some(f)) => Err(f),
                    // An error always has its failure; an extraction never does.
                    (Err(_), None) => return None,
                };
                Some(Doc { doc: first + i as u64, id: id.as_deref(), result })
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| error(py, "internal_error", "a failed record lost its error"))?;
        let out = PyDict::new(py);
        for table in tables::TABLES {
            let batch =
                py.detach(|| arrow::batch(table, &docs)).map_err(|e| error(py, "internal_error", e.to_string()))?;
            out.set_item(table.name(), arrow::ArrowTable::new(batch.schema(), vec![batch]))?;
        }
        Ok(out)
    }
}

/// The JSON line of one outcome: the extraction, or the error record (naming the record's index, if any).
fn record_json(id: Option<&str>, outcome: &Result<Extraction, RecordError>, index: Option<u64>) -> String {
    let line = match outcome {
        Ok(x) => serde_json::to_string(x),
        Err(e) => serde_json::to_string(&ErrorRecord::in_memory(e, id, index)),
    };
    line.unwrap_or_else(|e| {
        let error = RecordError::new(ErrorCode::InternalError, e.to_string());
        serde_json::to_string(&ErrorRecord::in_memory(&error, id, index)).unwrap_or_default()
    })
}

/// `Fields` from `{"text": "body", "id": "uid", …}` (keys left out keep their defaults).
fn fields_from_json(json: &str) -> Result<Fields, String> {
    let map: HashMap<String, String> = serde_json::from_str(json).map_err(|e| format!("fields: {e}"))?;
    let mut fields = Fields::default();
    for (key, value) in map {
        let slot = match key.as_str() {
            "text" => &mut fields.text,
            "id" => &mut fields.id,
            "title" => &mut fields.title,
            "published" => &mut fields.published,
            "source" => &mut fields.source,
            "url" => &mut fields.url,
            other => return Err(format!("fields: no document field is named {other:?}")),
        };
        *slot = value;
    }
    Ok(fields)
}

/// The JSON Schema of the records (`"extraction"`), of input documents (`"document"`) or of the options
/// (`"config"`).
#[pyfunction]
fn schema_json(py: Python<'_>, which: &str) -> PyResult<String> {
    let schema = match which {
        "extraction" => gleaner_core::model::extraction_schema(),
        "document" => gleaner_core::model::document_schema(),
        "config" => serde_json::to_value(schemars::schema_for!(Config)).unwrap_or_default(),
        other => return Err(error(py, "invalid_config", format!("no schema is named {other:?}"))),
    };
    serde_json::to_string(&schema).map_err(|e| error(py, "internal_error", e.to_string()))
}

/// The warning (as JSON) on a record in which `count` lone surrogates were read as U+FFFD, as the CLI writes it.
#[pyfunction]
fn lone_surrogate_warning_json(count: usize) -> String {
    serde_json::to_string(&gleaner_core::json::lone_surrogate_warning(count)).unwrap_or_default()
}

/// The native module.
#[pymodule]
fn _gleaner(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    m.add_class::<arrow::ArrowTable>()?;
    m.add("GleanerError", m.py().get_type::<GleanerError>())?;
    m.add("SCHEMA", gleaner_core::model::SCHEMA)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(schema_json, m)?)?;
    m.add_function(wrap_pyfunction!(lone_surrogate_warning_json, m)?)?;
    Ok(())
}

"""Gleaner on Spark, in the Python workers: ``mapInArrow`` over the package, one extractor per worker process.

::

    from pyspark.sql import SparkSession
    import gleaner.spark

    spark = SparkSession.builder.getOrCreate()
    lines = spark.read.text("articles/*.jsonl")          # one row per input line, column `value`
    records = gleaner.spark.extract(lines)               # one row per input row, column `record`
    records.write.text("facts")                          # the JSON lines `gleaner extract` writes

Every input row yields exactly one output row, in order within its partition: the record, or an error record
``{"schema", "id", "error": {"code", "message"}}`` with the CLI's codes (a blank or broken line, a record
without text …; the id when it could be read). A DataFrame of documents (columns ``text`` and optionally
``id``, ``title``, ``published``, ``source``, ``url``) works too: ``gleaner.spark.extract(df, column=None)``.
Read the records with ``from_json(record, schema)``, or keep them as text.

The workers need the package installed (``pip install ./crates/python`` on every node, or a wheel shipped with
``--py-files``/an archive); each Python worker loads the resources once and keeps them while Spark reuses it
(``spark.python.worker.reuse``, on by default). Spark runs a task per core, so each task extracts on one thread.
"""

from __future__ import annotations

import json
from typing import Any, Iterator, Optional

import gleaner

#: The document fields of a DataFrame of documents, as the CLI reads them.
DOCUMENT_FIELDS = ("id", "text", "title", "published", "source", "url")


def extract(df: Any, column: Optional[str] = "value", threads: int = 1, **options: Any) -> Any:
    """A DataFrame ``record string`` with one row per row of ``df``: its record as ``gleaner extract`` writes it.

    ``column`` names a string column holding one JSON record per row (``spark.read.text`` gives ``value``), read
    exactly as the CLI reads a line; with ``column=None``, the rows are documents (``text`` and the other fields
    of :data:`DOCUMENT_FIELDS` that ``df`` has). ``options`` configure the engine as for :func:`gleaner.extract`.
    """
    fields = [f for f in DOCUMENT_FIELDS if f in df.columns] if column is None else [column]
    if column is None and "text" not in fields:
        raise gleaner._error("invalid_config", "a DataFrame of documents needs a `text` column (or name its column of JSON lines)")
    run = _extract_batches(column, threads, options)
    return df.select(*fields).mapInArrow(run, "record string")


def _extract_batches(column: Optional[str], threads: int, options: dict) -> Any:
    """The function ``mapInArrow`` runs in the Python workers (a closure over plain values, so it pickles)."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow

        extractor = gleaner._extractor(options)  # once per worker process and set of options
        for batch in batches:
            if column is not None:
                records = [(line or "").encode() for line in batch.column(column).to_pylist()]
            else:
                records = [_document(row) for row in batch.to_pylist()]
            lines = extractor._native.extract_many_json(records, threads, None)
            yield pyarrow.RecordBatch.from_pydict({"record": lines}, schema=pyarrow.schema([("record", pyarrow.string())]))

    return run


def _document(row: dict) -> bytes:
    """A DataFrame row as the JSON record the CLI would read (nulls left out, as a missing field)."""
    return json.dumps({k: v for k, v in row.items() if v is not None}, default=str).encode()

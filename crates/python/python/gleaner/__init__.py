"""Gleaner: structured facts from English news text.

Named entities, places resolved to GeoNames, dates normalized against the publication date, counts and amounts,
CAMEO / PLOVER events, tone, quotations and themes, from Gleaner's Rust engine. A record is a ``dict`` in schema
``gleaner/1``, the same record ``gleaner extract`` writes for the same document::

    >>> import gleaner
    >>> record = gleaner.extract("Iran's President Masoud Pezeshkian began his first visit to Iraq.")
    >>> [(e["name"], e["label"]) for e in record["entities"]]
    [('Iran', 'GPE'), ('Masoud Pezeshkian', 'PERSON'), ('Iraq', 'GPE')]

For many documents, make one :class:`Extractor` (it holds the resources once) and use
:meth:`Extractor.extract_many`, which runs on all cores with the GIL released, or :meth:`Extractor.tables`,
which returns the tables of ``gleaner extract --tables`` as Arrow tables for pandas, polars or DuckDB.

Options (keyword arguments of :func:`extract`, :class:`Extractor` …) are the library's ``Config``:
``offsets`` (``"chars"``, ``"bytes"``, ``"utf16"``), ``sentences``, ``sentence_tone``, ``tokens``,
``max_bytes``, ``stages`` (a list such as ``["entities", "places"]``, or a dict of switches), and each stage's
options: ``places={"weights": {...}}``, ``events={"one_event_per_dyad": True, "default_source": "IRN"}``,
``summary={"max_keyphrases": 5}``. :func:`schema` ``("config")`` describes them all.
"""

from __future__ import annotations

import concurrent.futures
import itertools
import json
import os
import re
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union

from ._gleaner import SCHEMA, ArrowTable, GleanerError, __version__
from ._gleaner import Extractor as _Native
from ._gleaner import lone_surrogate_warning_json as _lone_surrogate_warning_json
from ._gleaner import schema_json as _schema_json

__all__ = [
    "SCHEMA",
    "STAGES",
    "Extractor",
    "GleanerError",
    "Table",
    "extract",
    "extract_many",
    "schema",
    "tables",
    "__version__",
]

#: The stages that can be switched, in the order data flows through them.
STAGES = ("entities", "coref", "places", "times", "quantities", "events", "summary")

#: Records per call into the engine: large enough to keep every core busy, small enough to stream.
_BATCH = 512

Document = Union[str, Mapping[str, Any]]


def _error(code: str, message: str) -> GleanerError:
    """A :class:`GleanerError` with its code, as the engine raises them."""
    error = GleanerError(message)
    error.code = code
    return error


def _config(options: Mapping[str, Any]) -> str:
    """The engine's configuration as JSON, from keyword options (``stages`` may be a list of names)."""
    options = dict(options)
    stages = options.get("stages")
    if stages is not None and not isinstance(stages, Mapping):
        if isinstance(stages, str):
            stages = [s.strip() for s in stages.split(",") if s.strip()]
        names = list(stages)
        unknown = [s for s in names if s not in STAGES and s != "all"]
        if unknown:
            raise _error("invalid_config", f"unknown stage(s) {unknown}: the stages are {', '.join(STAGES)} (or all)")
        everything = "all" in names
        options["stages"] = {s: everything or s in names for s in STAGES}
    return json.dumps(options)


def _record_bytes(doc: Document) -> bytes:
    """One input record as the CLI reads a JSON line: a string is ``{"text": …}``, a mapping is the record."""
    if isinstance(doc, str):
        return json.dumps({"text": doc}).encode()
    if isinstance(doc, (bytes, bytearray)):
        return bytes(doc)
    return json.dumps(doc, default=str).encode()


class Table:
    """One table of :meth:`Extractor.tables`: Arrow data, exported through the Arrow PyCapsule interface.

    ``pyarrow.table(t)``, ``polars.DataFrame(t)`` and DuckDB (``duckdb.sql("SELECT … FROM t")``) read it
    without a copy through JSON; :meth:`to_pyarrow`, :meth:`to_pandas` and :meth:`to_polars` are shortcuts.
    """

    def __init__(self, name: str, native: ArrowTable) -> None:
        self.name = name
        self._native = native

    @property
    def num_rows(self) -> int:
        """Number of rows."""
        return self._native.num_rows

    @property
    def column_names(self) -> List[str]:
        """The columns, in order (``gleaner schema --tables`` documents them)."""
        return self._native.column_names

    def __len__(self) -> int:
        return self._native.num_rows

    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any:
        return self._native.__arrow_c_stream__(requested_schema)

    def to_pyarrow(self) -> Any:
        """A ``pyarrow.Table`` (needs pyarrow)."""
        import pyarrow

        return pyarrow.table(self._native)

    def to_pandas(self) -> Any:
        """A ``pandas.DataFrame`` (needs pandas and pyarrow)."""
        return self.to_pyarrow().to_pandas()

    def to_polars(self) -> Any:
        """A ``polars.DataFrame`` (needs polars)."""
        import polars

        return polars.DataFrame(self._native)

    def __repr__(self) -> str:
        return f"<gleaner.Table {self.name}: {self.num_rows} rows, columns {', '.join(self.column_names)}>"


class Extractor:
    """Gleaner's engine with its resources loaded once; thread-safe, share one.

    ``Extractor(resources=None, fields=None, **options)``: ``resources`` is a directory of resource files
    (``crates/core/resources`` with some rebuilt by ``cargo xtask train``) instead of the embedded ones;
    ``fields`` maps the input records' field names (``{"text": "body", "published": "meta.date"}``, as the CLI's
    ``--text-field`` flags); ``options`` are the engine's configuration (see the module's documentation).
    Raises :class:`GleanerError` (``code`` ``invalid_config`` or ``resource``) when they cannot be used.
    """

    def __init__(
        self,
        resources: Optional[Union[str, os.PathLike]] = None,
        fields: Optional[Mapping[str, str]] = None,
        **options: Any,
    ) -> None:
        self._native = _Native(
            _config(options),
            os.fspath(resources) if resources is not None else None,
            json.dumps(dict(fields)) if fields is not None else None,
        )

    @property
    def config(self) -> Dict[str, Any]:
        """The configuration in effect (its stages include the stages they read)."""
        return json.loads(self._native.config_json())

    def extract(
        self,
        text: str,
        published: Optional[str] = None,
        title: Optional[str] = None,
        *,
        id: Optional[str] = None,
        source: Optional[str] = None,
        url: Optional[str] = None,
    ) -> Dict[str, Any]:
        """The record of one document (schema ``gleaner/1``), as ``gleaner extract`` writes it.

        Raises :class:`GleanerError` with ``code`` ``document_too_large`` when the text is longer than
        ``max_bytes``, ``internal_error`` on a bug.
        """
        if not isinstance(text, str):
            raise _error("text_not_string", f"text is {type(text).__name__}, not a string")
        try:
            return json.loads(self._native.extract_json(text, published, title, id, source, url))
        except UnicodeEncodeError:
            pass
        # A lone surrogate ("\ud800", half of a UTF-16 pair) has no UTF-8 form. Read it as the CLI reads it in a
        # JSON line: as U+FFFD, with the warning ``lone_surrogate`` on the record.
        fields = [_mend(v) for v in (text, published, title, id, source, url)]
        record = json.loads(self._native.extract_json(*(v for v, _ in fields)))
        lone = sum(n for _, n in fields)
        if lone:
            record.setdefault("warnings", []).append(json.loads(_lone_surrogate_warning_json(lone)))
        return record

    def extract_many(
        self,
        documents: Iterable[Document],
        threads: Optional[int] = None,
        *,
        as_json: bool = False,
        batch_size: int = _BATCH,
    ) -> Iterator[Union[Dict[str, Any], str]]:
        """The records of many documents, in order, one per document, as an iterator.

        A document is a string (its text) or a mapping with ``text`` (or a web page in ``html``, whose
        article is read as ``gleaner extract`` reads it) and optionally ``id``, ``title``, ``published``,
        ``source``, ``url`` (or the fields given to the constructor). A document that cannot
        be extracted yields an error record ``{"schema", "id", "index", "error": {"code", "message"}}`` in its
        place, with the codes of ``gleaner extract`` (``missing_text``, ``text_not_string``,
        ``invalid_field``, ``document_too_large`` …), and the iteration goes on.

        Runs on ``threads`` cores (all by default) with the GIL released, ``batch_size`` documents at a time;
        the next batch is extracted while this one is handed out. ``as_json=True`` yields each record as its
        JSON line (what ``gleaner extract`` prints) instead of a dict.
        """
        batches = _batches(documents, batch_size)
        return self._records(batches, threads, as_json)

    def _records(self, batches: Iterator[List[bytes]], threads: Optional[int], as_json: bool) -> Iterator[Any]:
        decode = (lambda line: line) if as_json else json.loads
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as ahead:
            first = 0
            pending = None
            for batch in batches:
                submitted = ahead.submit(self._native.extract_many_json, batch, threads, first)
                first += len(batch)
                if pending is not None:
                    for line in pending.result():
                        yield decode(line)
                pending = submitted
            if pending is not None:
                for line in pending.result():
                    yield decode(line)

    def tables(
        self,
        documents: Iterable[Document],
        threads: Optional[int] = None,
        *,
        batch_size: int = 4096,
    ) -> Dict[str, Table]:
        """The tables of ``gleaner extract --tables`` for these documents: ``{"documents": Table, "mentions":
        Table, "entities": …, "places", "times", "quantities", "events", "keyphrases", "quotes", "themes"}``.

        Each :class:`Table` is Arrow data (``doc`` is the document's position from 0, ``doc_id`` its id; they
        join the tables); ``documents`` has one row per document, failed ones included with their error.
        """
        parts: Dict[str, List[ArrowTable]] = {}
        first = 0
        for batch in _batches(documents, batch_size):
            for name, table in self._native.tables(batch, threads, first).items():
                parts.setdefault(name, []).append(table)
            first += len(batch)
        if not parts:
            for name, table in self._native.tables([], threads, 0).items():
                parts[name] = [table]
        return {name: Table(name, ArrowTable.concat(tables)) for name, tables in parts.items()}


_SURROGATES = re.compile("[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]")


def _mend(value: Optional[str]) -> Tuple[Optional[str], int]:
    """``value`` with each lone surrogate replaced by U+FFFD (a high one followed by a low one is the character
    they encode, as in JSON), and how many were replaced."""
    if value is None:
        return None, 0
    lone = 0

    def mend(match: "re.Match[str]") -> str:
        nonlocal lone
        pair = match.group()
        if len(pair) == 2:
            return chr(0x10000 + ((ord(pair[0]) - 0xD800) << 10) + (ord(pair[1]) - 0xDC00))
        lone += 1
        return "\ufffd"

    return _SURROGATES.sub(mend, value), lone


def _batches(documents: Iterable[Document], size: int) -> Iterator[List[bytes]]:
    """The documents as JSON records, ``size`` at a time (a lone document is refused at once, not when iterated)."""
    if isinstance(documents, (str, bytes, Mapping)):
        raise TypeError("documents must be an iterable of documents; for one document, use extract()")
    return _chunks(iter(documents), max(1, size))


def _chunks(iterator: Iterator[Document], size: int) -> Iterator[List[bytes]]:
    while True:
        batch = [_record_bytes(d) for d in itertools.islice(iterator, size)]
        if not batch:
            return
        yield batch


_default: Dict[str, Extractor] = {}


def _extractor(options: Mapping[str, Any]) -> Extractor:
    """An extractor for these options, made once per process."""
    key = _config(options)
    extractor = _default.get(key)
    if extractor is None:
        extractor = _default[key] = Extractor(**options)
    return extractor


def extract(
    text: str,
    published: Optional[str] = None,
    title: Optional[str] = None,
    **options: Any,
) -> Dict[str, Any]:
    """The record (schema ``gleaner/1``) of one document: what ``gleaner extract`` writes for
    ``{"text": text, "published": published, "title": title}``.

    ``options`` configure the engine (see the module's documentation); an :class:`Extractor` is made once per
    set of options. Raises :class:`GleanerError` (with a ``code``) when the document cannot be extracted.
    """
    return _extractor(options).extract(text, published, title)


def extract_many(
    documents: Iterable[Document],
    threads: Optional[int] = None,
    *,
    as_json: bool = False,
    batch_size: int = _BATCH,
    **options: Any,
) -> Iterator[Union[Dict[str, Any], str]]:
    """The records of many documents, in order, one per document: see :meth:`Extractor.extract_many`."""
    return _extractor(options).extract_many(documents, threads, as_json=as_json, batch_size=batch_size)


def tables(
    documents: Iterable[Document],
    threads: Optional[int] = None,
    *,
    batch_size: int = 4096,
    **options: Any,
) -> Dict[str, Table]:
    """The tables of ``gleaner extract --tables`` as Arrow: see :meth:`Extractor.tables`."""
    return _extractor(options).tables(documents, threads, batch_size=batch_size)


def schema(which: str = "extraction") -> Dict[str, Any]:
    """The JSON Schema of the records (``"extraction"``), of input documents (``"document"``) or of the
    options (``"config"``)."""
    return json.loads(_schema_json(which))

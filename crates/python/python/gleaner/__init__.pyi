"""Type stubs of the `gleaner` package (see its module documentation)."""

import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Sequence, Union, overload

__version__: str
#: The schema of every record: ``"gleaner/1"``.
SCHEMA: str
#: The stages that can be switched, in the order data flows through them.
STAGES: tuple[str, ...]

#: A document: its text, or a record ``{"text", "id", "title", "published", "source", "url"}``.
Document = Union[str, Mapping[str, Any]]
#: A record of schema ``gleaner/1`` (or an error record), as ``gleaner extract`` writes it.
Record = Dict[str, Any]
#: Stage switches: a list of stage names (``["entities", "places"]``), or a dict of booleans.
Stages = Union[Sequence[str], str, Mapping[str, bool]]

class GleanerError(Exception):
    """An error of Gleaner. ``code`` is stable: ``document_too_large``, ``missing_text``, ``text_not_string``,
    ``invalid_field``, ``invalid_config``, ``resource``, ``internal_error``."""

    code: str

class ArrowTable:
    """Arrow data with ``__arrow_c_stream__`` (the native half of :class:`Table`)."""

    @property
    def num_rows(self) -> int: ...
    @property
    def column_names(self) -> List[str]: ...
    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any: ...
    def __len__(self) -> int: ...
    @staticmethod
    def concat(tables: Sequence[ArrowTable]) -> ArrowTable: ...

class Table:
    """One table of :meth:`Extractor.tables` (Arrow; read by pyarrow, polars and DuckDB without copies)."""

    name: str
    @property
    def num_rows(self) -> int: ...
    @property
    def column_names(self) -> List[str]: ...
    def __len__(self) -> int: ...
    def __arrow_c_stream__(self, requested_schema: Any = None) -> Any: ...
    def to_pyarrow(self) -> Any: ...
    def to_pandas(self) -> Any: ...
    def to_polars(self) -> Any: ...

class Extractor:
    """Gleaner's engine with its resources loaded once; thread-safe."""

    def __init__(
        self,
        resources: Optional[Union[str, os.PathLike[str]]] = None,
        fields: Optional[Mapping[str, str]] = None,
        *,
        offsets: Literal["chars", "bytes", "utf16"] = "chars",
        sentences: bool = False,
        sentence_tone: bool = False,
        tokens: bool = False,
        max_bytes: int = ...,
        stages: Optional[Stages] = None,
        places: Optional[Mapping[str, Any]] = None,
        events: Optional[Mapping[str, Any]] = None,
        summary: Optional[Mapping[str, Any]] = None,
    ) -> None: ...
    @property
    def config(self) -> Dict[str, Any]: ...
    def extract(
        self,
        text: str,
        published: Optional[str] = None,
        title: Optional[str] = None,
        *,
        id: Optional[str] = None,
        source: Optional[str] = None,
        url: Optional[str] = None,
    ) -> Record: ...
    @overload
    def extract_many(
        self,
        documents: Iterable[Document],
        threads: Optional[int] = None,
        *,
        as_json: Literal[False] = False,
        batch_size: int = ...,
    ) -> Iterator[Record]: ...
    @overload
    def extract_many(
        self,
        documents: Iterable[Document],
        threads: Optional[int] = None,
        *,
        as_json: Literal[True],
        batch_size: int = ...,
    ) -> Iterator[str]: ...
    def tables(
        self, documents: Iterable[Document], threads: Optional[int] = None, *, batch_size: int = ...
    ) -> Dict[str, Table]: ...

def extract(text: str, published: Optional[str] = None, title: Optional[str] = None, **options: Any) -> Record: ...
def extract_many(
    documents: Iterable[Document],
    threads: Optional[int] = None,
    *,
    as_json: bool = False,
    batch_size: int = ...,
    **options: Any,
) -> Iterator[Any]: ...
def tables(
    documents: Iterable[Document], threads: Optional[int] = None, *, batch_size: int = ..., **options: Any
) -> Dict[str, Table]: ...
def schema(which: Literal["extraction", "document", "config"] = "extraction") -> Dict[str, Any]: ...

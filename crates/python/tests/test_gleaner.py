"""The Python package against the CLI: same records, same tables, errors with the CLI's codes."""

import json
import os
import pathlib
import subprocess

import pytest

import gleaner

ROOT = pathlib.Path(__file__).resolve().parents[3]
STORY = "Iran’s President Masoud Pezeshkian began his first international visit to Iraq."


def gleaner_cli():
    """The `gleaner` binary CI built (GLEANER_BIN, or the workspace's target)."""
    candidates = [os.environ.get("GLEANER_BIN")] + [str(ROOT / "target" / p / "gleaner") for p in ("debug", "release")]
    for c in candidates:
        if c and os.path.exists(c):
            return c
    pytest.fail("no gleaner binary: build it with `cargo build -p gleaner-cli` or set GLEANER_BIN")


def cli_records(lines, *args):
    """What `gleaner extract` writes for these JSON lines."""
    out = subprocess.run(
        [gleaner_cli(), "extract", "--quiet", "--threads", "1", *args],
        input="".join(l + "\n" for l in lines).encode(),
        capture_output=True,
        check=False,
    )
    assert out.returncode in (0, 1), out.stderr.decode()
    return [json.loads(l) for l in out.stdout.decode().splitlines()]


def corpus(n):
    with open(ROOT / "examples" / "news.jsonl", encoding="utf-8") as f:
        docs = [json.loads(l) for l in f if l.strip()]
    return (docs * (n // len(docs) + 1))[:n]


def test_extract_is_the_cli_record():
    record = gleaner.extract(STORY)
    assert record == cli_records([json.dumps({"text": STORY})])[0]
    names = [(e["name"], e["label"]) for e in record["entities"]]
    assert ("Masoud Pezeshkian", "PERSON") in names and ("Iraq", "GPE") in names
    assert record["schema"] == gleaner.SCHEMA == "gleaner/1"


def test_published_title_and_options():
    doc = {"text": "They met on Tuesday.", "published": "2024-09-11", "title": "Talks"}
    record = gleaner.extract(doc["text"], doc["published"], doc["title"], offsets="utf16", sentences=True)
    assert record == cli_records([json.dumps(doc)], "--offsets", "utf16", "--sentences")[0]
    assert record["times"][0]["value"] == "2024-09-10"


def test_extract_many_matches_the_cli_record_for_record():
    docs = corpus(60) + [{"id": "no-text"}, {"id": 7, "text": 3}, {"text": "x", "title": {"a": 1}}]
    got = list(gleaner.extract_many(docs, threads=2, batch_size=16))
    want = cli_records([json.dumps(d) for d in docs])
    assert len(got) == len(docs)
    for g, w, d in zip(got[:60], want[:60], docs):
        assert g == w, d.get("id")
    assert [g["error"]["code"] for g in got[60:]] == ["missing_text", "text_not_string", "invalid_field"]
    assert [w["error"]["code"] for w in want[60:]] == ["missing_text", "text_not_string", "invalid_field"]
    assert (got[60]["id"], got[61]["id"]) == ("no-text", "7")
    assert [g["index"] for g in got[60:]] == [60, 61, 62]


def test_extract_many_takes_strings_and_streams():
    texts = (d["text"] for d in corpus(5))
    lines = list(gleaner.extract_many(texts, threads=1, as_json=True))
    assert len(lines) == 5 and all(json.loads(l)["schema"] == "gleaner/1" for l in lines)
    assert list(gleaner.extract_many([])) == []
    with pytest.raises(TypeError):
        gleaner.extract_many("one text")


def test_errors_carry_codes():
    with pytest.raises(gleaner.GleanerError) as e:
        gleaner.extract("x" * 100, max_bytes=10)
    assert e.value.code == "document_too_large"
    with pytest.raises(gleaner.GleanerError) as e:
        gleaner.Extractor(stages={"event": False})
    assert e.value.code == "invalid_config" and "event" in str(e.value)
    with pytest.raises(gleaner.GleanerError) as e:
        gleaner.Extractor(places={"weights": {"nope": 1.0}})
    assert e.value.code == "invalid_config"
    with pytest.raises(gleaner.GleanerError) as e:
        gleaner.Extractor(resources="/nonexistent")
    assert e.value.code == "resource" and "tag-lexicon.bin" in str(e.value)
    with pytest.raises(gleaner.GleanerError) as e:
        gleaner.Extractor(stages=["entity"])
    assert e.value.code == "invalid_config"


def test_stages_and_resources_from_a_directory():
    names = gleaner.Extractor(resources=ROOT / "crates" / "core" / "resources", stages=["entities", "places"])
    record = names.extract(STORY)
    assert record["events"] == [] and record.get("tone") is None and record["times"] == []
    assert any(e.get("place") for e in record["entities"])
    assert names.config["stages"]["places"] and not names.config["stages"]["events"]


def test_tables_are_the_cli_tables(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet

    docs = corpus(40) + [{"id": "bad"}]
    got = gleaner.tables(docs, threads=2, batch_size=16)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in docs))
    out = tmp_path / "t"
    subprocess.run(
        [gleaner_cli(), "extract", "--quiet", str(src), "--tables", str(out), "--format", "parquet", "-o", os.devnull],
        check=False,
    )
    assert set(got) == {p.name for p in out.iterdir() if p.is_dir()}
    for name, table in got.items():
        ours = table.to_pyarrow()
        theirs = pyarrow.parquet.read_table(out / name)
        assert ours.column_names == theirs.column_names, name
        if name == "documents":  # where a failed record came from: the CLI's file and line, not ours
            ours, theirs = ours.drop_columns(["input", "line"]), theirs.drop_columns(["input", "line"])
        assert ours.to_pylist() == theirs.to_pylist(), name
    documents = got["documents"].to_pyarrow()
    assert documents.column("error").to_pylist()[-1] == "missing_text"
    assert documents.schema.field("tone").type == pa.float64()
    assert got["mentions"].num_rows == sum(len(r["mentions"]) for r in gleaner.extract_many(docs[:40]))


def test_lone_surrogates_are_read_as_the_cli_reads_them():
    # A lone surrogate escape ("\ud800" without its pair) is U+FFFD with the warning `lone_surrogate`, as in the
    # CLI, whether the package gets JSON bytes, a dict whose strings hold it, or the text itself; a pair stays.
    line = '{"id": "s", "text": "Talks in Paris \\ud800 resumed. A pair \\ud83d\\ude00 stays.", "title": "Caf\\udc00"}'
    want = cli_records([line])[0]
    assert [w["code"] for w in want["warnings"]] == ["lone_surrogate"]
    assert "2 lone UTF-16 surrogate escapes" in want["warnings"][0]["message"]
    doc = json.loads(line)
    assert "\ud800" in doc["text"] and "\U0001f600" in doc["text"]
    assert list(gleaner.extract_many([line.encode()], threads=1)) == [want]
    assert list(gleaner.extract_many([doc], threads=1)) == [want]
    assert gleaner.Extractor().extract(doc["text"], title=doc["title"], id="s") == want
    one = gleaner.extract("Talks \ud800 resumed.")
    assert one == cli_records(['{"text": "Talks \\ud800 resumed."}'])[0]
    assert one["warnings"][0]["code"] == "lone_surrogate" and "\ud800" not in json.dumps(one, ensure_ascii=False)
    # The tables read the same text.
    documents = gleaner.tables([doc], threads=1)["documents"]
    assert documents.num_rows == 1


def test_a_record_with_a_page_is_read_as_the_cli_reads_it():
    # A record with `html` instead of `text`: the article is read from the page, and the record carries the text
    # that was read, the page's own title and what the page said of itself, as the CLI's record does.
    page = (
        "<html><head><title>Storm closes schools | The Daily</title></head><body><nav>Home | World</nav>"
        "<article><h1>Storm closes schools</h1><p>A storm hit the coast of Kenya on Monday, flooding streets in "
        "Mombasa and closing schools across the region.</p></article></body></html>"
    )
    doc = {"id": "page", "html": page, "published": "2024-09-11"}
    want = cli_records([json.dumps(doc)])[0]
    got = list(gleaner.extract_many([doc], threads=1))
    assert got == [want]
    assert "Mombasa" in got[0]["text"] and "Home" not in got[0]["text"]
    assert "Mombasa" in [e["name"] for e in got[0]["entities"]]

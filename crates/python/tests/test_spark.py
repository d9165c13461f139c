"""PySpark in local mode over a few hundred documents, through both routes (the package's mapInArrow and
RDD.pipe over the binary): one output per input line, and records identical to the CLI's.

Skipped when pyspark or java is missing, unless GLEANER_REQUIRE_SPARK is set (CI sets it: there the test must run).
"""

import json
import os
import shutil
import subprocess
import sys

import pytest

from test_gleaner import ROOT, corpus, gleaner_cli


def _spark_or_skip():
    missing = []
    try:
        import pyspark  # noqa: F401
    except ImportError:
        missing.append("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        missing.append("java")
    if missing:
        if os.environ.get("GLEANER_REQUIRE_SPARK"):
            pytest.fail(f"GLEANER_REQUIRE_SPARK is set but {', '.join(missing)} is missing")
        pytest.skip(f"{', '.join(missing)} missing")


@pytest.fixture(scope="module")
def spark_home(tmp_path_factory):
    """The directory Spark's driver starts in: where relative paths of a job (README's `articles/*.jsonl`) go."""
    return tmp_path_factory.mktemp("spark-home")


@pytest.fixture(scope="module")
def spark(spark_home):
    _spark_or_skip()
    from pyspark.sql import SparkSession

    # The workers run this interpreter (the one with gleaner installed), not whatever `python3` is on PATH.
    os.environ["PYSPARK_PYTHON"] = sys.executable

    started_in = os.getcwd()
    os.chdir(spark_home)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("gleaner-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    os.chdir(started_in)
    yield session
    session.stop()


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    """300 lines in four files: documents with ids, a blank line, a broken line, a record without text."""
    docs = [dict(d, id=f"d{i}") for i, d in enumerate(corpus(296))]
    lines = [json.dumps(d) for d in docs]
    lines[10] = ""
    lines[20] = '{"id": "broken", "text": "cut off'
    lines[30] = json.dumps({"id": "no-text"})
    lines += [json.dumps({"id": f"x{i}", "text": f"Talks resumed in Paris on day {i}."}) for i in range(4)]
    folder = tmp_path_factory.mktemp("articles")
    for part in range(4):
        chunk = lines[part * 75 : (part + 1) * 75]
        (folder / f"part-{part}.jsonl").write_text("".join(l + "\n" for l in chunk))
    return folder, lines


def cli_by_line(lines):
    """The CLI's answer to each line (as a streaming filter), keyed by the line."""
    out = subprocess.run(
        [gleaner_cli(), "extract", "--quiet", "--threads", "2", "--one-per-line"],
        input="".join(l + "\n" for l in lines).encode(),
        capture_output=True,
        check=True,
    )
    answers = out.stdout.decode().splitlines()
    assert len(answers) == len(lines)
    return dict(zip(lines, answers))


def check(records, lines, expected):
    """One record per line; a document's record is the CLI's record; an error record has the CLI's code and id."""
    assert len(records) == len(lines)
    by_id = {}
    for r in map(json.loads, records):
        key = r.get("id")
        by_id.setdefault(key, []).append(r)
    for line in lines:
        want = json.loads(expected[line])
        got = by_id[want.get("id")].pop(0)
        if "error" in want:
            assert (got["error"]["code"], got.get("id")) == (want["error"]["code"], want.get("id")), line
        else:
            assert got == want, want.get("id")
    assert all(not left for left in by_id.values()), by_id


def test_map_in_arrow_over_the_package(spark, articles):
    import gleaner.spark

    folder, lines = articles
    expected = cli_by_line(lines)
    records = [row.record for row in gleaner.spark.extract(spark.read.text(str(folder))).collect()]
    check(records, lines, expected)
    assert json.loads(expected[lines[20]])["id"] == "broken"  # the id was read from the broken line


def test_map_in_arrow_over_a_dataframe_of_documents(spark, articles):
    import gleaner.spark

    folder, lines = articles
    docs = [json.loads(l) for l in lines if l and "cut off" not in l]
    df = spark.createDataFrame([(d["id"], d.get("text")) for d in docs], "id string, text string")
    records = [json.loads(row.record) for row in gleaner.spark.extract(df, column=None).collect()]
    assert len(records) == len(docs)
    want = {json.loads(l)["id"]: json.loads(l) for l in cli_by_line([json.dumps({"id": d["id"], "text": d.get("text")}) for d in docs]).values()}
    for r in records:
        assert r == want[r["id"]] or r["error"]["code"] == want[r["id"]]["error"]["code"]


def test_rdd_pipe_over_the_binary(spark, articles):
    folder, lines = articles
    expected = cli_by_line(lines)
    binary = os.path.abspath(gleaner_cli())  # RDD.pipe starts the command with an empty environment: no PATH
    command = f"{binary} extract --quiet --threads 1 --one-per-line"
    records = spark.sparkContext.textFile(str(folder)).pipe(command, checkCode=True).collect()
    check(records, lines, expected)


def readme_block(containing):
    """The indented code block of README.md that holds `containing`, as Python source."""
    blocks, block = [], []
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("    ") or (block and not line.strip()):
            block.append(line[4:])
        else:
            if block:
                blocks.append("\n".join(block).strip() + "\n")
            block = []
    found = [b for b in blocks if containing in b]
    assert len(found) == 1, f"README has {len(found)} blocks with {containing!r}"
    return found[0]


@pytest.mark.parametrize("route", ["spark.sparkContext.textFile", "gleaner.spark.extract"])
def test_readme_spark_lines_work_as_pasted(spark, spark_home, articles, monkeypatch, route):
    folder, lines = articles
    shutil.rmtree(spark_home / "articles", ignore_errors=True)
    shutil.rmtree(spark_home / "facts", ignore_errors=True)
    shutil.copytree(folder, spark_home / "articles")
    monkeypatch.chdir(spark_home)
    # What a user has done before pasting: gleaner on the PATH (for shutil.which).
    monkeypatch.setenv("PATH", os.path.dirname(os.path.abspath(gleaner_cli())) + os.pathsep + os.environ["PATH"])
    exec(readme_block(route), {"spark": spark})
    written = [l for p in sorted((spark_home / "facts").glob("part-*")) for l in p.read_text().splitlines()]
    expected = cli_by_line(lines)
    check(written, lines, expected)

"""Trafilatura on the pages of an evaluation set, for `cargo xtask eval html --trafilatura PY`.

Reads the evaluation set's JSONL (`{"file", "url", ...}`) on stdin and the gzipped pages from the directory
given as the first argument; writes one JSON line `{"file", "text"}` per page to stdout and, last, the CPU
seconds spent inside trafilatura.extract and the bytes of HTML read: `{"cpu_seconds", "bytes"}`. The reference
settings of trafilatura's own evaluation: include_comments=False, include_tables=True, no formatting.

    python3 -m venv ~/.cache/gleaner-trafilatura-venv
    ~/.cache/gleaner-trafilatura-venv/bin/pip install trafilatura lxml_html_clean
"""
import gzip
import json
import sys
import time

import trafilatura

pages = sys.argv[1]
cpu = 0.0
total = 0
out = sys.stdout
for line in sys.stdin:
    item = json.loads(line)
    with gzip.open(f"{pages}/{item['file']}.gz", "rb") as f:
        html = f.read()
    total += len(html)
    start = time.process_time()
    try:
        text = trafilatura.extract(html, url=item.get("url"), include_comments=False, include_tables=True,
                                   include_formatting=False)
    except Exception:  # a crash counts as no output, as in trafilatura's own evaluation
        text = None
    cpu += time.process_time() - start
    out.write(json.dumps({"file": item["file"], "text": text or ""}) + "\n")
out.write(json.dumps({"cpu_seconds": cpu, "bytes": total}) + "\n")

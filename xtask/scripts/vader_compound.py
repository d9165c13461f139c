"""VADER's compound score for each line of JSONL read on stdin ({"text": ...}), one number per line on stdout.

The reference implementation: the PyPI package vaderSentiment 3.3.2 (Hutto & Gilbert 2014, MIT). Used by
`cargo xtask tone-vs-vader`; install it in a virtual environment first:

    python3 -m venv /tmp/vader-venv && /tmp/vader-venv/bin/pip install vaderSentiment==3.3.2
"""
import json
import sys

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

analyzer = SentimentIntensityAnalyzer()
out = sys.stdout
for line in sys.stdin:
    text = json.loads(line)["text"]
    out.write(f"{analyzer.polarity_scores(text)['compound']}\n")

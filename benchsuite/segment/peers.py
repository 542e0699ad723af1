"""Runs one peer word segmenter over sentences, for sukien's bench harness.

Usage: python peers.py {pyvi|underthesea} SENTENCES_FILE

Reads one sentence per line, segments each (after one warm-up pass over the
first sentences, so that lazy model loading is not timed), and prints one
JSON object: tool, version, load_seconds, seconds, peak_rss_kb, words (a list
of word lists). Exits with code 3 and a message when the tool is not
installed. The harness (`cargo run --release -p sukien-bench`) starts this
script with the Python of a virtual environment that has the peers.
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import peerrun  # noqa: E402


def load(tool):
    if tool == "pyvi":
        from pyvi import ViTokenizer

        def segment(s):
            return [w.replace("_", " ") for w in ViTokenizer.tokenize(s).split()]

        return segment, peerrun.version_of("pyvi")
    if tool == "underthesea":
        import underthesea

        def segment(s):
            return underthesea.word_tokenize(s)

        return segment, peerrun.version_of("underthesea")
    raise SystemExit(f"unknown tool {tool}")


def main():
    report, _, words = peerrun.run(sys.argv[1], load, sys.argv[2])
    json.dump({**report, "words": words}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()

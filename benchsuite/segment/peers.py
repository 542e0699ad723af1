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
import resource
import sys
import time


def version_of(package):
    try:
        from importlib.metadata import version

        return version(package)
    except Exception:
        return "?"


def load(tool):
    if tool == "pyvi":
        from pyvi import ViTokenizer

        def segment(s):
            return [w.replace("_", " ") for w in ViTokenizer.tokenize(s).split()]

        return segment, version_of("pyvi")
    if tool == "underthesea":
        import underthesea

        def segment(s):
            return underthesea.word_tokenize(s)

        return segment, version_of("underthesea")
    raise SystemExit(f"unknown tool {tool}")


def main():
    tool, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as f:
        sentences = [line.rstrip("\n") for line in f]
    started = time.perf_counter()
    try:
        segment, version = load(tool)
    except ImportError as e:
        print(f"{tool} is not installed in {sys.executable}: {e}", file=sys.stderr)
        sys.exit(3)
    for s in sentences[:20]:
        segment(s)
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    words = [segment(s) for s in sentences]
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    json.dump(
        {
            "tool": tool,
            "version": version,
            "load_seconds": load_seconds,
            "seconds": seconds,
            "peak_rss_kb": peak,
            "words": words,
        },
        sys.stdout,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()

"""What the peer scripts of the bench harness share: load a tool, warm it up
on the first sentences (so that lazy model loading is not timed), run it on
every sentence, and report the timings and peak memory."""

import resource
import sys
import time


def version_of(package):
    try:
        from importlib.metadata import version

        return version(package)
    except Exception:
        return "?"


def run(tool, load, path):
    """Returns (report fields, sentences, one output per sentence); exits
    with code 3 and a message when the tool is not installed."""
    with open(path, encoding="utf-8") as f:
        sentences = [line.rstrip("\n") for line in f]
    started = time.perf_counter()
    try:
        apply, version = load(tool)
    except ImportError as e:
        print(f"{tool} is not installed in {sys.executable}: {e}", file=sys.stderr)
        sys.exit(3)
    for s in sentences[:20]:
        apply(s)
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    outputs = [apply(s) for s in sentences]
    seconds = time.perf_counter() - started
    report = {
        "tool": tool,
        "version": version,
        "load_seconds": load_seconds,
        "seconds": seconds,
        "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }
    return report, sentences, outputs

"""Runs one peer named-entity recogniser over sentences, for sukien's nerbench.

Usage: python peers.py underthesea SENTENCES_FILE

Reads one sentence per line, tags each (after one warm-up pass over the first
sentences, so that lazy model loading is not timed), and prints one JSON
object: tool, version, load_seconds, seconds, peak_rss_kb, entities (per
sentence, a list of [start, end, type] in characters of the given sentence,
end exclusive), unaligned (tokens that could not be found in the sentence).
Exits with code 3 and a message when the tool is not installed. The harness
(`cargo run --release -p sukien-bench --bin nerbench`) starts this script with
the Python of a virtual environment that has the peers.
"""

import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import peerrun  # noqa: E402
import unicodedata


def load(tool):
    if tool == "underthesea":
        from underthesea import ner

        def tag(s):
            # (word, POS, chunk, BIO tag)
            return [(t[0], t[-1]) for t in ner(s)]

        return tag, peerrun.version_of("underthesea")
    raise SystemExit(f"unknown tool {tool}")


def base(c):
    """A character without its diacritics, lower case: one character for one,
    so that positions survive a peer's own tone-mark normalisation."""
    d = unicodedata.normalize("NFD", c)
    return (d[0] if d else c).lower().replace("đ", "d")


def align(sentence, tokens):
    """Character spans of the tokens in the sentence (None for a token that
    cannot be found), matched in order, ignoring diacritics and spacing."""
    folded = "".join(base(c) for c in sentence)
    spans, cursor = [], 0
    for word in tokens:
        needle = "".join(base(c) for c in word)
        at = folded.find(needle, cursor)
        if not needle.strip() or at < 0 or folded[cursor:at].strip():
            # a token the peer rewrote: try its parts separated by any spacing
            parts = needle.split()
            at = folded.find(parts[0], cursor) if parts else -1
            end = at
            ok = at >= 0 and not folded[cursor:at].strip()
            for p in parts if ok else []:
                k = folded.find(p, end)
                if k < 0 or folded[end:k].strip():
                    ok = False
                    break
                end = k + len(p)
            if not ok:
                spans.append(None)
                continue
            spans.append((at, end))
            cursor = end
            continue
        spans.append((at, at + len(needle)))
        cursor = at + len(needle)
    return spans


def entities(sentence, tagged):
    """BIO tags to [start, end, type] character spans."""
    spans = align(sentence, [w for w, _ in tagged])
    out, current, unaligned = [], None, 0
    for (word, tag), span in zip(tagged, spans):
        if span is None:
            unaligned += 1
            if current:
                out.append(current)
                current = None
            continue
        if tag.startswith("B-") or (tag.startswith("I-") and (not current or current[2] != tag[2:])):
            if current:
                out.append(current)
            current = [span[0], span[1], tag[2:]]
        elif tag.startswith("I-"):
            current[1] = span[1]
        else:
            if current:
                out.append(current)
            current = None
    if current:
        out.append(current)
    return out, unaligned


def main():
    report, sentences, tagged = peerrun.run(sys.argv[1], load, sys.argv[2])
    found, unaligned = [], 0
    for s, t in zip(sentences, tagged):
        e, u = entities(s, t)
        found.append(e)
        unaligned += u
    json.dump({**report, "entities": found, "unaligned": unaligned}, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()

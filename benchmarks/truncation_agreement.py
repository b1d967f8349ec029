"""Agreement of ``Document.truncated`` (ingest's "the text stops mid-sentence") with gold.

Two references:

- tests/data/multiling: the gold marks each cut page with ``truncated: true``.
- ../shared/realdev (when it is beside the project): its gold gives every document a
  ``scope``; "excerpt" means cut by the corpus at about 2,000 characters, but 84 of 85
  are "excerpt", short complete texts included.  The README counts the texts AT the cap
  (1,900 characters or more) as the cut ones, so the reference here is
  scope == "excerpt" and length >= CAP_CHARS; the plain scope is printed too.

Prints a confusion table per set and the documents where tool and reference disagree
(file names only: realdev texts stay outside the repository).

    .venv/bin/python benchmarks/truncation_agreement.py [--realdev DIR] [--multiling DIR] [--sweep]

``--sweep`` also prints the agreement on both sets for each value of the two
thresholds of ``documents.is_truncated`` (TRUNCATION_MIN_WORDS: a last line this long
without an end is a cut; SINGLE_PARAGRAPH_MIN_WORDS: a one-paragraph text this long
with inner sentence ends is prose), and of the batch length limit
(``documents.length_caps``: CAP_MIN_DOCS, CAP_MIN_SHARE, CAP_SLACK).
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from compare.ingest import documents
from compare.ingest.documents import build_document, is_truncated
from compare.ingest.read import read_inputs
from compare.rules import compile_rules

ROOT = Path(__file__).resolve().parent.parent
CAP_CHARS = 1_850
MAX_BYTES = 10_000_000


def _cleaned(folder: Path) -> dict[str, tuple[str, int, int]]:
    """Cleaned text, source length (characters) and source bytes of every document of a set."""
    rules = compile_rules()
    sources, _ = read_inputs([folder / "docs"], manifest=folder / "manifest.csv", max_bytes=MAX_BYTES)
    return {"docs/" + Path(src.path).name: (build_document(src, rules.boilerplate, rules.outlets).text, len(src.text),
                                            len(src.text.encode("utf-8", errors="surrogatepass")))
            for src in sources}


def _tool(cleaned: dict[str, tuple[str, int, int]]) -> dict[str, tuple[bool, int]]:
    """The tool's reading of each text: a cut last sentence, or the batch's length limit
    (compare/pipeline.py mark_capped)."""
    caps = documents.length_caps([b for _, _, b in cleaned.values()])
    return {f: (is_truncated(text) or documents.at_cap(b, caps), n) for f, (text, n, b) in cleaned.items()}


def _agreement(tool: dict[str, tuple[bool, int]], gold: dict[str, Any],
               reference: Callable[[dict[str, Any], int], bool]) -> float:
    pairs = [(pred, reference(gold[f], n)) for f, (pred, n) in tool.items() if f in gold]
    return sum(p == w for p, w in pairs) / max(len(pairs), 1)


def _sweep(sets: list[tuple[str, dict[str, tuple[str, int, int]], dict[str, Any],
                            Callable[[dict[str, Any], int], bool]]]) -> None:
    print("\nsweep: TRUNCATION_MIN_WORDS x SINGLE_PARAGRAPH_MIN_WORDS -> agreement per set")
    saved = documents.TRUNCATION_MIN_WORDS, documents.SINGLE_PARAGRAPH_MIN_WORDS
    try:
        for low, single in itertools.product((4, 6, 8, 10, 12, 16), (12, 16, 24, 32, 48)):
            documents.TRUNCATION_MIN_WORDS, documents.SINGLE_PARAGRAPH_MIN_WORDS = low, single
            cells = "  ".join(f"{name} {_agreement(_tool(c), g, ref):.3f}" for name, c, g, ref in sets)
            print(f"  min_words {low:2d}  single {single:2d}  {cells}")
    finally:
        documents.TRUNCATION_MIN_WORDS, documents.SINGLE_PARAGRAPH_MIN_WORDS = saved
    print("\nsweep: the batch length limit, CAP_MIN_DOCS x CAP_MIN_SHARE x CAP_SLACK -> agreement per set "
          "(min_docs 0: no limit)")
    saved_cap = documents.CAP_MIN_DOCS, documents.CAP_MIN_SHARE, documents.CAP_SLACK
    try:
        for docs_, share, slack in itertools.product((0, 3, 5, 8, 12), (0.05, 0.1, 0.2), (0, 3, 6)):
            documents.CAP_MIN_DOCS, documents.CAP_MIN_SHARE, documents.CAP_SLACK = (
                docs_ or 10**9, share, slack)
            cells = "  ".join(f"{name} {_agreement(_tool(c), g, ref):.3f}" for name, c, g, ref in sets)
            print(f"  min_docs {docs_:2d}  share {share:4}  slack {slack}  {cells}")
    finally:
        documents.CAP_MIN_DOCS, documents.CAP_MIN_SHARE, documents.CAP_SLACK = saved_cap


def _report(name: str, tool: dict[str, tuple[bool, int]], gold: dict[str, Any],
            reference: Callable[[dict[str, Any], int], bool]) -> None:
    tp = fp = fn = tn = 0
    wrong: list[str] = []
    for file, (pred, length) in sorted(tool.items()):
        if file not in gold:
            continue
        want = reference(gold[file], length)
        tp += pred and want
        fp += pred and not want
        fn += want and not pred
        tn += not pred and not want
        if pred != want:
            wrong.append(f"    {'tool says cut' if pred else 'tool says whole'}: {file} ({length} chars)")
    n = tp + fp + fn + tn
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    print(f"{name}: {n} docs, reference cut {tp + fn}, tool cut {tp + fp}; "
          f"agreement {(tp + tn) / max(n, 1):.3f}, P {p:.3f} R {r:.3f} (tp {tp} fp {fp} fn {fn} tn {tn})")
    print("\n".join(wrong))


def _gold_docs(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {d["file"]: d for d in data["documents"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--multiling", type=Path, default=ROOT / "tests" / "data" / "multiling")
    ap.add_argument("--realdev", type=Path, default=ROOT.parent / "shared" / "realdev")
    ap.add_argument("--sweep", action="store_true", help="also sweep the thresholds of is_truncated")
    args = ap.parse_args()
    sets = []
    if (args.multiling / "gold.yaml").exists():
        cleaned = _cleaned(args.multiling)
        gold = _gold_docs(args.multiling / "gold.yaml")
        ref: Callable[[dict[str, Any], int], bool] = lambda d, _n: bool(d.get("truncated"))  # noqa: E731
        _report("multiling (gold truncated)", _tool(cleaned), gold, ref)
        sets.append(("multiling", cleaned, gold, ref))
    if (args.realdev / "gold.yaml").exists():
        cleaned = _cleaned(args.realdev)
        gold = _gold_docs(args.realdev / "gold.yaml")
        at_cap: Callable[[dict[str, Any], int], bool] = (  # noqa: E731
            lambda d, n: d.get("scope") == "excerpt" and n >= CAP_CHARS)
        _report(f"realdev (scope excerpt, >= {CAP_CHARS} chars)", _tool(cleaned), gold, at_cap)
        _report("realdev (scope excerpt only)", _tool(cleaned), gold, lambda d, _n: d.get("scope") == "excerpt")
        sets.append(("realdev", cleaned, gold, at_cap))
    else:
        print(f"realdev not found at {args.realdev}: skipped")
    if args.sweep and sets:
        _sweep(sets)


if __name__ == "__main__":
    main()

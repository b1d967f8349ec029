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

    .venv/bin/python benchmarks/truncation_agreement.py [--realdev DIR] [--multiling DIR]
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from compare.ingest.documents import build_document
from compare.ingest.read import read_inputs
from compare.rules import compile_rules

ROOT = Path(__file__).resolve().parent.parent
CAP_CHARS = 1_850
MAX_BYTES = 10_000_000


def _tool(folder: Path) -> dict[str, tuple[bool, int]]:
    rules = compile_rules()
    sources, _ = read_inputs([folder / "docs"], manifest=folder / "manifest.csv", max_bytes=MAX_BYTES)
    out: dict[str, tuple[bool, int]] = {}
    for src in sources:
        doc = build_document(src, rules.boilerplate, rules.outlets)
        out["docs/" + Path(src.path).name] = (doc.truncated, len(src.text))
    return out


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
    args = ap.parse_args()
    if (args.multiling / "gold.yaml").exists():
        _report("multiling (gold truncated)", _tool(args.multiling), _gold_docs(args.multiling / "gold.yaml"),
                lambda d, _n: bool(d.get("truncated")))
    if (args.realdev / "gold.yaml").exists():
        tool = _tool(args.realdev)
        gold = _gold_docs(args.realdev / "gold.yaml")
        _report(f"realdev (scope excerpt, >= {CAP_CHARS} chars)", tool, gold,
                lambda d, n: d.get("scope") == "excerpt" and n >= CAP_CHARS)
        _report("realdev (scope excerpt only)", {f: v for f, v in tool.items()}, gold,
                lambda d, _n: d.get("scope") == "excerpt")
    else:
        print(f"realdev not found at {args.realdev}: skipped")


if __name__ == "__main__":
    main()

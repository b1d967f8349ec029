"""Sweep the gate of the n-gram language model (compare/ingest/language.py: SURE_SHARE,
SURE_MARGIN, MODEL_SURE) on texts whose language is known.

The texts: the language probe's short news items (benchmarks/language_probe.py, our own, in
every language it covers) and every page of the evaluation sets whose gold names its
language (realdev with its manifest, the devset with ./seeds, the multilingual set, the
evalset, xlfit, worldset and worldset2 of the repository; the held-out sets are measured,
not chosen on).  Each text is read as the pipeline reads it (cleaned, then
:func:`detect_language`).  Every row prints, per source, the texts whose language is right
and how many of all texts went to the model.

    .venv/bin/python benchmarks/language_gate.py
"""

from __future__ import annotations

import hashlib
import itertools
import sys
from collections.abc import Iterator
from pathlib import Path

import language_probe
import yaml
from fit_align import MULTILING, ROOT

import compare.ingest.language as language
from compare.core.models import SourceText
from compare.evaluation.evaluate import gold_inputs
from compare.evaluation.gold import load_gold
from compare.evaluation.metrics import match_documents
from compare.ingest.read import read_inputs
from compare.pipeline import DEFAULT_MAX_BYTES, prepare_one
from compare.rules import compile_rules

SHARES = (0.1, 0.15, 0.2, 0.25)
MARGINS = (0.05, 0.1, 0.15)
SURE = (0.7, 0.8, 0.9, 0.95)


def _sets() -> Iterator[tuple[str, Path, Path | None, Path | None]]:
    shared = ROOT.parent / "shared"
    yield "realdev", shared / "realdev" / "gold.yaml", shared / "realdev" / "manifest.csv", None
    yield "devset", shared / "devset" / "gold.yaml", None, ROOT / "seeds"
    yield "multiling", MULTILING / "gold.yaml", MULTILING / "manifest.csv", None
    yield "evalset", ROOT / "tests" / "data" / "evalset" / "gold.yaml", None, None
    for name in ("xlfit", "worldset", "worldset2"):
        data = ROOT / "tests" / "data" / name
        yield name, data / "gold.yaml", data / "manifest.csv", None


def texts() -> list[tuple[str, str, str]]:
    """(source, wanted language, cleaned text) of every text with a known language."""
    rules = compile_rules([])
    out: list[tuple[str, str, str]] = []
    for case in language_probe.CASES:
        src = SourceText(path=f"{case.name}.txt", text=case.text, fmt="txt",
                         sha256=hashlib.sha256(case.text.encode()).hexdigest(), published_hint=case.pub)
        out.append(("probe", case.lang, prepare_one(src, rules).text))  # type: ignore[arg-type]
    for name, gold_path, manifest, seeds in _sets():
        if not gold_path.exists():
            continue
        gold = load_gold(gold_path, seeds)
        paths = [gold_path.parent / "docs"] if manifest is not None else gold_inputs(gold)
        sources, _ = read_inputs(paths, manifest=manifest, max_bytes=DEFAULT_MAX_BYTES)
        docs = [prepare_one(s, rules) for s in sources]
        matched = match_documents(docs, gold)  # type: ignore[arg-type]
        raw = yaml.safe_load(gold_path.read_text(encoding="utf-8")) or {}
        for entry in raw.get("documents") or []:  # the loader keeps no language: read it here
            want, file = {"nb": "no"}.get(entry.get("language"), entry.get("language")), entry.get("file")
            if want and file in matched:
                out.append((name, want, matched[file].text))
    return out


def main() -> int:
    items = texts()
    sources = list(dict.fromkeys(s for s, _, _ in items))
    print("share margin sure  " + " ".join(f"{s:>10}" for s in sources) + "  to model")
    consulted = [0]
    real = language.model_language

    def counting(sample: str, exclude: frozenset[str] = frozenset()) -> str | None:
        consulted[0] += 1
        return real(sample, exclude)

    language.model_language = counting  # type: ignore[assignment]
    for share, margin, sure in itertools.product(SHARES, MARGINS, SURE):
        language.SURE_SHARE, language.SURE_MARGIN, language.MODEL_SURE = share, margin, sure
        consulted[0] = 0
        right = {s: [0, 0] for s in sources}
        for src, want, text in items:
            right[src][1] += 1
            right[src][0] += language.detect_language(text) == want
        cells = " ".join(f"{right[s][0]:>5}/{right[s][1]:<4}" for s in sources)
        print(f"{share:5} {margin:6} {sure:4}  {cells}  {consulted[0]}/{len(items)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

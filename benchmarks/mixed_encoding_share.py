"""The share of non-ASCII bytes that form valid UTF-8 sequences, for whole files in
a legacy encoding and for UTF-8 files with one paragraph in a legacy encoding:
the numbers behind ``MIXED_MIN_SHARE`` in ``compare/ingest/read.py``.  (A file whose
UTF-8 part is pure ASCII is not mixed in any way that matters: it is read whole in
the legacy encoding.)

Texts: every article of ``seeds/`` and (when present) ``../shared/realdev/docs``
that has Cyrillic or accented Latin letters, re-encoded.

    .venv/bin/python benchmarks/mixed_encoding_share.py
"""

from __future__ import annotations

from pathlib import Path

from compare.ingest.read import _NON_ASCII, _UTF8_MULTI

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "seeds", ROOT.parent / "shared" / "realdev" / "docs"]


def share(data: bytes) -> float:
    non_ascii = len(_NON_ASCII.findall(data))
    return sum(len(m) for m in _UTF8_MULTI.findall(data)) / non_ascii if non_ascii else 1.0


def main() -> None:
    legacy: list[float] = []
    mixed: list[float] = []
    for folder in FOLDERS:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
            text = path.read_text("utf-8", errors="replace")
            paragraphs = [p for p in text.split("\n\n") if p.strip()]
            for enc in ("cp1251", "koi8-r", "cp1252"):
                try:
                    whole = text.encode(enc)
                except UnicodeEncodeError:
                    continue
                if _NON_ASCII.search(whole):
                    legacy.append(share(whole))
                for n, para in enumerate(paragraphs):
                    try:
                        foreign = para.encode(enc)
                    except UnicodeEncodeError:
                        continue
                    if not _NON_ASCII.search(foreign):
                        continue
                    rest = "\n\n".join(paragraphs[:n] + paragraphs[n + 1:]).encode("utf-8")
                    if _NON_ASCII.search(rest):  # else the file is ASCII plus one legacy run: no mix to find
                        mixed.append(share(rest + b"\n\n" + foreign))
    for name, values in (("whole file in a legacy encoding", legacy), ("UTF-8 with one legacy paragraph", mixed)):
        if values:
            values.sort()
            print(f"{name}: {len(values)} files, share min {values[0]:.3f}, "
                  f"median {values[len(values) // 2]:.3f}, max {values[-1]:.3f}")


if __name__ == "__main__":
    main()

"""A synthetic corpus for benchmarks: many events, each told by many outlets.

Each event is a readout of a handful of claims; each outlet version reorders,
drops, rewords or adds claims and wraps them in scrape noise (menus, stamps,
teasers, footers).  Deterministic for a given seed.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

LEADERS = [
    ("Vladimir Putin", "Russian President", "Russia"),
    ("Donald Trump", "US President", "the United States"),
    ("Emmanuel Macron", "French President", "France"),
    ("Recep Tayyip Erdogan", "Turkish President", "Turkey"),
    ("Olaf Scholz", "German Chancellor", "Germany"),
    ("Xi Jinping", "Chinese President", "China"),
    ("Nikol Pashinyan", "Armenian Prime Minister", "Armenia"),
    ("Narendra Modi", "Indian Prime Minister", "India"),
]
TOPICS = [
    "The leaders discussed the situation in {region} in detail.",
    "They agreed to intensify consultations between the foreign ministries of {c1} and {c2}.",
    "The presidents exchanged views on measures against the coronavirus pandemic.",
    "{a} expressed appreciation for the supply of medical equipment to {c1}.",
    "The importance of dialogue on strategic stability and arms control was noted.",
    "The sides confirmed their interest in expanding trade and economic cooperation.",
    "They addressed developments on the world oil market in the context of the OPEC+ agreement.",
    "{a} congratulated {b} on the successful launch of a manned spacecraft on {launch}.",
    "The leaders agreed to organise a personal meeting on the sidelines of the G20 summit on {meet}.",
    "The presidents agreed to continue contacts at various levels.",
    "The conversation was constructive, businesslike and substantive.",
    "The situation around the Iran nuclear deal was touched upon.",
]
REGIONS = ["Syria", "the Korean peninsula", "Libya", "the South Caucasus", "Afghanistan", "Venezuela"]
OUTLETS = ["Danube Wire", "Pacific Herald", "Steppe News", "Nordic Ledger", "Caspian Daily",
           "Hudson Gazette", "Adriatic Post", "Levant Observer", "Baltic Chronicle", "Sahel Times"]
NOISE_TOP = ["Home | World | Politics | Business | Sport | Video", "Search...", "Subscribe"]
NOISE_BOTTOM = ["Tags: Russia, diplomacy", "Share: Facebook | Twitter | Telegram",
                "Most popular", "1. Weather turns cold", "(c) 2020 {outlet}. All rights reserved."]


Leader = tuple[str, str, str]


def _event(rng: random.Random, day: dt.date) -> tuple[Leader, Leader, dt.date, list[str]]:
    a, b = rng.sample(LEADERS, 2)
    topics = rng.sample(TOPICS, k=rng.randint(6, 10))
    fill = {
        "a": a[0].split()[-1], "b": b[0].split()[-1], "c1": a[2], "c2": b[2],
        "region": rng.choice(REGIONS),
        "launch": (day - dt.timedelta(days=2)).strftime("%B %-d"),
        "meet": (day + dt.timedelta(days=40)).strftime("%B %-d"),
    }
    return a, b, day, [t.format(**fill) for t in topics]


def _variant(rng: random.Random, event: tuple[Leader, Leader, dt.date, list[str]], outlet: str) -> str:
    a, b, day, all_claims = event
    claims = [c for c in all_claims if rng.random() > 0.2]
    if rng.random() < 0.3:
        claims = [c.replace("constructive, businesslike and substantive", "constructive") for c in claims]
    if rng.random() < 0.3:
        claims = [c.replace("agreed to", "discussed plans to") for c in claims]
    if rng.random() < 0.3:
        claims.append(f"{outlet} has learned that the call lasted about an hour.")
    published = day + dt.timedelta(days=rng.choice([0, 0, 1]))
    weekday = day.strftime("%A")
    lede = (f"MOSCOW, {day.strftime('%B %-d')} ({outlet}) - "
            f"{a[1]} {a[0]} and {b[1]} {b[0]} held a telephone conversation on {weekday}, "
            f"the Kremlin said.")
    lines = [*NOISE_TOP, "", f"{a[0].split()[-1]} and {b[0].split()[-1]} talk by phone",
             published.strftime("%d.%m.%Y %H:%M"), "", lede, ""]
    head = claims[: len(claims) // 2]
    rng.shuffle(head)
    lines.extend(head + claims[len(claims) // 2:])
    lines.append("")
    lines.extend(x.format(outlet=outlet) for x in NOISE_BOTTOM)
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, n_docs: int, *, docs_per_event: int = 8, seed: int = 7) -> list[Path]:
    """Write about ``n_docs`` .txt articles into ``folder``; returns their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    start = dt.date(2019, 1, 1)
    n_events = max(1, -(-n_docs // min(docs_per_event, len(OUTLETS))))
    for e in range(n_events):
        day = start + dt.timedelta(days=rng.randint(0, 2000))
        event = _event(rng, day)
        for outlet in rng.sample(OUTLETS, k=min(docs_per_event, len(OUTLETS))):
            if len(paths) >= n_docs:
                return paths
            slug = outlet.lower().replace(" ", "")
            path = folder / f"{slug}_{e:05d}.txt"
            path.write_text(_variant(rng, event, outlet), encoding="utf-8")
            paths.append(path)
    return paths

"""Realistic-length synthetic news for speed and memory benchmarks (seeded).

Like :mod:`corpus` (many events, each told by many outlets), but the articles
have the length and shape of real pages: 300-3,000 words (log-normal, median
about 800), 5-50 documents per event (skewed towards small events), and

* an official readout (masthead "President of Russia") for about half the events;
* outlet articles: site chrome, headline, stamp, a dateline lede, a reworded
  subset of the readout's claims, quotes from the readout, a few paragraphs of
  background and analysis generated from a small grammar (so most sentences
  are distinct, as in real articles), "read also" teasers and a footer;
* republications (the same body under another site's chrome), about 1 in 10;
* Russian articles, about 1 in 12.

Everything is invented (fictional outlets, combinatorial sentences).  The
output is a function of the seed and the arguments only.

    from realistic import write_realistic
    paths = write_realistic(folder, n_docs=1000, seed=11)
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from pathlib import Path

from attrs import frozen

LEADERS = [
    ("Vladimir Putin", "Russian President", "Russia", "Владимир Путин", "Путин"),
    ("Donald Trump", "US President", "the United States", "Дональд Трамп", "Трамп"),
    ("Emmanuel Macron", "French President", "France", "Эммануэль Макрон", "Макрон"),
    ("Recep Tayyip Erdogan", "Turkish President", "Turkey", "Реджеп Тайип Эрдоган", "Эрдоган"),
    ("Olaf Scholz", "German Chancellor", "Germany", "Олаф Шольц", "Шольц"),
    ("Xi Jinping", "Chinese President", "China", "Си Цзиньпин", "Си Цзиньпин"),
    ("Nikol Pashinyan", "Armenian Prime Minister", "Armenia", "Никол Пашинян", "Пашинян"),
    ("Narendra Modi", "Indian Prime Minister", "India", "Нарендра Моди", "Моди"),
    ("Kassym-Jomart Tokayev", "Kazakh President", "Kazakhstan", "Касым-Жомарт Токаев", "Токаев"),
    ("Ilham Aliyev", "Azerbaijani President", "Azerbaijan", "Ильхам Алиев", "Алиев"),
]
REGIONS = ["Syria", "the Korean peninsula", "Libya", "the South Caucasus", "Afghanistan",
           "Venezuela", "the Balkans", "the Sahel", "the Persian Gulf", "Central Asia"]
TOPICS = [
    ("The leaders discussed the situation in {region} in detail.",
     "Лидеры подробно обсудили ситуацию в регионе."),
    ("They agreed to intensify consultations between the foreign ministries of {c1} and {c2}.",
     "Стороны договорились активизировать консультации между министерствами иностранных дел."),
    ("The presidents exchanged views on measures against the coronavirus pandemic.",
     "Президенты обменялись мнениями о мерах по борьбе с пандемией коронавируса."),
    ("{a} expressed appreciation for the supply of {n1} units of medical equipment to {c1}.",
     "{a_ru} выразил признательность за поставку медицинского оборудования."),
    ("The importance of dialogue on strategic stability and arms control was noted.",
     "Была отмечена важность диалога по стратегической стабильности и контролю над вооружениями."),
    ("The sides confirmed their interest in expanding trade, which reached {n2} billion dollars last year.",
     "Стороны подтвердили заинтересованность в расширении торгово-экономического сотрудничества."),
    ("They addressed developments on the world oil market in the context of the OPEC+ agreement.",
     "Была затронута ситуация на мировом рынке нефти в контексте соглашения ОПЕК+."),
    ("{a} congratulated {b} on the successful launch of a spacecraft on {launch}.",
     "{a_ru} поздравил {b_ru} с успешным запуском космического корабля."),
    ("The leaders agreed to organise a personal meeting on the sidelines of the summit on {meet}.",
     "Лидеры договорились организовать личную встречу на полях саммита."),
    ("The presidents agreed to continue contacts at various levels.",
     "Президенты договорились продолжить контакты на различных уровнях."),
    ("The conversation was constructive, businesslike and substantive.",
     "Разговор носил конструктивный, деловой и содержательный характер."),
    ("The situation around the Iran nuclear deal was touched upon.",
     "Была затронута ситуация вокруг ядерной сделки с Ираном."),
    ("{a} informed {b} about the steps taken to restore grain exports through {port}.",
     "{a_ru} проинформировал собеседника о мерах по восстановлению экспорта зерна."),
    ("The two leaders discussed the construction of a new gas pipeline of {n3} kilometres.",
     "Лидеры обсудили строительство нового газопровода."),
    ("They welcomed the release of {n4} detained citizens of both countries.",
     "Стороны приветствовали освобождение задержанных граждан двух стран."),
    ("{a} stressed the need for an early ceasefire in {region}.",
     "{a_ru} подчеркнул необходимость скорейшего прекращения огня."),
]
PORTS = ["Odessa", "Novorossiysk", "Batumi", "Constanta", "Aktau", "Baku", "Izmir", "Mersin"]
OUTLETS = [
    "Danube Wire", "Pacific Herald", "Steppe News", "Nordic Ledger", "Caspian Daily",
    "Hudson Gazette", "Adriatic Post", "Levant Observer", "Baltic Chronicle", "Sahel Times",
    "Andes Courier", "Celtic Monitor", "Ural Review", "Aegean Dispatch", "Tagus Journal",
    "Rhine Bulletin", "Volga Express", "Atlas Tribune", "Carpathian Voice", "Bosphorus Today",
    "Mekong Standard", "Pampas Record", "Fjord Post", "Sierra Sentinel", "Delta Reporter",
    "Highland Times", "Coastal Mirror", "Prairie Signal", "Harbour Gazette", "Summit Weekly",
    "Granite Herald", "Lagoon News", "Meridian Daily", "Orbit Wire", "Compass Review",
    "Beacon Ledger", "Cedar Chronicle", "Lantern Post", "Anchor Times", "Zenith Observer",
    "Quarry Press", "Monsoon Daily", "Tundra Tribune", "Savanna Herald", "Estuary News",
    "Glacier Gazette", "Canyon Courier", "Isthmus Journal", "Plateau Bulletin", "Reef Report",
]
RU_OUTLETS = ["Деловой курьер", "Северная газета", "Волжские вести", "Уральское обозрение"]
NOISE_TOP = ["Home | World | Politics | Business | Markets | Tech | Sport | Video | Opinion",
             "Search...", "Subscribe", "Sign in", "Newsletters", "Live TV"]
NOISE_BOTTOM = ["Tags: diplomacy, talks, {c1}, {c2}", "Share: Facebook | Twitter | Telegram | Email",
                "Most popular", "1. Weather turns cold across the region",
                "2. Central bank keeps rates on hold", "3. Football: derby ends in a draw",
                "Comments (0)", "(c) {year} {outlet}. All rights reserved."]

# Background / analysis grammar: combinatorially many distinct sentences.
SUBJECTS = ["Analysts", "Diplomats in {city}", "Officials in {city}", "Observers", "Critics of the deal",
            "Several lawmakers", "Economists at a {city} bank", "Former ambassadors", "Market traders",
            "Opposition politicians", "Regional experts", "Business leaders", "Human rights groups"]
VERBS = ["have long argued that", "warned on {weekday} that", "said last month that",
         "told reporters that", "noted in a report that", "expect that", "doubt that",
         "have questioned whether", "pointed out that", "believe that"]
CLAUSES = [
    "relations between {c1} and {c2} remain at their lowest point in {n} years",
    "the sanctions imposed in {year} have cost both economies about {n} billion dollars",
    "the talks on {topic} could resume before the end of {month}",
    "a breakthrough on {topic} is unlikely without a summit",
    "the previous round of negotiations in {city} ended without an agreement",
    "trade in {goods} fell by {n} percent in the first quarter",
    "the visit of the foreign minister to {city} in {month} prepared the ground",
    "public opinion in {c2} is divided over {topic}",
    "the dispute over {topic} has dragged on since {year}",
    "energy prices will stay high as long as the conflict in {region} continues",
    "both governments face elections in {year} and want to show progress on {topic}",
    "the agreement on {topic} signed in {city} in {year} is still not fully implemented",
    "shipments of {goods} through {city} doubled after the new route opened",
    "a working group on {topic} will meet for the {ordinal} time next week",
]
TAILS = ["", "", "", ", according to people familiar with the matter",
         ", although few details have been made public", " and that the talks were overdue",
         ", a view shared by many in {city}", ", citing figures from the statistics office"]
RELATED = ["Read also: {c1} and {c2} sign a memorandum on {topic}",
           "Related: Markets react to the news from {city}",
           "Watch: What the talks mean for {topic}", "READ MORE: Inside the negotiations on {topic}"]
CAPTIONS = ["Photo: {city}, {month} {day}. Archive image.", "{a} during a press conference. Photo: press service",
            "File photo: delegations at the talks in {city}"]
CITIES = ["Geneva", "Vienna", "Helsinki", "Istanbul", "Astana", "Baku", "Beijing", "Delhi", "Berlin",
          "Paris", "Washington", "Moscow", "Ankara", "Yerevan", "Doha", "Abu Dhabi", "Tashkent", "Minsk"]
TOPIC_WORDS = ["arms control", "grain exports", "energy supplies", "visa rules", "the gas transit",
               "cyber security", "prisoner exchanges", "space cooperation", "fishing rights",
               "the nuclear programme", "border crossings", "air traffic", "student exchanges",
               "debt relief", "fertiliser exports", "climate finance", "rail links", "port fees"]
GOODS = ["wheat", "fertiliser", "steel", "crude oil", "liquefied gas", "cars", "timber", "copper"]
ORDINALS = ["second", "third", "fourth", "fifth", "sixth", "seventh"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
RU_BACKGROUND = [
    "Эксперты считают, что отношения между странами остаются сложными.",
    "По данным статистики, товарооборот за год изменился на {n} процентов.",
    "Ранее министры иностранных дел встречались в городе {city}.",
    "Переговоры о поставках зерна продолжаются уже {n} месяцев.",
    "Аналитики ожидают, что следующий раунд консультаций пройдет в {month_ru}.",
    "Рабочая группа соберется в {n}-й раз на следующей неделе.",
]
RU_MONTHS = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе", "сентябре",
             "октябре", "ноябре", "декабре"]
RU_MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                 "сентября", "октября", "ноября", "декабря"]
REWORD = [("agreed to", "decided to"), ("discussed", "talked about"), ("stressed", "underlined"),
          ("constructive, businesslike and substantive", "constructive"),
          ("expressed appreciation for", "thanked his counterpart for"),
          ("in detail", "at length"), ("was touched upon", "was also discussed")]

Leader = tuple[str, str, str, str, str]


@frozen
class EventPlan:
    a: Leader
    b: Leader
    day: dt.date
    kind: str
    claims: tuple[str, ...]
    claims_ru: tuple[str, ...]
    quotes: tuple[str, ...]
    official: tuple[str, ...]


def _words_target(rng: random.Random) -> int:
    """Article length in words: log-normal around 800, cut to 300-3,000."""
    return int(min(3000, max(300, rng.lognormvariate(math.log(800), 0.6))))


def _docs_per_event(rng: random.Random) -> int:
    """5-50 documents, most events small (a few big stories)."""
    return 5 + int(45 * rng.random() ** 2.5)


def _fill(rng: random.Random, template: str, plan: EventPlan | None = None, **extra: str) -> str:
    c1 = plan.a[2] if plan else rng.choice(LEADERS)[2]
    c2 = plan.b[2] if plan else rng.choice(LEADERS)[2]
    values = {
        "c1": c1, "c2": c2, "city": rng.choice(CITIES), "topic": rng.choice(TOPIC_WORDS),
        "goods": rng.choice(GOODS), "region": rng.choice(REGIONS), "n": str(rng.randint(2, 95)),
        "year": str(rng.randint(2008, 2018)), "month": rng.choice(MONTHS),
        "month_ru": rng.choice(RU_MONTHS), "weekday": rng.choice(WEEKDAYS),
        "ordinal": rng.choice(ORDINALS), "day": str(rng.randint(1, 28)),
        "a": plan.a[0] if plan else "The minister",
    }
    values.update(extra)
    return template.format(**values)


def _background(rng: random.Random, plan: EventPlan) -> str:
    subject = _fill(rng, rng.choice(SUBJECTS), plan)
    verb = _fill(rng, rng.choice(VERBS), plan)
    clause = _fill(rng, rng.choice(CLAUSES), plan)
    tail = _fill(rng, rng.choice(TAILS), plan)
    return f"{subject} {verb} {clause}{tail}."


def _plan(rng: random.Random, day: dt.date) -> EventPlan:
    a, b = rng.sample(LEADERS, 2)
    picked = rng.sample(range(len(TOPICS)), k=rng.randint(6, 11))
    fill = {
        "a": a[0].split()[-1], "b": b[0].split()[-1], "c1": a[2], "c2": b[2],
        "a_ru": a[4], "b_ru": b[4],
        "region": rng.choice(REGIONS), "port": rng.choice(PORTS),
        "n1": str(rng.randint(10, 500)), "n2": str(rng.randint(5, 120)),
        "n3": str(rng.randint(100, 2500)), "n4": str(rng.randint(2, 40)),
        "launch": (day - dt.timedelta(days=2)).strftime("%B %-d"),
        "meet": (day + dt.timedelta(days=40)).strftime("%B %-d"),
    }
    claims = tuple(TOPICS[i][0].format(**fill) for i in picked)
    claims_ru = tuple(TOPICS[i][1].format(**fill) for i in picked)
    quotes = tuple(
        f'"{_fill(rng, rng.choice(CLAUSES)).capitalize()}," {rng.choice([a[0], b[0]]).split()[-1]} said.'
        for _ in range(rng.randint(2, 6)))
    official = tuple(
        f"The sides also reviewed {rng.choice(TOPIC_WORDS)} and {rng.choice(TOPIC_WORDS)}, "
        f"and the work of the intergovernmental commission on {rng.choice(TOPIC_WORDS)} "
        f"whose {rng.choice(ORDINALS)} session is planned for {rng.choice(MONTHS)}."
        for _ in range(rng.randint(8, 20)))
    return EventPlan(a, b, day, rng.choice(["call", "call", "meeting"]), claims, claims_ru, quotes,
                     official)


def _readout(plan: EventPlan) -> str:
    what = "telephone conversation" if plan.kind == "call" else "talks"
    lines = ["President of Russia", "Events | Structure | Videos and Photos | Documents | Contacts", "",
             f"{what.capitalize()} with {plan.b[1]} {plan.b[0]}", "",
             f"{plan.day.strftime('%B %-d, %Y')}, 18:40", "",
             f"{plan.a[0]} held a {what} with {plan.b[1]} {plan.b[0]}.", "", *plan.claims,
             *(q.replace('," ', '", ').replace(" said.", " said, according to the press service.")
               for q in plan.quotes), *plan.official, "",
             "Publication status: published in section News", "Permanent address: kremlin.example/events"]
    return "\n".join(lines) + "\n"


def _headline(rng: random.Random, plan: EventPlan) -> str:
    a, b = plan.a[0].split()[-1], plan.b[0].split()[-1]
    return rng.choice([f"{a} and {b} discuss {rng.choice(TOPIC_WORDS)}",
                       f"{a}, {b} hold {'phone ' if plan.kind == 'call' else ''}talks",
                       f"What {a} told {b}: {rng.choice(TOPIC_WORDS)} on the agenda"])


def _article(rng: random.Random, plan: EventPlan, outlet: str) -> tuple[str, str]:
    """(head lines, body) of an English outlet article."""
    claims = [c for c in plan.claims if rng.random() > 0.25]
    for i, c in enumerate(claims):
        for old, new in REWORD:
            if old in c and rng.random() < 0.3:
                c = c.replace(old, new)
        if rng.random() < 0.35:
            c = f"{c[:-1]}, the Kremlin said."
        claims[i] = c
    published = plan.day + dt.timedelta(days=rng.choice([0, 0, 0, 1]))
    what = "held a telephone conversation" if plan.kind == "call" else "met"
    with_who = "" if plan.kind == "call" else " in " + rng.choice(CITIES)
    lede = (f"MOSCOW, {plan.day.strftime('%B %-d')} ({outlet}) - {plan.a[1]} {plan.a[0]} and "
            f"{plan.b[1]} {plan.b[0]} {what}{with_who} on {plan.day.strftime('%A')}, the Kremlin said.")
    head = [*rng.sample(NOISE_TOP, k=rng.randint(2, len(NOISE_TOP))), "", _headline(rng, plan),
            published.strftime("%d.%m.%Y %H:%M"), ""]
    target = _words_target(rng)
    paragraphs: list[str] = [lede]
    core = list(claims) + list(rng.sample(plan.quotes, k=rng.randint(1, len(plan.quotes))))
    rng.shuffle(core)
    words = len(lede.split())
    while core or words < target:
        if core and (rng.random() < 0.6 or words >= target):
            para = [core.pop()]
        else:
            para = [_background(rng, plan) for _ in range(rng.randint(2, 5))]
        paragraphs.append(" ".join(para))
        words += sum(len(p.split()) for p in para)
        if rng.random() < 0.06:
            paragraphs.append(_fill(rng, rng.choice(RELATED), plan))
        if rng.random() < 0.04:
            paragraphs.append(_fill(rng, rng.choice(CAPTIONS), plan, a=plan.a[0]))
    return "\n".join(head), "\n\n".join(paragraphs)


def _russian(rng: random.Random, plan: EventPlan, outlet: str) -> str:
    day = f"{plan.day.day} {RU_MONTHS_GEN[plan.day.month - 1]} {plan.day.year} года"
    what = "провели телефонный разговор" if plan.kind == "call" else "провели переговоры"
    lines = [outlet.upper(), "Главная | Политика | Экономика | Спорт", "",
             f"{plan.a[4]} и {plan.b[4]} обсудили двусторонние отношения", "",
             f"Москва. {day} {plan.a[3]} и {plan.b[3]} {what}, сообщила пресс-служба Кремля.", ""]
    claims = [c for c in plan.claims_ru if rng.random() > 0.2]
    target = _words_target(rng)
    words = 0
    for c in claims:
        lines.append(c)
        words += len(c.split())
    while words < target:
        s = _fill(rng, rng.choice(RU_BACKGROUND), plan)
        lines.append(s)
        words += len(s.split())
    lines += ["", f"© 2003–{plan.day.year} «{outlet}». Все права защищены."]
    return "\n\n".join(lines) + "\n"


def _foot(rng: random.Random, plan: EventPlan, outlet: str) -> str:
    return "\n".join(_fill(rng, x, plan, outlet=outlet, year=str(plan.day.year)) for x in NOISE_BOTTOM)


def generate(n_docs: int, *, seed: int = 11) -> Iterator[tuple[str, str]]:
    """(file name, text) of ``n_docs`` articles, event after event."""
    rng = random.Random(seed)
    start = dt.date(2012, 1, 1)
    made = 0
    e = 0
    while made < n_docs:
        plan = _plan(rng, start + dt.timedelta(days=rng.randint(0, 4000)))
        k = min(_docs_per_event(rng), n_docs - made)
        bodies: list[tuple[str, str]] = []  # (outlet, body) for republication
        outlets = rng.sample(OUTLETS, k=min(k, len(OUTLETS)))
        for i in range(k):
            outlet = outlets[i % len(outlets)]
            slug = outlet.lower().replace(" ", "")
            if i == 0 and rng.random() < 0.5:
                yield f"kremlin_{e:06d}.txt", _readout(plan)
            elif rng.random() < 1 / 12:
                yield f"ru{slug}_{e:06d}_{i:02d}.txt", _russian(rng, plan, rng.choice(RU_OUTLETS))
            elif bodies and rng.random() < 0.1:
                _, body = rng.choice(bodies)
                head = "\n".join([*rng.sample(NOISE_TOP, k=3), "", _headline(rng, plan), ""])
                yield f"{slug}_{e:06d}_{i:02d}.txt", f"{head}\n{body}\n\n{_foot(rng, plan, outlet)}\n"
            else:
                head, body = _article(rng, plan, outlet)
                bodies.append((outlet, body))
                yield f"{slug}_{e:06d}_{i:02d}.txt", f"{head}\n{body}\n\n{_foot(rng, plan, outlet)}\n"
            made += 1
        e += 1


def write_realistic(folder: Path, n_docs: int, *, seed: int = 11) -> list[Path]:
    """Write ``n_docs`` .txt articles into ``folder`` (created); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in generate(n_docs, seed=seed):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    ps = write_realistic(out, n)
    sizes = [len(p.read_text("utf-8").split()) for p in ps]
    sizes.sort()
    print(f"{len(ps)} documents in {out}: words min {sizes[0]}, median {sizes[len(sizes) // 2]}, "
          f"max {sizes[-1]}, total {sum(sizes) / 1e6:.1f} M words")

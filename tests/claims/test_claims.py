"""Claims: sentence and clause boundaries, attribution frames, exact spans."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.claims.attribution import leading_frame, normalise_source, qualified_press_service, speaker, trailing_frame
from compare.claims.claimtypes import ClaimTypeRules, parse_claim_type_rules
from compare.claims.extract import extract_claims
from compare.claims.quotes import quote_regions
from compare.core.models import Claim, Document
from compare.core.rulefiles import default_rules_dir, load_rule_file


@pytest.fixture(scope="module")
def rules() -> ClaimTypeRules:
    return parse_claim_type_rules(load_rule_file("claim_types", [default_rules_dir()]))


def _doc(text: str, **kw: object) -> Document:
    return Document(id="art", path="art.txt", sha256="0", text=text, event_id="ev1", **kw)  # type: ignore[arg-type]


def _claims(text: str, rules: ClaimTypeRules, **kw: object) -> list[Claim]:
    claims = extract_claims(_doc(text, **kw), rules)
    _check_spans(text, claims)
    return claims


def _check_spans(text: str, claims: list[Claim]) -> None:
    end = 0
    for n, c in enumerate(claims, 1):
        assert text[c.span[0]:c.span[1]] == c.text
        assert c.span[0] >= end and c.span[0] < c.span[1]
        assert c.text == c.text.strip()
        assert c.id == f"art:c{n}"
        end = c.span[1]


ARTICLE = """Danube Herald | Europe

Merkel and Macron discuss gas transit in evening call

BERLIN, March 3 (Danube Herald) - German Chancellor Angela Merkel and French President Emmanuel Macron \
spoke by telephone on Tuesday, the chancellery said.

The call was held at the request of the French side, a government spokesman said.

The two leaders discussed gas transit through Ukraine and agreed to convene their energy ministers.

“The talks were frank and constructive. Both sides want stability,” the Elysee Palace underscored.

According to people familiar with the call, Macron raised the issue of prisoners held in Donetsk.

Merkel thanked Macron for the medical supplies sent in April, the chancellery said, and invited him to Berlin.

The sides discussed oil, gas and electricity prices; they will talk again next week.

Photo: The chancellery in Berlin, 2019.
(Reporting by Danube Herald staff; Editing by the desk)
"""


def test_article_claims(rules: ClaimTypeRules) -> None:
    claims = _claims(ARTICLE, rules, title="Merkel and Macron discuss gas transit in evening call")
    got = [(c.text, c.attribution, c.headline, c.quoted) for c in claims]
    assert got == [
        ("Merkel and Macron discuss gas transit in evening call", None, True, False),
        ("German Chancellor Angela Merkel and French President Emmanuel Macron spoke by telephone on Tuesday",
         "chancellery", False, False),
        ("The call was held at the request of the French side", "government spokesman", False, False),
        ("The two leaders discussed gas transit through Ukraine", None, False, False),
        ("agreed to convene their energy ministers", None, False, False),
        ("The talks were frank and constructive", "Elysee Palace", False, True),
        ("Both sides want stability", "Elysee Palace", False, True),
        ("Macron raised the issue of prisoners held in Donetsk", "people familiar with the call", False, False),
        ("Merkel thanked Macron for the medical supplies sent in April", "chancellery", False, False),
        ("invited him to Berlin", "chancellery", False, False),
        ("The sides discussed oil, gas and electricity prices", None, False, False),
        ("they will talk again next week", None, False, False),
    ]
    kinds = {c.text: c.attribution_kind for c in claims}
    assert kinds["Macron raised the issue of prisoners held in Donetsk"] == "anonymous"
    assert kinds["The call was held at the request of the French side"] == "official"
    types = {c.text: c.type for c in claims}
    assert types["The talks were frank and constructive"] == "tone"
    assert types["The two leaders discussed gas transit through Ukraine"] == "ukraine"
    assert types["The sides discussed oil, gas and electricity prices"] == "oil"
    assert all(c.event == "ev1" and c.document == "art" for c in claims)
    assert [c.sentence for c in claims] == sorted(c.sentence for c in claims)


def test_noun_lists_are_not_split(rules: ClaimTypeRules) -> None:
    text = ("The chancellor spoke about inviting the leaders of Brazil, Mexico, Indonesia and the Republic of Chile. "
            "They stressed the importance of dialogue on energy security and climate finance.")
    assert [c.text for c in _claims(text, rules)] == [
        "The chancellor spoke about inviting the leaders of Brazil, Mexico, Indonesia and the Republic of Chile",
        "They stressed the importance of dialogue on energy security and climate finance",
    ]


def test_clause_joins_are_split(rules: ClaimTypeRules) -> None:
    text = ("The ministers reviewed the grain deal, and the Turkish side offered to host new talks. "
            "Officials described the meeting as useful, adding that a joint statement would follow. "
            "The premier praised the mediators as well as thanked the hosts.")
    assert [c.text for c in _claims(text, rules)] == [
        "The ministers reviewed the grain deal",
        "the Turkish side offered to host new talks",
        "Officials described the meeting as useful",
        "a joint statement would follow",
        "The premier praised the mediators",
        "thanked the hosts",
    ]


def test_quote_spanning_sentences_gets_its_frame(rules: ClaimTypeRules) -> None:
    text = ('"We expect progress. The date is not yet fixed. Our experts are ready," said Peskov.\n'
            "«Мы готовы к диалогу», — заявил Песков.\n"
            "‘‘The sides exchanged greetings,’’ the embassy reported. ‘‘They will speak again soon.’’")
    claims = _claims(text, rules)
    assert [(c.text, c.attribution, c.quoted) for c in claims] == [
        ("We expect progress", "Peskov", True),
        ("The date is not yet fixed", "Peskov", True),
        ("Our experts are ready", "Peskov", True),
        ("Мы готовы к диалогу", "Песков", True),
        ("The sides exchanged greetings", "embassy", True),
        ("They will speak again soon", "embassy", True),
    ]


def test_machine_translated_frames_and_hedges(rules: ClaimTypeRules) -> None:
    text = ("President of France held telephone conversation with Chancellor of Germany , informs the press-service "
            "of Kremlin .\n"
            '"Leaders exchanged opinions on the energy market" , - is said in the message .\n'
            "Chancellor , reportedly , proposed new meeting in Paris .")
    claims = _claims(text, rules)
    assert [(c.text, c.attribution, c.attribution_kind, c.hedged) for c in claims] == [
        ("President of France held telephone conversation with Chancellor of Germany", "Kremlin press service",
         "official", False),
        ("Leaders exchanged opinions on the energy market", "Kremlin press service", "official", False),
        ("Chancellor , reportedly , proposed new meeting in Paris", "unnamed reports", "anonymous", True),
    ]


def test_abbreviations_do_not_break_sentences(rules: ClaimTypeRules) -> None:
    text = ("Mr. Lopez met U.S. envoys in Washington on Jan. 5 at 3 p.m. local time. "
            "Mr Ito later met the U.K. foreign secretary.")
    assert [c.text for c in _claims(text, rules)] == [
        "Mr. Lopez met U.S. envoys in Washington on Jan. 5 at 3 p.m. local time",
        "Mr Ito later met the U.K. foreign secretary",
    ]


def test_header_lines_are_skipped_or_marked(rules: ClaimTypeRules) -> None:
    text = ("Home | World | Sport\n02.03.2021, 10:45\nBy Anna Novak\nLeaders talk trade by phone\n"
            "Officials say more talks are planned\n"
            "The two prime ministers discussed trade on Monday.\n* Five things to know about tariffs\n")
    claims = _claims(text, rules, title="Leaders talk trade by phone")
    assert [(c.text, c.headline) for c in claims] == [
        ("Leaders talk trade by phone", True),
        ("more talks are planned", True),
        ("The two prime ministers discussed trade on Monday", False),
    ]
    assert claims[1].attribution == "Officials"


def test_frames_and_sources() -> None:
    f = trailing_frame("The talks went well, the Foreign Ministry said in a statement on Friday")
    assert f is not None and f.source == "the Foreign Ministry"
    f = leading_frame("According to the Kremlin's account, the leaders spoke for an hour")
    assert f is not None and f.source == "the Kremlin's account"
    assert leading_frame("The presidents noted the importance of dialogue") is None
    f = leading_frame("As it was stressed in the Kremlin, the two presidents want active cooperation")
    assert f is not None and normalise_source(f.source).name == "Kremlin"
    f = leading_frame("As the ministry noted, talks will resume in May")
    assert f is not None and f.source == "the ministry"
    assert trailing_frame("The United States will send a delegation, officials in Kazakhstan hope") is None
    assert normalise_source("the Kremlin's account").name == "Kremlin"
    assert normalise_source("a source in the Kremlin") == normalise_source("a Kremlin source")
    assert normalise_source("people familiar with the talks").kind == "anonymous"
    assert normalise_source("Russian Deputy Foreign Minister Sergei Ryabkov").name == "Ryabkov"
    assert normalise_source("TASS").kind == "outlet"
    assert normalise_source("the White House press secretary").name == "White House"


def test_quote_regions() -> None:
    line = 'He said “it’s fine” and «да» and "ok" and ‘‘yes’’ but Russia’s ‘view’.'
    regions = quote_regions(line)
    assert [line[a + 1:b].strip("‘’") for a, b in regions] == ["it’s fine", "да", "ok", "yes", "view"]


def test_speaker_is_the_subject_not_the_frame(rules: ClaimTypeRules) -> None:
    text = ('Sanchez called the meeting "very useful", according to the Moncloa.\n'
            "On Gibraltar, Prime Minister Pedro Sanchez urged patience, the ministry said.\n"
            "Portuguese President Rui Costa proposed a summit in Porto and thanked Sanchez for the invitation.\n"
            "The two leaders agreed to meet again in autumn.\n"
            "The talks lasted two hours.\n"
            "He also raised the issue of water rights.\n"
            '"We want calm borders," Costa told reporters.')
    got = [(c.text, c.attribution, c.speaker) for c in _claims(text, rules)]
    assert got == [
        ('Sanchez called the meeting "very useful"', "Moncloa", "Sanchez"),
        ("On Gibraltar, Prime Minister Pedro Sanchez urged patience", "ministry", "Pedro Sanchez"),
        ("Portuguese President Rui Costa proposed a summit in Porto", None, "Rui Costa"),
        ("thanked Sanchez for the invitation", None, "Rui Costa"),
        ("The two leaders agreed to meet again in autumn", None, "both"),
        ("The talks lasted two hours", None, None),
        ("He also raised the issue of water rights", None, "Rui Costa"),
        ("We want calm borders", "Costa", "Costa"),
    ]


@pytest.mark.parametrize(("text", "who"), [
    ("Mendes, Okafor sign water treaty", "both"),
    ("Chancellor Ilse Brandt and her Danish counterpart Lars Holm agreed to meet", "both"),
    ("Later that day, Deputy Prime Minister Ana Ruiz announced new tariffs", "Ana Ruiz"),
    ("The Danish side proposed a new round", "Danish side"),
    ("The water treaty was signed in 1998", None),
    ("Holm has been invited to Madrid", None),
    ("Holm has invited Brandt to Madrid", "Holm"),
    ("First, renewable energy is a priority", None),
    ("Brandt's proposal surprised the hosts", None),
    ("She thanked the hosts", "she"),
    # machine translation drops the article: a plural subject is both sides, an event noun is a thing
    ("Presidents agreed to continue contacts at various levels", "both"),
    ("Sides confirmed their common approach", "both"),
    ("Conversation had a constructive and businesslike character", None),
    ("You have read 4 of 5 free articles this month", None),
    # a body is a speaker as written; an "and" inside its "of" phrase does not make two sides
    ("The Ministry of Agriculture and Fisheries said quotas would rise", "Ministry of Agriculture and Fisheries"),
    ("Norway should stay outside the customs union", "Norway"),
    ("The Danish embassy said the talks were useful", "Danish embassy"),
])
def test_speaker_subjects(text: str, who: str | None) -> None:
    assert speaker(text) == who


def test_press_service_owner() -> None:
    assert qualified_press_service("the Elysee press service said") == normalise_source("Elysee press service")
    assert qualified_press_service("the press service of the Kremlin said") == normalise_source("Kremlin press service")
    assert qualified_press_service("the Kremlin press service and the Elysee press service") is None
    assert qualified_press_service("The press service said") is None


def test_furniture_is_not_a_claim(rules: ClaimTypeRules) -> None:
    text = ("Good evening. Here are the stories we are following tonight.\n"
            "Chile and Peru signed a fisheries accord on Friday.\n"
            "More to come.\n"
            "Thanks for reading. Reply to this email with tips.\n"
            "(Writing by Jo Marsh; Editing by Ken Dale)")
    assert [c.text for c in _claims(text, rules)] == ["Chile and Peru signed a fisheries accord on Friday"]


def test_only_the_first_bare_event_sentence_is_the_event(rules: ClaimTypeRules) -> None:
    text = ("Chancellor Ilse Brandt held a telephone conversation with Prime Minister Lars Holm on Monday.\n"
            "The call was held at the initiative of the Danish side.\n"
            "Brandt and Holm last spoke by phone in March.")
    claims = _claims(text, rules)
    assert [c.event_statement for c in claims] == [True, False, False]
    assert claims[0].speaker == "Ilse Brandt"
    assert [c.event_statement for c in _claims("Holm and Brandt talked by telephone.", rules)] == [True]
    assert [c.event_statement for c in _claims("Holm and Brandt talked by telephone about wind farms.",
                                               rules)] == [False]


def test_leading_frame_governs_only_its_own_clause(rules: ClaimTypeRules) -> None:
    text = ("The foreign minister stressed that the border talks were making progress, and the Latvian side "
            "promised to send experts.\n"
            "The ministry said the visit was postponed and asked for patience.")
    got = [(c.text, c.attribution, c.speaker) for c in _claims(text, rules)]
    assert got == [
        ("the border talks were making progress", "foreign minister", None),
        ("the Latvian side promised to send experts", None, "Latvian side"),
        ("the visit was postponed", "ministry", None),
        ("asked for patience", "ministry", None),
    ]


def test_untitled_header_furniture_is_not_a_headline(rules: ClaimTypeRules) -> None:
    text = ("THE COASTAL GAZETTE\nWorld Affairs Europe Business\nNorway and Iceland agree on cod quotas\n"
            "The two governments signed the agreement in Reykjavik.")
    assert [(c.text, c.headline) for c in _claims(text, rules)] == [
        ("Norway and Iceland agree on cod quotas", True),
        ("The two governments signed the agreement in Reykjavik", False),
    ]
    # a known title is kept as it is, furniture before it skipped
    titled = _claims(text, rules, title="Norway and Iceland agree on cod quotas")
    assert [c.text for c in titled if c.headline] == ["Norway and Iceland agree on cod quotas"]


def test_a_lede_that_contains_the_title_is_a_body_claim(rules: ClaimTypeRules) -> None:
    title = "Meeting with Prime Minister of Norway Kari Dahl"
    text = (f"{title}\nThe Chancellor held a meeting with Prime Minister of Norway Kari Dahl.\n"
            f"{title} - Government News\n")
    got = [(c.text, c.headline) for c in _claims(text, rules, title=title)]
    assert got[:2] == [(title, True),
                       ("The Chancellor held a meeting with Prime Minister of Norway Kari Dahl", False)]
    # the title with a site stamp is still the title
    assert all(h for _, h in got[2:])
    # a question title with a label before it is the title, not a lede
    question = "Opinion column: Will Norway and Iceland agree on cod?"
    assert [(c.text, c.headline) for c in _claims(f"{question}\nThe talks resume today.", rules,
                                                  title="Will Norway and Iceland agree on cod?")][:1] == [
        (question.rstrip("?"), True)]


def test_the_outlets_own_name_on_a_line_is_the_masthead(rules: ClaimTypeRules) -> None:
    text = ("Ministry of Transport of the Republic of Veloria\n"
            "Ministers discuss rail link to the coast\n"
            "The ministers agreed to finish the rail link by 2031.")
    got = [c.text for c in _claims(text, rules, outlet="Ministry of Transport of the Republic of Veloria")]
    assert got == ["Ministers discuss rail link to the coast",
                   "The ministers agreed to finish the rail link by 2031"]
    # a document of another outlet keeps such a line (it is not its masthead)
    other = [c.text for c in _claims(text, rules, outlet="Veloria Daily")]
    assert other[0] == "Ministry of Transport of the Republic of Veloria"


def test_bare_press_service_takes_the_owner_named_elsewhere(rules: ClaimTypeRules) -> None:
    named = ("The talks covered grain exports, the press service of the Kremlin said.\n"
             "The press-service reports that the sides agreed to continue contacts.")
    assert [c.attribution for c in _claims(named, rules)] == ["Kremlin press service", "Kremlin press service"]
    bare = ("The talks covered grain exports, the Kremlin said.\n"
            "The press service reports that the sides agreed to continue contacts.")
    assert [c.attribution for c in _claims(bare, rules)] == ["Kremlin", "press service"]


def test_with_clause_after_a_lede_is_its_own_claim(rules: ClaimTypeRules) -> None:
    text = ("OSLO - Chancellor Olaf Berg spoke with Prime Minister Ana Lind by phone on Friday, the chancellery said, "
            "with the two leaders discussing a new power cable under the North Sea.\n"
            "Lind met Berg in Bergen on Sunday, with both governments calling the visit overdue.\n"
            "The sides agreed on a joint plan, with a view to strengthening grid links.\n"
            "The fair will open in May, with the opening ceremony set for the first week.")
    got = [(c.text, c.attribution, c.speaker, c.event_statement) for c in _claims(text, rules)]
    assert got == [
        ("Chancellor Olaf Berg spoke with Prime Minister Ana Lind by phone on Friday", "chancellery", "Olaf Berg",
         True),
        ("the two leaders discussing a new power cable under the North Sea", "chancellery", "both", False),
        ("Lind met Berg in Bergen on Sunday", None, "Lind", False),
        ("both governments calling the visit overdue", None, "both", False),
        ("The sides agreed on a joint plan, with a view to strengthening grid links", None, "both", False),
        ("The fair will open in May, with the opening ceremony set for the first week", None, None, False),
    ]


@pytest.mark.parametrize(("text", "parts"), [
    ("Prime Minister Ana Lind had a telephone conversation with President Paolo Ferri at the invitation of the "
     "Italian side.", ["Prime Minister Ana Lind had a telephone conversation with President Paolo Ferri",
                       "at the invitation of the Italian side"]),
    ("ROME, May 4 (Tiber Wire) - Lind and Ferri spoke by phone on Monday at Rome's request, the ministry said.",
     ["Lind and Ferri spoke by phone on Monday", "at Rome's request"]),
    ("At the request of the Italian side, Lind held a telephone conversation with Ferri.",
     ["At the request of the Italian side", "Lind held a telephone conversation with Ferri"]),
    ("Lind and Ferri spoke by telephone on Sunday for the first time since the harbour dispute flared in March.",
     ["Lind and Ferri spoke by telephone on Sunday",
      "for the first time since the harbour dispute flared in March"]),
    # not an event sentence before the adjunct: one claim
    ("The call was held at the initiative of the Italian side.", ["The call was held at the initiative of the "
                                                                  "Italian side"]),
    ("Ferri thanked Lind for the grain shipped at the request of the Red Cross.",
     ["Ferri thanked Lind for the grain shipped at the request of the Red Cross"]),
    ("The working group may meet for the first time in Turin next month.",
     ["The working group may meet for the first time in Turin next month"]),
])
def test_event_adjuncts_are_claims_of_their_own(rules: ClaimTypeRules, text: str, parts: list[str]) -> None:
    claims = _claims(text, rules)
    assert [c.text for c in claims] == parts
    if len(parts) == 2:
        event = 1 if parts[0].startswith("At ") else 0
        assert [c.event_statement for c in claims] == [i == event for i in range(2)]
        assert claims[1 - event].speaker is None
        assert claims[0].attribution == claims[1].attribution


def test_relative_clause_with_a_prospect_is_its_own_claim(rules: ClaimTypeRules) -> None:
    text = ("The ministers agreed to set up a fisheries commission, which could convene in Bergen in June. "
            "Ferri praised the launch of the weather satellite on May 3, which carried two new instruments.")
    assert [c.text for c in _claims(text, rules)] == [
        "The ministers agreed to set up a fisheries commission",
        "which could convene in Bergen in June",
        "Ferri praised the launch of the weather satellite on May 3, which carried two new instruments",
    ]


def test_frame_source_that_says_more_is_the_speaker(rules: ClaimTypeRules) -> None:
    text = ("The Chilean and Peruvian presidents spoke late Friday, according to the foreign ministry, which described "
            "the talks as frank and useful.\n"
            "The premiers of Chile and Peru held a telephone conversation, which was their fourth this year.")
    got = [(c.text, c.attribution, c.speaker, c.event_statement) for c in _claims(text, rules)]
    assert got == [
        ("The Chilean and Peruvian presidents spoke late Friday", "foreign ministry", "both", True),
        ("described the talks as frank and useful", "foreign ministry", "foreign ministry", False),
        ("The premiers of Chile and Peru held a telephone conversation", None, "both", False),
        ("which was their fourth this year", None, None, False),
    ]


def test_each_clause_has_its_own_reporting_subject(rules: ClaimTypeRules) -> None:
    text = ("The chancellery called the talks useful, while the foreign ministry, in its own statement, described them "
            "as frank and said it would send an envoy to Berlin.")
    got = [(c.text, c.attribution) for c in _claims(text, rules)]
    assert got == [
        ("The chancellery called the talks useful", "chancellery"),
        ("the foreign ministry, in its own statement, described them as frank", "foreign ministry"),
        ("it would send an envoy to Berlin", "foreign ministry"),
    ]


# --------------------------------------------------------------------------- properties

FRAGMENTS = [
    "The ministers met in Oslo.", "The talks were useful, the ministry said.",
    '"We are ready. We will see," Dr. Olsen said.', "According to sources, the deal is close.",
    "They discussed fishing quotas and agreed to meet again.", "Prices rose by 5 p.m. on Friday; markets calmed.",
    "“Good call,” the embassy noted.", "U.S. and U.K. envoys, reportedly, joined.", "«Да», — сказал он.",
    "STOCKHOLM, May 2 (Nordic Wire) - The prime ministers spoke.", "Photo: archive", "12.05.2020 10:00",
    "Leaders talk", "‘‘It was frank,’’ he added.", "…", "the end", '"', "", "A; B; C and D.",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(FRAGMENTS), st.sampled_from([" ", "\n", "\n\n", "  "])), max_size=12))
def test_spans_are_exact_ordered_and_disjoint(parts: list[tuple[str, str]]) -> None:
    text = "".join(f + sep for f, sep in parts)
    rules = parse_claim_type_rules(load_rule_file("claim_types", [default_rules_dir()]))
    claims = extract_claims(_doc(text), rules)
    _check_spans(text, claims)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab C.,;:\"“”«»‘’'-—\n?!1")), max_size=200))
def test_any_text_gives_exact_spans(text: str) -> None:
    rules = parse_claim_type_rules(load_rule_file("claim_types", [default_rules_dir()]))
    _check_spans(text, extract_claims(_doc(text), rules))


# --------------------------------------------------------------------------- devset (measuring only)

DEVSET = Path(os.environ.get("DEVSET_DIR", Path(__file__).resolve().parents[3] / "shared" / "devset"))


def devset_metrics(rules: ClaimTypeRules, devset: Path = DEVSET) -> dict[str, float]:
    """Boundary and type quality on the devset gold (mentions vs extracted claims)."""
    gold = yaml.safe_load((devset / "gold.yaml").read_text(encoding="utf-8"))
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    texts: dict[str, str] = {}
    claims: dict[str, list[Claim]] = {}
    for d in gold["documents"]:
        path = seeds / d["file"][len("seeds/"):] if d["file"].startswith("seeds/") else devset / d["file"]
        texts[d["file"]] = path.read_text(encoding="utf-8").replace("\u00a0", " ")
        claims[d["file"]] = extract_claims(Document(id=d["file"], path=d["file"], sha256="", text=texts[d["file"]]),
                                           rules)
    spans = []
    for m in gold["mentions"]:
        quote = m["quote"].replace("\u00a0", " ")
        start = texts[m["doc"]].find(quote)
        assert start >= 0, quote
        spans.append((start, start + len(quote)))

    def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
        return max(0, min(a[1], b[1]) - max(a[0], b[0]))

    used: dict[str, int] = {}
    for m, sp in zip(gold["mentions"], spans, strict=True):
        for c in claims[m["doc"]]:
            if overlap(sp, c.span):
                used[c.id] = used.get(c.id, 0) + 1
    one = covered = tight = 0
    for m, sp in zip(gold["mentions"], spans, strict=True):
        big = [c for c in claims[m["doc"]] if overlap(sp, c.span) >= 0.2 * (sp[1] - sp[0])]
        covered += bool(big)
        one += len(big) == 1 and used[big[0].id] == 1
        # the claim is mostly the mention: a lede that also carries another fact is not tight
        tight += len(big) == 1 and overlap(sp, big[0].span) >= 0.6 * (big[0].span[1] - big[0].span[0])
    ctype = {c["id"]: c["type"] for ev in gold["events"] for c in ev["claims"]}
    refs = {ev["reference"] for ev in gold["events"]}
    ok = total = 0
    for m, sp in zip(gold["mentions"], spans, strict=True):
        if m["claim"] and m["doc"] in refs:
            best = max(claims[m["doc"]], key=lambda c: overlap(sp, c.span))
            total += 1
            ok += best.type == ctype[m["claim"]]
    n = len(spans)
    return {"covered": covered / n, "exactly_one": one / n, "tight": tight / n, "type_accuracy": ok / total}


@pytest.mark.devset
@pytest.mark.skipif(not (DEVSET / "gold.yaml").is_file(), reason="needs ../shared/devset")
def test_devset_boundaries_and_types(rules: ClaimTypeRules) -> None:
    metrics = devset_metrics(rules)
    assert metrics["covered"] >= 0.95, metrics
    assert metrics["exactly_one"] >= 0.85, metrics
    assert metrics["tight"] >= 0.9, metrics
    assert metrics["type_accuracy"] >= 0.8, metrics


def _quote_regions_char_by_char(line: str) -> list[tuple[int, int]]:
    """The first implementation of quote_regions (one step per character), kept as the oracle."""
    open_close = {"“": "”", "«": "»", "„": "“", "‘": "’"}
    regions: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        width = 2 if ch in "‘’" and line[i:i + 2] in ("‘‘", "’’") else 1
        token = line[i:i + width]
        prev = line[i - 1] if i else " "
        nxt = line[i + width] if i + width < n else " "
        closer = stack[-1][1] if stack else None
        if closer is not None and (token == closer or (width == 1 and ch == closer)) and not (
                ch == "’" and width == 1 and nxt.isalpha() and prev.isalpha()):
            start, _ = stack.pop()
            if not stack:
                regions.append((start, i + width - 1))
        elif ch == '"':
            if closer != '"' and (prev.isspace() or prev in "([{—–-:" or i == 0 or not nxt.isspace()):
                stack.append((i, '"'))
        elif token == "‘‘":
            stack.append((i, "’’"))
        elif ch in open_close and not (ch == "‘" and prev.isalpha()):
            stack.append((i, open_close[ch]))
        i += width
    if stack:
        regions.append((stack[0][0], n - 1))
    return regions


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab C.,:(\"“”«»„‘’' -—")), max_size=60))
def test_quote_regions_jumping_between_marks_equals_char_by_char(line: str) -> None:
    assert quote_regions(line) == _quote_regions_char_by_char(line)


def test_a_concessive_clause_with_its_own_subject_is_a_claim_of_its_own(rules: ClaimTypeRules) -> None:
    text = ("The ministers did not discuss the fishing quotas, although both sides stressed the need "
            "to protect the cod stocks.\n"
            "Talks went on late, but the delegations agreed on a timetable.")
    got = [c.text for c in _claims(text, rules)]
    assert got == ["The ministers did not discuss the fishing quotas",
                   "both sides stressed the need to protect the cod stocks",
                   "Talks went on late",
                   "the delegations agreed on a timetable"]
    # "but" before a noun phrase with no verb of its own does not split
    assert [c.text for c in _claims("They discussed trade but not the visa rules.", rules)] == [
        "They discussed trade but not the visa rules"]


def test_a_navigation_trail_is_no_claim(rules: ClaimTypeRules) -> None:
    text = ("Home / Press service / News and statements\nMinisters agree on ferry timetable\n"
            "The ministers agreed on a new ferry timetable / schedule for the winter.")
    assert [c.text for c in _claims(text, rules)] == [
        "Ministers agree on ferry timetable",
        "The ministers agreed on a new ferry timetable / schedule for the winter"]


@pytest.mark.parametrize(("language", "text", "want"), [
    ("en", "Readout\n\n(2) They discussed energy and trade in detail.\n\n3) Both sides welcomed the new gas "
           "pipeline project.\n\n2 leaders met in 2019 to sign it.",
     ["They discussed energy and trade in detail", "Both sides welcomed the new gas pipeline project",
      "2 leaders met in 2019 to sign it"]),
    ("ja", "会談\n\n1 冒頭、佐藤総理から、先月の地震による被害に対してお見舞いを述べました。\n\n"
           "（2）両首脳は、エネルギー分野での協力を一層強化することで一致しました。",
     ["冒頭、佐藤総理から、先月の地震による被害に対してお見舞いを述べました。",
      "両首脳は、エネルギー分野での協力を一層強化することで一致しました。"]),
    ("zh", "通话\n\n一、双方同意加强能源合作。\n\n二、双方就地区局势交换了意见。",
     ["双方同意加强能源合作。", "双方就地区局势交换了意见。"]),
])
def test_a_list_item_s_number_is_not_part_of_its_claim(language: str, text: str, want: list[str],
                                                       rules: ClaimTypeRules) -> None:
    # a "number changed: 1 -> 30" flag compared a readout's item number with a duration
    claims = _claims(text, rules, language=language, title=text.split("\n")[0])
    assert [c.text for c in claims] == want

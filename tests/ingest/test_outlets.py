"""Outlet identification: hint > URL > self-identification > unknown; relays."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from compare.core.errors import RuleError
from compare.core.rulefiles import RuleFile, default_rules_dir
from compare.ingest.outlets import OutletRules, identify_outlet, parse_outlet_rules

SEEDS = Path(__file__).parent.parent.parent / "seeds"
DEVSET = Path(__file__).parent.parent.parent.parent / "shared" / "devset"


def rule_file(data: object = None) -> RuleFile:
    path = default_rules_dir() / "outlets.yaml"
    return RuleFile(name="outlets", sources=(str(path),),
                    data=yaml.safe_load(path.read_text("utf-8")) if data is None else data, lines={})


@pytest.fixture(scope="module")
def rules() -> OutletRules:
    return parse_outlet_rules(rule_file())


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text("utf-8")


@pytest.mark.parametrize("prefix, name, role, relays", [
    ("000", "Kremlin", "primary", ()),
    ("001", "Sputnik", "outlet", ()),
    ("002", "unknown", "unknown", ()),
    ("003", "Trend", "wire", ("TASS", "Kremlin")),
    ("004", "unknown", "unknown", ()),
])
def test_seeds(rules: OutletRules, prefix: str, name: str, role: str, relays: tuple[str, ...]) -> None:
    m = identify_outlet(seed(prefix), None, None, None, rules)
    assert (m.name, m.role, m.relays) == (name, role, relays)
    if name == "unknown":
        assert m.evidence.rule.startswith("none") and m.evidence.quote == ""


def test_priority_hint_then_url(rules: OutletRules) -> None:
    text = "LONDON, May 3 (Reuters) - Ministers met on Tuesday to discuss fishing quotas, officials said."
    assert identify_outlet(text, None, None, None, rules).name == "Reuters"
    by_url = identify_outlet(text, "https://www.theguardian.com/world/2021/may/03/x", None, None, rules)
    assert (by_url.name, by_url.evidence.rule) == ("The Guardian", "url")
    assert by_url.relays == ("Reuters",)
    by_hint = identify_outlet(text, "https://www.theguardian.com/x", "interfax", None, rules)
    assert (by_hint.name, by_hint.role, by_hint.evidence.rule) == ("Interfax", "wire", "hint")
    unlisted = identify_outlet(text, None, "Harbour Gazette", None, rules)
    assert (unlisted.name, unlisted.role) == ("Harbour Gazette", "outlet")


def test_body_mentions_are_relays_not_identity(rules: OutletRules) -> None:
    text = ("Ministers met on Tuesday to discuss fishing quotas.\n\n"
            "TASS reported that the talks would continue, and according to Interfax a deal is close.\n")
    m = identify_outlet(text, None, None, None, rules)
    assert (m.name, m.relays) == ("unknown", ("TASS", "Interfax"))


def test_kremlin_press_service_alone_is_not_an_outlet(rules: OutletRules) -> None:
    text = ("The Kremlin press service said the two leaders spoke by phone on Friday.\n"
            "The Kremlin said the talks were businesslike. According to the Kremlin, they will meet.\n")
    m = identify_outlet(text, None, None, None, rules)
    assert (m.name, m.relays) == ("unknown", ())


def test_unlisted_footer_and_dateline(rules: OutletRules) -> None:
    footer = ("Body sentence about a new bridge that opened on Monday.\n\n"
              "(c) 2011-2021 Harbour Gazette. All rights reserved.")
    m = identify_outlet(footer, None, None, None, rules)
    assert (m.name, m.role, m.evidence.rule) == ("Harbour Gazette", "outlet", "copyright-unlisted")
    assert m.evidence.confidence < 0.9
    republished = "OSLO, May 4 (Fjord Wire) - The bridge opened on Monday, officials said.\n\n© 2021 Harbour Gazette"
    m2 = identify_outlet(republished, None, None, None, rules)
    assert (m2.name, m2.relays) == ("Harbour Gazette", ("Fjord Wire",))
    wire = identify_outlet("OSLO, May 4 (Fjord Wire) - The bridge opened on Monday.", None, None, None, rules)
    assert (wire.name, wire.role) == ("Fjord Wire", "wire")


def test_photo_credit_is_not_a_footer(rules: OutletRules) -> None:
    text = "© AFP 2021 / Some Photographer\nThe bridge opened on Monday, officials said on the record."
    assert identify_outlet(text, None, None, None, rules).name == "unknown"


def test_shipped_rules_cover_required_outlets(rules: OutletRules) -> None:
    names = {o.name for o in rules.outlets}
    required = {"Kremlin", "White House", "US State Department", "Russian MFA", "Sputnik", "TASS",
                "RIA Novosti", "RT", "Interfax", "Trend", "Reuters", "AP", "AFP"}
    assert required <= names and len(names - required) >= 15


def test_bad_rules_name_the_path() -> None:
    data = {"outlets": [{"name": "X", "role": "tabloid"}, {"name": "Y", "role": "wire", "urls": ["(x"]}]}
    with pytest.raises(RuleError) as err:
        parse_outlet_rules(rule_file(data))
    msgs = [str(p) for p in err.value.problems]
    assert any("outlets[0].role: 'tabloid' is not one of primary, wire, outlet" in m for m in msgs)
    assert any("outlets[1].urls[0]: unbalanced parenthesis" in m for m in msgs)


@pytest.mark.devset
@pytest.mark.skipif(not (DEVSET / "gold.yaml").is_file(), reason="needs ../shared/devset")
def test_devset_outlets_mostly_named(rules: OutletRules) -> None:
    gold = yaml.safe_load((DEVSET / "gold.yaml").read_text("utf-8"))
    docs = [d for d in gold["documents"] if d["file"].startswith("docs/")]
    right = sum(identify_outlet((DEVSET / d["file"]).read_text("utf-8"), None, None, None, rules).name
                == d["outlet"] for d in docs)
    assert right >= len(docs) - 2


WIRE_STORY = (
    "KINGSPORT, March 3 (Lakeshore Wire) - The regional assembly approved a new bridge toll on Friday, "
    "the assembly said in a statement.\n\n"
    "Members voted 31 to 12 for the measure, which takes effect in April.\n"
)


def test_republication_names_the_site_and_relays_the_wire(rules: OutletRules) -> None:
    page = "NORTHFIELD COURIER\n\n" + WIRE_STORY + "\n(c) Northfield Courier 2010-2021. Material from Lakeshore Wire.\n"
    m = identify_outlet(page, None, None, None, rules)
    assert (m.name, m.role) == ("Northfield Courier", "outlet")
    assert m.relays[:1] == ("Lakeshore Wire",)
    # the page gives no name of its own: the wire is the outlet
    bare = identify_outlet(WIRE_STORY, None, None, None, rules)
    assert (bare.name, bare.relays) == ("Lakeshore Wire", ())


def test_html_site_name_identifies_the_site(rules: OutletRules) -> None:
    m = identify_outlet(WIRE_STORY, None, None, None, rules, site_name="Harbour  Gazette")
    assert (m.name, m.role, m.evidence.rule) == ("Harbour Gazette", "outlet", "site-name")
    assert m.relays[:1] == ("Lakeshore Wire",)
    listed = identify_outlet(WIRE_STORY, None, None, None, rules, site_name="Interfax")
    assert (listed.name, listed.role) == ("Interfax", "wire")


# --------------------------------------------------------------------------- official bodies, unlisted names

BODY = ("Minister Ilse Marsh received the ambassador of Tarvonia on 3 May and discussed the harbour dispute.\n\n"
        "The two sides agreed to meet again in the autumn.\n")


@pytest.mark.parametrize("page, name", [
    ("Ministry of Trade and Fisheries of Calvaria\nHome | Press | Contacts\n\nPress release\n3 May 2031\n\n"
     + BODY, "Ministry of Trade and Fisheries of Calvaria"),
    ("Office of the Prime Minister\n\n" + BODY, "Office of the Prime Minister"),
    ("Government of the Republic of Calvaria\nNews | Documents\n\n" + BODY + "\nLast updated 3.5.2031\n",
     "Government of the Republic of Calvaria"),
    ("Home | News\n\n" + BODY + "\n© Embassy of Calvaria in Tarvonia\n", "Embassy of Calvaria in Tarvonia"),
    ("CALVARIAN PRESIDENCY\n\n" + BODY + "\n(c) 2031 Presidential Press Office of Calvaria. All rights reserved.\n",
     "Presidential Press Office of Calvaria"),
])
def test_government_body_release_is_primary_under_its_own_name(rules: OutletRules, page: str, name: str) -> None:
    m = identify_outlet(page, None, None, None, rules)
    assert (m.name, m.role) == (name, "primary")


@pytest.mark.parametrize("page", [
    # a news site quoting the ministry, with its own footer
    "HARBOUR GAZETTE\n\nMinistry of Trade and Fisheries of Calvaria\n\nPress release\n\n" + BODY
    + "\n© 2031 Harbour Gazette. All rights reserved.\n",
    # a headline that starts with a body's name is not a masthead
    "Foreign Ministry of Calvaria says talks with Tarvonia went well\n\n" + BODY,
    # the ministry only in the story and in a caption credit
    "Calvaria and Tarvonia resume harbour talks\n\nThe Ministry of Trade and Fisheries of Calvaria said in a "
    "statement that the talks went well.\nPhoto: Ministry of Trade and Fisheries of Calvaria\n" + BODY,
])
def test_quoting_a_ministry_does_not_make_a_page_primary(rules: OutletRules, page: str) -> None:
    assert identify_outlet(page, None, None, None, rules).role != "primary"


def test_unlisted_names_give_roles_and_lose_company_forms(rules: OutletRules) -> None:
    agency = identify_outlet(BODY + "\n© 2031 Calvarian Telegraph Agency\n", None, None, None, rules)
    assert (agency.name, agency.role) == ("Calvarian Telegraph Agency", "wire")
    own_dateline = identify_outlet("HARBOUR BULLETIN\n\nPORTO ALTO, May 3 (Harbour Bulletin) - " + BODY
                                   + "\n© 2031 Harbour Bulletin\n", None, None, None, rules)
    assert (own_dateline.name, own_dateline.role) == ("Harbour Bulletin", "wire")
    company = identify_outlet(BODY + "\n© 2031 Harbour Gazette s.r.o.\n", None, None, None, rules)
    assert (company.name, company.role) == ("Harbour Gazette", "outlet")
    masthead = identify_outlet("MORNING LANTERN - your daily digest\n\n" + BODY
                               + "\n(c) 2031 Morning Lantern Media. Reply to unsubscribe.\n", None, None, None, rules)
    assert masthead.name == "Morning Lantern"
    ministry_hint = identify_outlet(BODY, None, "Ministry of Foreign Affairs of Calvaria", None, rules)
    assert ministry_hint.role == "primary"


def test_government_bodies_named_in_other_languages_are_primary(rules: OutletRules) -> None:
    for hint in ("Ministère des Affaires étrangères", "Presidencia de la República", "МИД Польши",
                 "Министерство иностранных дел Республики Польша", "波兰共和国外交部", "Bundesregierung",
                 "Ministerio de Relaciones Exteriores"):
        assert identify_outlet(BODY, None, hint, None, rules).role == "primary", hint
    for hint in ("Le Courrier de Calvarie", "Diario del Gobierno Libre", "Новости Калварии", "卡尔瓦里亚快讯"):
        assert identify_outlet(BODY, None, hint, None, rules).role == "outlet", hint


def test_name_roles_are_checked(rules: OutletRules) -> None:
    with pytest.raises(RuleError, match="name_roles"):
        parse_outlet_rules(rule_file({"name_roles": [{"name": "x", "role": "boss", "pattern": "a"}]}))
    with pytest.raises(RuleError, match="name_roles"):
        parse_outlet_rules(rule_file({"name_roles": [{"name": "x", "role": "wire", "pattern": "(a"}]}))


@pytest.mark.parametrize("url, role", [
    ("https://www.mfa.gov.xy/news/2031/talks", "primary"),
    ("https://portal.go.xy/release/12", "primary"),
    ("https://www.gob.xy/presidencia/prensa/llamada", "primary"),
    ("https://www.state.gov/readout-of-the-secretarys-call/", "primary"),
    ("https://www.president.xy/en/news/318", "primary"),
    ("https://primeminister.xy/2031/04/02/call/", "primary"),
    ("https://ec.europa.eu/commission/presscorner/detail/en/x", "primary"),
    # not a government's own host: a news site that writes about one
    ("https://www.govtnews.xy/politics/call", "outlet"),
    ("https://gov.example.com/news", "outlet"),
    ("https://www.presidentialnews.xy/call", "outlet"),
    ("https://news.xy/gov.pl/call", "outlet"),
])
def test_an_unlisted_outlet_on_a_government_host_is_primary(rules: OutletRules, url: str, role: str) -> None:
    text = "The minister spoke by phone with her counterpart on Tuesday about fishing quotas."
    assert identify_outlet(text, url, "Office of Publications", None, rules).role == role


def test_a_listed_outlet_keeps_its_role_on_a_government_host(rules: OutletRules) -> None:
    text = "LONDON, May 3 (Reuters) - Ministers met on Tuesday to discuss fishing quotas."
    m = identify_outlet(text, "https://www.mfa.gov.xy/mirror/3", "Reuters", None, rules)
    assert (m.name, m.role) == ("Reuters", "wire")


def test_without_the_rule_a_government_host_means_nothing() -> None:
    data = yaml.safe_load((default_rules_dir() / "outlets.yaml").read_text("utf-8"))
    del data["government_hosts"]
    bare = parse_outlet_rules(rule_file(data))
    m = identify_outlet("The talks went well.", "https://www.mfa.gov.xy/a", "Office of Publications", None, bare)
    assert m.role == "outlet"

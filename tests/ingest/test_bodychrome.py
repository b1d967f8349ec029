"""Chrome inside and after the body found by shape in any language: related lists of
dated headlines, what follows a share bar, captions, a trailing teaser.

Every text here is written for these tests; people, outlets and events are invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from compare.core.rulefiles import RuleFile, default_rules_dir
from compare.ingest.bodychrome import is_caption, is_share_bar
from compare.ingest.boilerplate import BoilerplateRules, clean_text, parse_boilerplate_rules


@pytest.fixture(scope="module")
def rules() -> BoilerplateRules:
    path = default_rules_dir() / "boilerplate.yaml"
    rf = RuleFile(name="boilerplate", sources=(str(path),), data=yaml.safe_load(Path(path).read_text("utf-8")),
                  lines={})
    return parse_boilerplate_rules(rf)


BODY = [
    "Ministrii de externe ai Letoniei și Portugaliei s-au întâlnit luni la Riga pentru a discuta despre "
    "cooperarea în domeniul energiei și al transporturilor maritime.",
    "Cele două părți au convenit să deschidă o linie maritimă directă între porturile Riga și Sines până "
    "la sfârșitul anului viitor.",
    "Discuțiile s-au desfășurat într-o atmosferă prietenoasă, potrivit unui comunicat comun.",
]


def _clean(rules: BoilerplateRules, *paragraphs: str) -> str:
    return clean_text("\n\n".join(paragraphs) + "\n", rules)[0]


def test_a_list_of_dated_headlines_goes(rules: BoilerplateRules) -> None:
    out = _clean(rules, *BODY, "Vezi și\nMinistrul de externe vizitează Lisabona (02-03-2031)\n"
                              "Guvernul aprobă strategia pentru porturi (24-02-2031)")
    assert "Lisabona" not in out and "strategia" not in out
    assert BODY[-1] in out


def test_what_follows_a_share_bar_goes_unless_it_is_prose(rules: BoilerplateRules) -> None:
    footer = "Biroul de presă al Ministerului Afacerilor Externe"
    out = _clean(rules, *BODY, "Distribuie: Facebook | X | WhatsApp", footer)
    assert footer not in out and BODY[-1] in out
    # an article that goes on after an inline share bar keeps its paragraphs
    more = ("Ministrul portughez a invitat-o pe omologul său leton să viziteze Lisabona în primăvară, "
            "iar invitația a fost acceptată.")
    out = _clean(rules, BODY[0], "Distribuie: Facebook | X | WhatsApp", BODY[1], more)
    assert more in out and BODY[1] in out


def test_captions_between_paragraphs_go(rules: BoilerplateRules) -> None:
    captions = ["Fotografie: Cei doi miniștri la sosirea în palatul guvernului",
                "Bildtext: Ministrarna skakar hand efter mötet. (Foto: Utrikesdepartementet)",
                "Cei doi miniștri înaintea întâlnirii de la Riga. Sursa: Ministerul de Externe"]
    for caption in captions:
        out = _clean(rules, BODY[0], caption, BODY[1], BODY[2])
        assert caption not in out, caption
        assert BODY[1] in out


def test_a_long_run_in_label_is_the_body(rules: BoilerplateRules) -> None:
    # a cut paragraph opening with a label: the truncation check needs it
    cut = ("Analiză: linia maritimă directă ar putea reduce costurile de transport pentru exportatorii "
           "letoni de cherestea și pentru importatorii de")
    assert cut in _clean(rules, *BODY, cut)


def test_a_trailing_teaser_goes(rules: BoilerplateRules) -> None:
    teaser = "Citește și: Va reuși Riga să devină un port de tranzit pentru Asia?"
    out = _clean(rules, *BODY, teaser, "Etichete")
    assert teaser not in out and BODY[-1] in out


def test_shapes() -> None:
    assert is_share_bar("Chia sẻ: Facebook | Zalo | In bài")
    assert is_share_bar("Print | Facebook | LINE | X")
    assert not is_share_bar("Home | World | Politics | Economy")
    assert not is_share_bar("12 March 2031, 10:15 | Author: Ana Pop | 4 comments")
    assert not is_caption("Lavrov: We discussed the grain deal.")
    assert not is_caption("The meeting ended at 15:30.")


@given(st.lists(st.sampled_from(["Ana", "Riga", "talks", "port", "a", "the"]), min_size=3, max_size=12))
def test_a_sentence_with_a_label_is_no_caption(words: list[str]) -> None:
    # a finished statement after its speaker's name stays (interview, transcript)
    assert not is_caption("Speaker: " + " ".join(words) + ". More " + " ".join(words) + ".")


def test_a_long_capitalised_run_in_line_without_an_end_stays(rules: BoilerplateRules) -> None:
    cut = ("Primele discuții: Ministrul leton, care sosise mai devreme de la Bruxelles, a vorbit cu omologul "
           "său despre porturi, energie și despre o posibilă vizită la Lisabona în")
    assert cut in _clean(rules, *BODY, cut)


def test_a_labelled_last_statement_stays(rules: BoilerplateRules) -> None:
    last = "Context: Cei doi miniștri s-au mai întâlnit în 2029 la Lisabona."
    assert last in _clean(rules, *BODY, last, "Etichete")


@pytest.mark.parametrize("caption", [
    "Légende : Les deux ministres à leur arrivée à Riga, le 3 mars.",
    "Bildunterschrift: Die Minister vor dem Schloss in Riga.",
    "Didascalia: I due ministri a Riga, il 3 marzo.",
    "Fotoğraf: İki bakan Riga'da görüşme öncesinde.",
])
def test_caption_labels_of_more_languages(rules: BoilerplateRules, caption: str) -> None:
    out = _clean(rules, BODY[0], caption, BODY[1], BODY[2])
    assert caption not in out and BODY[1] in out

"""Languages the function-word table and the letter rules do not know are named by the
n-gram model where the table is unsure and the model is sure (compare/ingest/language.py:
SURE_SHARE, SURE_MARGIN, MODEL_SURE); the languages the rules tell apart stay theirs.

Every text here is written for these tests (invented people, real places).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import compare.ingest.language as language
from compare.ingest.language import detect_language, model_language

NEW_LATIN = [
    ("sl", "Zunanja ministrica Maja Kranjc se je v torek po telefonu pogovarjala s finskim kolegom. "
           "Pogovarjala sta se o ladijskem prometu na Baltiku in o novih pristaniščih."),
    ("et", "Välisminister Kadri Saar rääkis teisipäeval telefonis Soome kolleegiga. "
           "Nad arutasid laevaliiklust Läänemerel ja uusi sadamaid."),
    ("sq", "Ministri i Jashtëm Erion Shehu bisedoi të martën në telefon me kolegun e tij finlandez. "
           "Ata diskutuan për trafikun detar dhe portet e reja."),
    ("az", "Xarici işlər naziri Rəşad Əliyev çərşənbə axşamı Finlandiyalı həmkarı ilə telefonla danışıb. "
           "Tərəflər dəniz nəqliyyatını və yeni limanları müzakirə ediblər."),
    ("tl", "Nakipag-usap sa telepono noong Martes ang Kalihim ng Ugnayang Panlabas na si Ramon Cruz "
           "sa kanyang katapat mula sa Finland. Tinalakay nila ang kalakalan at ang mga bagong daungan."),
    ("lt", "Užsienio reikalų ministrė Rūta Petrauskienė antradienį telefonu kalbėjosi su Suomijos kolega. "
           "Jie aptarė laivybą Baltijos jūroje ir naujus uostus."),
]
NEW_OTHER_SCRIPTS = [
    ("mk", "Министерката за надворешни работи Ана Трајковска во вторникот телефонски разговараше "
           "со финскиот колега. Тие разговараа за поморскиот сообраќај и за новите пристаништа."),
    ("be", "Міністр замежных спраў Алесь Шумскі ў аўторак размаўляў па тэлефоне з фінскім калегам. "
           "Бакі абмеркавалі марскія перавозкі і новыя парты."),
    ("kk", "Сыртқы істер министрі Ерлан Жақсылықов сейсенбі күні фин әріптесімен телефон арқылы "
           "сөйлесті. Тараптар теңіз тасымалы мен жаңа порттарды талқылады."),
    ("mr", "परराष्ट्र मंत्री सुनील पाटील यांनी मंगळवारी फिनलंडच्या समकक्षांशी दूरध्वनीवरून चर्चा केली. "
           "दोघांनी सागरी वाहतूक आणि नवीन बंदरांबाबत चर्चा केली."),
    ("ne", "परराष्ट्रमन्त्री सीता गुरुङले मंगलबार फिनल्यान्डका समकक्षसँग टेलिफोनमा कुराकानी गरिन्। "
           "दुवै पक्षले समुद्री ढुवानी र नयाँ बन्दरगाहबारे छलफल गरे।"),
]
# Languages the table reads with a clear lead as a close relative it knows.
RELATIVES = [
    ("gl", "O ministro de Asuntos Exteriores, Xosé Lema, conversou o martes por teléfono co seu homólogo "
           "finlandés. Os dous abordaron o tráfico marítimo e os novos portos."),
    ("af", "Die minister van buitelandse sake, Johan Viljoen, het Dinsdag per telefoon met sy Finse "
           "eweknie gepraat. Die twee het skeepvaart en die nuwe hawens bespreek."),
]


# A short Urdu sentence with fewer Urdu-only letters than the letter rules need.
SHORT_URDU = [("ur", "وزیر اعظم شہباز احمد نے جمعرات کو نیپالی ہم منصب سے فون پر بات کی۔")]


@pytest.mark.parametrize(("lang", "text"), NEW_LATIN + NEW_OTHER_SCRIPTS + RELATIVES + SHORT_URDU)
def test_languages_only_the_model_knows(lang: str, text: str) -> None:
    assert detect_language(text) == lang


def test_a_text_the_table_is_sure_of_never_asks_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_ngram_model", lambda: pytest.fail("model consulted"))
    assert detect_language("The two leaders said in a statement that they had agreed to meet again "
                           "in the spring, and that the talks on the new port were going well.") == "en"
    assert detect_language("Les deux ministres ont dit qu'ils se retrouveront au printemps et que "
                           "les discussions sur le nouveau port avancent bien.") == "fr"
    # Russian letters alone: the letter rules answer
    assert detect_language("Министр иностранных дел Иван Петров во вторник провел телефонный "
                           "разговор с финским коллегой.") == "ru"


def test_without_the_model_the_rules_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(language, "_ngram_model", lambda: None)
    for _, text in NEW_LATIN:
        assert detect_language(text) in language._FUNCTION_WORDS or detect_language(text) == "en"
    assert detect_language(NEW_OTHER_SCRIPTS[0][1]) in {"ru", "uk", "bg", "sr"}
    assert detect_language(NEW_OTHER_SCRIPTS[3][1]) == "hi"
    assert detect_language(RELATIVES[0][1]) in ("pt", "es") and detect_language(RELATIVES[1][1]) == "nl"
    assert detect_language(SHORT_URDU[0][1]) == "fa"  # the letter rules alone


class _Fake:
    def __init__(self, probs: dict[str, float]) -> None:
        self.labels = list(probs)
        self._probs = probs

    def probabilities(self, text: str) -> dict[str, float]:
        return dict(self._probs)


@pytest.mark.parametrize(("probs", "exclude", "want"), [
    ({"sl": 0.95, "hr": 0.05}, frozenset(), "sl"),
    ({"sl": 0.79, "hr": 0.21}, frozenset(), None),  # below MODEL_SURE
    ({"wuu": 0.6, "zh": 0.35, "ja": 0.05}, frozenset(), "zh"),  # a variety counts for its language
    ({"ary": 0.5, "arz": 0.45, "fa": 0.05}, frozenset({"ar", "fa", "ur"}), None),  # the rules' own
    ({"la": 0.97, "it": 0.03}, frozenset(), None),  # no language of today's news
    ({"mk": 0.96, "bg": 0.04}, frozenset({"ru", "uk", "bg", "sr"}), "mk"),
])
def test_model_language(monkeypatch: pytest.MonkeyPatch, probs: dict[str, float],
                        exclude: frozenset[str], want: str | None) -> None:
    fake: Any = _Fake(probs)
    monkeypatch.setattr(language, "_ngram_model", lambda: fake)
    assert model_language("text", exclude) == want


def test_the_model_never_overrides_the_languages_the_letters_tell(monkeypatch: pytest.MonkeyPatch) -> None:
    # a Ukrainian text (letters "і", "ї") the model would call Belarusian stays Ukrainian
    fake: Any = _Fake({"be": 0.99, "uk": 0.01})
    monkeypatch.setattr(language, "_ngram_model", lambda: fake)
    text = ("Міністр закордонних справ Олена Ковальчук у вівторок провела телефонну розмову з колегою "
            "з Фінляндії. Сторони обговорили їхні спільні інтереси.")
    assert detect_language(text) == "be"  # Belarusian is no language the rules tell: the model's
    fake2: Any = _Fake({"ru": 0.99, "uk": 0.01})
    monkeypatch.setattr(language, "_ngram_model", lambda: fake2)
    assert detect_language(text) == "uk"  # Russian is one they tell: the rules' answer stays


_ALPHABETS = st.sampled_from([
    "abcdefghijklmnopqrstuvwxyz ", "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіўәғқңөұүһјљњ ",
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويپچژگکیٹڈڑںے ", "अआइईउऊएऐओऔकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसह िीुू्",
    "αβγδεζηθικλμνξοπρστυφχψω ", "ÀÉÎÕÜçñøåæœß .,;!?\n"])


@given(st.lists(st.tuples(_ALPHABETS, st.integers(0, 60)), max_size=6), st.randoms(use_true_random=False))
@settings(max_examples=120, deadline=None)
def test_any_text_gets_a_language_code(parts: list[tuple[str, int]], rnd: Any) -> None:
    text = "".join("".join(rnd.choice(alphabet) for _ in range(n)) for alphabet, n in parts)
    lang = detect_language(text)
    assert lang == "und" or (lang.isalpha() and lang.islower() and 2 <= len(lang) <= 3)

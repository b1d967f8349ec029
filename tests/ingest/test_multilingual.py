"""Ingest on pages in other scripts and languages: word units, chrome, language, cuts.

Every text here is invented for these tests (no person, outlet or event is real).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compare.core.textnorm import ends_sentence_strict, tokens, word_count
from compare.ingest.language import detect_language

# ---------------------------------------------------------------- word units


def test_spaceless_scripts_count_about_one_unit_per_word() -> None:
    assert word_count("湖北省长与来访的越南代表团举行了会谈。") == 9  # 17 Han characters -> 9 units
    assert word_count("首相は水曜日に記者会見を開いた") == 8
    assert word_count("The harbour reopened on Friday") == 5
    assert word_count("市长李明3日会见了客人") == 6  # digits split the run
    assert tokens("港口 reopened") == ["港口", "reopened"]
    assert word_count("ประเทศไทยประกาศ") == 4  # 15 Thai characters


@given(st.text(alphabet="湖北省长会见代表团。，abc de", max_size=60))
def test_word_count_is_additive_over_spaces(text: str) -> None:
    parts = text.split(" ")
    assert word_count(text) == sum(word_count(p) for p in parts)


def test_sentence_ends_of_other_scripts() -> None:
    for line in ("会谈在友好气氛中进行。", "他说：「明天再谈！」", "¿Habrá acuerdo?", "هل سيتم الاتفاق؟",
                 "बैठक समाप्त हुई।", "Он сказал: «Договорились».", "Er sagte: „Wir reden weiter.“"):
        assert ends_sentence_strict(line), line
    assert not ends_sentence_strict("会谈在友好气氛中进行")


ZH_PAGE = """山海日报 > 国际 > 亚洲
首页 | 国际 | 财经 | 体育 | 视频

湖北省代表团访问越南 双方同意扩大农业合作

2031-05-14 09:20　来源：山海日报

本报河内5月13日电　湖北省省长周文涛13日在河内会见越南农业部长阮文安，双方同意扩大水稻种植技术合作。

周文涛表示，湖北愿同越方加强港口物流和职业教育合作。阮文安说，越方欢迎更多湖北企业到越南投资。

· 长江航运量创同期新高（2031-05-12）
· 武汉举办国际汽车展（2031-05-10）

分享到：微信　微博
"""


# ---------------------------------------------------------------- language


@pytest.mark.parametrize("lang,text", [
    ("en", "The council said that the new bridge will be opened in the spring by the mayor."),
    ("fr", "Le conseil a indiqué que le nouveau pont sera ouvert au printemps par le maire."),
    ("de", "Der Rat teilte mit, dass die neue Brücke im Frühjahr von der Bürgermeisterin eröffnet wird."),
    ("es", "El consejo dijo que el nuevo puente será inaugurado en la primavera por la alcaldesa."),
    ("it", "Il consiglio ha detto che il nuovo ponte sarà aperto in primavera dalla sindaca della città."),
    ("pt", "O conselho disse que a nova ponte será aberta na primavera pela prefeita da cidade."),
    ("nl", "De raad zei dat de nieuwe brug in het voorjaar door de burgemeester wordt geopend."),
    ("pl", "Rada poinformowała, że nowy most zostanie otwarty wiosną przez burmistrza miasta."),
    ("zh", "市议会表示，新大桥将于春季由市长主持通车。"),
    ("ja", "市議会は、新しい橋が春に市長によって開通すると発表した。"),
    ("ko", "시의회는 새 다리가 봄에 시장에 의해 개통될 것이라고 밝혔다."),
    ("ru", "Городской совет сообщил, что новый мост откроют весной."),
    ("uk", "Міська рада повідомила, що новий міст відкриють навесні, і це її рішення."),
    ("el", "Το δημοτικό συμβούλιο ανακοίνωσε ότι η νέα γέφυρα θα ανοίξει την άνοιξη."),
    ("ar", "وقال المجلس البلدي إن الجسر الجديد سيفتتح في الربيع."),
])
def test_language_from_script_and_function_words(lang: str, text: str) -> None:
    assert detect_language(text) == lang


def test_language_of_a_page_with_foreign_furniture() -> None:
    english = ("The council said that the new bridge will be opened in the spring. It was the first vote "
               "on the project since the election.")
    assert detect_language("首页 | 国际 | 视频\n" + english) == "en"
    assert detect_language("Home | World | Video\n" + ZH_PAGE) == "zh"
    assert detect_language("2031-05-14 12:00") == "und"

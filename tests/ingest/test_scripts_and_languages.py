"""Ingest on pages in other scripts and languages: word units, chrome, language, cuts.

Every text here is invented for these tests (no person, outlet or event is real).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from compare.core.models import SourceText
from compare.core.rulefiles import RuleFile, default_rules_dir
from compare.core.textnorm import ends_sentence_strict, is_breadcrumb, tokens, word_count
from compare.ingest.boilerplate import BoilerplateRules, clean_text, parse_boilerplate_rules
from compare.ingest.documents import build_document, is_truncated
from compare.ingest.language import detect_language
from compare.ingest.outlets import OutletRules, parse_outlet_rules


def _rf(name: str) -> RuleFile:
    path = default_rules_dir() / f"{name}.yaml"
    return RuleFile(name=name, sources=(str(path),), data=yaml.safe_load(path.read_text("utf-8")), lines={})


@pytest.fixture(scope="module")
def rules() -> BoilerplateRules:
    return parse_boilerplate_rules(_rf("boilerplate"))


@pytest.fixture(scope="module")
def outlets() -> OutletRules:
    return parse_outlet_rules(_rf("outlets"))


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


# ---------------------------------------------------------------- cleaning

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


def test_chinese_paragraphs_are_body_not_short_lines(rules: BoilerplateRules) -> None:
    clean, _ = clean_text(ZH_PAGE, rules)
    assert "双方同意扩大水稻种植技术合作。" in clean
    assert "阮文安说，越方欢迎更多湖北企业到越南投资。" in clean
    assert "湖北省代表团访问越南 双方同意扩大农业合作" in clean  # the headline
    assert "2031-05-14 09:20" in clean  # the stamp stays for the dates stage
    for chrome in ("首页", "长江航运量", "武汉举办", "分享到"):
        assert chrome not in clean, chrome


def test_unknown_heading_with_one_item_and_bracketed_credit(rules: BoilerplateRules) -> None:
    page = ("湖北省代表团访问越南\n\n"
            "湖北省省长周文涛13日在河内会见越南农业部长阮文安，双方同意扩大水稻种植技术合作。\n\n"
            "【责任编辑：王芳】\n\n延伸阅读\n· 长江航运量创同期新高（2031-05-12）\n")
    clean, _ = clean_text(page, rules)
    assert clean.endswith("双方同意扩大水稻种植技术合作。"), clean


@pytest.mark.parametrize("heading,items,share", [
    ("Zum Weiterlesen", ["Hafen Kiel: Neue Fährlinie nach Oslo (12.05.2031)",
                         "Kommentar: Der Norden braucht mehr Brücken (09.05.2031)"], "Teilen Drucken"),
    ("À découvrir", ["Lyon : le tramway prolongé jusqu'à Vaulx (12 mai)",
                     "Météo : un week-end pluvieux dans l'Ouest (11 mai)"], "Partager Imprimer"),
    ("Más noticias", ["Valencia amplía el puerto para cruceros (12/05/2031)",
                      "Opinión: El agua que falta en el sur (10/05/2031)"], "Compartir Imprimir"),
])
def test_headline_lists_and_share_labels_in_any_language(rules: BoilerplateRules, heading: str,
                                                         items: list[str], share: str) -> None:
    body = ("The regional council approved the budget for the new ferry terminal on Tuesday after a "
            "long debate about its cost.\n\nWork on the quay is due to start in the autumn, the mayor said.")
    page = f"Local news\n\nFerry terminal budget approved\n\n{body}\n\n{heading}\n" + "\n".join(items) \
        + f"\n\n{share}\n"
    clean, _ = clean_text(page, rules)
    assert clean.endswith("the mayor said."), clean
    assert heading not in clean and all(x not in clean for x in items)


def test_a_cut_sentence_at_the_end_is_not_taken_for_chrome(rules: BoilerplateRules) -> None:
    page = ("Ferry terminal budget approved\n\nThe regional council approved the budget for the new ferry "
            "terminal on Tuesday after a long debate.\n\nRelated\nHarbour fees to rise (May 2)\n\n"
            "The mayor and the port director agreed t")
    clean, _ = clean_text(page, rules)
    assert clean.endswith("the port director agreed t")
    assert "Harbour fees" not in clean
    assert is_truncated(clean)


def test_wrapped_prose_lines_are_not_a_list(rules: BoilerplateRules) -> None:
    page = ("Ferry terminal budget approved\n\nThe regional council approved the budget for the new ferry "
            "terminal on Tuesday.\n\nWork on the quay is due to start\nin the autumn, and the mayor said the "
            "cost\nwould be shared with the port authority.")
    clean, _ = clean_text(page, rules)
    assert "in the autumn, and the mayor said" in clean


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


# ---------------------------------------------------------------- truncation

LEAD = "The regional council approved the budget for the new ferry terminal on Tuesday after a long debate.\n"


@pytest.mark.parametrize("text,cut", [
    (LEAD + "Councillors also said that the timetable would be reviewed before the", True),
    (LEAD + "Councillors said the timetable would be reviewed.", False),
    (LEAD + "More to follow", False),
    (LEAD + "The mayor said: \u201cWe will", True),  # an opening quote left open
    (LEAD + "The port director, who", True),  # a comma inside a short line
    (LEAD + "Both sides agreed t", True),  # a lone letter: cut mid-word
    (LEAD + "Reporting by the news desk (Oslo)", False),  # a credit in brackets
    ("市议会周二批准了新渡轮码头的预算，工程将于秋季开工。\n市长表示，费用将由港务局和市政府共同", True),
    ("市议会周二批准了新渡轮码头的预算，工程将于秋季开工。\n市长表示，费用将由港务局和市政府共同承担。", False),
    ("El consejo aprobó el presupuesto de la nueva terminal de ferris tras un largo debate.\n"
     "La alcaldesa dijo que las obras empezarán en otoño y que el coste se", True),
    ("El consejo aprobó el presupuesto de la nueva terminal de ferris tras un largo debate.\n"
     "¿Quién pagará las obras del muelle y de la nueva estación marítima?", False),
    # one paragraph of several sentences, cut: still a cut text
    ("The council approved the budget on Tuesday. The mayor said the work would start in the autumn and "
     "that the cost would be shared with the port authority, which runs the ferries and owns the qu", True),
    ("Ferry terminal budget approved after a long debate in the regional council of the northern county "
     "on Tuesday evening with a large majority of the members present", False),  # a long headline alone
])
def test_truncation_in_several_languages(text: str, cut: bool) -> None:
    assert is_truncated(text) is cut


def test_built_chinese_document(rules: BoilerplateRules, outlets: OutletRules) -> None:
    doc = build_document(SourceText(path=str(Path("in/zh.txt")), text=ZH_PAGE, sha256="cd" * 32, fmt="txt"),
                         rules, outlets)
    assert doc.language == "zh"
    assert doc.truncated is False
    assert doc.title == "湖北省代表团访问越南 双方同意扩大农业合作"


# ---------------------------------------------------------------- titles


@pytest.mark.parametrize("page,title", [
    ("Zum Inhalt springen\nStartseite Politik Wirtschaft Kultur Service\n\n"
     "Landrätin eröffnet die neue Fähre zwischen Kiel und Laboe\n\n12.05.2031\n\n"
     "Die Landrätin hat am Dienstag die neue Fähre zwischen Kiel und Laboe eröffnet. Die Fähre fährt "
     "künftig stündlich.", "Landrätin eröffnet die neue Fähre zwischen Kiel und Laboe"),
    ("Passer au contenu\nAccueil Régions Économie Culture Sports\n\n"
     "La maire de Brest inaugure le nouveau téléphérique du port\n\n"
     "La maire de Brest a inauguré mardi le nouveau téléphérique du port, qui relie les deux rives en "
     "trois minutes.", "La maire de Brest inaugure le nouveau téléphérique du port"),
    ("Noticias del puerto y del mar\nInicio Puertos Pesca Opinión\n\n"
     "El puerto de Vigo estrena una terminal de cruceros\n\n"
     "El puerto de Vigo estrenó el martes su nueva terminal de cruceros, con capacidad para tres "
     "barcos a la vez.", "El puerto de Vigo estrena una terminal de cruceros"),
    ("山海日报 > 地方\n\n山海日报官方网站 服务读者\n\n青岛港新码头正式启用 年吞吐能力提升三成\n\n"
     "青岛港新码头12日正式启用，年吞吐能力提升三成，港口方面表示将增加航线。",
     "青岛港新码头正式启用 年吞吐能力提升三成"),
])
def test_title_is_the_line_the_body_repeats(rules: BoilerplateRules, outlets: OutletRules, page: str,
                                            title: str) -> None:
    doc = build_document(SourceText(path="in/p.txt", text=page, sha256="ef" * 32, fmt="txt"), rules, outlets)
    assert doc.title == title


def test_long_breadcrumb_trails() -> None:
    assert is_breadcrumb("Home > Regions > Central Asia and the Caucasus > Kazakhstan")
    assert is_breadcrumb("Accueil > Régions > Afrique du Nord et Moyen-Orient > Égypte")
    assert not is_breadcrumb("Prices > costs as the harbour authority raises its fees")  # two parts: a headline


def test_bulleted_headlines_go_even_without_blank_lines(rules: BoilerplateRules) -> None:
    page = ("Ferry terminal budget approved\nThe regional council approved the budget for the new ferry terminal "
            "on Tuesday after a long debate.\nThe mayor said the quay would be ready in the autumn.\n"
            "- 地方新闻:Harbour fees to rise for cruise ships from next year\n"
            "- 地方新闻:Storm closes coastal road between two villages in the north\n"
            "- 地方新闻:Fishing fleet lands record catch of herring in the bay\n")
    clean, _ = clean_text(page, rules)
    assert clean.endswith("ready in the autumn."), clean
    points = ("Ferry terminal budget approved\nThe regional council approved the budget for the new ferry terminal "
              "on Tuesday after a long debate.\n- The quay will be ready in the autumn.\n"
              "- Fees for cruise ships will rise next year.\n- The old pier will be repaired by the city.\n")
    assert clean_text(points, rules)[0].endswith("repaired by the city.")


def test_a_list_a_body_sentence_introduces_stays(rules: BoilerplateRules) -> None:
    page = ("Ferry terminal budget approved\n\nThe regional council approved the budget for the new ferry terminal "
            "on Tuesday after a long debate.\n\nThe delegation to Oslo will include:\n"
            "Harbour Master Eva Lund, head of the port authority\nDeputy Mayor Tor Berg, in charge of transport\n"
            "Councillor Ida Nes, chair of the finance committee\n")
    assert clean_text(page, rules)[0].endswith("Councillor Ida Nes, chair of the finance committee")

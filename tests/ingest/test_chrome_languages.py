"""Site chrome in languages the rules were not first written for: cookie notices, share
lines, comment widgets, search boxes and related-article lists go; body sentences that use
the same words stay.  Every page here is written for these tests (invented sites and
people)."""

from __future__ import annotations

import pytest

from compare.core.rulefiles import RuleFile, default_rules_dir
from compare.core.textnorm import word_count
from compare.ingest.boilerplate import BoilerplateRules, clean_text, parse_boilerplate_rules

BODY = {
    "pt": ("O ministro da Agricultura, Rui Tavares, visitou na segunda-feira o porto de Santos para "
           "acompanhar o embarque de soja destinado à Ásia."),
    "it": ("Il ministro dell'Agricoltura Carla Moretti ha visitato lunedì il porto di Taranto per "
           "seguire l'imbarco del grano destinato all'Africa."),
    "pl": ("Minister rolnictwa Anna Zielińska odwiedziła w poniedziałek port w Gdyni, aby obejrzeć "
           "załadunek zboża przeznaczonego do Afryki."),
    "tr": ("Tarım Bakanı Zeynep Aydın pazartesi günü Mersin limanını ziyaret ederek Afrika'ya "
           "gönderilecek buğdayın yüklenmesini izledi."),
    "id": ("Menteri Pertanian Sari Lestari pada Senin mengunjungi pelabuhan Tanjung Priok untuk "
           "meninjau pemuatan beras yang akan dikirim ke Afrika."),
    "uk": ("Міністр аграрної політики Олена Гнатюк у понеділок відвідала порт Ізмаїла, щоб "
           "оглянути завантаження зерна до Африки."),
    "hi": "कृषि मंत्री अनिल वर्मा ने सोमवार को कांडला बंदरगाह का दौरा किया और अफ्रीका भेजे जा रहे गेहूं की लदाई देखी।",
}


@pytest.fixture(scope="module")
def rules() -> BoilerplateRules:
    import yaml

    path = default_rules_dir() / "boilerplate.yaml"
    return parse_boilerplate_rules(RuleFile(name="boilerplate", sources=(str(path),),
                                            data=yaml.safe_load(path.read_text("utf-8")), lines={}))


@pytest.mark.parametrize(("lang", "chrome"), [
    ("pt", "Este portal utiliza cookies para melhorar a sua experiência. Aceitar"),
    ("pt", "Ao navegar neste site, você concorda com o uso de cookies."),
    ("it", "Questo sito usa cookie di terze parti. Chiudi | Impostazioni"),
    ("pl", "Korzystając z serwisu, zgadzasz się na użycie plików cookie."),
    ("pl", "Ta witryna wykorzystuje pliki cookie. [Zamknij]"),
    ("tr", "Sitemizde çerezler kullanılmaktadır. Gizlilik Politikası"),
    ("id", "Situs web ini menggunakan cookie. Pengaturan"),
    ("uk", "Продовжуючи перегляд, ви погоджуєтеся з використанням файлів cookie."),
    ("pt", "Compartilhe: Facebook | X | Telegram"),
    ("it", "Condividi: Facebook | WhatsApp | Email"),
    ("pl", "Udostępnij: Facebook | X"),
    ("id", "Bagikan ini: Facebook | X"),
    ("hi", "साझा करें: फेसबुक | व्हाट्सऐप"),
    ("id", "Komentar (3)"),
    ("pt", "Deixe uma resposta"),
    ("pt", "O seu endereço de e-mail não será publicado. Campos obrigatórios marcados com *"),
    ("id", "Suka ini: Memuat..."),
    ("id", "Silakan login untuk berkomentar."),
    ("pl", "Szukaj..."),
])
def test_chrome_line_goes_and_body_stays(rules: BoilerplateRules, lang: str, chrome: str) -> None:
    for text in (f"{BODY[lang]}\n\n{chrome}", f"{chrome}\n\n{BODY[lang]}"):
        out = clean_text(text, rules)[0]
        assert out.strip() == BODY[lang], (lang, chrome, out)


@pytest.mark.parametrize("sentence", [
    # body sentences that use the words of cookie notices and share lines
    "A delegação visitou o site da nova fábrica de biscoitos e cookies em Campinas, que exporta para o Egito.",
    "Türk heyeti, çerez ve kuruyemiş ihracatının geçen yıl yüzde 12 arttığını açıkladı.",
    "The website of the ministry uses a map to show where the new cookie factory will be built next year.",
    "Compartilhe-se a responsabilidade, disse o ministro: os dois países vão dividir os custos da ponte.",
    "Komentar presiden soal pinjaman itu disampaikan di Istana Merdeka pada Senin malam.",
])
def test_body_sentences_with_chrome_words_stay(rules: BoilerplateRules, sentence: str) -> None:
    text = f"{BODY['pt']}\n\n{sentence}\n\n{BODY['it']}"
    assert sentence in clean_text(text, rules)[0]


def test_a_related_list_in_another_language_goes_with_a_question_headline(rules: BoilerplateRules) -> None:
    text = (f"{BODY['id']}\n\nBerita terkait\nHarga beras naik di tiga provinsi\n"
            f"Apakah ekspor jagung akan dibuka lagi?\n\n{BODY['id'][:40]} lanjut.")
    out = clean_text(text, rules)[0]
    assert "Harga beras" not in out and "Apakah" not in out and BODY["id"] in out


def test_words_with_combining_marks_are_one_word() -> None:
    # Devanagari vowel signs are combining marks: "करें" is one word, not two
    assert word_count("शेयर करें") == 2
    assert word_count(BODY["hi"]) == 21
    assert word_count("café crème brûlée") == 3

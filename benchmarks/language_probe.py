"""Event date and participants of short news items in 59 languages, as the pipeline reads them.

Every text here is written for this probe (the leaders are invented, the places real):
a title line and two or three sentences reporting a call or a meeting of two leaders,
with the event date written the way the language's press writes it (a full date, a day
and month with a publication date, a weekday or "yesterday" relative to the publication
date, an agency dateline, native digits, month-first forms).  Each text goes through
:func:`compare.pipeline.prepare_one` (cleaning, title, language, dates, participants)
with the shipped rules, the publication date given as a manifest gives it.

    .venv/bin/python benchmarks/language_probe.py            # one line per case, the pass rate
    .venv/bin/python benchmarks/language_probe.py --failures # only the cases that fail

``tests/events/test_language_probe.py`` runs the same cases.  The publication date,
when given, is Friday 4 December 2026.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
from collections.abc import Sequence
from functools import lru_cache

from attrs import frozen

from compare.core.models import Document, SourceText
from compare.events.identity import same_name, surname_key
from compare.events.participants import parse_participant

D = dt.date
PUB = D(2026, 12, 4)  # a Friday
THU, WED, TUE = D(2026, 12, 3), D(2026, 12, 2), D(2026, 12, 1)


@frozen
class Case:
    lang: str
    text: str  # the title, a blank line, the body
    pub: dt.date | None
    want: dt.date
    # the two leaders' surnames as the text writes them (nominative)
    who: tuple[str, str]
    what: str  # the date form the case is about

    @property
    def name(self) -> str:
        return f"{self.lang}-{self.what}"


def _c(lang: str, title: str, body: str, pub: dt.date | None, want: dt.date, who: tuple[str, str],
       what: str) -> Case:
    return Case(lang, f"{title}\n\n{body}", pub, want, who, what)


CASES: tuple[Case, ...] = (
    # --- German
    _c("de", "Brandt telefoniert mit Zielinski",
       "Bundeskanzler Felix Brandt hat am Donnerstag mit dem polnischen Präsidenten Marek Zielinski "
       "telefoniert. Die beiden Politiker sprachen über die Energieversorgung und die Lage in der Ukraine. "
       "Ein Treffen ist für Januar geplant.", PUB, THU, ("Brandt", "Zielinski"), "weekday"),
    _c("de", "Brandt empfängt Claes in Berlin",
       "BERLIN, 3. Dezember (Reuters) - Bundeskanzler Felix Brandt hat am Mittwoch den belgischen "
       "Premierminister Pieter Claes im Kanzleramt empfangen. Die beiden Regierungschefs berieten über "
       "die Migrationspolitik.", PUB, WED, ("Brandt", "Claes"), "dateline+weekday"),
    # --- French
    _c("fr", "Entretien téléphonique entre Paul Mercier et Felix Brandt",
       "Le président Paul Mercier s'est entretenu jeudi 3 décembre par téléphone avec le chancelier "
       "allemand Felix Brandt. Les deux dirigeants ont évoqué la situation au Proche-Orient.", PUB, THU,
       ("Mercier", "Brandt"), "weekday-daymonth"),
    _c("fr", "Paul Mercier reçoit Daniel Roy à l'Élysée",
       "PARIS, 4 déc (AFP) - Le président Paul Mercier a reçu hier à l'Élysée le Premier ministre canadien "
       "Daniel Roy. Les deux hommes ont signé une déclaration commune sur le climat.", PUB, THU,
       ("Mercier", "Roy"), "dateline+yesterday"),
    # --- Spanish
    _c("es", "Molina y Ferreira hablan por teléfono",
       "El presidente Javier Molina conversó por teléfono el miércoles con su homólogo brasileño, Lucas "
       "Ferreira. Ambos mandatarios repasaron la agenda comercial entre los dos países.", PUB, WED,
       ("Molina", "Ferreira"), "weekday"),
    _c("es", "Molina recibe a Costa en la Moncloa",
       "MADRID, 3 dic (EFE).- El presidente del Gobierno, Javier Molina, se reunió este jueves en la "
       "Moncloa con el primer ministro portugués, Rui Costa. Ambos acordaron reforzar las interconexiones "
       "eléctricas.", PUB, THU, ("Molina", "Costa"), "dateline+este-weekday"),
    # --- Italian
    _c("it", "Colloquio telefonico Bianchi-Brandt",
       "Il presidente del Consiglio Marco Bianchi ha avuto giovedì un colloquio telefonico con il "
       "cancelliere tedesco Felix Brandt. Al centro del colloquio la politica energetica europea.", PUB, THU,
       ("Bianchi", "Brandt"), "weekday"),
    _c("it", "Bianchi incontra Kranjc a Roma",
       "ROMA, 3 dicembre 2026 – Il presidente del Consiglio Marco Bianchi ha incontrato oggi a Palazzo Chigi "
       "il presidente sloveno Janez Kranjc. I due hanno discusso di infrastrutture e di migrazioni.", None,
       THU, ("Bianchi", "Kranjc"), "dateline+today"),
    # --- Portuguese
    _c("pt", "Ferreira conversa por telefone com Suárez",
       "O presidente Lucas Ferreira conversou por telefone nesta quinta-feira (3) com o presidente argentino "
       "Martín Suárez. Os dois líderes trataram do acordo comercial do Mercosul.", PUB, THU,
       ("Ferreira", "Suárez"), "weekday(day)"),
    _c("pt", "Costa recebe Neves em São Bento",
       "Lisboa, 2 de dezembro de 2026 - O primeiro-ministro Rui Costa recebeu ontem em São Bento o presidente "
       "cabo-verdiano José Neves. Os dois governantes assinaram um acordo de cooperação.", None, TUE,
       ("Costa", "Neves"), "dateline+yesterday"),
    # --- Dutch
    _c("nl", "De Vries belt met Brandt",
       "Premier Jan de Vries heeft donderdag telefonisch gesproken met de Duitse bondskanselier Felix Brandt. "
       "De twee regeringsleiders bespraken de steun aan Oekraïne.", PUB, THU, ("Vries", "Brandt"), "weekday"),
    _c("nl", "De Vries ontvangt Claes",
       "DEN HAAG, 3 december - Premier Jan de Vries heeft woensdag in het Catshuis de Belgische premier "
       "Pieter Claes ontvangen. De twee spraken over de grensoverschrijdende samenwerking.", PUB, WED,
       ("Vries", "Claes"), "dateline+weekday"),
    # --- Swedish
    _c("sv", "Lindqvist talade med Laine",
       "Statsminister Erik Lindqvist talade i telefon med Finlands president Mikko Laine i torsdags. "
       "Samtalet handlade om säkerhetsläget i Östersjön.", PUB, THU, ("Lindqvist", "Laine"), "i torsdags"),
    _c("sv", "Lindqvist träffade Berg i Oslo",
       "Stockholm den 3 december 2026\nStatsminister Erik Lindqvist träffade på onsdagen Norges statsminister "
       "Ola Berg i Oslo. De två kom överens om ett nytt energisamarbete.", None, WED, ("Lindqvist", "Berg"),
       "stamp+weekday-def"),
    _c("sv", "Lindqvist tog emot Berg i Rosenbad",
       "Statsminister Erik Lindqvist tog i onsdags emot Norges statsminister Ola Berg i Rosenbad. Mötet "
       "handlade om elpriserna och försvaret.", PUB, WED, ("Lindqvist", "Berg"), "i onsdags, verb not a cue"),
    # --- Danish
    _c("da", "Holm talte med Brandt",
       "Statsminister Mette Holm talte torsdag i telefon med Tysklands kansler Felix Brandt. De to drøftede "
       "situationen i Ukraine.", PUB, THU, ("Holm", "Brandt"), "weekday"),
    _c("da", "Holm mødtes med Lindqvist",
       "København, 2. december 2026: Statsminister Mette Holm mødtes i går med Sveriges statsminister Erik "
       "Lindqvist. De aftalte at styrke samarbejdet om forsvar.", None, TUE, ("Holm", "Lindqvist"),
       "dateline+yesterday"),
    # --- Norwegian
    _c("no", "Berg snakket med Lindqvist",
       "Statsminister Ola Berg snakket i telefon med Sveriges statsminister Erik Lindqvist torsdag. De to "
       "lederne diskuterte energiprisene og forsvarssamarbeidet.", PUB, THU, ("Berg", "Lindqvist"), "weekday"),
    _c("no", "Berg møtte Laine i Oslo",
       "Statsminister Ola Berg møtte i går Finlands president Mikko Laine i Oslo. Møtet handlet om "
       "sikkerheten i nordområdene.", PUB, THU, ("Berg", "Laine"), "yesterday"),
    # --- Finnish
    _c("fi", "Laine keskusteli Lindqvistin kanssa",
       "Presidentti Mikko Laine keskusteli torstaina puhelimessa Ruotsin pääministerin Erik Lindqvistin "
       "kanssa. Keskustelussa käsiteltiin Itämeren turvallisuutta.", PUB, THU, ("Laine", "Lindqvist"),
       "weekday-essive"),
    _c("fi", "Virtanen tapasi Kaskin",
       "Helsinki 3.12.2026 – Pääministeri Aino Virtanen tapasi eilen Viron pääministerin Kaia Kaskin "
       "Tallinnassa. Tapaamisessa sovittiin energiayhteistyön jatkamisesta.", None, WED, ("Virtanen", "Kask"),
       "numeric+yesterday"),
    # --- Polish
    _c("pl", "Nowak rozmawiał z Brandtem",
       "Premier Jan Nowak rozmawiał w czwartek telefonicznie z kanclerzem Niemiec Felixem Brandtem. "
       "Rozmowa dotyczyła bezpieczeństwa energetycznego.", PUB, THU, ("Nowak", "Brandt"), "weekday"),
    _c("pl", "Wiśniewska spotkała się z Kazlauskasem",
       "Warszawa, 3 grudnia 2026 r. – Prezydent Anna Wiśniewska spotkała się wczoraj z prezydentem Litwy "
       "Jonasem Kazlauskasem. Rozmawiano o wschodniej flance NATO.", None, WED, ("Wiśniewska", "Kazlauskas"),
       "dateline+yesterday"),
    # --- Czech
    _c("cs", "Novák telefonoval s Brandtem",
       "Premiér Petr Novák ve čtvrtek telefonoval s německým kancléřem Felixem Brandtem. Hovořili o "
       "dodávkách plynu a o pomoci Ukrajině.", PUB, THU, ("Novák", "Brandt"), "weekday"),
    _c("cs", "Dvořák se setkal s Kováčem",
       "Praha 3. prosince 2026 – Prezident Jan Dvořák se včera setkal se slovenským prezidentem Martinem "
       "Kováčem. Oba prezidenti jednali o dopravních spojeních.", None, WED, ("Dvořák", "Kováč"),
       "dateline+yesterday"),
    _c("cs", "Dvořák přijal Kováče na Hradě",
       "Prezident Jan Dvořák ve středu přijal na Pražském hradě slovenského prezidenta Martina Kováče. Při "
       "jednání se oba prezidenti shodli na společném postupu v dopravě.", PUB, WED, ("Dvořák", "Kováč"),
       "weekday, verb not a cue"),
    # --- Slovak
    _c("sk", "Kováč telefonoval s Novákom",
       "Premiér Martin Kováč vo štvrtok telefonoval s českým premiérom Petrom Novákom. Témou rozhovoru bola "
       "energetika.", PUB, THU, ("Kováč", "Novák"), "weekday"),
    _c("sk", "Horváth sa stretol so Szabóom",
       "Bratislava 2. decembra 2026 – Prezident Juraj Horváth sa dnes stretol s maďarským prezidentom "
       "Gáborom Szabóom. Rokovali o cezhraničnej spolupráci.", None, WED, ("Horváth", "Szabó"),
       "dateline+today"),
    # --- Romanian
    _c("ro", "Popescu a vorbit la telefon cu Brandt",
       "Președintele Andrei Popescu a avut joi o convorbire telefonică cu cancelarul german Felix Brandt. "
       "Cei doi au discutat despre securitatea energetică.", PUB, THU, ("Popescu", "Brandt"), "short weekday"),
    _c("ro", "Ionescu s-a întâlnit cu Petrov",
       "București, 3 decembrie 2026 – Premierul Ion Ionescu s-a întâlnit miercuri cu premierul bulgar "
       "Georgi Petrov. Cei doi au discutat despre podul de la Dunăre.", None, WED, ("Ionescu", "Petrov"),
       "dateline+weekday"),
    # --- Hungarian (surname first)
    _c("hu", "Kovács Péter telefonon beszélt Brandttal",
       "Kovács Péter miniszterelnök csütörtökön telefonon beszélt Felix Brandt német kancellárral. A két "
       "vezető az energiaellátásról egyeztetett.", PUB, THU, ("Kovács", "Brandt"), "weekday"),
    _c("hu", "Szabó Gábor fogadta Kováčot",
       "Budapest, 2026. december 2. – Szabó Gábor köztársasági elnök tegnap fogadta Martin Kováč szlovák "
       "elnököt. A két elnök a határ menti együttműködésről tárgyalt.", None, TUE, ("Szabó", "Kováč"),
       "ymd+yesterday"),
    # --- Croatian
    _c("hr", "Horvat razgovarao s Brandtom",
       "Premijer Ivan Horvat u četvrtak je telefonom razgovarao s njemačkim kancelarom Felixom Brandtom. "
       "Razgovarali su o energetskoj sigurnosti.", PUB, THU, ("Horvat", "Brandt"), "weekday"),
    _c("hr", "Babić se sastao s Kranjcem",
       "ZAGREB, 3. prosinca 2026. - Predsjednik Marko Babić sastao se jučer sa slovenskim predsjednikom "
       "Janezom Kranjcem. Razgovarali su o graničnom prijelazu.", None, WED, ("Babić", "Kranjc"),
       "dateline+yesterday"),
    # --- Serbian (Cyrillic)
    _c("sr", "Јовановић разговарао са Ковачем",
       "Председник Милан Јовановић разговарао је у четвртак телефоном са мађарским премијером Петером "
       "Ковачем. Разговарали су о енергетици.", PUB, THU, ("Јовановић", "Ковач"), "weekday"),
    _c("sr", "Јовановић се састао са Хорватом",
       "БЕОГРАД, 3. децембра 2026. - Председник Милан Јовановић састао се јуче са хрватским премијером Иваном "
       "Хорватом. Разговарали су о граничним прелазима.", None, WED, ("Јовановић", "Хорват"),
       "dateline+yesterday"),
    # --- Bulgarian
    _c("bg", "Петров разговаря с Попеску",
       "Президентът Георги Петров разговаря по телефона в четвъртък с румънския президент Андрей Попеску. "
       "Двамата обсъдиха енергийната сигурност.", PUB, THU, ("Петров", "Попеску"), "weekday"),
    _c("bg", "Димитров се срещна с Пападопулос",
       "София, 3 декември 2026 г. – Премиерът Иван Димитров се срещна вчера с гръцкия премиер Никос "
       "Пападопулос. Двамата обсъдиха транспортните връзки.", None, WED, ("Димитров", "Пападопулос"),
       "dateline+yesterday"),
    # --- Ukrainian
    _c("uk", "Коваль провів телефонну розмову з Новаком",
       "Президент Андрій Коваль у четвер провів телефонну розмову з прем'єр-міністром Польщі Яном Новаком. "
       "Сторони обговорили енергетичну безпеку.", PUB, THU, ("Коваль", "Новак"), "weekday"),
    _c("uk", "Коваль зустрівся з Казлаускасом",
       "КИЇВ, 3 грудня 2026 – Президент Андрій Коваль учора зустрівся з президентом Литви Йонасом "
       "Казлаускасом. Вони обговорили оборонну співпрацю.", None, WED, ("Коваль", "Казлаускас"),
       "dateline+yesterday"),
    # --- Russian
    _c("ru", "Соколов провел телефонный разговор с Сериковым",
       "Президент Иван Соколов в четверг провел телефонный разговор с президентом Казахстана Нурланом "
       "Сериковым. Стороны обсудили торговлю.", PUB, THU, ("Соколов", "Сериков"), "weekday"),
    _c("ru", "Соколов встретился с Лукашевичем",
       "МОСКВА, 3 декабря. /ТАСС/. Президент Иван Соколов встретился вчера в Кремле с президентом Беларуси "
       "Виктором Лукашевичем. Стороны обсудили интеграцию.", PUB, WED, ("Соколов", "Лукашевич"),
       "dateline+yesterday"),
    # --- Greek
    _c("el", "Τηλεφωνική επικοινωνία Παππά με Μπραντ",
       "Ο πρωθυπουργός Νίκος Παππάς είχε την Πέμπτη τηλεφωνική επικοινωνία με τον Γερμανό καγκελάριο Φέλιξ "
       "Μπραντ. Συζήτησαν για την ενεργειακή ασφάλεια.", PUB, THU, ("Παππάς", "Μπραντ"), "weekday"),
    _c("el", "Συνάντηση Αλεξίου με Χριστοδούλου",
       "ΑΘΗΝΑ, 3 Δεκεμβρίου 2026 – Ο πρόεδρος Γιώργος Αλεξίου συναντήθηκε χθες με τον Κύπριο πρόεδρο Ανδρέα "
       "Χριστοδούλου. Συζήτησαν για το Κυπριακό.", None, WED, ("Αλεξίου", "Χριστοδούλου"),
       "dateline+yesterday"),
    # --- Turkish
    _c("tr", "Aydın, Brandt ile telefonda görüştü",
       "Cumhurbaşkanı Kemal Aydın perşembe günü Almanya Başbakanı Felix Brandt ile telefonda görüştü. "
       "Görüşmede iki ülke arasındaki ticaret ele alındı.", PUB, THU, ("Aydın", "Brandt"), "weekday"),
    _c("tr", "Aydın, Memmedov ile bir araya geldi",
       "ANKARA, 3 Aralık 2026 (AA) - Cumhurbaşkanı Kemal Aydın dün Azerbaycan Cumhurbaşkanı Elnur Memmedov "
       "ile bir araya geldi. Görüşmede enerji projeleri ele alındı.", None, WED, ("Aydın", "Memmedov"),
       "dateline+yesterday"),
    # --- Arabic
    _c("ar", "الرئيس حداد يتلقى اتصالا هاتفيا من الرئيس التونسي",
       "أجرى الرئيس كريم حداد يوم الخميس اتصالا هاتفيا مع الرئيس التونسي سامي الجبالي. وبحث الجانبان "
       "العلاقات الثنائية.", PUB, THU, ("حداد", "الجبالي"), "weekday"),
    _c("ar", "الرئيس حداد يلتقي رئيس الوزراء اللبناني",
       "القاهرة في ٣ ديسمبر ٢٠٢٦ - التقى الرئيس كريم حداد أمس رئيس الوزراء اللبناني نبيل سلامة. وتناول "
       "اللقاء التعاون الاقتصادي.", None, WED, ("حداد", "سلامة"), "arabic-indic+yesterday"),
    # --- Persian
    _c("fa", "گفتگوی تلفنی رضایی و آیدین",
       "علی رضایی رئیس جمهور روز پنجشنبه در تماس تلفنی با کمال آیدین رئیس جمهور ترکیه گفتگو کرد. دو طرف "
       "درباره همکاری های اقتصادی گفتگو کردند.", PUB, THU, ("رضایی", "آیدین"), "weekday"),
    _c("fa", "دیدار رضایی و صدیقی",
       "تهران - ۱۲ آذر ۱۴۰۵ - علی رضایی رئیس جمهور امروز با احمد صدیقی رئیس جمهور افغانستان دیدار کرد. "
       "دو طرف درباره آب هیرمند گفتگو کردند.", None, THU, ("رضایی", "صدیقی"), "solar-hijri+today"),
    # --- Hebrew
    _c("he", "כהן שוחח עם מרסייה",
       "ראש הממשלה דוד כהן שוחח ביום חמישי בטלפון עם נשיא צרפת פול מרסייה. השניים דנו במצב באזור.", PUB,
       THU, ("כהן", "מרסייה"), "weekday"),
    _c("he", "לוי נפגש עם אלכסיו",
       "ירושלים, 3 בדצמבר 2026 – הנשיא משה לוי נפגש אתמול עם נשיא יוון גיאורגיוס אלכסיו. השניים דנו בשיתוף "
       "הפעולה בתחום האנרגיה.", None, WED, ("לוי", "אלכסיו"), "dateline+yesterday"),
    # --- Hindi
    _c("hi", "वर्मा ने ब्रांट से फोन पर बात की",
       "प्रधानमंत्री राहुल वर्मा ने गुरुवार को जर्मनी के चांसलर फेलिक्स ब्रांट से फोन पर बातचीत की। दोनों "
       "नेताओं ने व्यापार और ऊर्जा पर चर्चा की।", PUB, THU, ("वर्मा", "ब्रांट"), "weekday"),
    _c("hi", "वर्मा ने थापा से मुलाकात की",
       "नई दिल्ली, ३ दिसंबर २०२६ – प्रधानमंत्री राहुल वर्मा ने बुधवार को नेपाल के प्रधानमंत्री बिष्णु थापा से "
       "मुलाकात की। दोनों नेताओं ने सीमा व्यापार पर चर्चा की।", None, WED, ("वर्मा", "थापा"),
       "devanagari+weekday"),
    # --- Urdu
    _c("ur", "احمد اور آیدین کی ٹیلیفون پر بات چیت",
       "وزیراعظم شہباز احمد نے جمعرات کو ترکیہ کے صدر کمال آیدین سے ٹیلیفون پر بات کی۔ دونوں رہنماؤں نے "
       "تجارت پر تبادلہ خیال کیا۔", PUB, THU, ("احمد", "آیدین"), "weekday"),
    _c("ur", "وزیراعظم کی نیپالی ہم منصب سے ملاقات",
       "اسلام آباد، 3 دسمبر 2026 – وزیراعظم شہباز احمد نے گزشتہ روز نیپال کے وزیراعظم بشنو تھاپا سے ملاقات کی۔ "
       "ملاقات میں تجارت پر بات ہوئی۔", None, WED, ("احمد", "تھاپا"), "dateline+yesterday"),
    # --- Georgian
    _c("ka", "ბერიძე მერსიეს ესაუბრა",
       "საქართველოს პრემიერ-მინისტრი ირაკლი ბერიძე ხუთშაბათს ტელეფონით ესაუბრა საფრანგეთის პრეზიდენტ პოლ "
       "მერსიეს. მხარეებმა ენერგეტიკა განიხილეს.", PUB, THU, ("ბერიძე", "მერსიეს"), "weekday(dative)"),
    _c("ka", "ბერიძე სომეხ კოლეგას შეხვდა",
       "თბილისი, 3 დეკემბერი 2026 – პრემიერ-მინისტრი ირაკლი ბერიძე გუშინ შეხვდა სომხეთის პრემიერ-მინისტრ "
       "არამ პეტროსიანს.", None, WED, ("ბერიძე", "პეტროსიანს"), "dateline+yesterday"),
    # --- Bengali
    _c("bn", "আহমেদ ও বর্মার ফোনালাপ",
       "প্রধানমন্ত্রী রফিক আহমেদ বৃহস্পতিবার ভারতের প্রধানমন্ত্রী রাহুল বর্মার সঙ্গে টেলিফোনে কথা বলেন। "
       "দুই নেতা বাণিজ্য নিয়ে আলোচনা করেন।", PUB, THU, ("আহমেদ", "বর্মা"), "weekday"),
    _c("bn", "আহমেদ ও থাপার বৈঠক",
       "ঢাকা, ৩ ডিসেম্বর ২০২৬ – প্রধানমন্ত্রী রফিক আহমেদ গতকাল নেপালের প্রধানমন্ত্রী বিষ্ণু থাপার সঙ্গে বৈঠক "
       "করেন। দুই নেতা জ্বালানি সহযোগিতা নিয়ে আলোচনা করেন।", None, WED, ("আহমেদ", "থাপা"),
       "bengali+yesterday"),
    # --- Indonesian
    _c("id", "Santoso dan Hakim bicara lewat telepon",
       "Presiden Budi Santoso melakukan pembicaraan telepon dengan Perdana Menteri Malaysia Anwar Hakim pada "
       "Kamis (3/12). Keduanya membahas kerja sama perbatasan.", PUB, THU, ("Santoso", "Hakim"),
       "weekday(d/m)"),
    _c("id", "Santoso bertemu Cruz di Istana",
       "JAKARTA, 3 Desember 2026 - Presiden Budi Santoso bertemu dengan Presiden Filipina Ramon Cruz "
       "kemarin di Istana Merdeka. Keduanya membahas keamanan maritim.", None, WED, ("Santoso", "Cruz"),
       "dateline+yesterday"),
    # --- Malay
    _c("ms", "Hakim berbual dengan Santoso",
       "Perdana Menteri Anwar Hakim mengadakan perbualan telefon dengan Presiden Indonesia Budi Santoso "
       "pada Khamis. Kedua-dua pemimpin membincangkan kerjasama ekonomi.", PUB, THU, ("Hakim", "Santoso"),
       "weekday"),
    _c("ms", "Hakim bertemu Lim di Putrajaya",
       "KUALA LUMPUR, 3 Dis (Bernama) -- Perdana Menteri Anwar Hakim bertemu Perdana Menteri Singapura "
       "Lim Boon Keat pada Rabu. Mereka membincangkan projek kereta api laju.", PUB, WED, ("Hakim", "Keat"),
       "dateline+weekday"),
    # --- Vietnamese
    _c("vi", "Thủ tướng điện đàm với Thủ tướng Nhật Bản",
       "Thủ tướng Nguyễn Văn An đã điện đàm với Thủ tướng Nhật Bản Kenji Mori vào thứ Năm. Hai bên nhất trí "
       "thúc đẩy hợp tác kinh tế.", PUB, THU, ("An", "Mori"), "weekday"),
    _c("vi", "Chủ tịch nước hội đàm với Tổng thống Hàn Quốc",
       "Hà Nội, ngày 3 tháng 12 năm 2026 – Chủ tịch nước Trần Minh Đức đã hội đàm với Tổng thống Hàn Quốc "
       "Kim Min-su hôm qua. Hai bên thống nhất nâng cấp quan hệ.", None, WED, ("Đức", "Min-su"),
       "dateline+yesterday"),
    # --- Thai
    _c("th", "นายกฯ หารือทางโทรศัพท์กับนายกรัฐมนตรีญี่ปุ่น",
       "นายกรัฐมนตรี สมชาย ใจดี หารือทางโทรศัพท์กับนายกรัฐมนตรีญี่ปุ่น เคนจิ โมริ เมื่อวันพฤหัสบดี "
       "ทั้งสองฝ่ายหารือเรื่องการค้า", PUB, THU, ("ใจดี", "โมริ"), "weekday"),
    _c("th", "ข่าวทำเนียบรัฐบาล",
       "นายกฯ พบนายกรัฐมนตรีกัมพูชา\nวันที่ ๓ ธ.ค. ๖๙ เวลา ๑๐.๓๐ น. ที่ทำเนียบรัฐบาล นายกรัฐมนตรี สมชาย ใจดี "
       "ให้การต้อนรับ นายกรัฐมนตรีกัมพูชา สุขา ดารา ทั้งสองฝ่ายหารือเรื่องการค้าชายแดน", PUB, THU,
       ("ใจดี", "ดารา"), "thai-digits+section-label"),
    # --- Japanese
    _c("ja", "佐藤首相、ブラント首相と電話会談",
       "佐藤健首相は3日、ドイツのブラント首相と電話会談を行った。両首脳はエネルギー協力について意見を交わした。",
       PUB, THU, ("佐藤", "ブラント"), "day-of-month"),
    _c("ja", "佐藤首相、金大統領と会談",
       "佐藤健首相は昨日、韓国の金民洙大統領と首相官邸で会談した。両首脳は安全保障協力を確認した。", PUB, THU,
       ("佐藤", "金民洙"), "yesterday"),
    # --- Chinese
    _c("zh", "王志远同德国总理布兰特通电话",
       "新华社北京12月3日电 国家主席王志远3日同德国总理布兰特通电话。两国领导人就双边关系交换了意见。", PUB, THU,
       ("王志远", "布兰特"), "dateline+day"),
    _c("zh", "王志远会见法国总统梅西耶",
       "国家主席王志远周三在北京会见了法国总统梅西耶。双方讨论了气候变化问题。", PUB, WED, ("王志远", "梅西耶"),
       "weekday"),
    # --- Korean
    _c("ko", "김민수 대통령, 브란트 총리와 통화",
       "김민수 대통령은 3일 독일 브란트 총리와 전화 통화를 했다. 두 정상은 에너지 협력 방안을 논의했다.", PUB, THU,
       ("김민수", "브란트"), "day-of-month"),
    _c("ko", "김민수 대통령, 사토 총리와 정상회담",
       "김민수 대통령은 어제 일본 사토 겐 총리와 정상회담을 가졌다. 두 정상은 안보 협력을 논의했다.", PUB, THU,
       ("김민수", "사토"), "yesterday"),
    # --- Swahili
    _c("sw", "Rais Mwinyi azungumza na Rais Otieno",
       "Rais Juma Mwinyi alizungumza kwa simu na Rais wa Kenya William Otieno siku ya Alhamisi. Viongozi hao "
       "walijadili biashara kati ya nchi hizo mbili.", PUB, THU, ("Mwinyi", "Otieno"), "weekday"),
    _c("sw", "Rais Mwinyi akutana na Rais Okello",
       "DAR ES SALAAM, Desemba 2, 2026 - Rais Juma Mwinyi alikutana na Rais wa Uganda Moses Okello Ikulu "
       "jana. Viongozi hao walijadili mradi wa bomba la mafuta.", None, TUE, ("Mwinyi", "Okello"),
       "month-first+yesterday"),
    # --- Catalan (the n-gram model names the language: compare/ingest/language.py)
    _c("ca", "Puig parla per telèfon amb Brandt",
       "El president Jordi Puig va parlar dijous per telèfon amb el canceller alemany Felix Brandt. "
       "Tots dos dirigents van abordar la cooperació energètica i la situació a Ucraïna.", PUB, THU,
       ("Puig", "Brandt"), "weekday"),
    _c("ca", "Puig es reuneix amb Costa a Barcelona",
       "BARCELONA, 3 de desembre de 2026 – El president Jordi Puig es va reunir ahir amb el primer ministre "
       "portuguès, Rui Costa. Van parlar de les connexions ferroviàries.", None, WED, ("Puig", "Costa"),
       "dateline+yesterday"),
    # --- Slovenian (the n-gram model names the language: compare/ingest/language.py)
    _c("sl", "Novak po telefonu z Brandtom",
       "Predsednik vlade Luka Novak se je v četrtek po telefonu pogovarjal z nemškim kanclerjem Felixom "
       "Brandtom. Govorila sta o energetski varnosti.", PUB, THU, ("Novak", "Brandt"), "weekday"),
    _c("sl", "Novak se je sestal s Horvatom",
       "LJUBLJANA, 3. decembra 2026 – Predsednik vlade Luka Novak se je včeraj sestal s hrvaškim premierjem "
       "Ivanom Horvatom. Pogovarjala sta se o mejnih prehodih.", None, WED, ("Novak", "Horvat"),
       "dateline+yesterday"),
    # --- Lithuanian (the n-gram model names the language: compare/ingest/language.py)
    _c("lt", "Kazlauskas kalbėjosi telefonu su Brandtu",
       "Prezidentas Jonas Kazlauskas ketvirtadienį kalbėjosi telefonu su Vokietijos kancleriu Felixu "
       "Brandtu. Jie aptarė energetinį saugumą.", PUB, THU, ("Kazlauskas", "Brandt"), "weekday"),
    _c("lt", "Kazlauskas susitiko su Bērziņšu",
       "VILNIUS, gruodžio 3 d. – Prezidentas Jonas Kazlauskas vakar susitiko su Latvijos prezidentu Andriu "
       "Bērziņšu. Jie aptarė gynybos bendradarbiavimą.", PUB, WED, ("Kazlauskas", "Bērziņš"),
       "dateline+yesterday"),
    # --- Latvian (the n-gram model names the language: compare/ingest/language.py)
    _c("lv", "Bērziņš tālruņa sarunā ar Brandtu",
       "Valsts prezidents Andris Bērziņš ceturtdien tālruņa sarunā ar Vācijas kancleru Feliksu Brantu "
       "pārrunāja enerģētisko drošību.", PUB, THU, ("Bērziņš", "Brant"), "weekday"),
    _c("lv", "Bērziņš tikās ar Tamm",
       "RĪGA, 3.decembris (LETA) – Valsts prezidents Andris Bērziņš vakar tikās ar Igaunijas prezidentu Marti Tammu. "
       "Viņi pārrunāja reģionālo drošību.", PUB, WED, ("Bērziņš", "Tamm"), "dateline+yesterday"),
    # --- Estonian (the n-gram model names the language: compare/ingest/language.py)
    _c("et", "Tamm rääkis telefonis Brandtiga",
       "President Mart Tamm rääkis neljapäeval telefonis Saksamaa kantsleri Felix Brandtiga. "
       "Nad arutasid energiajulgeolekut.", PUB, THU, ("Tamm", "Brandt"), "weekday"),
    _c("et", "Tamm kohtus Virtaneniga",
       "TALLINN, 3. detsember 2026 – President Mart Tamm kohtus eile Soome presidendi Mikko Virtaneniga. "
       "Nad arutasid kaitsekoostööd.", None, WED, ("Tamm", "Virtanen"), "dateline+yesterday"),
    # --- Azerbaijani (the n-gram model names the language: compare/ingest/language.py)
    _c("az", "Məmmədov Brandt ilə telefonla danışıb",
       "Prezident Elçin Məmmədov cümə axşamı Almaniya kansleri Feliks Brandt ilə telefonla danışıb. "
       "Tərəflər enerji təhlükəsizliyini müzakirə ediblər.", PUB, THU, ("Məmmədov", "Brandt"), "weekday"),
    _c("az", "Məmmədov Yılmaz ilə görüşüb",
       "BAKI, 3 dekabr 2026 – Prezident Elçin Məmmədov dünən Türkiyə Prezidenti Mehmet Yılmaz ilə görüşüb. "
       "Tərəflər nəqliyyat layihələrini müzakirə ediblər.", None, WED, ("Məmmədov", "Yılmaz"),
       "dateline+yesterday"),
    # --- Kazakh (the n-gram model names the language: compare/ingest/language.py)
    _c("kk", "Серіков Брандтпен телефон арқылы сөйлесті",
       "Президент Нұрлан Серіков бейсенбі күні Германия канцлері Феликс Брандтпен телефон арқылы сөйлесті. "
       "Тараптар энергетикалық қауіпсіздікті талқылады.", PUB, THU, ("Серіков", "Брандт"), "weekday"),
    _c("kk", "Серіков Соколовпен кездесті",
       "АСТАНА, 3 желтоқсан 2026 – Президент Нұрлан Серіков кеше Ресей Президенті Иван Соколовпен кездесті. "
       "Тараптар сауда мәселелерін талқылады.", None, WED, ("Серіков", "Соколов"), "dateline+yesterday"),
    # --- Albanian (the n-gram model names the language: compare/ingest/language.py)
    _c("sq", "Hoxha bisedoi me telefon me Brandt",
       "Kryeministri Arben Hoxha bisedoi të enjten me telefon me kancelarin gjerman Felix Brandt. "
       "Të dy udhëheqësit diskutuan për sigurinë energjetike.", PUB, THU, ("Hoxha", "Brandt"), "weekday"),
    _c("sq", "Hoxha takoi Papadopoulos",
       "TIRANË, 3 dhjetor 2026 – Kryeministri Arben Hoxha takoi dje kryeministrin grek Nikos Papadopoulos. "
       "Ata diskutuan për lidhjet rrugore.", None, WED, ("Hoxha", "Papadopoulos"), "dateline+yesterday"),
    # --- Macedonian (the n-gram model names the language: compare/ingest/language.py)
    _c("mk", "Стојановски разговараше со Брант",
       "Премиерот Марко Стојановски в четврток телефонски разговараше со германскиот канцелар Феликс Брант. "
       "Двајцата разговараа за енергетската безбедност.", PUB, THU, ("Стојановски", "Брант"), "weekday"),
    _c("mk", "Стојановски се сретна со Петров",
       "СКОПЈЕ, 3 декември 2026 – Премиерот Марко Стојановски вчера се сретна со бугарскиот премиер Иван "
       "Петров. Тие разговараа за патната инфраструктура.", None, WED, ("Стојановски", "Петров"),
       "dateline+yesterday"),
    # --- Belarusian (the n-gram model names the language: compare/ingest/language.py)
    _c("be", "Лукашэвіч размаўляў па тэлефоне з Сакаловым",
       "Прэзідэнт Віктар Лукашэвіч у чацвер размаўляў па тэлефоне з прэзідэнтам Расіі Іванам Сакаловым. "
       "Бакі абмеркавалі гандаль.", PUB, THU, ("Лукашэвіч", "Сакалоў"), "weekday"),
    # --- Tagalog (the n-gram model names the language: compare/ingest/language.py)
    _c("tl", "Santos, nakipag-usap kay Brandt sa telepono",
       "Nakipag-usap noong Huwebes si Pangulong Miguel Santos sa telepono kay German Chancellor Felix Brandt. "
       "Tinalakay ng dalawang lider ang seguridad sa enerhiya.", PUB, THU, ("Santos", "Brandt"), "weekday"),
    # --- Armenian (the n-gram model names the language: compare/ingest/language.py)
    _c("hy", "Պետրոսյանը հեռախոսով խոսել է Բրանդտի հետ",
       "Վարչապետ Արամ Պետրոսյանը հինգշաբթի հեռախոսով խոսել է Գերմանիայի կանցլեր Ֆելիքս Բրանդտի հետ։ "
       "Կողմերը քննարկել են էներգետիկ անվտանգությունը։", PUB, THU, ("Պետրոսյան", "Բրանդտ"), "weekday"),
    # --- Tamil (the n-gram model names the language: compare/ingest/language.py)
    _c("ta", "குமார் பிராண்ட்டுடன் தொலைபேசியில் பேசினார்",
       "பிரதமர் ராஜேஷ் குமார் வியாழக்கிழமை ஜெர்மன் அதிபர் பெலிக்ஸ் பிராண்ட்டுடன் தொலைபேசியில் பேசினார். "
       "இருவரும் எரிசக்தி பாதுகாப்பு குறித்து விவாதித்தனர்.", PUB, THU, ("குமார்", "பிராண்ட்"), "weekday"),
    # --- Nepali
    _c("ne", "प्रधानमन्त्री शर्माले जर्मन चान्सलर ब्रान्टसँग फोनमा कुरा गरे",
       "प्रधानमन्त्री राम शर्माले बिहीबार जर्मन चान्सलर फेलिक्स ब्रान्टसँग टेलिफोनमा कुराकानी गरे। "
       "दुवै नेताले ऊर्जा सहयोगबारे छलफल गरे।", PUB, THU, ("शर्मा", "ब्रान्ट"), "weekday"),
    # --- Marathi
    _c("mr", "पंतप्रधान पाटील यांची जर्मन चॅन्सेलर ब्रँट यांच्याशी चर्चा",
       "पंतप्रधान सुनील पाटील यांनी गुरुवारी जर्मनीचे चॅन्सेलर फेलिक्स ब्रँट यांच्याशी दूरध्वनीवरून चर्चा केली. "
       "दोन्ही नेत्यांनी ऊर्जा सहकार्यावर चर्चा केली.", PUB, THU, ("पाटील", "ब्रँट"), "weekday"),
    # --- Uzbek
    _c("uz", "Karimov Brandt bilan telefon orqali suhbatlashdi",
       "Prezident Jamshid Karimov payshanba kuni Germaniya kansleri Feliks Brandt bilan telefon orqali suhbatlashdi. "
       "Tomonlar energetika sohasidagi hamkorlikni muhokama qildi.", PUB, THU, ("Karimov", "Brandt"), "weekday"),
    # --- Mongolian
    _c("mn", "Батбаяр Брандттай утсаар ярилцав",
       "Ерөнхийлөгч Ганбаатар Батбаяр пүрэв гарагт Германы канцлер Феликс Брандттай утсаар ярилцав. "
       "Талууд эрчим хүчний хамтын ажиллагааг хэлэлцэв.", PUB, THU, ("Батбаяр", "Брандт"), "weekday"),
    # --- Kyrgyz
    _c("ky", "Осмонов Брандт менен телефон аркылуу сүйлөштү",
       "Президент Нурлан Осмонов бейшемби күнү Германиянын канцлери Феликс Брандт менен телефон аркылуу сүйлөштү. "
       "Тараптар энергетика тармагындагы кызматташтыкты талкуулашты.", PUB, THU, ("Осмонов", "Брандт"), "weekday"),
    # --- Icelandic
    _c("is", "Jónsdóttir ræddi við Brandt í síma",
       "Forsætisráðherra Anna Jónsdóttir ræddi í síma við Felix Brandt, kanslara Þýskalands, á fimmtudag. "
       "Þau ræddu samstarf í orkumálum.", PUB, THU, ("Jónsdóttir", "Brandt"), "weekday"),
    # --- Galician
    _c("gl", "Castro conversa por teléfono con Brandt",
       "O presidente Xoán Castro conversou o xoves por teléfono co chanceler alemán Felix Brandt. "
       "Os dous mandatarios abordaron a cooperación enerxética.", PUB, THU, ("Castro", "Brandt"), "weekday"),
    # --- Basque
    _c("eu", "Etxeberria Brandtekin telefonoz mintzatu da",
       "Jon Etxeberria lehendakaria ostegunean telefonoz mintzatu da Felix Brandt Alemaniako kantzilerrarekin. "
       "Energia lankidetzaz hitz egin dute.", PUB, THU, ("Etxeberria", "Brandt"), "weekday"),
    # --- Afrikaans
    _c("af", "Botha praat per telefoon met Brandt",
       "President Pieter Botha het Donderdag per telefoon met die Duitse kanselier Felix Brandt gepraat. "
       "Die twee leiers het energiesamewerking bespreek.", PUB, THU, ("Botha", "Brandt"), "weekday"),
)


@frozen
class Outcome:
    case: Case
    language: str
    title: str | None
    date: dt.date | None
    rule: str | None
    participants: tuple[str, ...]
    found: tuple[bool, bool]

    @property
    def date_ok(self) -> bool:
        return self.date == self.case.want

    @property
    def people_ok(self) -> bool:
        return all(self.found)

    @property
    def ok(self) -> bool:
        return self.date_ok and self.people_ok and self.language == self.case.lang


def _named(want: str, participants: Sequence[str]) -> bool:
    """A participant whose surname key is ``want``'s (the text may inflect it:
    "Brandtem", "Lindqvistin")."""
    key = surname_key(want)
    for p in participants:
        name, got, _ = parse_participant(p)
        if name is None or got is None:
            continue
        keys = {got, *(surname_key(w) for w in name.split())}
        prefix = len(key) >= 3 or not key.isascii()
        if any(k == key or same_name(k, key) or (prefix and k.startswith(key)) for k in keys):
            return True
    return False


@lru_cache(maxsize=1)
def _rules() -> object:
    from compare.rules import compile_rules

    return compile_rules([])


def run(case: Case) -> Outcome:
    from compare.pipeline import prepare_one

    src = SourceText(path=f"{case.name}.txt", text=case.text, fmt="txt",
                     sha256=hashlib.sha256(case.text.encode()).hexdigest(), published_hint=case.pub)
    doc: Document = prepare_one(src, _rules())  # type: ignore[arg-type]
    found = (_named(case.who[0], doc.participants), _named(case.who[1], doc.participants))
    rule = doc.event_date_evidence.rule if doc.event_date_evidence else None
    return Outcome(case, doc.language, doc.title, doc.event_date, rule, doc.participants, found)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--failures", action="store_true", help="print only the cases that fail")
    args = ap.parse_args(argv)
    outcomes = [run(c) for c in CASES]
    print(f"{'case':34} {'lang':4} {'date':10} {'want':10} {'rule':22} people  participants")
    for o in outcomes:
        if args.failures and o.ok:
            continue
        mark = "" if o.ok else " <-"
        people = "".join("+" if f else "-" for f in o.found)
        print(f"{o.case.name:34} {o.language:4} {o.date!s:10} {o.case.want!s:10} {o.rule or '-':22} {people:6}  "
              f"{'; '.join(o.participants)[:70]}{mark}")
    n = len(outcomes)
    langs = len({c.lang for c in CASES})
    print(f"\n{n} cases in {langs} languages: language {sum(o.language == o.case.lang for o in outcomes)}/{n}, "
          f"date {sum(o.date_ok for o in outcomes)}/{n}, both participants {sum(o.people_ok for o in outcomes)}/{n}, "
          f"all {sum(o.ok for o in outcomes)}/{n} ({sum(o.ok for o in outcomes) / n:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

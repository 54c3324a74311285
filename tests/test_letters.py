"""Registrations read from letters: the synthetic .eml letters, and table-driven cases."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from pathlib import Path

import pytest

from sync.sources.letters import read_envelope, read_letter
from sync.sources.mail_table import Problem
from sync.sources.registrations import line_registrations, table_registrations

LETTERS = Path(__file__).parent / "fixtures" / "mail"


def letter_of(name: str):
    return read_letter((LETTERS / f"{name}.eml").read_bytes())


def people(letter) -> list[tuple[str, str, int, str, str]]:
    return [(r.part, r.registration.fields["full_name"], r.registration.row,
             r.registration.fields["email"], r.registration.fields["phone"]) for r in letter.rows]


# (letter, [(part, name, row, e-mail, phone)], problems)
CASES = [
    ("01-body-list-ru", [
        ("", "Абдрахманов Ерлан Серикович", 1, "erlan.abd@example.kz", "+7 701 555 12 34"),
        # no e-mail of her own: none (the teacher who sent the letter registers two people)
        ("", "Ким Алина Викторовна", 2, "", "8 (702) 555-22-33"),
    ], []),
    ("02-xlsx-title-row-kk", [  # the header is on row 4, under a title; rows as Excel shows them
        ("Қатысушылар тізімі.xlsx", "Серікова Дана Ерланқызы", 5, "dana.s@example.kz", "87471234567"),
        ("Қатысушылар тізімі.xlsx", "Оспанов Арман Қайратұлы", 6, "", "+7 747 765 43 21"),
        # a formula: the value Excel saved with it, never the formula, never evaluated
        ("Қатысушылар тізімі.xlsx", "Жұмабаева Айгүл", 7, "", "8 700 111 2233"),
    ], []),
    ("03-docx-table-ru", [
        ("Заявка_Satbayev.docx", "Жаксылыков Тимур Болатович", 2, "t.zhaksylykov@example.kz",
         "8 705 000 1122"),
        ("Заявка_Satbayev.docx", "Нурпеисова Мадина Ержановна", 3, "", "87057778899"),
    ], []),  # the logo in the signature is not a scan to review
    ("04-forwarded-ru", [  # the forwarded letter's writer, not the dean's office that forwarded it
        ("", "Тулегенова Айгерим Маратовна", 1, "aigerim.t@example.kz", "87771112233"),
    ], []),
    ("05-reply-quoting-ru", [  # the two people of the quoted letter are not read again
        ("", "Омаров Данияр Асланович", 1, "zh.akhmetova@kaznu.example.kz", "+7 708 555 66 77"),
    ], []),
    ("06-scanned-pdf", [], [Problem("Заявка_скан.pdf", "mail.pdf")]),
    ("07-html-table-kk", [
        ("", "Бекова Әсел Нұрланқызы", 1, "", "8 701 222 3344"),
        ("", "Төлеуов Ержан Маратұлы", 2, "", "+7 775 000 1234"),
    ], []),
    ("08-not-a-registration", [], []),  # a sender with a phone is not a registration
    ("09-old-xls", [
        ("список.xls", "Сапарова Жанар Кайратовна", 2, "", "87013334455"),
        ("список.xls", "Ли Максим Олегович", 3, "", "87014445566"),
    ], []),
    ("10-table-without-names", [], [Problem("КарТУ.xlsx", "mail.no_name_column")]),
    ("11-csv-cp1251", [  # Фамилия; Имя; Отчество joined into one name
        ("участник.csv", "Смагулов Алихан Бауыржанович", 2, "a.smagulov@ecoplast.example.kz",
         "87015556677"),
    ], []),
]


@pytest.mark.parametrize("name, expected, problems", CASES, ids=[c[0] for c in CASES])
def test_what_each_letter_gives(name, expected, problems):
    letter = letter_of(name)
    assert people(letter) == expected
    assert letter.problems == problems


def test_every_fixture_letter_is_in_the_table():
    assert sorted(p.stem for p in LETTERS.glob("*.eml")) == sorted(c[0] for c in CASES)


def test_rows_without_a_time_take_the_letters_date():
    letter = letter_of("02-xlsx-title-row-kk")
    assert {r.registration.fields["submitted_at"] for r in letter.rows} == {"2025-03-11 15:02:10+05:00"}
    assert letter.sent_at == dt.datetime(2025, 3, 11, 10, 2, 10, tzinfo=dt.timezone.utc)


def test_other_columns_are_kept_and_numbering_is_not():
    row = letter_of("02-xlsx-title-row-kk").rows[0].registration
    headers = [h for h, _ in row.extras]
    assert "Курс" in headers and "№" not in headers


def test_the_envelope_key_is_the_same_for_the_same_letter_and_differs_between_letters():
    raw = (LETTERS / "01-body-list-ru.eml").read_bytes()
    header = raw.split(b"\n\n", 1)[0]
    assert read_envelope(header, 10).key == read_envelope(raw, 10).key
    other = (LETTERS / "05-reply-quoting-ru.eml").read_bytes()
    assert read_envelope(other).key != read_envelope(raw).key


def message(text: str, subject: str = "Заявка", html: str | None = None,
            attachments: tuple = ()) -> bytes:
    m = EmailMessage()
    m["From"] = "Тест <test@example.kz>"
    m["Subject"] = subject
    m["Date"] = "Mon, 10 Mar 2025 09:15:00 +0500"
    m.set_content(text)
    if html:
        m.add_alternative(html, subtype="html")
    for name, data, (main, sub) in attachments:
        m.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return bytes(m)


@pytest.mark.parametrize("text, names", [
    # Russian, Kazakh, English labels; several people separated by a blank line or a number
    ("ФИО: Иванов Иван\nВуз: КазНУ\n\nФИО: Петрова Анна\nВуз: ЕНУ\n", ["Иванов Иван", "Петрова Анна"]),
    ("Аты-жөні: Сейітов Нұрлан\nОқу орны: ЕҰУ\nТелефон: 87011234567\n", ["Сейітов Нұрлан"]),
    ("Full name: John Smith\nUniversity: Nazarbayev University\nPhone: +77011112233\n",
     ["John Smith"]),
    ("1) Ф.И.О.: Ким Виктор\n2) Ф.И.О.: Ли Анна\n", ["Ким Виктор", "Ли Анна"]),
    # a label seen again starts the next person, even without a blank line
    ("ФИО: Ким Виктор\nТелефон: 8701\nФИО: Ли Анна\nТелефон: 8702\n", ["Ким Виктор", "Ли Анна"]),
    # several fields on one line
    ("ФИО: Омаров Данияр, Вуз: КазНУ; Телефон: 87085556677\n", ["Омаров Данияр"]),
    # name parts asked separately
    ("Фамилия: Смагулов\nИмя: Алихан\nОтчество: Бауыржанович\n", ["Смагулов Алихан Бауыржанович"]),
    # a blank field does not split a person in two
    ("ФИО: Ким Виктор\nE-mail:\nТелефон: 87011112233\n", ["Ким Виктор"]),
    # a signature with a phone is not a person; times are not labels
    ("Встреча в 10:30.\nС уважением,\nИванова А.\nТел.: +7 727 000 00 00\n", []),
    # a dash for the colon, where the label is a field's
    ("Ф.И.О. - Федорова Екатерина\nВуз — КазНИТУ\nС уважением - Иванова А.\n",
     ["Федорова Екатерина"]),
    # the fields after a sentence on the same line
    ("Прошу зарегистрировать меня на конференцию. ФИО: Ахметов Алинур, вуз: КазНУ, "
     "телефон: +7 707 123 45 67\n", ["Ахметов Алинур"]),
    ("Please register me. Full name: John Smith, University: NU\n", ["John Smith"]),
    # a label holding commas is one label
    ("Фамилия, имя, отчество: Иванов Иван Иванович\nВуз: КазНУ\n", ["Иванов Иван Иванович"]),
    ("Тегі, аты, әкесінің аты: Сейітов Нұрлан Ерланұлы\nОқу орны: ЕҰУ\n",
     ["Сейітов Нұрлан Ерланұлы"]),
])
def test_field_lines(text, names):
    found, several = line_registrations(text.splitlines())
    assert [r.fields["full_name"] for r in found] == names
    assert several == 0


def test_a_letters_dashed_fields_are_read_whole_whatever_their_labels():
    """Field test AR: "Курс - 2 курс", a label no field is, cut the record in two, and the
    phone, specialty and section below it were lost; a closing formula is no label."""
    found, _ = line_registrations([
        "ФИО - ОСПАНОВА САУЛЕ", "Место учебы/работы - Костанай политехникалык жогары колледжи",
        "Курс - 2 курс", "Специальность - Технология переработки нефти и газа",
        "Телефон - 77074481428", "E-mail - saule.ospanova@bk.ru", "Секция - 3. Политика",
        "С уважением - Сауле"])
    [person] = found
    assert {f: person.fields[f] for f in ("phone", "email", "specialty")} == {
        "phone": "77074481428", "email": "saule.ospanova@bk.ru",
        "specialty": "Технология переработки нефти и газа"}
    assert person.extras == (("Курс", "2 курс"), ("Секция", "3. Политика"))


def test_a_name_field_with_several_people_is_reviewed_not_read():
    letter = read_letter(message("ФИО: Ким Виктор Олегович, Ли Анна Сергеевна\nВуз: КазНУ\n"))
    assert letter.rows == []
    assert Problem("", "mail.several_names") in letter.problems


@pytest.mark.parametrize("rows, names, numbers", [
    ([["ФИО", "Вуз"], ["Иванов Иван", "КазНУ"]], ["Иванов Иван"], [2]),
    # a title, a blank and a subtitle above the header
    ([["Список участников"], [""], ["от КазНУ", ""], ["№", "Аты-жөні", "Телефон"],
      ["1", "Әлиев Нұрлан", "8701"]], ["Әлиев Нұрлан"], [5]),
    # a total under the table and a signature after a gap are not people
    ([["ФИО", "Телефон"], ["Ким Ли", "8701"], ["Итого: 1", ""], ["", ""], ["Ректор Иванов И.И.", ""]],
     ["Ким Ли"], [2]),
    # a blank row inside the table does not end it for rows that look like its rows
    ([["ФИО", "Телефон"], ["Ким Ли", "8701"], ["", ""], ["Пак Ен", "8702"]], ["Ким Ли", "Пак Ен"],
     [2, 4]),
    # only names: a row of one cell in the name column is a person
    ([["№", "ФИО"], ["1", "Ким Ли"], ["2", "Пак Ен"]], ["Ким Ли", "Пак Ен"], [2, 3]),
])
def test_tables(rows, names, numbers):
    found = table_registrations(rows)
    assert [r.fields["full_name"] for r in found] == names
    assert [r.row for r in found] == numbers


@pytest.mark.parametrize("rows", [
    [["Вуз", "Количество"], ["КазНУ", "12"]],
    [["Иванов Иван", "КазНУ"], ["Петров Петр", "ЕНУ"]],  # no header at all
    [["Только заголовок"]],
])
def test_tables_without_a_name_column_are_not_read(rows):
    assert table_registrations(rows) is None


def test_outlook_reply_without_quote_marks_is_cut_at_its_header():
    text = ("Добавьте ещё одного:\nФИО: Новиков Олег\n\n"
            "________________________________\nОт: Иванова Анна <a@example.kz>\n"
            "Отправлено: 10 марта 2025 г. 9:15\nКому: registration@plastnet.example.kz\n"
            "Тема: Заявка\n\nФИО: Старый Человек\nВуз: КазНУ\n")
    letter = read_letter(message(text, subject="RE: Заявка"))
    assert [r.registration.fields["full_name"] for r in letter.rows] == ["Новиков Олег"]


def test_outlook_forward_is_read_with_its_writer():
    text = ("Пересылаю.\n\nFrom: Иванова Анна <anna.iv@example.kz>\nSent: Monday, March 10, "
            "2025 9:15 AM\nTo: dekanat@example.kz\nSubject: Заявка\n\nФИО: Иванова Анна Петровна\n"
            "Вуз: КазНУ\n")
    letter = read_letter(message(text, subject="FW: Заявка"))
    assert [(r.registration.fields["full_name"], r.registration.fields["email"])
            for r in letter.rows] == [("Иванова Анна Петровна", "anna.iv@example.kz")]


@pytest.mark.parametrize("text", [
    "Прошу зарегистрировать меня на конференцию. Иван.",
    "Хотел бы принять участие в вашей конференции в качестве слушателя.",
    "Конференцияға қатысқым келеді.",
    "I would like to attend the conference as a listener.",
])
def test_a_letter_that_asks_but_cannot_be_read_goes_to_review(text):
    letter = read_letter(message(text, subject="Конференция"))
    assert letter.rows == [] and letter.problems == [Problem("", "mail.nothing_read")]


def test_an_attached_letter_is_read_with_its_own_sender():
    inner = EmailMessage()
    inner["From"] = "Студент <student@example.kz>"
    inner["Subject"] = "Регистрация"
    inner["Date"] = "Sun, 9 Mar 2025 20:00:00 +0500"
    inner.set_content("ФИО: Сапаров Берик\nВуз: КБТУ\n")
    outer = EmailMessage()
    outer["From"] = "dean@example.kz"
    outer["Subject"] = "Fwd: Регистрация"
    outer.set_content("См. вложение")
    outer.add_attachment(inner)
    letter = read_letter(bytes(outer))
    (row,) = letter.rows
    assert row.registration.fields["email"] == "student@example.kz"
    assert row.registration.fields["submitted_at"] == "2025-03-09 20:00:00+05:00"


def test_the_same_attachment_in_a_later_letter_is_read_once():
    first = letter_of("02-xlsx-title-row-kk")
    again = read_letter((LETTERS / "02-xlsx-title-row-kk.eml").read_bytes(),
                        read_before=frozenset(first.attachments))
    assert len(first.rows) == 3 and again.rows == [] and again.problems == []


@pytest.mark.parametrize("text, expected", [
    # a teacher's numbered list of pupils, parts read by what they are
    ("Прошу зарегистрировать моих учеников:\n1) Морозов Сергей Николаевич — КазНАИУ — студент\n"
     "2) Ахметова Дана Ерлановна — КазНАИУ — магистрант, 87011234567\n",
     [("Морозов Сергей Николаевич", "КазНАИУ", "студент", ""),
      ("Ахметова Дана Ерлановна", "КазНАИУ", "магистрант", "87011234567")]),
    ("Please register my pupils:\n1. Sultanbekova Asel, 9th grade pupil\n"
     "2. Omarov Dias, 10th grade pupil\n",
     [("Sultanbekova Asel", "", "9th grade pupil", ""), ("Omarov Dias", "", "10th grade pupil", "")]),
    # beside the supervisor's labelled lines, which are no participant's
    ("Тізім:\n1. Сейітов Нұрлан Ерланұлы, 10 сынып\n\nЖетекші: Бекова Сауле\nТелефон: 87011112233\n",
     [("Сейітов Нұрлан Ерланұлы", "", "10 сынып", "")]),
    # beside a participant's own labelled lines: both read
    ("ФИО: Бекова Сауле\nТелефон: 87011112233\n\nи мои ученики:\n1. Сейітов Нұрлан Ерланұлы, 10 сынып\n",
     [("Бекова Сауле", "", "", "87011112233"), ("Сейітов Нұрлан Ерланұлы", "", "10 сынып", "")]),
    # a year alone, a programme named with a job's word, a department's words (field test AR)
    ("Прошу зарегистрировать:\n1) Цой Роман — 3 — Инженерная экология — 77755548245\n"
     "2) Смағұлова Гүлнар Жанатовна — 2 курс — Лабораторный анализ\n",
     [("Цой Роман", "", "3", "77755548245"), ("Смағұлова Гүлнар Жанатовна", "", "2 курс", "")]),
    # an agenda is no list of people
    ("Программа заявки:\n1. Открытие конференции\n2. Пленарное заседание\n3. Секции\n", []),
])
def test_a_numbered_list_of_people_in_the_text_is_read(text, expected):
    letter = read_letter(message(text))
    assert [(r.registration.fields["full_name"], r.registration.fields["institution"],
             r.registration.fields["role"], r.registration.fields["phone"])
            for r in letter.rows] == expected


def test_a_list_in_the_text_adds_no_one_its_attached_table_gave():
    table = b"\xef\xbb\xbf\xd0\xa4\xd0\x98\xd0\x9e;\xd0\xa2\xd0\xb5\xd0\xbb\xd0\xb5\xd1\x84\xd0\xbe\xd0\xbd\n"
    table += "Морозов Сергей Николаевич;87011234567\n".encode()
    letter = read_letter(message(
        "Прошу зарегистрировать:\n1) Морозов Сергей Николаевич — студент\n"
        "2) Ахметова Дана Ерлановна — магистрант\n",
        attachments=(("список.csv", table, ("text", "csv")),)))
    assert sorted(r.registration.fields["full_name"] for r in letter.rows) == [
        "Ахметова Дана Ерлановна", "Морозов Сергей Николаевич"]


def test_a_letter_yandex_forwards_is_read_with_its_writers_address():
    text = ("Добрый день, пересылаю заявку.\n\n-------- Пересылаемое сообщение --------\n"
            "31.01.2025, 18:15, \"Садыков Айдос\" <a.sadykov@mail.ru>:\n\n"
            "ФИО: Садыков Айдос Бахытович\nВуз: КазНУ\n\n"
            "-------- Конец пересылаемого сообщения --------\n")
    letter = read_letter(message(text, subject="Fwd: Заявка"))
    assert [(r.registration.fields["full_name"], r.registration.fields["email"])
            for r in letter.rows] == [("Садыков Айдос Бахытович", "a.sadykov@mail.ru")]


@pytest.mark.parametrize("header, value", [
    ("Auto-Submitted", "auto-replied"), ("List-Unsubscribe", "<mailto:unsubscribe@news.kz>"),
    ("Precedence", "bulk"),
])
def test_automatic_mail_that_repeats_registration_words_is_no_letter_to_review(header, value):
    raw = message("Спасибо за ваше письмо! Регистрация на конференцию открыта до 15.02.")
    raw = f"{header}: {value}\n".encode() + raw
    letter = read_letter(raw)
    assert letter.rows == [] and letter.problems == []


_LIST = "1. Исмаилов Мейіржан Жанатұлы, 3 курс\n2. Оспанова Дана Ерланқызы, 2 курс\n"


@pytest.mark.parametrize("text, institution", [
    # the signature's line under the sender's name and post
    ("Прошу зарегистрировать следующих студентов:\n" + _LIST + "\nС уважением,\nСейітов Әділет\n"
     "зав. кафедрой\nAstana Polytechnic\nтел. 8 705 222 7670\n", "Astana Polytechnic"),
    # what the opening says it is from, in Russian, Kazakh and English, the same place in
    # the signature spelt otherwise
    ("Направляем список участников от лицея №134 г. Алматы.\n" + _LIST
     + "\nС уважением,\nБекова Сауле\nЛицей 134 Алматы\n", "лицея №134 г. Алматы"),
    ("Абай атындағы ҚазҰПУ атынан тізімін жіберемін.\n" + _LIST, "Абай атындағы ҚазҰПУ"),
    ("Please register our students from KIMEP University for PlastNet.\n" + _LIST
     + "\nBest regards,\nAigerim Bekova\nKIMEP University\n", "KIMEP University"),
    # a title naming it among other words, and the signature
    ("PlastNet participants, Қ.Жұбанов атындағы Ақтөбе өңірлік университеті\n" + _LIST
     + "\nBest regards,\nPetrova Kseniya\nҚ.Жұбанов атындағы Ақтөбе өңірлік университеті\n",
     "Қ.Жұбанов атындағы Ақтөбе өңірлік университеті"),
    # two places named, a department alone, or none: no one's institution is guessed
    ("Направляем список от КазНУ.\n" + _LIST + "\nС уважением,\nЕНУ им. Гумилева\n", ""),
    ("Прошу зарегистрировать:\n" + _LIST + "\nС уважением,\nзав. кафедрой экологии\n", ""),
    ("Прошу зарегистрировать:\n" + _LIST, ""),
])
def test_a_lists_people_take_the_one_institution_its_letter_names(text, institution):
    """Field test AR: a teacher's list names no institution, the letter names it once; the
    list's people had none, and the by-institution sheets missed a third of a mailbox."""
    letter = read_letter(message(text))
    assert len(letter.rows) == 2
    assert [r.registration.fields["institution"] for r in letter.rows] == [institution] * 2


@pytest.mark.parametrize("title, institution", [
    ("Список участников конференции PlastNet от КарУ им. Букетова\n", "КарУ им. Букетова"),
    ("", "КарУ"),  # no title: the one institution the list's other rows typed
])
def test_an_attached_lists_title_names_its_institution_and_a_typed_one_stays(title,
                                                                              institution):
    table = title + ("ФИО;Курс;Вуз\nМорозов Сергей Николаевич;3;\nАхметова Дана Ерлановна;2;КарУ\n"
                     "Ким Ольга Игоревна;2;КарУ\n")
    letter = read_letter(message("Список во вложении.", attachments=(
        ("список.csv", table.encode(), ("text", "csv")),)))
    assert {r.registration.fields["full_name"]: r.registration.fields["institution"]
            for r in letter.rows} == {"Морозов Сергей Николаевич": institution,
                                      "Ахметова Дана Ерлановна": "КарУ",
                                      "Ким Ольга Игоревна": "КарУ"}


@pytest.mark.parametrize("text, roles", [
    # the people of a list its letter calls learners, in each language
    ("Прошу зарегистрировать следующих студентов:\n1. Исмаилов Мейіржан, 87011112233\n"
     "2. Оспанова Дана, 87011112234\n", ["студентов", "студентов"]),
    ("Мектебіміздің оқушыларын тіркеуіңізді сұраймыз:\n1. Исмаилов Мейіржан, 87011112233\n"
     "2. Оспанова Дана, 87011112234\n", ["окушыларын", "окушыларын"]),
    # a role a row gives stays, and "Field: value" lines are no list's
    ("Please register the following students:\n1. Dana Bekova, PhD student\n2. Asel Omarova\n"
     "\nName: Aigerim Sadykova\nPhone: 87011112235\n", ["", "PhD student", "students"]),
    # teachers who bring students are no learners, nor are those a list calls nothing
    ("Направляю список преподавателей, сопровождающих студентов:\n1. Исмаилов Мейіржан, "
     "87011112233\n2. Оспанова Дана, 87011112234\n", ["", ""]),
    ("Прошу зарегистрировать:\n1. Исмаилов Мейіржан, 87011112233\n2. Оспанова Дана, 87011112234\n",
     ["", ""]),
])
def test_a_lists_people_who_give_no_role_are_the_learners_its_letter_names(text, roles):
    """Field test AR: 24-38 people a set had no role, their letter calling them students."""
    letter = read_letter(message(text))
    assert [r.registration.fields["role"] for r in letter.rows] == roles


@pytest.mark.parametrize("text, expected", [
    # the name under the closing formula, the post and the place beside it
    ("Добрый вечер!\nПрошу зарегистрировать меня участником конференции PlastNet.\n\n-- \n"
     "С уважением\nМОРОЗОВА НАТАЛЬЯ СЕРГЕЕВНА\nучитель химии\nшкола №25 им. Абая г. Тараз\n"
     "тел. +77059377442\n",
     ("МОРОЗОВА НАТАЛЬЯ СЕРГЕЕВНА", "школа №25 им. Абая г. Тараз", "учитель химии",
      "+77059377442")),
    ("Қайырлы күн!\nМені PlastNet конференциясына қатысушы ретінде тіркеуіңізді сұраймын.\n\n"
     "Рахмет!\nНұрпейісова Жұлдыз Маратқызы\n2 курс студенті\nҚазҰПУ им. Абая\n"
     "тел.: 8 (778) 819 57 18\n",
     ("Нұрпейісова Жұлдыз Маратқызы", "ҚазҰПУ им. Абая", "2 курс студенті",
      "8 (778) 819 57 18")),
    # the name in a sentence, the place after the role
    ("Здравствуйте! Меня зовут Мұқанова Жансая, я студентка 4 курса АУНГ. Хочу принять участие "
     "в конференции PlastNet. Мой телефон 8(702)273-73-33. Спасибо!\n",
     ("Мұқанова Жансая", "АУНГ", "я студентка 4 курса АУНГ", "8(702)273-73-33")),
    ("Good afternoon! My name is Meruert Kurmanova, I am a student at Satbayev University. "
     "I would like to take part in PlastNet. My phone is 77761748982.\n",
     ("Meruert Kurmanova", "Satbayev University", "I am a student at Satbayev University",
      "77761748982")),
])
def test_a_writer_who_registers_herself_in_words_is_read(text, expected):
    """Field test AR: 27 letters, 5% of a mailbox's rows, were only "letter not read"."""
    letter = read_letter(message(text))
    assert [tuple(r.registration.fields[f] for f in ("full_name", "institution", "role", "phone"))
            for r in letter.rows] == [expected]
    assert letter.rows[0].registration.fields["email"] == "test@example.kz"  # the sender's
    assert letter.problems == []


@pytest.mark.parametrize("text", [
    "Hello, is there a participation fee for PlastNet? Thanks.\n",  # a question
    # someone else registered in words, or two names: for a person to read
    "Прошу зарегистрировать моего сына, Иванов Иван, 9 класс.\nС уважением,\nИванова Анна\n",
    "Меня зовут Ким Ольга, хочу принять участие.\nС уважением,\nЛи Анна\n",
])
def test_a_letter_in_words_that_registers_no_one_writer_is_not_read_as_one(text):
    letter = read_letter(message(text))
    assert letter.rows == []


@pytest.mark.parametrize("text, subject", [
    ("Hello, is there a participation fee for PlastNet? Thanks.", "Question"),
    ("Подскажите, до какого числа можно подать заявку? Спасибо.", "Вопрос"),
    ("Сәлеметсіз бе! Сертификат беріле ме? Рахмет.", "PlastNet тіркелу"),
])
def test_a_letter_that_only_asks_a_question_is_no_registration_to_review(text, subject):
    """Field test AR: 7 of 9 questions were listed as registrations that could not be read."""
    letter = read_letter(message(text, subject=subject))
    assert letter.rows == [] and letter.problems == []

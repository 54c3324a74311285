"""Every word the report shows, in Russian (default), Kazakh and English.

Notes from normalizing and dedup (review details, rule names) arrive as codes, not words: a
cell holds notes joined by "; ", each `code` or `code|arg|arg` (a code is dotted lower-case
ASCII, such as `phone.foreign|RU`; args are machine values, never typed text). `note_text`
words each by its label "note.<code>", with {0}, {1} for the args; an arg that has a label
of its own ("note.<arg>" or "country.<arg>") is shown by that label.
"""

from __future__ import annotations

import re

LABELS: dict[str, dict[str, str]] = {
    # sheet names (Excel allows at most 31 characters and no []:*?/\)
    "sheet.summary": {"ru": "Сводка", "kk": "Жиынтық", "en": "Summary"},
    "sheet.by_institution": {"ru": "По вузам", "kk": "Оқу орындары", "en": "By institution"},
    "sheet.by_specialty": {"ru": "По специальностям", "kk": "Мамандықтар", "en": "By specialty"},
    "sheet.matrix": {"ru": "Вуз x специальность", "kk": "Оқу орны x мамандық",
                     "en": "Institution x Specialty"},
    "sheet.participants": {"ru": "Участники", "kk": "Қатысушылар", "en": "Participants"},
    "sheet.new": {"ru": "Новые", "kk": "Жаңалар", "en": "New"},
    "sheet.duplicates": {"ru": "Дубликаты", "kk": "Қайталанғандар", "en": "Duplicates"},
    "sheet.review": {"ru": "Проверить", "kk": "Тексеру керек", "en": "Needs review"},
    "sheet.questions": {"ru": "Вопросы формы", "kk": "Сауалнама сұрақтары", "en": "Form questions"},
    "sheet.by_day": {"ru": "По дням", "kk": "Күндер бойынша", "en": "By day"},
    "sheet.checkin": {"ru": "Лист регистрации", "kk": "Тіркеу парағы", "en": "Sign-in sheet"},
    "sheet.checkin_session": {"ru": "Регистрация", "kk": "Тіркеу", "en": "Sign-in"},
    "sheet.sessions_by_institution": {"ru": "Секции x вузы", "kk": "Секциялар x оқу орындары",
                                      "en": "Sessions x institutions"},
    # participant columns (docs/architecture.md: the English ones are fixed)
    "col.full_name": {"ru": "ФИО", "kk": "Аты-жөні", "en": "Full name"},
    "col.email": {"ru": "Эл. почта", "kk": "Эл. пошта", "en": "Email"},
    "col.phone": {"ru": "Телефон", "kk": "Телефон", "en": "Phone"},
    "col.institution": {"ru": "Учебное заведение", "kk": "Оқу орны", "en": "Institution"},
    "col.specialty": {"ru": "Специальность", "kk": "Мамандық", "en": "Specialty"},
    "col.role": {"ru": "Статус", "kk": "Мәртебесі", "en": "Role"},
    "col.city": {"ru": "Город", "kk": "Қала", "en": "City"},
    "col.registered_at": {"ru": "Дата регистрации", "kk": "Тіркелген уақыты", "en": "Registered at"},
    "col.source": {"ru": "Источник", "kk": "Дереккөз", "en": "Source"},
    "col.source_rows": {"ru": "Строки источника", "kk": "Дереккөз жолдары", "en": "Source rows"},
    "col.number": {"ru": "№", "kk": "№", "en": "#"},
    "col.count": {"ru": "Участников", "kk": "Қатысушылар", "en": "Participants"},
    "col.specialties": {"ru": "Специальностей", "kk": "Мамандықтар саны", "en": "Specialties"},
    "col.first": {"ru": "Первая регистрация", "kk": "Алғашқы тіркелу", "en": "First registration"},
    "col.last": {"ru": "Последняя регистрация", "kk": "Соңғы тіркелу", "en": "Last registration"},
    "col.in_directory": {"ru": "В справочнике", "kk": "Анықтамалықта", "en": "In directory"},
    "col.institutions": {"ru": "Вузов", "kk": "Оқу орындары", "en": "Institutions"},
    "col.total": {"ru": "Итого", "kk": "Барлығы", "en": "Total"},
    "col.rule": {"ru": "Правило", "kk": "Ереже", "en": "Rule"},
    "col.merged_rows": {"ru": "Объединённые строки", "kk": "Біріктірілген жолдар", "en": "Merged rows"},
    "col.kind": {"ru": "Что проверить", "kk": "Не тексеру керек", "en": "What to check"},
    "col.value": {"ru": "Значение", "kk": "Мәні", "en": "Value"},
    "col.detail": {"ru": "Подробности", "kk": "Толығырақ", "en": "Detail"},
    "col.rows": {"ru": "Строки", "kk": "Жолдар", "en": "Rows"},
    "col.date": {"ru": "Дата", "kk": "Күні", "en": "Date"},
    "col.form_question": {"ru": "вопрос формы", "kk": "форма сұрағы", "en": "form question"},
    "col.new_participants": {"ru": "Новых участников", "kk": "Жаңа қатысушылар",
                             "en": "New participants"},
    "by_day.undated": {"ru": "Без даты регистрации", "kk": "Тіркелген күні жоқ",
                       "en": "No registration date"},
    "col.so_far": {"ru": "Всего к этому дню", "kk": "Осы күнге дейін барлығы",
                   "en": "Total so far"},
    "col.metric": {"ru": "Показатель", "kk": "Көрсеткіш", "en": "Figure"},
    "col.amount": {"ru": "Значение", "kk": "Мәні", "en": "Value"},
    "col.role_name": {"ru": "Статус", "kk": "Мәртебе", "en": "Role"},
    "col.option": {"ru": "Вариант ответа", "kk": "Жауап нұсқасы", "en": "Answer"},
    "col.share": {"ru": "Доля", "kk": "Үлесі", "en": "Share"},
    "col.signature": {"ru": "Подпись", "kk": "Қолы", "en": "Signature"},
    # roles
    "role.student": {"ru": "Студент", "kk": "Студент", "en": "Student"},
    "role.master": {"ru": "Магистрант", "kk": "Магистрант", "en": "Master's student"},
    "role.phd": {"ru": "Докторант", "kk": "Докторант", "en": "PhD student"},
    "role.teacher": {"ru": "Преподаватель", "kk": "Оқытушы", "en": "Teacher"},
    "role.staff": {"ru": "Сотрудник", "kk": "Қызметкер", "en": "Staff"},
    "role.other": {"ru": "Другое", "kk": "Басқа", "en": "Other"},
    "role.": {"ru": "Не указан", "kk": "Көрсетілмеген", "en": "Not given"},
    # summary
    "summary.title": {"ru": "Регистрации PlastNet", "kk": "PlastNet тіркелулері",
                      "en": "PlastNet registrations"},
    "summary.built_at": {"ru": "Отчёт построен", "kk": "Есеп құрылған уақыты", "en": "Built at"},
    "summary.sources": {"ru": "Источники", "kk": "Дереккөздер", "en": "Sources"},
    "summary.responses": {"ru": "Ответов (строк)", "kk": "Жауаптар (жолдар)", "en": "Responses (rows)"},
    "summary.participants": {"ru": "Уникальных участников", "kk": "Бірегей қатысушылар",
                             "en": "Unique participants"},
    "summary.institutions": {"ru": "Учебных заведений", "kk": "Оқу орындары", "en": "Institutions"},
    "summary.new": {"ru": "Новых с прошлого отчёта", "kk": "Соңғы есептен бергі жаңалар",
                    "en": "New since the last report"},
    "summary.first_report": {"ru": "первый день", "kk": "алғашқы күн", "en": "first day"},
    "summary.no_institution": {"ru": "Без учебного заведения", "kk": "Оқу орны көрсетілмеген",
                               "en": "Without an institution"},
    "summary.review": {"ru": "Строк на листе «Проверить»", "kk": "«Тексеру керек» парағындағы жолдар",
                       "en": "Lines on the Needs review sheet"},
    "summary.merged": {"ru": "Объединено дубликатов", "kk": "Біріктірілген қайталанулар",
                       "en": "Duplicates merged"},
    "summary.vanished": {"ru": "Удалены из источника (оставлены)", "kk": "Дереккөзден өшірілген (сақталды)",
                         "en": "Deleted from the source (kept)"},
    "summary.shrank": {"ru": "Источник «{0}» потерял строки: проверьте его",
                       "kk": "«{0}» дереккөзінің жолдары азайды: тексеріңіз",
                       "en": "Source '{0}' lost rows: check it"},
    "summary.per_day": {"ru": "Новые участники по дням", "kk": "Күндер бойынша жаңа қатысушылар",
                        "en": "New participants per day"},
    "summary.top": {"ru": "Больше всего участников", "kk": "Қатысушылары ең көп оқу орындары",
                    "en": "Most participants"},
    "summary.roles": {"ru": "Статусы участников", "kk": "Қатысушылар мәртебесі", "en": "Participant roles"},
    "yes": {"ru": "да", "kk": "иә", "en": "yes"},
    "no": {"ru": "нет", "kk": "жоқ", "en": "no"},
    "unknown": {"ru": "(не указано)", "kk": "(көрсетілмеген)", "en": "(not given)"},
    "new.none": {"ru": "Новых участников нет", "kk": "Жаңа қатысушылар жоқ", "en": "No new participants"},
    # "new" is since the report of an earlier day: a second run on the first day has none
    "new.first": {"ru": "Отчёта за прошлые дни нет, сравнить не с чем: все участники новые "
                        "(см. «Участники»)",
                  "kk": "Өткен күндердің есебі жоқ, салыстыратын ештеңе жоқ: барлық қатысушылар "
                        "жаңа («Қатысушылар» парағын қараңыз)",
                  "en": "No report of an earlier day to compare with: every participant is new "
                        "(see Participants)"},
    # review kinds
    "review.institution": {"ru": "Учебное заведение не найдено в справочнике", "kk": "Оқу орны анықтамалықта жоқ",
                           "en": "Institution not in the directory"},
    "review.organisation": {"ru": "Организация (не учебное заведение): написания",
                            "kk": "Ұйым (оқу орны емес): жазылуы",
                            "en": "Organisation (not a place of learning): spellings"},
    "review.phone": {"ru": "Телефон", "kk": "Телефон", "en": "Phone"},
    "review.email": {"ru": "Эл. почта", "kk": "Эл. пошта", "en": "Email"},
    "review.name": {"ru": "ФИО", "kk": "Аты-жөні", "en": "Full name"},
    "review.timestamp": {"ru": "Отметка времени не распознана", "kk": "Уақыт белгісі танылмады",
                         "en": "Timestamp not understood"},
    "review.possible": {"ru": "Возможный дубликат", "kk": "Мүмкін қайталану", "en": "Possible duplicate"},
    "review.truncated": {"ru": "Текст обрезан (лимит Excel)", "kk": "Мәтін қысқартылды (Excel шегі)",
                         "en": "Text cut (Excel's limit)"},
    "review.suggest": {"ru": "Варианты", "kk": "Нұсқалар", "en": "Suggestions"},
    "review.specialty": {"ru": "Специальность не найдена в справочнике",
                         "kk": "Мамандық анықтамалықта жоқ", "en": "Specialty not in the list"},
    "review.spellings": {"ru": "Написания", "kk": "Жазылуы", "en": "Spellings"},
    "review.letter": {"ru": "Письмо не прочитано", "kk": "Хат оқылмады", "en": "Letter not read"},
    # why a letter (or its attachment) could not be read: sync/sources/letters.py
    "note.mail.pdf": {"ru": "PDF (скан?): перепечатайте участников вручную",
                      "kk": "PDF (скан?): қатысушыларды қолмен енгізіңіз",
                      "en": "PDF (a scan?): type the participants in by hand"},
    "note.mail.image": {"ru": "Изображение (фото или скан списка?)",
                        "kk": "Сурет (тізімнің фотосы не сканы?)",
                        "en": "An image (a photo or scan of a list?)"},
    "note.mail.doc": {"ru": "Старый формат Word (.doc): попросите .docx или таблицу Excel",
                      "kk": "Word-тың ескі пішімі (.doc): .docx не Excel кестесін сұраңыз",
                      "en": "Old Word format (.doc): ask for .docx or an Excel table"},
    "note.mail.rtf": {"ru": "Файл RTF не читается: попросите .docx или Excel",
                      "kk": "RTF файлы оқылмайды: .docx не Excel сұраңыз",
                      "en": "RTF is not read: ask for .docx or Excel"},
    "note.mail.odf": {"ru": "Файл OpenDocument не читается: попросите .xlsx или .docx",
                      "kk": "OpenDocument файлы оқылмайды: .xlsx не .docx сұраңыз",
                      "en": "OpenDocument is not read: ask for .xlsx or .docx"},
    "note.mail.archive": {"ru": "Архив: не распаковывается, откройте вручную",
                          "kk": "Мұрағат: ашылмайды, қолмен ашыңыз",
                          "en": "An archive: not unpacked, open it by hand"},
    "note.mail.too_big": {"ru": "Слишком большой файл или письмо: не прочитано",
                          "kk": "Файл не хат тым үлкен: оқылмады",
                          "en": "Too big a file or letter: not read"},
    "note.mail.zip_bomb": {"ru": "Файл распаковывается в слишком большой объём: не открыт",
                           "kk": "Файл тым үлкен көлемге ашылады: ашылмады",
                           "en": "The file unpacks to too much: not opened"},
    "note.mail.damaged": {"ru": "Файл повреждён или неполон", "kk": "Файл бүлінген не толық емес",
                          "en": "The file is damaged or incomplete"},
    "note.mail.letter_damaged": {"ru": "Письмо не удалось разобрать: откройте его в почте",
                                 "kk": "Хатты талдау мүмкін болмады: оны поштада ашыңыз",
                                 "en": "The letter could not be taken apart: open it in the mailbox"},
    "note.mail.encoding": {"ru": "Кодировка текста не распознана",
                           "kk": "Мәтіннің кодтамасы танылмады",
                           "en": "The text encoding is not recognised"},
    "note.mail.no_name_column": {"ru": "В таблице нет столбца с ФИО",
                                 "kk": "Кестеде аты-жөні бағаны жоқ",
                                 "en": "The table has no name column"},
    "note.mail.no_table": {"ru": "В документе нет таблицы участников",
                           "kk": "Құжатта қатысушылар кестесі жоқ",
                           "en": "The document has no table of participants"},
    "note.mail.nothing_read": {"ru": "Похоже на заявку, но участников прочитать не удалось",
                               "kk": "Өтінімге ұқсайды, бірақ қатысушылар оқылмады",
                               "en": "Looks like a registration, but no participant could be read"},
    "note.mail.several_names": {"ru": "Несколько человек в одном поле ФИО: не прочитаны",
                                "kk": "Бір аты-жөні жолында бірнеше адам: оқылмады",
                                "en": "Several people in one name field: not read"},
    "review.not_person": {"ru": "Не участник: строка не учтена", "kk": "Қатысушы емес: жол есепке алынбады",
                          "en": "Not a person: row left out"},
    "note.not_person.blank": {"ru": "пустая строка (только время, дата или номер)",
                              "kk": "бос жол (тек уақыт, күн немесе нөмір)",
                              "en": "an empty row (only a time, a date or a number)"},
    "note.not_person.header": {"ru": "повтор строки заголовков (склеенные выгрузки?)",
                               "kk": "тақырып жолы қайталанған (біріктірілген файлдар?)",
                               "en": "the header row again (two exports pasted together?)"},
    "note.not_person.title": {"ru": "заголовок раздела, а не участник",
                              "kk": "бөлім тақырыбы, қатысушы емес",
                              "en": "a section title, not a person"},
    "note.not_person.test": {"ru": "проверка формы: в ФИО только «тест»",
                             "kk": "форманы тексеру: аты-жөнінде тек «тест»",
                             "en": "a test of the form: the name is only \"test\""},
    # how the form was read
    "sheet.form_reading": {"ru": "Как прочитана форма", "kk": "Форма қалай оқылды",
                           "en": "How the form was read"},
    "col.question": {"ru": "Вопрос", "kk": "Сұрақ", "en": "Question"},
    # questions regsync adds to a list whose title says what no question asks (their
    # Russian is the question's text: ADDED_QUESTIONS)
    "question.title_place": {"ru": "Населённый пункт (из заголовка списка)",
                             "kk": "Елді мекен (тізім тақырыбынан)",
                             "en": "Town or district (from the list's title)"},
    "question.title_school": {"ru": "Учебное заведение (из заголовка списка)",
                              "kk": "Оқу орны (тізім тақырыбынан)",
                              "en": "Institution (from the list's title)"},
    "col.read_as": {"ru": "Прочитан как", "kk": "Қалай оқылды", "en": "Read as"},
    "col.why": {"ru": "Почему", "kk": "Неліктен", "en": "Why"},
    "col.check": {"ru": "Проверить", "kk": "Тексеру", "en": "Check"},
    "col.config_line": {"ru": "Строка для config.toml", "kk": "config.toml үшін жол",
                        "en": "Line for config.toml"},
    "field.submitted_at": {"ru": "Время отправки", "kk": "Жіберілген уақыты", "en": "Time submitted"},
    "field.full_name": {"ru": "ФИО", "kk": "Аты-жөні", "en": "Full name"},
    "field.last_name": {"ru": "Фамилия", "kk": "Тегі", "en": "Last name"},
    "field.first_name": {"ru": "Имя", "kk": "Аты", "en": "First name"},
    "field.middle_name": {"ru": "Отчество", "kk": "Әкесінің аты", "en": "Patronymic"},
    "field.email": {"ru": "Эл. почта", "kk": "Эл. пошта", "en": "Email"},
    "field.phone": {"ru": "Телефон", "kk": "Телефон", "en": "Phone"},
    "field.institution": {"ru": "Учебное заведение", "kk": "Оқу орны", "en": "Institution"},
    "field.specialty": {"ru": "Специальность", "kk": "Мамандық", "en": "Specialty"},
    "field.role": {"ru": "Статус", "kk": "Мәртебесі", "en": "Role"},
    "field.city": {"ru": "Город", "kk": "Қала", "en": "City"},
    "field.row_number": {"ru": "Номер строки (не ответ)", "kk": "Жол нөмірі (жауап емес)",
                         "en": "Row number (not an answer)"},
    "field.other": {"ru": "Другой вопрос (отдельный столбец)", "kk": "Басқа сұрақ (бөлек баған)",
                    "en": "Another question (own column)"},
    "reading.config": {"ru": "задано в config.toml", "kk": "config.toml-да берілген",
                       "en": "set in config.toml"},
    "reading.wording": {"ru": "по формулировке вопроса", "kk": "сұрақтың мәтіні бойынша",
                        "en": "by the question's wording"},
    "field.listed": {"ru": "Участники, которых перечисляет строка", "kk": "Жол атаған қатысушылар",
                     "en": "People the row lists"},
    "reading.listed": {"ru": "в ответах по несколько ФИО (группа учителя): каждый — участник",
                       "kk": "жауаптарында бірнеше аты-жөні (мұғалімнің тобы): әрқайсысы қатысушы",
                       "en": "answers name several people (a teacher's group): each one a "
                             "participant"},
    "reading.branch": {"ru": "тот же вопрос в другой ветке формы или запасной: ответы там, "
                             "где «{0}» пуст",
                       "kk": "форманың басқа тармағындағы сол сұрақ немесе қосалқысы: «{0}» бос "
                             "жолдардағы жауаптар",
                       "en": "the same question in another branch of the form, or a fallback: "
                             "answers where '{0}' is blank"},
    "reading.content": {"ru": "по ответам: {0} — {1}", "kk": "жауаптары бойынша: {0} — {1}",
                        "en": "by the answers: {0} {1}"},
    "reading.wording+content": {"ru": "по формулировке и ответам: {0} — {1}",
                                "kk": "мәтіні мен жауаптары бойынша: {0} — {1}",
                                "en": "by the wording and the answers: {0} {1}"},
    "reading.content.submitted_at": {"ru": "даты и время", "kk": "күн мен уақыт", "en": "dates and times"},
    "reading.content.full_name": {"ru": "имена людей", "kk": "адам аттары", "en": "person names"},
    "reading.content.last_name": {"ru": "фамилии", "kk": "тегі", "en": "surnames"},
    "reading.content.first_name": {"ru": "имена", "kk": "есімдер", "en": "first names"},
    "reading.content.middle_name": {"ru": "отчества", "kk": "әкесінің аттары", "en": "patronymics"},
    "reading.content.email": {"ru": "адреса эл. почты", "kk": "эл. пошта мекенжайлары",
                              "en": "e-mail addresses"},
    "reading.content.phone": {"ru": "номера телефонов", "kk": "телефон нөмірлері", "en": "phone numbers"},
    "reading.content.institution": {"ru": "названия организаций", "kk": "ұйым атаулары",
                                    "en": "institution names"},
    "reading.content.specialty": {"ru": "специальности или их коды", "kk": "мамандықтар немесе кодтары",
                                  "en": "programme names or codes"},
    "reading.content.role": {"ru": "статусы (студент, преподаватель…)",
                             "kk": "мәртебелер (студент, оқытушы…)",
                             "en": "roles (student, teacher…)"},
    "reading.content.city": {"ru": "города", "kk": "қалалар", "en": "city names"},
    "reading.content.row_number": {"ru": "номера строк", "kk": "жол нөмірлері", "en": "row numbers"},
    "reading.guess": {"ru": "догадка: проверьте", "kk": "болжам: тексеріңіз", "en": "a guess: check it"},
    "reading.hint": {
        "ru": "Вопрос прочитан неверно? Скопируйте строку из последнего столбца, исправив поле "
              "слева от «=», в config.toml под [source.columns] этого источника и запустите "
              "regsync снова.",
        "kk": "Сұрақ қате оқылды ма? Соңғы бағандағы жолды «=» белгісінің сол жағындағы өрісті "
              "түзетіп, осы дереккөздің [source.columns] бөліміне config.toml файлына көшіріңіз "
              "де, regsync-ті қайта іске қосыңыз.",
        "en": "A question read wrongly? Copy the line from the last column, with the field left "
              "of \"=\" corrected, into config.toml under that source's [source.columns] and run "
              "regsync again."},
    "review.role": {"ru": "Статус", "kk": "Мәртебе", "en": "Role"},
    # notes of the normalizers (codes; see note_text)
    "note.name.contact": {"ru": "похоже на e-mail или телефон, а не на ФИО",
                          "kk": "аты-жөні емес, e-mail немесе телефонға ұқсайды",
                          "en": "looks like an e-mail/phone, not a name"},
    "note.name.no_letters": {"ru": "нет букв", "kk": "әріптер жоқ", "en": "no letters"},
    "note.name.digits": {"ru": "в ФИО есть цифры", "kk": "аты-жөнінде сандар бар",
                         "en": "name has digits"},
    "note.name.lost_letters": {
        "ru": "в ФИО вместо букв «?»: файл сохранён без казахских букв (например, CSV из Excel)",
        "kk": "аты-жөнінде әріптердің орнында «?»: файл қазақ әріптерінсіз сақталған (мысалы, "
              "Excel-дегі CSV)",
        "en": "\"?\" in place of letters in the name: the file was saved without Kazakh letters "
              "(a CSV from Excel, say)"},
    "note.name.symbols": {"ru": "в ФИО были лишние символы (убраны)",
                          "kk": "аты-жөнінде артық белгілер болды (алынып тасталды)",
                          "en": "name had symbols (removed)"},
    "note.name.initials_only": {"ru": "только инициалы", "kk": "тек инициалдар",
                                "en": "only initials"},
    "note.name.one_word": {"ru": "только одно слово", "kk": "тек бір сөз", "en": "only one word"},
    "note.role.unknown": {"ru": "статус не распознан, посчитан как «Другое»",
                          "kk": "мәртебе танылмады, «Басқа» деп саналды",
                          "en": "role not understood, counted as Other"},
    "note.role.several": {"ru": "указано несколько статусов, выбран «{0}» (также: {rest})",
                          "kk": "бірнеше мәртебе көрсетілген, «{0}» таңдалды (тағы: {rest})",
                          "en": "several roles given, {0} chosen (also: {rest})"},
    "note.role.swapped_with_specialty": {
        "ru": "статус и специальность вписаны в вопросы друг друга: поменяны местами",
        "kk": "мәртебе мен мамандық бір-бірінің сұрағына жазылған: орындары ауыстырылды",
        "en": "role and specialty typed into each other's question: swapped back"},
    "note.role.from_place": {"ru": "статус не указан; «Другое» по месту работы (не учебное заведение)",
                             "kk": "мәртебе көрсетілмеген; жұмыс орны бойынша «Басқа» (оқу орны емес)",
                             "en": "no role given; Other by the workplace (not a place of learning)"},
    "note.role.from_code": {"ru": "статус по коду образовательной программы {0}",
                            "kk": "мәртебе білім беру бағдарламасының {0} кодынан",
                            "en": "role from the programme code {0}"},
    # a source row deleted from its source since it was stored ("form:4 (удалена)")
    "ref.deleted": {"ru": "удалена", "kk": "өшірілген", "en": "deleted"},
    # printing: "&P" is the page number, "&N" the number of pages
    "print.page": {"ru": "Стр. &P из &N", "kk": "&N беттің &P-беті", "en": "Page &P of &N"},
    # the form's other questions
    "questions.answered": {"ru": "Ответили {0} из {1} участников",
                           "kk": "{1} қатысушының {0}-і жауап берді",
                           "en": "{0} of {1} participants answered"},
    "questions.several": {"ru": "можно выбрать несколько вариантов, поэтому доли в сумме больше 100 %",
                          "kk": "бірнеше нұсқа таңдауға болады, сондықтан үлестердің қосындысы 100 %-дан асады",
                          "en": "several answers allowed, so the shares add up to more than 100 %"},
    "questions.free_text": {"ru": "ответы свободные: они в столбце «{0}» листа «{1}»",
                            "kk": "жауаптар еркін: олар «{1}» парағының «{0}» бағанында",
                            "en": "free-text answers: see the column “{0}” of the {1} sheet"},
    "questions.other": {"ru": "Другие ответы (у каждого по одному участнику)",
                        "kk": "Басқа жауаптар (әрқайсысы бір қатысушыдан)",
                        "en": "Other answers (one participant each)"},
    "questions.none": {"ru": "В форме нет других вопросов", "kk": "Сауалнамада басқа сұрақ жоқ",
                       "en": "The form has no other questions"},
    # sign-in sheets
    "checkin.title": {"ru": "Лист регистрации участников", "kk": "Қатысушыларды тіркеу парағы",
                      "en": "Participant sign-in sheet"},
    "checkin.no_session": {"ru": "Секция не указана", "kk": "Секция көрсетілмеген",
                           "en": "No session given"},
    # per-institution workbooks
    "institution.as_of": {"ru": "Участники конференции PlastNet на {0}",
                          "kk": "PlastNet конференциясының қатысушылары, {0} жағдай бойынша",
                          "en": "PlastNet conference participants as of {0}"},
    # regsync who
    "who.one": {"ru": "{0} — участников: {1}", "kk": "{0} — қатысушылар саны: {1}",
                "en": "{0}: {1} participant(s)"},
    "who.several": {"ru": "По запросу «{0}» — учебных заведений: {1}, участников: {2}",
                    "kk": "«{0}» сұрауы бойынша: оқу орындары — {1}, қатысушылар — {2}",
                    "en": "“{0}”: {1} institutions, {2} participants"},
    "who.nobody": {"ru": "От «{0}» никто не зарегистрирован", "kk": "«{0}» атынан ешкім тіркелмеген",
                   "en": "Nobody registered from “{0}”"},
    "who.unknown": {"ru": "«{0}» не похоже ни на одно учебное заведение участников: проверьте "
                          "написание или введите часть названия",
                    "kk": "«{0}» қатысушылардың ешбір оқу орнына ұқсамайды: жазылуын тексеріңіз "
                          "немесе атауының бір бөлігін енгізіңіз",
                    "en": "“{0}” looks like none of the participants' institutions: check the "
                          "spelling, or type part of the name"},
    "who.empty": {"ru": "Ответов пока нет: сначала выполните regsync run",
                  "kk": "Әзірге жауап жоқ: алдымен regsync run іске қосыңыз",
                  "en": "No responses stored yet: run regsync run first"},
    **{f"note.{code}": words for code, words in {
        # phones (sync/normalize/phones.py)
        "phone.scientific": {"ru": "Excel записал номер как 8,7E+10: цифры потеряны",
                             "kk": "Excel нөмірді 8,7E+10 түрінде жазған: цифрлар жоғалды",
                             "en": "Excel wrote the number as 8.7E+10: digits lost"},
        "phone.foreign": {"ru": "иностранный номер ({0})", "kk": "шетелдік нөмір ({0})",
                          "en": "foreign number ({0})"},
        "phone.completed": {
            "ru": "иностранный номер ({0}) без кода страны, дополнен по другой записи",
            "kk": "шетелдік нөмір ({0}) ел кодынсыз, басқа жазба бойынша толықтырылды",
            "en": "foreign number ({0}) without its country code, completed from another row"},
        "phone.no_country": {"ru": "номер не принадлежит ни одной стране (+800, +882 …)",
                             "kk": "нөмір ешбір елге тиесілі емес (+800, +882 …)",
                             "en": "a number of no country (+800, +882 …)"},
        "phone.second": {"ru": "второй номер в ячейке: {0}", "kk": "ұяшықтағы екінші нөмір: {0}",
                         "en": "a second number in the cell: {0}"},
        "phone.no_digits": {"ru": "нет цифр", "kk": "цифрлар жоқ", "en": "no digits"},
        "phone.not_a_number": {"ru": "не номер телефона", "kk": "телефон нөмірі емес",
                               "en": "not a phone number"},
        "phone.too_short": {"ru": "слишком короткий номер", "kk": "нөмір тым қысқа",
                            "en": "too short"},
        "phone.too_long": {"ru": "слишком длинный номер", "kk": "нөмір тым ұзын", "en": "too long"},
        "phone.wrong_length": {"ru": "неверное число цифр", "kk": "цифрлар саны қате",
                               "en": "wrong number of digits"},
        "phone.bad_country_code": {"ru": "неизвестный код страны", "kk": "белгісіз ел коды",
                                   "en": "unknown country code"},
        "phone.not_in_use": {"ru": "таких номеров не бывает", "kk": "мұндай нөмір болмайды",
                             "en": "not a number in use"},
        # e-mail addresses (sync/normalize/emails.py)
        "email.none": {"ru": "адрес не указан", "kk": "мекенжай көрсетілмеген",
                       "en": "no address given"},
        "email.no_at": {"ru": "в адресе нет @", "kk": "мекенжайда @ жоқ", "en": "no @ in the address"},
        "email.invalid": {"ru": "адрес записан с ошибкой", "kk": "мекенжай қате жазылған",
                          "en": "not a valid address"},
        "email.typo": {"ru": "возможна опечатка: имелось в виду {0}?",
                       "kk": "қате басылуы мүмкін: {0} болуы керек пе?",
                       "en": "possible typo: did they mean {0}?"},
        "email.second": {"ru": "в ячейке второй адрес (взят первый)",
                         "kk": "ұяшықта екінші мекенжай бар (біріншісі алынды)",
                         "en": "a second address in the cell (the first is used)"},
        # duplicates (sync/dedup): rules that merged, reasons to ask
        "dedup.organizer": {"ru": "решение организаторов", "kk": "ұйымдастырушылар шешімі",
                            "en": "organizers' decision"},
        "dedup.identical": {"ru": "одинаковые ответы", "kk": "жауаптары бірдей",
                            "en": "identical answers"},
        "dedup.email_name": {"ru": "та же почта и ФИО", "kk": "поштасы мен аты-жөні бірдей",
                             "en": "same e-mail and name"},
        "dedup.email_transliterated": {
            "ru": "та же почта, ФИО в другом написании (латиница, отчество по-казахски, "
                  "слитно)",
            "kk": "поштасы бірдей, аты-жөні басқаша жазылған (латынша, әкесінің аты орысша, "
                  "бос орынсыз)",
            "en": "same e-mail, name written another way (another alphabet, the patronymic "
                  "in Kazakh or Russian, no spaces)"},
        "dedup.email_informal_name": {
            "ru": "та же почта, имя в повседневной форме (Катя, Екатерина)",
            "kk": "поштасы бірдей, есімі күнделікті түрде жазылған (Катя, Екатерина)",
            "en": "same e-mail, the given name in its everyday form (Katya, Yekaterina)"},
        "dedup.name_phone": {"ru": "те же ФИО и телефон", "kk": "аты-жөні мен телефоны бірдей",
                             "en": "same name and phone"},
        "dedup.phone_initials_institution": {
            "ru": "тот же телефон и учебное заведение, ФИО с инициалами", "kk": "телефоны мен оқу орны бірдей, "
            "аты-жөні инициалдармен", "en": "same phone and institution, name with initials"},
        "dedup.phone_surname_slip": {
            "ru": "тот же телефон, имя и отчество, фамилия написана с одной опечаткой",
            "kk": "телефоны, есімі мен әкесінің аты бірдей, тегі бір әріп айырмамен жазылған",
            "en": "same phone, given name and patronymic, the surname a letter apart"},
        "dedup.phone_given_name_slip": {
            "ru": "тот же телефон, фамилия и отчество, имя написано с одной опечаткой (такого "
                  "имени нет)",
            "kk": "телефоны, тегі мен әкесінің аты бірдей, есімі бір әріп айырмамен жазылған "
                  "(ондай есім жоқ)",
            "en": "same phone, surname and patronymic, the given name a letter apart (no such "
                  "name)"},
        "dedup.phone_surname_changed": {
            "ru": "тот же телефон и учебное заведение, имя и отчество, другая фамилия (сменила "
                  "фамилию)",
            "kk": "телефоны мен оқу орны, есімі мен әкесінің аты бірдей, тегі басқа (тегін "
                  "ауыстырған)",
            "en": "same phone and institution, given name and patronymic; another surname (a "
                  "married name)"},
        "dedup.phone_initials_spelled": {
            "ru": "тот же телефон, ФИО с инициалами, а его почта называет имя полностью",
            "kk": "телефоны бірдей, аты-жөні инициалдармен, ал поштасында есімі толық жазылған",
            "en": "same phone, name with initials whose e-mail spells the name out"},
        "dedup.full_name_institution": {"ru": "то же полное ФИО и то же учебное заведение",
                                        "kk": "толық аты-жөні мен оқу орны бірдей",
                                        "en": "same full name and institution"},
        "dedup.full_name_one_class": {
            "ru": "то же полное ФИО, тот же класс, группа или курс одной специальности",
            "kk": "толық аты-жөні бірдей, сыныбы, тобы немесе бір мамандықтың курсы бірдей",
            "en": "same full name, class, study group or year of one programme"},
        "dedup.email_no_patronymic": {"ru": "та же почта, ФИО без отчества",
                                      "kk": "поштасы бірдей, аты-жөні әкесінің атынсыз",
                                      "en": "same e-mail, name without patronymic"},
        "dedup.email_typo": {"ru": "та же почта, опечатка в одной букве ФИО",
                             "kk": "поштасы бірдей, аты-жөнінде бір әріп қате",
                             "en": "same e-mail, one-letter typo in the name"},
        "dedup.name_email_letter_apart": {
            "ru": "те же фамилия и имя, почта с опечаткой в одной букве",
            "kk": "тегі мен есімі бірдей, поштасында бір әріп қате",
            "en": "same surname and given name, e-mail with a one-letter slip"},
        "dedup.name_email_same_at_another_service": {
            "ru": "те же фамилия и имя и вуз, та же почта до «@» в другом почтовом сервисе",
            "kk": "тегі, есімі және оқу орны бірдей, поштасы «@» белгісіне дейін бірдей, "
                  "басқа пошта қызметінде",
            "en": "same surname, given name and institution, the same e-mail before the "
                  "\"@\" at another mail service"},
        "dedup.email_phone_typo_other_script": {
            "ru": "та же почта и телефон, ФИО латиницей и кириллицей, опечатка в одной букве",
            "kk": "поштасы мен телефоны бірдей, аты-жөні латынша және кириллицамен, бір әріп "
                  "қате",
            "en": "same e-mail and phone, the name in Latin and in Cyrillic letters with a "
                  "one-letter typo"},
        "dedup.email_initials": {"ru": "та же почта, ФИО с инициалами",
                                 "kk": "поштасы бірдей, аты-жөні инициалдармен",
                                 "en": "same e-mail, name with initials"},
        "dedup.phone_similar_name": {"ru": "тот же телефон, похожие ФИО",
                                     "kk": "телефоны бірдей, аты-жөні ұқсас",
                                     "en": "same phone, similar name"},
        "dedup.contact_same_name_said_apart": {
            "ru": "те же ФИО и почта или телефон, но сказано разное: класс, курс, роль или "
                  "номер школы",
            "kk": "аты-жөні мен поштасы не телефоны бірдей, бірақ айтылғаны әртүрлі: сыныбы, "
                  "курсы, мәртебесі не мектептің нөмірі",
            "en": "same name and e-mail or phone, but what they said differs: the class, the "
                  "year, the role or the school's number"},
        "dedup.shared_email_similar_name": {"ru": "та же почта, похожие ФИО",
                                            "kk": "поштасы бірдей, аты-жөні ұқсас",
                                            "en": "same e-mail, similar name"},
        "dedup.name_institution": {"ru": "те же ФИО и учебное заведение, но ни почты, ни телефона общих",
                                   "kk": "аты-жөні мен оқу орны бірдей, ортақ поштасы да, телефоны да жоқ",
                                   "en": "same name and institution, no e-mail or phone in common"},
        "dedup.name_institution_sent_by_another": {
            "ru": "те же ФИО, учебное заведение и специальность; одна заявка отправлена с чужой почты или "
                  "телефона (скорее всего, один человек)",
            "kk": "аты-жөні, оқу орны мен мамандығы бірдей; бір өтінім басқа адамның поштасынан "
                  "не телефонынан жіберілген (көбіне бір адам)",
            "en": "same name, institution and specialty; one was sent from someone else's "
                  "e-mail or phone (most likely one person)"},
        "dedup.name_institution_own_and_another": {
            "ru": "те же ФИО, учебное заведение (и специальность, если указана); одна заявка "
                  "отправлена с чужой почты или телефона (учителя), другая со своих",
            "kk": "аты-жөні, оқу орны (және көрсетілсе, мамандығы) бірдей; бір өтінім басқа "
                  "адамның (мұғалімнің) поштасынан не телефонынан, екіншісі өзінікінен жіберілген",
            "en": "same name and institution (and specialty, where given); one was sent from "
                  "someone else's (a teacher's) e-mail or phone, the other from their own"},
        "dedup.name_institution_year_none_and_another": {
            "ru": "те же фамилия, имя, учебное заведение и курс (класс); одна заявка отправлена "
                  "с чужой почты или телефона (учителя), в другой нет ни почты, ни телефона; "
                  "других людей с этими фамилией и именем в списке нет",
            "kk": "тегі, есімі, оқу орны мен курсы (сыныбы) бірдей; бір өтінім басқа адамның "
                  "(мұғалімнің) поштасынан не телефонынан жіберілген, екіншісінде поштасы да, "
                  "телефоны да жоқ; тізімде осы тегі мен есімі бар басқа адам жоқ",
            "en": "same surname, given name, institution and year of study; one was sent from "
                  "someone else's (a teacher's) e-mail or phone, the other gave neither; no one "
                  "else in the list has that name"},
        "dedup.leader_of_one_pupil": {
            "ru": "руководитель, названный одинаково (инициалы или полное ФИО) в двух заявках "
                  "одного учебного заведения, с одним и тем же учеником в обеих",
            "kk": "бір оқу орнының екі өтініміндегі бірдей аталған жетекші (аты-жөнінің бас "
                  "әріптері не толық аты-жөні), екеуінде де бір оқушы",
            "en": "a leader named alike (initials or the whole name) in two registrations of "
                  "one institution, with the same pupil in both"},
        "dedup.pupil_of_one_leader": {
            "ru": "то же ФИО ученика и его руководителя в двух заявках (учебное заведение "
                  "написано по-разному)",
            "kk": "екі өтінімде оқушының да, оның жетекшісінің де аты-жөні бірдей (оқу орны "
                  "әртүрлі жазылған)",
            "en": "the same pupil and the same leader in two registrations (the institution "
                  "typed two ways)"},
        "dedup.name_institution_list_sent_again": {
            "ru": "те же фамилия, имя и учебное заведение в двух письмах одного отправителя "
                  "(список прислан ещё раз); других людей с этими фамилией и именем там нет",
            "kk": "бір жіберушінің екі хатында тегі, есімі мен оқу орны бірдей (тізім қайта "
                  "жіберілген); онда осы тегі мен есімі бар басқа адам жоқ",
            "en": "same surname, given name and institution in two letters of one sender (a "
                  "list sent again); no one else there has that name"},
        "dedup.name_school_class_none_and_own": {
            "ru": "те же фамилия, имя, школа и класс (или оба учителя); в одной заявке нет ни "
                  "почты, ни телефона (из списка учителя), другая отправлена со своих; других "
                  "людей с этими фамилией и именем в списке нет",
            "kk": "тегі, есімі, мектебі мен сыныбы бірдей (не екеуі де мұғалім); бір өтінімде "
                  "поштасы да, телефоны да жоқ (мұғалімнің тізімінен), екіншісі өзінікінен "
                  "жіберілген; тізімде осы тегі мен есімі бар басқа адам жоқ",
            "en": "same surname, given name, school and class (or both teachers); one gave no "
                  "e-mail or phone (a teacher's list), the other was sent from their own; no one "
                  "else in the list has that name"},
        "dedup.name_school_whole_class": {
            "ru": "те же фамилия, имя, школа и класс с буквой во всех заявках; своя почта или "
                  "телефон не более чем в одной; других людей с этими фамилией и именем в этой "
                  "параллели там нет",
            "kk": "барлық өтінімде тегі, есімі, мектебі және әрпімен сыныбы бірдей; өз поштасы "
                  "не телефоны ең көбі біреуінде; онда осы сынып жылында осы тегі мен есімі бар "
                  "басқа адам жоқ",
            "en": "same surname, given name, school and class with its letter in every "
                  "registration; their own e-mail or phone in one at most; no one else there of "
                  "that name in that year"},
        "dedup.name_college_year_none_and_own": {
            "ru": "те же фамилия, имя, колледж, курс или специальность (или оба преподаватели); "
                  "в одной заявке нет ни почты, ни телефона, другая отправлена со своих; других "
                  "людей с этими фамилией и именем в списке нет",
            "kk": "тегі, есімі, колледжі, курсы не мамандығы бірдей (не екеуі де оқытушы); бір "
                  "өтінімде поштасы да, телефоны да жоқ, екіншісі өзінікінен жіберілген; тізімде "
                  "осы тегі мен есімі бар басқа адам жоқ",
            "en": "same surname, given name, college, and year of study or programme (or both "
                  "teachers); one gave no e-mail or phone, the other was sent from their own; no "
                  "one else in the list has that name"},
        "dedup.name_university_year_programme_none_and_own": {
            "ru": "те же фамилия, имя, вуз, курс и специальность; одна заявка без своих почты и "
                  "телефона (из списка куратора), другая отправлена со своих; других людей с "
                  "этими фамилией и именем в списке нет",
            "kk": "тегі, есімі, жоғары оқу орны, курсы мен мамандығы бірдей; бір өтінімде өз "
                  "поштасы мен телефоны жоқ (кураторның тізімінен), екіншісі өзінікінен "
                  "жіберілген; тізімде осы тегі мен есімі бар басқа адам жоқ",
            "en": "same surname, given name, university, year of study and programme; one came "
                  "without their own e-mail or phone (a curator's list), the other from their "
                  "own; no one else in the list has that name"},
        "dedup.name_no_patronymic_own_and_another": {
            "ru": "те же фамилия, имя, учебное заведение (и специальность, если указана); "
                  "запись без отчества отправлена с чужой почты или телефона (учителя), другая, "
                  "с отчеством, со своих; других людей с этими фамилией и именем в списке нет",
            "kk": "тегі, есімі, оқу орны (және көрсетілсе, мамандығы) бірдей; әкесінің атынсыз "
                  "өтінім басқа адамның (мұғалімнің) поштасынан не телефонынан, әкесінің атымен "
                  "жазылғаны өзінікінен жіберілген; тізімде осы тегі мен есімі бар басқа адам жоқ",
            "en": "same surname, given name and institution (and specialty, where given); the "
                  "one without the patronymic was sent from someone else's (a teacher's) e-mail "
                  "or phone, the one with it from their own; no one else in the list has that "
                  "name"},
        "dedup.name_institution_specialty_again": {
            "ru": "те же фамилия, имя, учебное заведение и специальность; вторая заявка с новой "
                  "почты или телефона, без одного из них; других людей с этими фамилией и "
                  "именем в списке нет",
            "kk": "тегі, есімі, оқу орны мен мамандығы бірдей; екінші өтінім жаңа поштадан не "
                  "телефоннан, біреуінсіз; тізімде осы тегі мен есімі бар басқа адам жоқ",
            "en": "same surname, given name, institution and specialty; registered again from a "
                  "new e-mail or phone, without the other; no one else in the list has that "
                  "name"},
        "dedup.initials_institution": {
            "ru": "те же фамилия и учебное заведение, инициалы подходят к имени, но другие почта и телефон",
            "kk": "тегі мен оқу орны бірдей, инициалдары есіміне сәйкес, поштасы мен телефоны "
                  "басқа",
            "en": "same surname and institution, initials that fit the name, different e-mail "
                  "and phone"},
        "dedup.name_no_patronymic_institution": {
            "ru": "те же ФИО (в одной записи без отчества) и учебное заведение, но ни почты, ни "
                  "телефона общих",
            "kk": "аты-жөні (бірінде әкесінің атынсыз) мен оқу орны бірдей, ортақ поштасы да, "
                  "телефоны да жоқ",
            "en": "same name (one without the patronymic) and institution, no e-mail or phone "
                  "in common"},
        "dedup.name_no_patronymic_sent_by_another": {
            "ru": "те же ФИО (в одной записи без отчества) и учебное заведение; запись без "
                  "отчества отправлена с чужой почты или телефона (учителя), другая со своих "
                  "(скорее всего, один человек)",
            "kk": "аты-жөні (бірінде әкесінің атынсыз) мен оқу орны бірдей; әкесінің атынсыз "
                  "өтінім басқа адамның (мұғалімнің) поштасынан не телефонынан, екіншісі "
                  "өзінікінен жіберілген (көбіне бір адам)",
            "en": "same name (one without the patronymic) and institution; that one was sent "
                  "from someone else's (a teacher's) e-mail or phone, the other from their own "
                  "(most likely one person)"},
        "dedup.conflict": {"ru": "{0}; не объединены: с другим ФИО в группе не сходится",
                           "kk": "{0}; біріктірілмеді: топтағы басқа аты-жөнімен сәйкес емес",
                           "en": "{0}; not merged: another name in the group does not fit"},
    }.items()},
    # countries of foreign phone numbers (an unlisted one shows its ISO code)
    **{f"country.{code}": dict(zip(("ru", "kk", "en"), names)) for code, names in {
        "RU": ("Россия", "Ресей", "Russia"), "KG": ("Киргизия", "Қырғызстан", "Kyrgyzstan"),
        "UZ": ("Узбекистан", "Өзбекстан", "Uzbekistan"), "TJ": ("Таджикистан", "Тәжікстан", "Tajikistan"),
        "TM": ("Туркмения", "Түрікменстан", "Turkmenistan"), "CN": ("Китай", "Қытай", "China"),
        "TR": ("Турция", "Түркия", "Türkiye"), "BY": ("Беларусь", "Беларусь", "Belarus"),
        "UA": ("Украина", "Украина", "Ukraine"), "AZ": ("Азербайджан", "Әзербайжан", "Azerbaijan"),
        "GE": ("Грузия", "Грузия", "Georgia"), "AM": ("Армения", "Армения", "Armenia"),
        "MN": ("Монголия", "Моңғолия", "Mongolia"), "KR": ("Южная Корея", "Оңтүстік Корея", "South Korea"),
        "IN": ("Индия", "Үндістан", "India"), "AE": ("ОАЭ", "БАӘ", "UAE"), "US": ("США", "АҚШ", "USA"),
        "GB": ("Великобритания", "Ұлыбритания", "United Kingdom"), "DE": ("Германия", "Германия", "Germany"),
    }.items()},
}

DATE_FORMATS = {"ru": "DD.MM.YYYY HH:MM", "kk": "DD.MM.YYYY HH:MM", "en": "YYYY-MM-DD HH:MM"}
DAY_FORMATS = {"ru": "DD.MM.YYYY", "kk": "DD.MM.YYYY", "en": "YYYY-MM-DD"}
# a day on a chart's axis, whose year is the report's
DAY_MONTH_FORMATS = {"ru": "DD.MM", "kk": "DD.MM", "en": "MM-DD"}


NOTE_SEPARATOR = "; "
ARG_SEPARATOR = "|"
NOTE_CODE = re.compile(r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+")  # phone.foreign, dedup.email_name


def label(key: str, language: str) -> str:
    return LABELS[key][language]


# The questions regsync adds (sync.sources.table), by their text: shown in the report's
# language, where the question an organizer wrote is shown as written.
ADDED_QUESTIONS = {LABELS[key]["ru"]: key
                   for key in ("question.title_place", "question.title_school")}


def question_text(question: str, language: str) -> str:
    """A question as the report shows it: as written, or regsync's own in `language`."""
    key = ADDED_QUESTIONS.get(question)
    return label(key, language) if key else question


def note_text(notes: str, language: str) -> str:
    """A notes cell in words: "phone.foreign|RU; role.several|teacher|phd" ->
    "Иностранный номер (Россия); указано несколько статусов, выбран «Преподаватель» (также:
    Докторант)". Each code by its label "note.<code>", with its args in {0}, {1}, ... and
    {rest} (every arg after the first, joined). An arg is shown by a label of its own where
    it has one: a value of the code's field ("teacher" for role.* -> "role.teacher"), another
    code (a rule, "note.dedup.email_typo") or a country ("country.RU").

    A note without a label is shown as it is, so that nothing is hidden; the tests see to
    it that every code the program makes has its label (tests/test_labels.py).
    """
    if not notes:
        return ""
    return NOTE_SEPARATOR.join(_one_note(note, language) for note in notes.split(NOTE_SEPARATOR))


def _one_note(note: str, language: str) -> str:
    code, *args = note.split(ARG_SEPARATOR)
    template = LABELS.get(f"note.{code}")
    if template is None:
        return note
    field = code.split(".", 1)[0]
    words = [_arg_text(arg, field, language) for arg in args]
    return template[language].format(*words, rest=", ".join(words[1:]))


def _arg_text(arg: str, field: str, language: str) -> str:
    for key in (f"{field}.{arg}", f"note.{arg}", f"country.{arg}"):
        if key in LABELS:
            return _one_note(arg, language) if key == f"note.{arg}" else LABELS[key][language]
    return arg


def note_codes(notes: str) -> list[str]:
    """The codes of a notes cell, args left out (for checking that each has a label)."""
    return [note.split(ARG_SEPARATOR)[0] for note in notes.split(NOTE_SEPARATOR) if note]

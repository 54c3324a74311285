"""Publishing to a Google spreadsheet against the local stand-in: real gspread and google-auth
over HTTP, requests counted where Google would count them."""

from __future__ import annotations

import dataclasses
import json

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from google_standin import (READONLY_SCOPE, FakeTime, Fault, Formula, Spreadsheet, StandInAdapter, Tab,
                            new_authorized_user, new_service_account, running_standin)
from sync.config import PublishConfig
from sync.errors import PublishError
from sync.publish.google_sheet import (_unquoted, describe_publish_target, publish_tabs,
                                       value_batches)
from sync.publish.plan import MARK_KEY
from sync.publish.tabs import TabContent

KEY = "1PlastNetList2025aBcDeFgHiJkLmNoPqRsTuVwXyZ0"
ACCOUNT = "regsync@plastnet-test.iam.gserviceaccount.com"
TITLE = "PlastNet 2025 — участники"
NOTES = [["Кому позвонить", "Когда"], ["Смагулова", "после 18:00"]]  # the organizers' own tab
HEADER = ["ФИО", "Эл. почта", "Телефон", "Учебное заведение"]
# respondents' text in three languages, some of it looking like formulas or numbers
PEOPLE = [
    ["Смагулова Айгерим", "aigerim.s@mail.ru", "+77074289378", "КазНУ им. аль-Фараби"],
    ["Жұмабеков Нұрлан", "zh.nurlan@gmail.com", "+77771234567", "Сәтбаев университеті"],
    ["=HYPERLINK(\"http://evil.example\",\"click\")", "", "+7 701 000 0001", "Satbayev University"],
    ["@SUM(A1:A9)", "-1+1@x.kz", "007", "=1+1"],
    ["John O'Neil", "john@example.org", "", ""],
]


def people_tab(rows=PEOPLE, title="Участники", role="participants") -> TabContent:
    return TabContent(role, title, [HEADER, *rows], (238, 210, 112, 350), True)


def counts_tab(title="По вузам") -> TabContent:
    return TabContent("by_institution", title, [["Учебное заведение", "Участников"], ["КазНУ", 2],
                                                ["Satbayev University", 1]], (420, 98), True)


@pytest.fixture
def standin():
    with running_standin() as standin:
        standin.add(Spreadsheet(KEY, TITLE, [Tab("Заметки", [row[:] for row in NOTES], sheet_id=0)]))
        yield standin


@pytest.fixture
def target(tmp_path, standin):
    path = tmp_path / "service-account.json"
    path.write_text(json.dumps(new_service_account(standin, ACCOUNT)), encoding="utf-8")
    path.chmod(0o600)
    return PublishConfig(KEY, credentials=path)


@pytest.fixture
def fake_time():
    return FakeTime()


@pytest.fixture
def publish(standin, target, fake_time):
    def publish(tabs, target=target, adapter=None, **options):
        return publish_tabs(target, tabs, adapter=adapter or StandInAdapter(standin),
                            sleeper=fake_time.sleep, clock=fake_time.clock, **options)
    return publish


def kinds(standin) -> list[str | None]:
    """The calls since the last look, by kind; the token exchange is None."""
    calls = [entry.kind for entry in standin.log]
    standin.log.clear()
    return calls


def tab(standin, title) -> Tab:
    return standin.tab(KEY, title)


def marks(tab: Tab) -> list[str]:
    return [m["metadataValue"] for m in tab.metadata if m["metadataKey"] == MARK_KEY]


# --- requests ---------------------------------------------------------------------------

def test_the_first_publish_adds_the_tabs_in_one_batch_then_writes_in_one(standin, publish):
    published = publish([people_tab(), counts_tab()])
    assert kinds(standin) == [None, "metadata", "batchUpdate", "values.batchUpdate"]
    assert published.title == TITLE and published.tabs == 2 and published.requests == 3
    assert tab(standin, "Участники").rows == [HEADER, *PEOPLE]
    assert tab(standin, "По вузам").rows[1] == ["КазНУ", 2]  # numbers stay numbers


def test_every_later_publish_is_one_clear_and_one_update(standin, publish):
    publish([people_tab(), counts_tab()])
    kinds(standin)
    for _ in range(2):
        publish([people_tab(PEOPLE[:2]), counts_tab()])
        assert kinds(standin) == [None, "metadata", "values.batchClear", "values.batchUpdate"]
    # the shorter list leaves nothing of the longer one behind
    assert tab(standin, "Участники").rows == [HEADER, *PEOPLE[:2]]


def test_values_are_sent_raw_so_respondents_text_stays_text(standin, publish):
    publish([people_tab()])
    body = next(e.body for e in standin.log if e.kind == "values.batchUpdate")
    assert body["valueInputOption"] == "RAW"
    cells = [cell for row in tab(standin, "Участники").rows for cell in row]
    assert not any(isinstance(cell, Formula) for cell in cells)
    assert "=HYPERLINK(\"http://evil.example\",\"click\")" in cells and "=1+1" in cells
    assert "+77074289378" in cells and "007" in cells  # phones and codes are not numbers


def test_the_organizers_tabs_are_never_touched(standin, publish):
    sheet = standin.spreadsheets[KEY]
    sheet.tabs.append(Tab("участники", [["мой список"]], sheet_id=5))  # their own, our name
    publish([people_tab(), counts_tab()])
    publish([people_tab(PEOPLE[:1]), counts_tab()])
    assert [t.title for t in sheet.tabs] == ["Заметки", "участники", "Участники (2)", "По вузам"]
    assert tab(standin, "Заметки").rows == NOTES and tab(standin, "участники").rows == [["мой список"]]
    assert not tab(standin, "Заметки").metadata and not tab(standin, "участники").metadata
    assert tab(standin, "Участники (2)").rows == [HEADER, PEOPLE[0]]


def test_the_look_is_set_once_when_a_tab_is_made(standin, publish):
    publish([people_tab(), counts_tab()])
    people = tab(standin, "Участники")
    assert people.frozen_rows == 1 and people.basic_filter == {"range": {"sheetId": people.sheet_id}}
    assert people.column_pixels == {0: 238, 1: 210, 2: 112, 3: 350}
    assert marks(people) == ["participants"]
    people.column_pixels[0] = 500  # the organizers widen a column and unfreeze the header
    people.frozen_rows = 0
    publish([people_tab(), counts_tab()])
    people = tab(standin, "Участники")
    assert people.column_pixels[0] == 500 and people.frozen_rows == 0


@pytest.mark.parametrize("old_title, new_title", [
    ("Мой список", "Участники"),  # renamed by hand: the name comes back
    ("Участники", "Participants"),  # the report's language changed to English
    ("Участники", "Қатысушылар"),  # ... or to Kazakh
])
def test_regsyncs_tab_is_found_by_its_mark_not_its_name(standin, publish, old_title, new_title):
    publish([people_tab()])
    tab(standin, "Участники").title = old_title
    kinds(standin)
    publish([people_tab(PEOPLE[:2], title=new_title)])
    assert kinds(standin) == [None, "metadata", "batchUpdate", "values.batchClear", "values.batchUpdate"]
    assert [t.title for t in standin.spreadsheets[KEY].tabs] == ["Заметки", new_title]
    assert tab(standin, new_title).rows == [HEADER, *PEOPLE[:2]]


def test_a_tab_nobody_needs_any_more_is_deleted_but_a_copy_is_kept(standin, publish):
    gone = TabContent("institution:Старый вуз", "Старый вуз", [HEADER, PEOPLE[0]], (), True)
    publish([people_tab(), gone])
    copy = dataclasses.replace(tab(standin, "Старый вуз"), title="Копия", sheet_id=99,
                               metadata=[dict(m) for m in tab(standin, "Старый вуз").metadata])
    standin.spreadsheets[KEY].tabs.append(copy)  # as if duplicated by hand, mark and all
    publish([people_tab()])
    assert [t.title for t in standin.spreadsheets[KEY].tabs] == ["Заметки", "Участники", "Копия"]
    assert copy.rows == [HEADER, PEOPLE[0]]


def test_a_growing_list_gets_room_and_its_filter_again(standin, publish):
    publish([people_tab()])
    people = tab(standin, "Участники")
    people.row_count = 3  # as if the list had been tiny when the tab was made
    standin.log.clear()
    many = [[f"Участник {n}", f"p{n}@example.kz", "", "КазНУ"] for n in range(150)]
    publish([people_tab(many)])
    structure = next(e.body for e in standin.log if e.kind == "batchUpdate")["requests"]
    assert [next(iter(r)) for r in structure] == ["updateSheetProperties", "setBasicFilter"]
    people = tab(standin, "Участники")  # a batch replaces the tabs with its own copies
    assert people.row_count == 151 + 100 and people.rows[-1][0] == "Участник 149"


def test_a_list_bigger_than_one_request_goes_in_as_few_as_it_takes(standin, publish):
    many = [[f"Участник {n}", f"p{n}@example.kz", "+7701000" + f"{n:04d}", "КазНУ"] for n in range(300)]
    limit = 8_000
    standin.payload_limit = limit  # the stand-in refuses any request bigger than this
    publish([people_tab(many), counts_tab()], max_request_bytes=limit)
    writes = [e for e in standin.log if e.kind == "values.batchUpdate"]
    total = sum(len(json.dumps(row, ensure_ascii=False).encode()) for row in many)
    assert 2 <= len(writes) <= -(-total // (limit // 2))  # every request but the last well filled
    assert tab(standin, "Участники").rows == [HEADER, *many]
    assert tab(standin, "По вузам").rows[0] == ["Учебное заведение", "Участников"]


# --- value_batches ------------------------------------------------------------------------

cells = st.one_of(st.text(max_size=40), st.integers(-10**12, 10**12), st.booleans())
grids = st.lists(st.lists(cells, min_size=1, max_size=5), min_size=1, max_size=30)


@settings(max_examples=60, deadline=None)
@given(writes=st.lists(st.tuples(st.sampled_from(["'Участники'", "'По вузам'", "'Қ''s'"]), grids),
                       min_size=1, max_size=3, unique_by=lambda w: w[0]),
       limit=st.integers(400, 4000))
def test_value_batches_cut_between_rows_and_lose_nothing(writes, limit):
    rebuilt: dict[str, list] = {}
    for body in value_batches(writes, limit):
        assert len(body) <= limit or body.count(b'"range"') == 1  # a lone huge row goes alone
        sent = json.loads(body)
        assert sent["valueInputOption"] == "RAW"
        for item in sent["data"]:
            tab_name, _, start = item["range"].rpartition("!A")
            rows = rebuilt.setdefault(tab_name, [])
            assert int(start) == len(rows) + 1  # each part starts where the last one ended
            rows.extend(item["values"])
    assert rebuilt == {name: rows for name, rows in writes}


# --- failures -----------------------------------------------------------------------------

class DeadNetwork(StandInAdapter):
    def send(self, request, **kwargs):
        raise requests.ConnectionError(ConnectionResetError(104, "Connection reset by peer"))


def _viewer(standin):
    standin.spreadsheets[KEY].editable = False


def _unshared(standin):
    standin.spreadsheets[KEY].shared = False


def _deleted(standin):
    del standin.spreadsheets[KEY]


def _full(standin):
    standin.cell_limit = 500  # the spreadsheet is near Google's 10 million cells


@pytest.mark.parametrize("break_it, message", [
    (_unshared, f"the spreadsheet is not shared with {ACCOUNT}; open it, press Share and add that "
                "address as Editor (while reading the spreadsheet; the spreadsheet was not changed)"),
    (_viewer, f"{ACCOUNT} may only view the spreadsheet; open it, press Share and make that address "
              "an Editor (while adding or resizing its tabs; the spreadsheet was not changed)"),
    (_deleted, f"no spreadsheet with key {KEY}; check [publish] url in config.toml"),
    (_full, "Google answered 400 INVALID_ARGUMENT: Invalid requests[0].addSheet: This action would "
            "increase the number of cells in the workbook above the limit of 500 cells."),
    (lambda s: s.inject(Fault(429, times=None)), "Google's write quota is exhausted (429 "
                                                 "RESOURCE_EXHAUSTED) after 6 tries"),
    (lambda s: s.inject(Fault(503, times=None, on="values.batchUpdate")),
     "Google kept answering 503 UNAVAILABLE after 6 tries in"),
])
def test_failures_are_one_line_saying_what_to_do(standin, publish, break_it, message):
    break_it(standin)
    with pytest.raises(PublishError) as caught:
        publish([people_tab()])
    text = str(caught.value)
    assert text.startswith("report not published to the Google Sheet: ") and message in text
    assert "\n" not in text
    if KEY in standin.spreadsheets:
        assert tab(standin, "Заметки").rows == NOTES


def test_a_failure_after_the_clear_says_the_tabs_stay_empty(standin, publish):
    publish([people_tab()])
    standin.inject(Fault(503, times=None, on="values.batchUpdate"))
    with pytest.raises(PublishError, match=r"\(while writing the lists; its regsync tabs are empty "
                                           r"or incomplete until the next run\)$"):
        publish([people_tab()])


def test_network_down_is_said_plainly(standin, publish):
    with pytest.raises(PublishError, match="cannot reach Google .* after 6 tries"):
        publish([people_tab()], adapter=DeadNetwork(standin))


def test_429_is_waited_out_then_the_list_is_written(standin, publish, fake_time):
    standin.inject(Fault(429, times=2, retry_after=7, on="values.batchUpdate"))
    publish([people_tab()])
    assert fake_time.sleeps == [7, 7]
    assert tab(standin, "Участники").rows == [HEADER, *PEOPLE]


def test_an_expired_token_mid_publish_is_refreshed(standin, publish):
    standin.inject(Fault(401, times=1, on="values.batchUpdate"))
    publish([people_tab()])
    assert tab(standin, "Участники").rows == [HEADER, *PEOPLE]


@pytest.mark.parametrize("scopes, works", [
    (frozenset({READONLY_SCOPE}), False),
    (frozenset({READONLY_SCOPE, "https://www.googleapis.com/auth/spreadsheets"}), True),
])
def test_a_token_file_must_allow_writing(tmp_path, standin, publish, scopes, works):
    path = tmp_path / "token.json"
    path.write_text(json.dumps(new_authorized_user(standin, scopes)), encoding="utf-8")
    token_target = PublishConfig(KEY, oauth_token=path)
    if works:
        publish([people_tab()], target=token_target)
        assert tab(standin, "Участники").rows[0] == HEADER
    else:
        with pytest.raises(PublishError, match="the token file .*token.json allows reading only; "
                                               "make it again with the scope https://www"):
            publish([people_tab()], target=token_target)


def test_a_damaged_key_file_is_named_without_its_secrets(tmp_path, publish):
    path = tmp_path / "key.json"
    path.write_text('{"type": "service_account", "client_email": "a@b.c", "token_uri": "http://x", '
                    '"private_key": "-----BEGIN PRIVATE KEY-----\\nSECRET\\n-----END PRIVATE KEY-----"}',
                    encoding="utf-8")
    with pytest.raises(PublishError) as caught:
        publish([people_tab()], target=PublishConfig(KEY, credentials=path))
    assert str(caught.value).startswith("[publish]: key file ") and "SECRET" not in str(caught.value)


@pytest.mark.parametrize("message, shown", [
    ('Invalid value at \'data[0].values[3]\' (ListValue), "Смагулова Айгерим"',
     "Invalid value at 'data[0].values[3]' (ListValue), …"),
    ("Range ('По вузам'!A1:L9) exceeds grid limits.", "Range ('По вузам'!A1:L9) exceeds grid limits."),
])
def test_what_google_quotes_from_the_data_is_left_out(message, shown):
    assert _unquoted(message) == shown


# --- check --------------------------------------------------------------------------------

def test_check_finds_the_target_writable_and_changes_nothing(standin, target, fake_time, publish):
    publish([people_tab()])
    before = json.dumps([dataclasses.asdict(t) for t in standin.spreadsheets[KEY].tabs], default=str)
    info = describe_publish_target(target, adapter=StandInAdapter(standin), sleeper=fake_time.sleep,
                                   clock=fake_time.clock)
    assert info == {"account": ACCOUNT, "title": TITLE, "ours": ["Участники"], "others": ["Заметки"]}
    after = json.dumps([dataclasses.asdict(t) for t in standin.spreadsheets[KEY].tabs], default=str)
    assert after == before and standin.spreadsheets[KEY].title == TITLE


def test_check_says_when_the_target_is_only_shared_as_viewer(standin, target):
    _viewer(standin)
    with pytest.raises(PublishError, match=f"^publish target: {ACCOUNT} may only view the "
                                           "spreadsheet; open it, press Share and make that address "
                                           r"an Editor \(while trying a write that changes nothing"):
        describe_publish_target(target, adapter=StandInAdapter(standin))


# --- the spreadsheet after any history ------------------------------------------------------

ROLES = ["participants", "by_institution", "institution:КазНУ", "institution:ЕНУ"]
TITLES = {"participants": "Участники", "by_institution": "По вузам",
          "institution:КазНУ": "КазНУ", "institution:ЕНУ": "ЕНУ"}
THEIR_TITLES = ["Участники", "участники", "По вузам", "КазНУ", "Лист1", "Участники (2)", "Мой список"]


@st.composite
def histories(draw):
    """The organizers' tabs (some with the names regsync wants), regsync's tabs from earlier
    runs (some renamed by hand, some no longer wanted), and what this run wants."""
    theirs = draw(st.lists(st.sampled_from(THEIR_TITLES), max_size=4, unique_by=str.casefold))
    taken = {t.casefold() for t in theirs}
    ours = []
    for role in draw(st.lists(st.sampled_from(ROLES), max_size=4, unique=True)):
        title = draw(st.sampled_from([TITLES[role], f"{TITLES[role]} старое", "Копия " + role]))
        if title.casefold() not in taken:
            taken.add(title.casefold())
            ours.append((role, title, draw(st.integers(1, 3))))
    wanted = draw(st.lists(st.sampled_from(ROLES), min_size=1, max_size=4, unique=True))
    return theirs, ours, wanted


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=histories())
def test_after_any_history_regsyncs_tabs_hold_the_lists_and_nothing_else_changed(
        standin, publish, history):
    theirs, ours, wanted = history
    sheet = standin.spreadsheets[KEY]
    sheet.tabs[:] = [Tab(title, [[f"заметка {n}"]], sheet_id=n + 1) for n, title in enumerate(theirs)]
    for n, (role, title, rows) in enumerate(ours):
        sheet.tabs.append(Tab(title, [["старое"]] * rows, sheet_id=100 + n, row_count=rows,
                              metadata=[{"metadataKey": MARK_KEY, "metadataValue": role}]))
    if not sheet.tabs:
        sheet.tabs.append(Tab("Sheet1", [], sheet_id=0))
    before = {t.sheet_id: (t.title, [r[:] for r in t.rows]) for t in sheet.tabs if not t.metadata}
    contents = [people_tab([[TITLES[r], r, "", ""]] * 3, title=TITLES[r], role=r) for r in wanted]
    publish(contents)
    kinds(standin)
    after = {t.sheet_id: (t.title, t.rows) for t in sheet.tabs if not t.metadata}
    assert after == before  # the organizers' tabs: same names, same cells
    for content in contents:
        (mine,) = [t for t in sheet.tabs if marks(t) == [content.role]]
        assert mine.rows == content.rows
    assert {m for t in sheet.tabs for m in marks(t)} == set(wanted)  # no longer wanted: gone
    titles = [t.title.casefold() for t in sheet.tabs]
    assert len(titles) == len(set(titles))
    publish(contents)  # and a second run of the same changes no structure
    assert kinds(standin) == [None, "metadata", "values.batchClear", "values.batchUpdate"]

"""Planning the requests, without Google: marks, free names, the look set once.
(The plan carried out against the stand-in, after any history: tests/test_publish_google.py.)"""

import pytest

from sync.publish.plan import MARK_KEY, MIN_SPARE_ROWS, ExistingTab, existing_tabs, plan
from sync.publish.tabs import MAX_TITLE, TabContent

PEOPLE = TabContent("participants", "Участники", [["ФИО", "Телефон"], ["Иванова Айгерим", "+77011234567"]],
                    (238, 238), True)
COUNTS = TabContent("by_specialty", "По специальностям", [["Специальность", "Участников"], ["Экология", 3]],
                    (350, 98), False)


def ours(role, title, sheet_id=10, rows=1000, columns=26, index=1):
    return ExistingTab(sheet_id, title, index, rows, columns, role)


def theirs(title, sheet_id=0, index=0):
    return ExistingTab(sheet_id, title, index, 1000, 26, None)


def test_the_mark_is_read_from_the_metadata():
    metadata = {"sheets": [
        {"properties": {"sheetId": 0, "title": "Лист1", "index": 0,
                        "gridProperties": {"rowCount": 1000, "columnCount": 26}}},
        {"properties": {"sheetId": 7, "title": "Участники", "index": 1,
                        "gridProperties": {"rowCount": 300, "columnCount": 12}},
         "developerMetadata": [{"metadataKey": "someone.else", "metadataValue": "x"},
                               {"metadataKey": MARK_KEY, "metadataValue": "participants"}]}]}
    assert existing_tabs(metadata) == [theirs("Лист1"), ours("participants", "Участники", 7, 300, 12)]


def test_a_new_tab_gets_its_look_and_mark_in_the_same_batch():
    result = plan([theirs("Лист1")], [PEOPLE])
    kinds = [next(iter(r)) for r in result.structure]
    assert kinds == ["addSheet", "createDeveloperMetadata", "updateDimensionProperties", "setBasicFilter"]
    added = result.structure[0]["addSheet"]["properties"]
    assert added["gridProperties"] == {"rowCount": 2 + MIN_SPARE_ROWS, "columnCount": 2, "frozenRowCount": 1}
    widths = result.structure[2]["updateDimensionProperties"]
    assert (widths["range"]["startIndex"], widths["range"]["endIndex"], widths["properties"]) == \
        (0, 2, {"pixelSize": 238})  # equal widths side by side: one request
    assert result.clear == [] and result.writes == [("'Участники'", PEOPLE.rows)]


def test_a_table_without_header_row_gets_neither_frozen_row_nor_filter():
    kinds = [next(iter(r)) for r in plan([], [COUNTS]).structure]
    assert "setBasicFilter" not in kinds
    assert "frozenRowCount" not in plan([], [COUNTS]).structure[0]["addSheet"]["properties"]["gridProperties"]


def test_nothing_to_change_means_no_structure_request():
    result = plan([theirs("Лист1"), ours("participants", "Участники")], [PEOPLE])
    assert result.structure == [] and result.clear == ["'Участники'"]


@pytest.mark.parametrize("taken, title", [
    (["Участники"], "Участники (2)"),
    (["участники", "УЧАСТНИКИ (2)"], "Участники (3)"),  # Sheets ignores case in tab names
    ([], "Участники"),
])
def test_a_name_taken_by_the_organizers_gets_a_number(taken, title):
    existing = [theirs(t, sheet_id=n, index=n) for n, t in enumerate(taken)]
    assert plan(existing, [PEOPLE]).created == [title]


def test_a_numbered_name_stays_within_the_length_limit():
    long = TabContent("institution:x", "Ә" * MAX_TITLE, [["a"]], (), False)
    (title,) = plan([theirs("Ә" * MAX_TITLE)], [long]).created
    assert title.endswith(" (2)") and len(title) == MAX_TITLE


def test_sheet_ids_are_the_same_every_run_and_never_taken():
    first = plan([], [PEOPLE]).structure[0]["addSheet"]["properties"]["sheetId"]
    assert plan([], [PEOPLE]).structure[0]["addSheet"]["properties"]["sheetId"] == first > 0
    moved = plan([theirs("Лист1", sheet_id=first)], [PEOPLE]).structure[0]["addSheet"]["properties"]
    assert moved["sheetId"] != first


def test_deleting_comes_after_adding_so_a_spreadsheet_keeps_a_tab():
    result = plan([ours("institution:Старый", "Старый", index=0)], [PEOPLE])
    assert [next(iter(r)) for r in result.structure][-1] == "deleteSheet"
    assert result.deleted == ["Старый"]

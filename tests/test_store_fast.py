"""The store's fast paths give exactly what the plain definitions give.

- a fingerprint is cut from the stored JSON instead of encoding the cells a second time;
- groups() reads rows in table order, in batches, straight into columns, and shares one
  string per repeated answer, instead of letting SQLite sort whole rows;
- a run takes the responses it just pulled and stored from the pull, not from the store.
"""

import hashlib
import json
from types import SimpleNamespace

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sync.store
from sync.headers import map_headers
from sync.load import stored_responses
from sync.pull import Pulled
from sync.sources.table import SharedAnswers, build_table
from sync.store import Identity, Store, _encoded

HEADERS = (["Отметка времени", "ФИО", "Адрес электронной почты", "Город"],
           ["Отметка времени", "Фамилия Имя", "Адрес электронной почты", "Город"])
IDENTITY = Identity(timestamp="Отметка времени", contacts=("Адрес электронной почты",))

cell = st.text(alphabet=st.sampled_from([' ', 'a', 'Ж', '"', '\\', ',', '\n', '\x00', '😀']),
               max_size=4)


@given(st.lists(cell, max_size=8))
def test_stored_json_and_fingerprint_are_the_plain_definitions(cells):
    trimmed = list(cells)
    while trimmed and not trimmed[-1]:
        trimmed.pop()
    expected = hashlib.sha256(json.dumps(trimmed, ensure_ascii=False).encode()).hexdigest()[:32]
    for shape in (cells, tuple(cells)):
        assert _encoded(shape) == (json.dumps(cells, ensure_ascii=False), expected)


def _plain_groups(store: Store, include_vanished: bool) -> list:
    """groups() as the first release wrote it: one SQL query sorted by SQLite, row by row."""
    where = "" if include_vanished else "WHERE r.vanished_run IS NULL"
    rows = store.db.execute(
        "SELECT r.header_set, h.source, h.headers, h.timezone, r.source_row, r.answers,"
        f" r.first_seen_run, r.vanished_run FROM responses r JOIN header_sets h"
        f" ON h.id = r.header_set {where} ORDER BY r.header_set, r.source_row, r.id").fetchall()
    groups: dict[int, list] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(row)
    return [(batch[0][1], tuple(json.loads(batch[0][2])), batch[0][3],
             [tuple(json.loads(r[5])) for r in batch], [r[4] for r in batch],
             tuple(r[6] for r in batch), tuple(r[7] is not None for r in batch))
            for batch in groups.values()]


def _fast_groups(store: Store, include_vanished: bool) -> list:
    return [(g.table.source, g.table.headers, g.table.timezone,
             list(zip(*g.table.columns)), g.table.row_numbers, g.first_seen_runs, g.vanished)
            for g in store.groups(include_vanished)]


answer_row = st.tuples(st.sampled_from(["1.10.2025 10:00", "2.10.2025 11:00", ""]),
                       st.sampled_from(["Анна", "Олег", "Анна "]),
                       st.sampled_from(["a@x.kz", "b@x.kz", ""]),
                       st.sampled_from(["Алматы", "Астана", ""]))
header_and_rows = st.tuples(st.sampled_from([0, 1]), st.lists(answer_row, max_size=6))


@settings(max_examples=60, deadline=None)
@given(pulls=st.lists(header_and_rows, min_size=1, max_size=5),
       batch_rows=st.sampled_from([1, 2, 3, 1000]), sample_rows=st.sampled_from([1, 3, 1000]))
def test_groups_equal_the_plain_sorted_query(tmp_path_factory, pulls, batch_rows, sample_rows):
    """Rows move, vanish, come back and change header rows over several pulls; every
    batch size, and every point where repeated answers start or stop being shared, gives
    the groups that sorting everything in SQLite gives."""
    path = tmp_path_factory.mktemp("store") / "regsync.sqlite"
    with Store(path) as store, pytest.MonkeyPatch.context() as patch:
        patch.setattr(sync.store, "_DECODE_BATCH_ROWS", batch_rows)
        patch.setattr(SharedAnswers, "SAMPLE_ROWS", sample_rows)
        for header, rows in pulls:
            store.begin()
            run = store.start_run("sync")
            table = build_table("form", "form.csv", [HEADERS[header], *map(list, rows)],
                                "Asia/Almaty")
            store.record_pull(run, table, IDENTITY)
            store.commit()
            for include_vanished in (True, False):
                assert _fast_groups(store, include_vanished) == _plain_groups(store, include_vanished)


# the first header with a question added at the end, as organizers do mid-registration
WIDER = [*HEADERS[0], "Курс"]
pull_of_a_source = st.tuples(st.sampled_from(["form", "email"]), st.sampled_from([0, 1, 2]),
                             st.lists(answer_row, max_size=6), st.sampled_from(["", "2"]))


@settings(max_examples=60, deadline=None)
@given(pulls=st.lists(st.lists(pull_of_a_source, min_size=1, max_size=2), min_size=1,
                      max_size=4))
def test_a_run_takes_its_pulled_rows_as_the_store_would_give_them(tmp_path_factory, pulls):
    """Runs of one or two sources, whose rows move, vanish, come back, change header rows
    or gain a question: the responses built from the pull and the rest of the store are
    the very responses the whole store gives, rows deleted from their sources included."""
    path = tmp_path_factory.mktemp("store") / "regsync.sqlite"
    with Store(path) as store:
        for run_pulls in pulls:
            store.begin()
            run = store.start_run("run")
            pulled = {}
            for source, header, rows, course in run_pulls:
                headers = WIDER if header == 2 else HEADERS[header]
                cells = [[*row, course][:len(headers)] for row in rows]
                table = build_table(source, f"{source}.csv", [headers, *cells], "Asia/Almaty")
                pulled[source] = Pulled(SimpleNamespace(name=source), table,
                                        map_headers(table.headers, {}, table.where),
                                        store.record_pull(run, table, IDENTITY))
            for include_vanished in (True, False):
                config = SimpleNamespace(sources=[],
                                         report=SimpleNamespace(include_vanished=include_vanished))
                fast = stored_responses(store, config, list(pulled.values()))
                plain = stored_responses(store, config)
                pd.testing.assert_frame_equal(fast.responses, plain.responses)
                assert (fast.first_seen_run, fast.vanished) == (plain.first_seen_run, plain.vanished)
                # and the form is read the same way from the pull as from the store
                assert fast.readings == plain.readings
                pd.testing.assert_frame_equal(fast.not_people, plain.not_people)
            store.commit()

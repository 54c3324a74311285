"""`regsync run` on forms worded every way benchmarks/layouts.py words them: every run ends
well, every question is read as what it asks, and the counts add up."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import openpyxl
import pytest

from reports.labels import LABELS
from sync.cli import main
from sync.commands.check import _alternative
from sync.questions.assign import Choice

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import layouts  # noqa: E402
import synth  # noqa: E402

CONFIG = synth.SOURCES_TOML + """
[report]
dir = "output"
language = "{language}"
"""
ROWS = 160
# Participants may exceed the people behind them where dedup misses a pair (never merge on
# a guess), by this share at most; they may never be fewer.
MISSED_PAIRS_SHARE = 0.08


@pytest.mark.parametrize("layout", [*layouts.standard_layouts(),
                                    *layouts.standard_layouts(held_out=True)],
                         ids=lambda layout: layout.name)
def test_every_layout_runs_and_is_read(tmp_path, monkeypatch, capsys, layout):
    data = layouts.generate_layout(ROWS, seed=3, layout=layout)
    synth.write_all(data, tmp_path)
    (tmp_path / "config.toml").write_text(CONFIG.format(language=layout.language),
                                          encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 0, capsys.readouterr().err
    book = openpyxl.load_workbook(tmp_path / "output" / "latest.xlsx")
    lang = layout.language

    reading = book[LABELS["sheet.form_reading"][lang]]
    read_as = {(r[0], r[1]): r[2] for r in reading.iter_rows(min_row=2, values_only=True) if r[1]}
    for source, fields in data.fields.items():
        for question, field in fields.items():
            assert read_as[(source, question)] == LABELS[f"field.{field}"][lang], question

    people = list(book[LABELS["sheet.participants"][lang]].iter_rows(min_row=2, values_only=True))
    truth_people = data.truth["person_id"].nunique()
    assert truth_people <= len(people) <= truth_people * (1 + MISSED_PAIRS_SHARE)
    rows = sorted(ref for person in people for ref in str(person[9]).split("; "))
    assert rows == sorted(f"{s}:{r}" for s, r in zip(data.truth["source"], data.truth["source_row"]))
    review = book[LABELS["sheet.review"][lang]].iter_rows(min_row=2, values_only=True)
    set_aside = sorted(r[3] for r in review if r[0] == LABELS["review.not_person"][lang])
    assert set_aside == sorted(f"{s}:{r}" for s, r, _ in data.not_people)


def test_check_says_how_each_question_was_read_and_marks_the_guesses(tmp_path, monkeypatch,
                                                                       capsys):
    layout = next(layout for layout in layouts.standard_layouts() if layout.name == "en-meaningless")
    data = layouts.generate_layout(ROWS, seed=3, layout=layout)
    synth.write_all(data, tmp_path)
    (tmp_path / "config.toml").write_text(CONFIG.format(language="en"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    email_question = next(q for q, f in data.fields["form"].items() if f == "email")
    assert f"    {email_question!r}" in out
    assert "-> email (content: 100% e-mail addresses)" in out
    guesses = [line for line in out.splitlines() if line.startswith("  ? ")]
    assert guesses and all("(content: " in line for line in guesses)
    # each says why it is only a guess: what fits nearly as well, or that the fit is weak
    assert all(re.search(r"; ('.*' fits|it fits \w+) nearly as well$|; a weak match$", line)
               for line in guesses), guesses
    assert "? marks a guess" in out and "[source.columns]" in out
    in_list = [f"email:{row}" for source, row, _ in data.not_people if source == "email"]
    assert f"rows that are not people, to be left out: {len(in_list)} ({', '.join(in_list)})" in out
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize("rival, line", [
    # another question fits the field nearly as well: that one is offered
    ("'E-mail участника'", 'email = "E-mail участника"   # not \'Адрес электронной почты\''),
    # the question fits another field nearly as well: that field is offered
    ("specialty", 'specialty = "Адрес электронной почты"   # not email'),
    ("", 'email = "Адрес электронной почты"'),  # a weak match: only the guess to name
])
def test_the_line_check_offers_for_a_guess_reads_its_rival(rival, line):
    """Field test AS: the line offered repeated the guess, and an organizer who saw it was
    wrong learnt nothing from it."""
    guess = Choice("Адрес электронной почты", "email", "wording+content", 1.0, 0.6, False, rival)
    assert _alternative(guess) == line

"""The synthetic registration generator and the accuracy metrics (benchmarks/)."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import phonenumbers
import pytest

# benchmarks/ holds scripts, not a package: import them the way they import each other.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

import accuracy  # noqa: E402
import synth  # noqa: E402
from sync.config import FileSource  # noqa: E402
from sync.headers import map_headers  # noqa: E402
from sync.normalize.study_year import years_of  # noqa: E402
from sync.responses import to_responses  # noqa: E402
from sync.sources.files import read_file_source  # noqa: E402


@pytest.fixture(scope="module")
def data() -> synth.Synthetic:
    return synth.generate(3000, seed=7)


# --- the generator ------------------------------------------------------------------------

def test_same_seed_same_data():
    a, b = synth.generate(400, seed=3), synth.generate(400, seed=3)
    assert a.form_rows == b.form_rows and a.email_rows == b.email_rows
    pd.testing.assert_frame_equal(a.truth, b.truth)


def test_other_seed_other_data():
    assert synth.generate(400, seed=3).form_rows != synth.generate(400, seed=4).form_rows


@pytest.mark.parametrize("share", [0.0, 0.1, 0.2, 0.35])
def test_duplicate_share_as_asked(share):
    truth = synth.generate(2000, seed=1, duplicate_share=share).truth
    repeated = 1 - truth["person_id"].nunique() / len(truth)
    assert repeated == pytest.approx(share, abs=0.005)


def test_truth_has_one_row_per_answer_row(data):
    t = data.truth
    assert list(t.columns) == synth.TRUTH_COLUMNS
    assert len(t) == len(data.form_rows) + len(data.email_rows) == 3000
    for source, rows in (("form", data.form_rows), ("email", data.email_rows)):
        assert t.loc[t["source"] == source, "source_row"].tolist() == list(range(2, len(rows) + 2))


def test_every_header_present_and_rows_full_width(data):
    assert data.form_header == synth.FORM_HEADER and data.email_header == synth.EMAIL_HEADER
    assert all(len(r) == len(synth.FORM_HEADER) for r in data.form_rows)
    assert all(len(r) == len(synth.EMAIL_HEADER) for r in data.email_rows)


def test_form_rows_in_submission_order(data):
    times = pd.to_datetime([r[0].removesuffix(" GMT+5") for r in data.form_rows],
                           format="%Y/%m/%d %I:%M:%S %p")
    assert times.is_monotonic_increasing
    assert (times.max() - times.min()).days >= 35  # spread over the six-week window


def test_about_a_tenth_registers_by_email(data):
    assert 0.07 <= len(data.email_rows) / len(data.truth) <= 0.13


def test_truth_labels_are_known(data):
    t = data.truth
    assert set(t["role"]) <= {"student", "master", "phd", "teacher", "staff", "other"}
    assert set(t["institution_id"]) <= {i[0] for i in synth.INSTITUTIONS}
    assert set(t["specialty_id"]) <= {s[0] for s in synth.SPECIALTIES} | {""}
    assert t["role"].value_counts().idxmax() == "student"
    small = (~t["institution_id"].map(synth.is_directory_institution)).mean()
    assert 0.02 <= small <= 0.09


def test_truth_phones_are_valid_numbers(data):
    phones = [p for p in data.truth["phone_e164"] if p]
    assert len(phones) > 0.85 * len(data.truth)
    for phone in set(phones):
        assert phonenumbers.is_valid_number(phonenumbers.parse(phone)), phone


def test_ids_and_spellings_are_distinct():
    ids = [i[0] for i in synth.INSTITUTIONS]
    assert len(ids) == len(set(ids)) and len(ids) >= 40
    assert len({s[0] for s in synth.SPECIALTIES}) == len(synth.SPECIALTIES) >= 30
    assert len(synth._SPEC_WEIGHTS) == len(synth.SPECIALTIES)
    assert all(i[2] in synth.CITIES for i in synth.INSTITUTIONS)


def test_the_traps_are_there(data):
    """One e-mail for several people (a teacher and students), resubmissions, namesakes."""
    form = pd.DataFrame(data.form_rows, columns=synth.FORM_HEADER)
    truth = data.truth[data.truth["source"] == "form"].reset_index(drop=True)
    email = form["Адрес электронной почты"].str.strip().str.lower()
    people_per_email = truth.groupby(email)["person_id"].nunique()
    assert (people_per_email > 1).sum() >= 10
    names_per_person = form.groupby(truth["person_id"])["ФИО"].nunique()
    assert (names_per_person > 1).sum() >= 50
    identical = form.drop(columns="Отметка времени").duplicated().sum()
    assert identical >= 20


def test_an_address_belongs_to_one_person_unless_a_teacher_shares_it(data):
    """Namesakes get their own mailbox; only a teacher's address carries other people."""
    truth = data.truth
    address = [(r[1] if s == "form" else r[2]).strip().lower()
               for s, r in zip(truth["source"], [*data.form_rows, *data.email_rows])]
    roles_by_address = truth.groupby(address)["role"].agg(set)
    shared = truth.groupby(address)["person_id"].nunique() > 1
    assert all("teacher" in roles or roles == {"student"} for roles in roles_by_address[shared])


@pytest.mark.parametrize("seconds, expected", [
    (0, "2025/09/22 12:00:00 AM GMT+5"),
    (12 * 3600 + 5, "2025/09/22 12:00:05 PM GMT+5"),
    (9 * 3600 + 1, "2025/09/22 9:00:01 AM GMT+5"),
    (15 * 86400 + 14 * 3600 + 3 * 60 + 11, "2025/10/07 2:03:11 PM GMT+5"),
])
def test_form_timestamp_format(seconds, expected):
    assert synth._form_time(seconds) == expected


@pytest.mark.parametrize("text, alt, expected", [
    ("Айгерім", False, "Aigerim"), ("Айгерім", True, "Aygerim"),
    ("Смағұлова", False, "Smagulova"), ("Жансая", False, "Zhansaya"), ("Хасанов", True, "Hasanov"),
])
def test_translit(text, alt, expected):
    assert synth.translit(text, alt) == expected


def test_files_read_by_the_pipeline_match_the_truth(tmp_path):
    data = synth.generate(500, seed=11)
    synth.write_all(data, tmp_path)
    fields = {}
    for name, filename, rows in (("form", "form-responses.csv", data.form_rows),
                                 ("email", "email-registrations.csv", data.email_rows)):
        table = read_file_source(FileSource(name=name, type="csv", path=tmp_path / filename,
                                            columns={}, timezone="Asia/Almaty"))
        mapping = map_headers(table.headers, {}, table.where)
        fields[name] = set(mapping)
        responses = to_responses(table, mapping)
        truth = data.truth[data.truth["source"] == name]
        assert responses["source_row"].tolist() == truth["source_row"].tolist()
        assert responses["full_name"].tolist() == [r[2 if name == "form" else 1] for r in rows]
        if name == "form":
            assert responses["submitted_at"].notna().all()
    assert fields["form"] >= {"submitted_at", "email", "full_name", "phone", "institution",
                              "specialty", "role", "city"}
    assert fields["email"] >= {"submitted_at", "email", "full_name", "phone", "institution",
                               "specialty", "role"}
    truth = pd.read_csv(tmp_path / "truth.csv", dtype=str, keep_default_na=False)
    assert truth["phone_e164"].tolist() == data.truth["phone_e164"].tolist()


def _is_specialty(cell: str) -> bool:
    return any(name.casefold() in cell.casefold() for s in synth.SPECIALTIES for name in s[2:])


def _is_role(cell: str) -> bool:
    texts = [*synth._PUPIL_TEXTS, *(t for ts in synth.ROLE_TEXTS.values() for t in ts)]
    years = range(1, synth._PUPIL_CLASSES[1] + 1)
    written = {t.format(c=c) for t in texts for c in years}
    return cell in written | {t.replace("ученица", "ученик") for t in written}


@pytest.mark.parametrize("rows_of, header, looks_right", [
    ("form_rows", "Специальность / образовательная программа", _is_specialty),
    ("form_rows", "Статус (студент, магистрант, преподаватель и т.д.)", _is_role),
    ("email_rows", "Специальность", _is_specialty),
    ("email_rows", "Должность / статус", _is_role),
])
def test_each_answer_sits_under_its_question(data, rows_of, header, looks_right):
    rows = getattr(data, rows_of)
    column = (synth.FORM_HEADER if rows_of == "form_rows" else synth.EMAIL_HEADER).index(header)
    assert all(looks_right(row[column]) for row in rows if row[column])


def test_a_person_says_one_year_of_study_in_every_registration(data):
    """A year told apart (1 курс / 3 курс) is two people to dedup: the data must not draw a
    person's year anew for each of their registrations."""
    role, course = (synth.FORM_HEADER.index(h) for h in (
        "Статус (студент, магистрант, преподаватель и т.д.)", "Курс"))
    form = data.truth[data.truth["source"] == synth.FORM_SOURCE]
    rows = [data.form_rows[number - 2] for number in form["source_row"]]
    years = pd.Series(years_of([row[role] for row in rows], {"Курс": [row[course] for row in rows]}),
                      index=form["person_id"].to_numpy())
    said = years[years != ""]
    per_person = said.groupby(level=0).agg(["nunique", "size"])
    assert (per_person["size"] > 1).sum() > 50  # many say it more than once
    assert (per_person["nunique"] == 1).all()


def test_cli_writes_three_files(tmp_path, capsys):
    synth.main(["--n", "120", "--seed", "1", "--out", str(tmp_path)])
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "email-registrations.csv", "form-responses.csv", "truth.csv"]
    assert "people" in capsys.readouterr().out


# --- the metrics --------------------------------------------------------------------------

@pytest.mark.parametrize("truth, predicted, expected", [
    # (precision, recall, f1)
    (["a", "a", "b"], ["x", "x", "y"], (1.0, 1.0, 1.0)),  # perfect, labels renamed
    (["a", "a", "b"], ["x", "x", "x"], (1 / 3, 1.0, 0.5)),  # everything lumped together
    (["a", "a", "b"], ["x", "y", "z"], (1.0, 0.0, 0.0)),  # nothing grouped
    (["a", "a", "a"], ["x", "x", ""], (1.0, 1 / 3, 0.5)),  # a blank prediction groups nothing
    (["a", "a", ""], ["x", "x", "x"], (1.0, 1.0, 1.0)),  # a blank truth row is left out
    (["a", "b"], ["x", "y"], (1.0, 1.0, 1.0)),  # no pairs at all: nothing to get wrong
    ([], [], (1.0, 1.0, 1.0)),
])
def test_pair_scores(truth, predicted, expected):
    score = accuracy.pair_scores(truth, predicted)
    assert (score.precision, score.recall, score.f1) == pytest.approx(expected)


def test_pair_scores_needs_equal_lengths():
    with pytest.raises(ValueError):
        accuracy.pair_scores(["a"], [])


@pytest.mark.parametrize("truth, predicted, expected", [
    (["+77011234567", "", "+77770000000"], ["+77011234567", "", "+77770000001"], 2 / 3),
    (["+77011234567"], [None], 0.0),
    ([""], [float("nan")], 1.0),  # unrecoverable and left blank: right
    (["student", "teacher"], ["student", "teacher"], 1.0),
    ([], [], 1.0),
])
def test_exact_share(truth, predicted, expected):
    assert accuracy.exact_share(truth, predicted) == pytest.approx(expected)


@pytest.mark.parametrize("truth, predicted, expected", [
    (["kaznu", "kaznu", "enu"], ["g1", "g1", "g2"], 0),
    (["kaznu", "enu"], ["g1", "g1"], 1),  # two directory universities in one group
    (["kaznu", "small-school"], ["g1", "g1"], 0),  # a small place wrongly merged: not this metric
    (["kaznu", "enu", "kbtu", "nu"], ["g1", "g1", "g2", "g2"], 2),
    (["kaznu", "enu"], ["", ""], 0),  # ungrouped rows merge nothing
])
def test_wrong_directory_merges(truth, predicted, expected):
    assert accuracy.wrong_directory_merges(truth, predicted) == expected


@pytest.mark.parametrize("cells, expected", [
    (["form:5; form:17; email:3", "form:2"],
     {("form", 5): 0, ("form", 17): 0, ("email", 3): 0, ("form", 2): 1}),
    (["form:2;", " my form : 4 "], {("form", 2): 0, ("my form", 4): 1}),
    ([], {}),
])
def test_participant_of_rows(cells, expected):
    assert accuracy.participant_of_rows(cells) == expected


@pytest.mark.parametrize("cell", ["form", "form:x", ":3"])
def test_participant_of_rows_refuses_malformed(cell):
    with pytest.raises(ValueError):
        accuracy.participant_of_rows([cell])


def test_dedup_scores():
    truth = pd.DataFrame({"source": ["form", "form", "form", "email"],
                          "source_row": [2, 3, 4, 2],
                          "person_id": ["P1", "P1", "P2", "P1"]})
    # form:2 and email:2 found together, form:3 missed, form:4 alone (and not listed at all)
    score = accuracy.dedup_scores(truth, ["form:2; email:2", "form:3"])
    assert (score.precision, score.recall) == pytest.approx((1.0, 1 / 3))
    wrong = accuracy.dedup_scores(truth, ["form:2; form:3; form:4; email:2"])
    assert (wrong.precision, wrong.recall) == pytest.approx((0.5, 1.0))


def test_measure_on_a_perfect_prediction(data):
    truth = data.truth
    normalized = truth.rename(columns={"phone_e164": "phone"}).drop(columns="person_id")
    participants = pd.DataFrame({"source_rows": [
        "; ".join(f"{s}:{r}" for s, r in zip(g["source"], g["source_row"]))
        for _, g in truth.groupby("person_id")]})
    metrics = accuracy.measure(truth, normalized.sample(frac=1, random_state=0), participants)
    for name in ("institution", "specialty", "dedup"):
        assert metrics[name].f1 == 1.0
    assert metrics["phone_exact"] == metrics["role_accuracy"] == 1.0
    assert metrics["wrong_directory_merges"] == 0
    assert "F1 1.000" in accuracy.report(metrics)


def test_the_committed_samples_are_still_what_seed_2025_makes():
    """samples/README.md: generate(340, seed=2025), then hand-added rows at the end."""
    import csv

    data = synth.generate(340, seed=2025)
    samples = Path(__file__).resolve().parents[1] / "samples"
    for name, header, rows in (("form-responses.csv", data.form_header, data.form_rows),
                               ("email-registrations.csv", data.email_header, data.email_rows)):
        with open(samples / name, encoding="utf-8", newline="") as f:
            written = list(csv.reader(f))
        assert written[0] == header and written[1:len(rows) + 1] == rows, name


# --- layouts ------------------------------------------------------------------------------

import layouts  # noqa: E402


@pytest.mark.parametrize("field", sorted(layouts.QUESTIONS))
def test_at_least_ten_wordings_per_field_across_the_three_languages(field):
    by_language = layouts.QUESTIONS[field]
    wordings = [w for ws in by_language.values() for w in ws]
    assert set(by_language) == set(layouts.LANGUAGES) and len(set(wordings)) == len(wordings)
    # a name's parts are asked three ways at most in each language
    assert len(wordings) >= (6 if field in layouts.NAME_PARTS else 10)


def test_held_out_wordings_are_not_among_the_others():
    for field, by_language in layouts.HELD_OUT_QUESTIONS.items():
        for language, wordings in by_language.items():
            assert not set(wordings) & set(layouts.QUESTIONS[field][language]), field


@pytest.mark.parametrize("layout", layouts.standard_layouts(), ids=lambda layout: layout.name)
def test_a_layout_words_the_same_people_its_own_way(layout):
    plain = synth.generate(600, seed=4)
    data = layouts.generate_layout(600, seed=4, layout=layout)
    assert sorted(data.truth["person_id"]) == sorted(plain.truth["person_id"])
    assert all(len(row) == len(data.form_header) for row in data.form_rows)
    assert len(set(data.form_header)) == len(data.form_header)
    assert set(data.fields["form"].values()) >= {"submitted_at", "email", "phone", "city"}
    names = set(data.fields["form"].values()) & {"full_name", "last_name", "first_name"}
    assert names == ({"last_name", "first_name"} if layout.split_name else {"full_name"})
    kinds = {kind for _, _, kind in data.not_people}
    assert {"not_person.blank", "not_person.title"} <= kinds
    assert ("not_person.header" in kinds) == layout.concatenated
    again = layouts.generate_layout(600, seed=4, layout=layout)
    assert again.form_rows == data.form_rows and again.email_rows == data.email_rows


def test_split_names_carry_the_usual_slips():
    layout = next(layout for layout in layouts.standard_layouts() if layout.name == "ru-split")
    data = layouts.generate_layout(3000, seed=2, layout=layout)
    column = {field: data.form_header.index(question)
              for question, field in data.fields["form"].items()}
    rows = data.form_rows
    whole_in_surname = [r for r in rows if " " in r[column["last_name"]].strip()
                        and not r[column["first_name"]]]
    no_patronymic = [r for r in rows if r[column["middle_name"]] in layouts.NO_PATRONYMIC_WRITTEN]
    assert len(whole_in_surname) >= 30 and len(no_patronymic) >= 300


def test_cli_writes_a_layout(tmp_path, capsys):
    synth.main(["--n", "120", "--layout", "kk-split", "--out", str(tmp_path)])
    header = (tmp_path / "form-responses.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "Тег" in header  # the surname asked on its own, in Kazakh
    with pytest.raises(SystemExit):
        synth.main(["--n", "10", "--layout", "xx", "--out", str(tmp_path)])

"""The pipeline an organizer would write without regsync: the baseline benchmarks/run.py beats.

pandas read_csv of the form and e-mail exports, strip + lower of every text column,
drop_duplicates on the e-mail, counts by institution and specialty, and one workbook
(participants + the two counts) written with openpyxl. It is deliberately naive: exact
matches only, no store, no review sheets. Prints one JSON line of stage seconds.

    uv run python benchmarks/naive.py FOLDER OUT.xlsx
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

FORM_FILE, EMAIL_FILE = "form-responses.csv", "email-registrations.csv"
# The e-mail list's headers renamed to the form's, as anyone concatenating the two would.
EMAIL_TO_FORM = {"Дата": "Отметка времени", "E-mail": "Адрес электронной почты",
                 "Телефон": "Номер телефона", "Организация": "Учебное заведение",
                 "Должность / статус": "Статус (студент, магистрант, преподаватель и т.д.)",
                 "Специальность": "Специальность / образовательная программа"}
EMAIL, INSTITUTION = "Адрес электронной почты", "Учебное заведение"
SPECIALTY = "Специальность / образовательная программа"


def run(folder: Path, out: Path) -> dict[str, float]:
    seconds: dict[str, float] = {}
    mark = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        seconds[stage] = now - mark
        mark = now

    import pandas as pd  # timed here, as benchmarks/run.py times importing regsync

    lap("import")
    form = pd.read_csv(folder / FORM_FILE, dtype=str, keep_default_na=False)
    email = pd.read_csv(folder / EMAIL_FILE, dtype=str, keep_default_na=False)
    lap("read")
    rows = pd.concat([form, email.rename(columns=EMAIL_TO_FORM)], ignore_index=True)
    for column in rows.columns:
        rows[column] = rows[column].fillna("").str.strip().str.lower()
    lap("normalize")
    participants = rows.drop_duplicates(subset=[EMAIL])
    lap("dedup")
    by_institution = participants.groupby(INSTITUTION).size().rename("count").reset_index()
    by_specialty = participants.groupby(SPECIALTY).size().rename("count").reset_index()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        participants.to_excel(writer, sheet_name="participants", index=False)
        by_institution.to_excel(writer, sheet_name="by institution", index=False)
        by_specialty.to_excel(writer, sheet_name="by specialty", index=False)
    lap("report")
    return seconds


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]), Path(sys.argv[2]))))

"""How long regsync takes on answers of Google's cell limit.

A respondent can paste 50,000 characters into any answer. Every step that compares values
reads only an answer's first characters (sync.normalize.MAX_READ_CHARS, and
sync.normalize.shapes.COMPARED_CHARS inside institution matching), so a form of 1,000 such
answers must finish in seconds, not hours. Measured twice: institution and specialty
matching alone, and `regsync run` end to end on a form whose every answer is that long.

    uv run python benchmarks/bench_long_answers.py [--n 1000] [--chars 50000]
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sync.normalize.aliases import Aliases
from sync.normalize.institutions import load_directory, match_institutions
from sync.normalize.learning import People
from sync.normalize.specialties import load_specialties, normalize_specialties

GOOGLE_CELL_LIMIT = 50_000
# Words a long answer is made of: names of places and fields, so that answers look alike
# and every grouping step has work to do; numbers so that numbered places are tried too.
_WORDS = ("университет колледж школа гимназия экология химия казахский национальный имени "
          "абая факультет кафедра город алматы астана технология органических веществ").split()


def long_answers(n: int, chars: int, seed: int) -> list[str]:
    """n answers of `chars` characters: one text with a few words changed per answer (the
    hardest case: every answer is close to every other)."""
    rng = random.Random(seed)
    base = []
    while sum(len(w) + 1 for w in base) < chars:
        base.append(rng.choice(_WORDS) + rng.choice(("", "а", "ы", str(rng.randrange(100)))))
    answers = []
    for _ in range(n):
        words = list(base)
        for _ in range(5):  # near the start, which is compared, and anywhere
            words[rng.randrange(8)] = rng.choice(_WORDS)
            words[rng.randrange(len(words))] = rng.choice(_WORDS)
        answers.append(" ".join(words)[:chars])
    return answers


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="long answers")
    parser.add_argument("--chars", type=int, default=GOOGLE_CELL_LIMIT, help="length of each")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    answers = long_answers(args.n, args.chars, args.seed)
    emails = [f"p{i}@example.kz" for i in range(args.n)]
    people = People(answers, emails, [""] * args.n)
    directory, specialties = load_directory(), load_specialties()
    began = time.perf_counter()
    match_institutions(answers, emails, directory, Aliases(), people=people)
    middle = time.perf_counter()
    normalize_specialties(answers, specialties, Aliases())
    done = time.perf_counter()
    print(f"{args.n} answers of {args.chars} characters: institutions {middle - began:.2f} s, "
          f"specialties {done - middle:.2f} s")
    print(f"regsync run, {args.n} responses each with one answer {args.chars} characters long: "
          f"{whole_run(answers):.1f} s")


# A form's questions and an ordinary answer to each; every response has one of them long.
_FORM = {"ФИО": "Смагулова Айгерим", "Адрес электронной почты": "aigerim{n}@example.kz",
         "Номер телефона": "8 707 428 93 78", "Учебное заведение": "КазНУ",
         "Специальность": "Экология", "Статус": "студент", "Город": "Алматы",
         "Тема доклада": "Микропластик"}


def whole_run(answers: list[str]) -> float:
    """Seconds of `regsync run` (a process of its own, interpreter start included) on a form
    whose response n has `answers[n]` as its answer to one question, in turn."""
    questions = list(_FORM)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        with (work / "form.csv").open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["Отметка времени", *questions])
            for number, answer in enumerate(answers):
                row = [value.format(n=number) for value in _FORM.values()]
                row[number % len(row)] = answer
                stamp = f"2025/10/0{1 + number % 9} 9:{number % 60:02d}:00 AM GMT+5"
                writer.writerow([stamp, *row])
        (work / "config.toml").write_text(
            '[[source]]\nname = "form"\ntype = "csv"\npath = "form.csv"\n', encoding="utf-8")
        began = time.perf_counter()
        subprocess.run([sys.executable, "-m", "sync.cli", "run", "-q"], cwd=work, check=True)
        return time.perf_counter() - began


if __name__ == "__main__":
    main()

"""How long institution and specialty matching take on answers of Google's cell limit.

A respondent can paste 50,000 characters into any answer. Every step that compares values
reads only an answer's first words (sync.normalize.shapes.COMPARED_CHARS), so a form of
1,000 such answers must be matched in seconds, not hours.

    uv run python benchmarks/bench_long_answers.py [--n 1000] [--chars 50000]
"""

from __future__ import annotations

import argparse
import random
import time

from sync.normalize.aliases import Aliases
from sync.normalize.institutions import load_directory, match_institutions
from sync.normalize.learning import person_keys
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
    people = person_keys(answers, emails, [""] * args.n)
    directory, specialties = load_directory(), load_specialties()
    began = time.perf_counter()
    match_institutions(answers, emails, directory, Aliases(), people=people)
    middle = time.perf_counter()
    normalize_specialties(answers, specialties, Aliases())
    done = time.perf_counter()
    print(f"{args.n} answers of {args.chars} characters: institutions {middle - began:.2f} s, "
          f"specialties {done - middle:.2f} s")


if __name__ == "__main__":
    main()

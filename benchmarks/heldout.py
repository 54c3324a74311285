"""Grouping measured on spellings written apart from the directory and the generator.

benchmarks/heldout/*.csv hold institution and specialty answers typed the ways people type
them (typos, faculty and department parts, city first, legal forms, schools and colleges
in many spellings, specialties in three languages and as codes), each with the group it
truly belongs to. They were written without looking at sync/normalize/data, so they
measure what the directory and the rules do on wording they were not built from; do not
copy them into the directory.

    uv run python benchmarks/heldout.py [--show]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from accuracy import pair_scores

from sync.normalize.aliases import Aliases
from sync.normalize.institutions import load_directory, match_institutions
from sync.normalize.learning import People
from sync.normalize.specialties import load_specialties, normalize_specialties

HERE = Path(__file__).with_name("heldout")


def _read(name: str) -> list[dict[str, str]]:
    with open(HERE / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def institution_groups(rows: list[dict[str, str]]) -> list[str]:
    emails = [r.get("email") or "" for r in rows]
    # the spellings carry no names: the address's local part stands for the person's name
    people = People([e.split("@")[0] for e in emails], emails, [""] * len(rows))
    frame = match_institutions([r["spelling"] for r in rows], emails, load_directory(), Aliases(),
                               people=people)
    return frame["institution_id"].tolist()


def specialty_groups(rows: list[dict[str, str]]) -> list[str]:
    frame = normalize_specialties([r["spelling"] for r in rows], load_specialties(), Aliases())
    # an unknown specialty has no id: its group is the name it is shown under
    return [i or ("?" + n if n else "") for i, n in zip(frame["specialty_id"], frame["specialty"])]


def _print(field: str, rows: list[dict[str, str]], predicted: list[str], show: bool) -> None:
    score = pair_scores([r["truth"] for r in rows], predicted)
    print(f"{field:<12} precision {score.precision:.3f}  recall {score.recall:.3f}  "
          f"F1 {score.f1:.3f}  ({len(rows)} answers, {len({r['truth'] for r in rows})} true groups, "
          f"{len(set(predicted))} found)")
    if show:
        by_truth: dict[str, set[str]] = {}
        for r, p in zip(rows, predicted):
            by_truth.setdefault(r["truth"], set()).add(p)
        for truth, found in sorted(by_truth.items()):
            if len(found) > 1:
                print(f"  split {truth}: " + " | ".join(
                    f"{p}: " + "; ".join(r["spelling"] for r, q in zip(rows, predicted) if q == p)
                    for p in sorted(found)))
        by_group: dict[str, set[str]] = {}
        for r, p in zip(rows, predicted):
            by_group.setdefault(p, set()).add(r["truth"])
        for group, truths in sorted(by_group.items()):
            if len(truths) > 1:
                print(f"  MERGED {group}: {sorted(truths)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the groups split or merged")
    args = parser.parse_args(argv)
    institutions, specialties = _read("institutions.csv"), _read("specialties.csv")
    _print("institution", institutions, institution_groups(institutions), args.show)
    _print("specialty", specialties, specialty_groups(specialties), args.show)


if __name__ == "__main__":
    main()

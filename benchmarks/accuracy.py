"""How right regsync is on synthetic registrations whose truth is known (benchmarks/synth.py).

Metrics, each a pure function of the truth and what the pipeline returned:
- institution / specialty grouping: pairwise precision, recall, F1 (two answer rows form a
  pair when they share a group);
- phone exactness and role accuracy: share of rows equal to the truth;
- wrong directory merges: predicted institution groups holding two different directory
  institutions (the costly mistake: two real universities reported as one);
- dedup: pairwise precision and recall of "same person", from each participant's
  `source_rows` ("form:5; form:17; email:3").

Over the layouts of layouts.py (--layouts, --held-out), also: how many questions were read
as their true field (and how many as a field they are not), and which rows that are not
people were set aside.

    uv run python benchmarks/accuracy.py --n 5000 --seed 1
    uv run python benchmarks/accuracy.py --n 2000 --layouts
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import pandas as pd

import synth  # the generator beside this file (run as a script, benchmarks/ is on the path)

KEY = ["source", "source_row"]


@dataclass(frozen=True)
class PairScore:
    precision: float
    recall: float
    f1: float
    pairs_true: int  # pairs the truth groups together
    pairs_predicted: int  # pairs the prediction groups together


def _blank(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or str(value).strip() == ""


def _pairs(counts: Iterable[int]) -> int:
    return sum(c * (c - 1) // 2 for c in counts)


def pair_scores(truth: Sequence[object], predicted: Sequence[object]) -> PairScore:
    """Pairwise scores of a grouping. Rows with a blank truth label are left out; a blank
    prediction groups its row with nothing (so it costs recall, never precision)."""
    if len(truth) != len(predicted):
        raise ValueError(f"{len(truth)} truth labels but {len(predicted)} predictions")
    rows = [(t, p) for t, p in zip(truth, predicted) if not _blank(t)]
    grouped = [(t, p) for t, p in rows if not _blank(p)]
    both = _pairs(Counter(grouped).values())
    pairs_true = _pairs(Counter(t for t, _ in rows).values())
    pairs_predicted = _pairs(Counter(p for _, p in grouped).values())
    precision = both / pairs_predicted if pairs_predicted else 1.0
    recall = both / pairs_true if pairs_true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScore(precision, recall, f1, pairs_true, pairs_predicted)


def exact_share(truth: Sequence[object], predicted: Sequence[object]) -> float:
    """Share of rows whose prediction equals the truth; blank equals blank (an unrecoverable
    phone correctly left empty counts as right)."""
    if len(truth) != len(predicted):
        raise ValueError(f"{len(truth)} truth values but {len(predicted)} predictions")
    if not len(truth):
        return 1.0
    right = sum((_blank(t) and _blank(p)) or (not _blank(p) and str(t) == str(p))
                for t, p in zip(truth, predicted))
    return right / len(truth)


def wrong_directory_merges(truth: Sequence[object], predicted: Sequence[object],
                           is_directory: Callable[[str], bool] = synth.is_directory_institution) -> int:
    """Predicted groups that hold rows of two or more different directory institutions."""
    members: dict[str, set[str]] = {}
    for t, p in zip(truth, predicted):
        if not _blank(p) and not _blank(t) and is_directory(str(t)):
            members.setdefault(str(p), set()).add(str(t))
    return sum(1 for ids in members.values() if len(ids) > 1)


def participant_of_rows(source_rows: Iterable[str]) -> dict[tuple[str, int], int]:
    """{(source, row): participant number} from each participant's "form:5; email:3"."""
    owner: dict[tuple[str, int], int] = {}
    for number, cell in enumerate(source_rows):
        for part in str(cell).split(";"):
            if not part.strip():
                continue
            source, _, row = part.strip().rpartition(":")
            if not source or not row.strip().isdigit():
                raise ValueError(f"participant {number}: {part.strip()!r} is not 'source:row'")
            owner[(source.strip(), int(row))] = number
    return owner


def dedup_scores(truth: pd.DataFrame, participant_source_rows: Iterable[str]) -> PairScore:
    """Pairs of answer rows that are the same person: truth person_id vs the participants."""
    owner = participant_of_rows(participant_source_rows)
    predicted = [owner.get((s, int(r)), "") for s, r in zip(truth["source"], truth["source_row"])]
    return pair_scores(list(truth["person_id"]), predicted)


def aligned(truth: pd.DataFrame, normalized: pd.DataFrame, column: str) -> list[object]:
    """The normalized `column` for each truth row (matched on source and source_row)."""
    right = normalized[KEY + [column]].drop_duplicates(KEY)
    right = right.assign(source_row=right["source_row"].astype("int64"))
    merged = truth[KEY].merge(right, on=KEY, how="left")
    return merged[column].tolist()


def _first_column(frame: pd.DataFrame, names: Sequence[str]) -> str:
    for name in names:
        if name in frame.columns:
            return name
    raise KeyError(f"the normalized responses have none of the columns {', '.join(names)}")


def measure(truth: pd.DataFrame, normalized: pd.DataFrame, participants: pd.DataFrame) -> dict[str, object]:
    """Every metric, by name. `normalized` has one row per answer (source, source_row,
    institution_id, specialty[_id], phone, role); `participants` has `source_rows`."""
    institution = aligned(truth, normalized, _first_column(normalized, ["institution_id", "institution"]))
    specialty = aligned(truth, normalized, _first_column(normalized, ["specialty_id", "specialty"]))
    return {
        "institution": pair_scores(list(truth["institution_id"]), institution),
        "specialty": pair_scores(list(truth["specialty_id"]), specialty),
        "phone_exact": exact_share(list(truth["phone_e164"]), aligned(truth, normalized, "phone")),
        "role_accuracy": exact_share(list(truth["role"]), aligned(truth, normalized, "role")),
        "wrong_directory_merges": wrong_directory_merges(list(truth["institution_id"]), institution),
        "dedup": dedup_scores(truth, participants["source_rows"]),
    }


def report(metrics: dict[str, object]) -> str:
    lines = []
    for name, value in metrics.items():
        if isinstance(value, PairScore):
            lines.append(f"{name:<24} precision {value.precision:.3f}  recall {value.recall:.3f}  "
                         f"F1 {value.f1:.3f}  (true pairs {value.pairs_true}, "
                         f"predicted {value.pairs_predicted})")
        elif isinstance(value, float):
            lines.append(f"{name:<24} {value:.3f}")
        else:
            lines.append(f"{name:<24} {value}")
    return "\n".join(lines)


# --- the real pipeline ------------------------------------------------------------------

def _pipeline_functions():
    try:
        from sync.dedup import dedup
        from sync.normalize import load_reference, normalize
    except ImportError as e:
        raise SystemExit(
            "accuracy.py runs the real pipeline and needs sync.normalize.normalize, "
            "sync.normalize.load_reference and sync.dedup.dedup; one is missing "
            f"({e}). Until they exist only the generator (benchmarks/synth.py) can run.")
    return normalize, load_reference, dedup


def read_sources(folder: Path, timezone: str = "Asia/Almaty"):
    """The generated CSV files read exactly as a regsync run reads its sources: (responses
    of people, rows set aside as not people, {source: how its questions were read})."""
    from sync.config import FileSource
    from sync.headers import read_headers
    from sync.load import people_of
    from sync.questions.answers import sample_answers
    from sync.sources.files import read_file_source
    from sync.sources.table import by_column

    frames, rest, readings = [], [], {}
    for name, filename in ((synth.FORM_SOURCE, "form-responses.csv"),
                           (synth.EMAIL_SOURCE, "email-registrations.csv")):
        source = FileSource(name=name, type="csv", path=folder / filename, columns={},
                            timezone=timezone)
        table = read_file_source(source)
        reading = read_headers(table.headers, {}, table.where, sample_answers([table]))
        people, others = people_of(by_column(table), reading,
                                   {"ref": [f"{name}:{row}" for row in table.row_numbers]})
        frames.append(people)
        rest.append(others)
        readings[name] = reading
    return pd.concat(frames, ignore_index=True), pd.concat(rest, ignore_index=True), readings


def read_responses(folder: Path, timezone: str = "Asia/Almaty") -> pd.DataFrame:
    return read_sources(folder, timezone)[0]


def field_detection(truth: dict[str, dict[str, str]], readings: dict) -> tuple[int, int, int]:
    """(questions read as their true field, questions with a true field, questions read as
    a field they are not) over every source."""
    right = total = wrong = 0
    for source, fields in truth.items():
        mapping = readings[source].mapping
        total += len(fields)
        right += sum(1 for header, field in fields.items() if mapping.get(field) == header)
        wrong += sum(1 for field, header in mapping.items() if fields.get(header) != field)
    return right, total, wrong


def measure_layout(n: int, seed: int, layout, settings, duplicate_share: float = 0.2
                   ) -> dict[str, object]:
    """Generate one layout, read it as regsync does, and score every step against the truth."""
    import layouts

    normalize, load_reference, dedup = _pipeline_functions()
    data = layouts.generate_layout(n, seed, layout, duplicate_share)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        synth.write_all(data, folder)
        responses, others, readings = read_sources(folder)
    right, total, wrong = field_detection(data.fields, readings)
    normalized = normalize(responses, load_reference(settings))
    participants = dedup(normalized).participants
    expected_rest = {f"{s}:{r}" for s, r, _ in data.not_people}
    set_aside = set(others["ref"])
    return {
        "fields_read": f"{right}/{total}",
        "fields_wrong": wrong,
        "role_accuracy": exact_share(list(data.truth["role"]),
                                     aligned(data.truth, normalized, "role")),
        "dedup": dedup_scores(data.truth, participants["source_rows"]),
        "responses": f"{len(responses)} (truth rows {len(data.truth)})",
        "participants": f"{len(participants)} (truth {data.truth['person_id'].nunique()})",
        "not_people": f"{len(set_aside & expected_rest)}/{len(expected_rest)} found, "
                      f"{len(set_aside - expected_rest)} people taken for none",
    }


def held_out_phrasings(n: int, seed: int) -> tuple[int, int, list[str]]:
    """Each held-out wording of each field, put in turn into a form of its language that is
    otherwise worded as usual: (read right, tried, the misses as "field: wording")."""
    import layouts
    from sync.headers import read_headers
    from sync.questions.answers import sample_answers
    from sync.sources.table import build_table

    right, tried, misses = 0, 0, []
    for layout in layouts.standard_layouts():
        if layout.meaningless:
            continue
        data = layouts.generate_layout(n, seed, layout)
        fields = data.fields[synth.FORM_SOURCE]
        for position, question in enumerate(data.form_header):
            field = fields.get(question)
            for wording in layouts.HELD_OUT_QUESTIONS.get(field, {}).get(layout.language, []):
                header = [wording if i == position else h for i, h in enumerate(data.form_header)]
                table = build_table("form", "form.csv", [header, *data.form_rows], "Asia/Almaty")
                reading = read_headers(table.headers, {}, "form.csv", sample_answers([table]))
                tried += 1
                if reading.mapping.get(field) == wording:
                    right += 1
                else:
                    misses.append(f"{layout.name} {field}: {wording!r}")
    return right, tried, misses


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="answer rows to generate")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duplicates", type=float, default=0.2, help="share of repeated people")
    parser.add_argument("--data", type=Path,
                        help="a folder written by synth.py (with truth.csv) instead of generating")
    parser.add_argument("--config", type=Path, help="config.toml whose [normalize] to use")
    parser.add_argument("--layouts", action="store_true",
                        help="also measure the same people in forms worded many ways (layouts.py)")
    parser.add_argument("--held-out", action="store_true",
                        help="measure only the layouts worded with the held-out questions")
    args = parser.parse_args(argv)
    normalize, load_reference, dedup = _pipeline_functions()
    from sync.config import NormalizeConfig, load_config

    settings = load_config(args.config).normalize if args.config else NormalizeConfig()
    if args.layouts or args.held_out:
        import layouts

        for layout in layouts.standard_layouts(held_out=args.held_out):
            print(f"\n--- {layout.name}")
            print(report(measure_layout(args.n, args.seed, layout, settings, args.duplicates)))
        if args.held_out:
            right, tried, misses = held_out_phrasings(args.n, args.seed)
            print(f"\nheld-out wordings read as their field: {right}/{tried}")
            print("\n".join(f"  missed {m}" for m in misses))
            return
        print("\n--- the sample layout (synth.generate)")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.data
        if folder is None:
            folder = Path(scratch)
            synth.write_all(synth.generate(args.n, args.seed, args.duplicates), folder)
        truth = pd.read_csv(folder / "truth.csv", dtype=str, keep_default_na=False)
        truth["source_row"] = truth["source_row"].astype("int64")
        started = time.perf_counter()
        responses = read_responses(folder)
        read_done = time.perf_counter()
    normalized = normalize(responses, load_reference(settings))
    normalize_done = time.perf_counter()
    participants = dedup(normalized).participants
    dedup_done = time.perf_counter()
    print(f"{len(responses)} answer rows, {truth['person_id'].nunique()} true people, "
          f"{len(participants)} participants found")
    print(f"read {read_done - started:.2f}s  normalize {normalize_done - read_done:.2f}s  "
          f"dedup {dedup_done - normalize_done:.2f}s")
    print(report(measure(truth, normalized, participants)))


if __name__ == "__main__":
    main()

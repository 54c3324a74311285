"""How long dedup takes on 100,000 synthetic responses with 20% duplicates.

Run: uv run python benchmarks/bench_dedup.py [responses]
Every name, address and phone here is made up from syllables and counters.
"""

from __future__ import annotations

import random
import sys
import time

import pandas as pd

from sync.dedup import dedup

RESPONSES = 100_000
DUPLICATE_SHARE = 0.2
# A teacher registers a class from her own address and phone; this share of people come that way.
TEACHER_SHARE = 0.1
CLASS_SIZE = 25
SEED = 20240301

SYLLABLES = ["ай", "ер", "лан", "бек", "нур", "сер", "жан", "гуль", "мар", "ас", "ыл", "дос",
             "ал", "там", "ра", "на", "тай", "жар", "кан", "мир", "са", "бол", "ер", "зат"]
PATRONYMIC_ENDINGS = ["ович", "овна", "ұлы", "қызы", ""]
TRANSLIT = dict(zip("абвгдежзийклмнопрстуфхцчшщыэюяұқңғәөүі",
                    ["a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
                     "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "sch", "y", "e", "yu",
                     "ya", "u", "q", "n", "g", "a", "o", "u", "i"]))


def word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def transliterate(name: str) -> str:
    return " ".join("".join(TRANSLIT.get(ch, ch) for ch in w.lower()).capitalize()
                    for w in name.split())


def typo(name: str, rng: random.Random) -> str:
    words = name.split()
    i = rng.randrange(len(words))
    at = rng.randrange(1, len(words[i]))
    words[i] = words[i][:at] + rng.choice("аоеи") + words[i][at + 1:]
    return " ".join(words)


def people(count: int, rng: random.Random) -> list[dict]:
    result = []
    for n in range(count):
        name = f"{word(rng, 3)} {word(rng, 2)}"
        ending = rng.choice(PATRONYMIC_ENDINGS)
        if ending:
            name += f" {word(rng, 2)}{ending}"
        result.append({
            "full_name": name, "email": f"user{n}@mail.kz", "phone": f"+7701{n:07d}",
            "institution_id": str(rng.randrange(300)), "specialty": rng.choice(["эколог", "химик"]),
            "role": "student", "city": rng.choice(["Алматы", "Астана", "Шымкент"]),
            "q: Курс": str(rng.randrange(1, 5)),
        })
    # classes registered by a teacher, from her address and phone
    for start in range(0, int(count * TEACHER_SHARE), CLASS_SIZE):
        for person in result[start:start + CLASS_SIZE]:
            person["email"], person["phone"] = f"teacher{start}@college.kz", f"+7702{start:07d}"
    return result


def duplicate(person: dict, rng: random.Random) -> tuple[str, dict]:
    kind = rng.choice(["resubmit", "new phone", "typo", "transliteration", "email list"])
    copy = dict(person)
    if kind == "new phone":
        copy["phone"] = f"+7705{rng.randrange(10**7):07d}"
    elif kind == "typo":
        copy["full_name"] = typo(person["full_name"], rng)
    elif kind == "transliteration":
        copy["full_name"] = transliterate(person["full_name"])
    return ("email" if kind == "email list" else "form"), copy


def synthetic_responses(total: int, seed: int = SEED) -> pd.DataFrame:
    rng = random.Random(seed)
    crowd = people(int(total * (1 - DUPLICATE_SHARE)), rng)
    rows = [("form", p) for p in crowd]
    rows += [duplicate(rng.choice(crowd), rng) for _ in range(total - len(crowd))]
    rng.shuffle(rows)
    start = pd.Timestamp("2024-03-01", tz="UTC")
    next_row = {"form": 1, "email": 1}
    records = []
    for source, person in rows:
        next_row[source] += 1
        records.append(person | {
            "source": source, "source_row": next_row[source],
            "submitted_at": start + pd.Timedelta(minutes=rng.randrange(60 * 24 * 60)),
            "email_key": person["email"].casefold(), "email_valid": True,
            "institution": f"Институт {person['institution_id']}", "name_key": "",
        })
    return pd.DataFrame(records)


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else RESPONSES
    responses = synthetic_responses(total)
    began = time.perf_counter()
    result = dedup(responses)
    seconds = time.perf_counter() - began
    print(f"{total} responses -> {len(result.participants)} participants, "
          f"{len(result.merges)} merges, {len(result.possible)} possible: {seconds:.2f} s")


if __name__ == "__main__":
    main()

"""Matching printed names (Councillor Andy Hull, Cllr A. Hull) to people: a pure rule, no Django. Used by the
data migration that moved seats onto people and by the demo loader.

    split_name("Councillor Andy Hull") -> ("Councillor", "Andy Hull")
    match_key("Andy  HULL") -> "andy hull"
    match_seats(seats, people) -> Matching
"""

import re
from dataclasses import dataclass, field

TITLES = (
    "Councillor",
    "Cllr",
    "Cllr.",
    "Alderman",
    "Mayor",
    "Deputy Mayor",
    "Sir",
    "Dame",
    "Dr",
    "Dr.",
    "Mr",
    "Mr.",
    "Mrs",
    "Mrs.",
    "Ms",
    "Ms.",
    "Miss",
)
# Printed names that are not a person: a seat held open, or a post rather than its holder.
NOT_A_PERSON = re.compile(
    r"\b(vacan(t|cy)|tbc|tba|to be (confirmed|appointed)|representative|officer|director)\b", re.I
)


def split_name(printed: str) -> tuple[str, str]:
    """(title, name): the honorifics printed before the name, and the name itself."""
    words = " ".join(printed.split())
    titles = []
    changed = True
    while changed:
        changed = False
        for title in sorted(TITLES, key=len, reverse=True):
            if words.lower().startswith(title.lower() + " "):
                titles.append(words[: len(title)])
                words = words[len(title) + 1 :].strip()
                changed = True
                break
    title = " ".join(titles)
    if title.lower().startswith("cllr"):
        title = "Councillor" + title[4:].lstrip(".")
    return title, words


def match_key(name: str) -> str:
    """Case, spacing, full stops and the title do not tell two names apart."""
    _, name = split_name(name)
    return " ".join(name.replace(".", " ").lower().split())


def looks_like_a_person(name: str) -> bool:
    _, rest = split_name(name)
    return bool(rest) and not NOT_A_PERSON.search(rest)


def _initial_and_surname(key: str):
    parts = key.split()
    return (parts[0][:1], parts[-1]) if len(parts) > 1 else None


@dataclass
class Matching:
    """seat id -> the key of the person it goes to; new people to create (key -> (council, title, name));
    what could not be matched, as sentences."""

    seat_person: dict = field(default_factory=dict)
    new_people: dict = field(default_factory=dict)
    matched: int = 0
    unmatched: list = field(default_factory=list)


def match_seats(seats, people):
    """seats: (seat id, council id, printed name); people: (person id, council id, name) already there.
    A seat goes to the person of its council with the same name (match_key); otherwise to a new person,
    one per distinct name in a council. Said as unmatched: a printed name that is not a person's (a vacancy,
    a post), which still gets a person of that name for someone to correct, and a new person whose initial
    and surname are those of another person of the council (perhaps the same person, printed differently:
    not merged, for someone to check)."""
    out = Matching()
    known = {(council, match_key(name)): ("existing", pk) for pk, council, name in people}
    for seat, council, printed in seats:
        key = (council, match_key(printed) or printed.strip().lower())
        if key in known:
            out.matched += 1
        else:
            title, name = split_name(printed)
            known[key] = ("new", key)
            out.new_people[key] = (council, title, name or printed.strip())
            if not looks_like_a_person(printed):
                out.unmatched.append(f"“{printed}” (seat {seat}) is not a person's name: made a person of it")
        out.seat_person[seat] = known[key]
    by_short = {}
    for council, key in known:
        short = _initial_and_surname(key)
        if short:
            by_short.setdefault((council, short), []).append(key)
    for (council, _), keys in sorted(by_short.items()):
        new = [k for k in keys if (council, k) in out.new_people]
        if len(keys) > 1 and new:
            for k in new:
                others = ", ".join(f"“{o}”" for o in keys if o != k)
                out.unmatched.append(f"“{k}” may be the same person as {others}: not merged")
    return out

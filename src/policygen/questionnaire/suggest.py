""" "Did you mean …?" for keys and choices, only when the typo is small.

difflib's ratio suggested ``content_channel`` for ``content_calendar`` (a shared prefix is not a
typo). Here a suggestion needs an edit distance of at most a quarter of the word (at least one
edit), ignoring case; a few well-known other names map to their value directly.
"""

from __future__ import annotations

from collections.abc import Iterable

ALIASES: dict[str, str] = {
    "twitter": "x",
    "x.com": "x",
    "fb": "facebook",
    "insta": "instagram",
    "ig": "instagram",
    "yt": "youtube",
    "english": "en",
    "engels": "en",
    "dutch": "nl",
    "nederlands": "nl",
}
"""Names people use for a choice that no spelling distance finds."""


def edit_distance(first: str, second: str) -> int:
    """Optimal string alignment distance: insertions, deletions, changes and swapped neighbours."""
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, left in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, right in enumerate(second, start=1):
            cost = 0 if left == right else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and left == second[j - 2] and first[i - 2] == right:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def closest(given: str, candidates: Iterable[str]) -> str | None:
    """The candidate ``given`` is a small typo of, or a known other name for; None if none is."""
    options = list(candidates)
    wanted = given.strip().casefold()
    if wanted in ALIASES and ALIASES[wanted] in options:
        return ALIASES[wanted]
    scored = [
        (edit_distance(wanted, option.casefold()), option)
        for option in options
        if abs(len(option) - len(wanted)) <= max(1, len(option) // 4)
    ]
    good = [
        (distance, option) for distance, option in scored if distance <= max(1, len(option) // 4)
    ]
    return min(good)[1] if good else None

"""Tailored, not generic: a policy shares few sentences word for word with those of both other
organisations in a group of three (issue 10; ``python -m bench.tailored`` prints the figures)."""

from __future__ import annotations

from bench.tailored import group_figures, groups, prose_sentences, report, shared_with_all

THRESHOLD = 0.6
"""A ratchet toward the goal of 0.5 (issue 10): the highest share measured is 56 % (the English
business example against a British council and an Irish school; the Dutch groups of three
sectors 41-47 %), rounded up to the next 5 %. What they still share is mostly the core rules every
organisation needs (two-factor log-in, screenshots before reporting, the whistleblowing route)."""


def test_the_measure_counts_prose_sentences_without_the_name() -> None:
    markdown = (
        "# Beleid voor Acme {#policy}\n\nAcme heeft **accounts**. Zie [regels](#rules).\n\n"
        "| Rol | Taak |\n| --- | --- |\n\n- Vraag het aan Acme!\n1. Meld het.\n"
    )
    assert prose_sentences(markdown, "Acme") == {
        "<organisation> heeft accounts.",
        "Zie regels.",
        "Vraag het aan <organisation>!",
        "Meld het.",
    }
    own = frozenset({"a", "b", "c", "d"})
    assert shared_with_all(own, [frozenset({"a", "b"}), frozenset({"a", "c"})]) == 0.25


def test_few_sentences_occur_in_both_other_policies() -> None:
    measured = groups()
    print(report(measured))
    highest = max(max(group_figures(group).values()) for group in measured)
    assert highest < THRESHOLD, report(measured)


def test_dutch_policies_of_three_sectors_share_under_half() -> None:
    """The goal itself, met for the Dutch examples (a municipality, a university of applied
    sciences and a GP practice or care group)."""
    from bench.tailored import dutch_groups

    measured = dutch_groups()
    assert measured, "no group of three Dutch examples of different sectors"
    highest = max(max(group_figures(group).values()) for group in measured)
    assert highest < 0.5, report(measured)

"""The machinery behind the checks' verdicts: rounding intervals, the pace rule, corners.

A verdict — consistent, in tension or cannot tell — must hold at every corner of the intervals
the published figures stand for; ``checks`` applies these rules to the article's totals.
"""

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from eastwest.analysis.external import PROGRAMME_START, citation

CONSISTENT, IN_TENSION, CANNOT_TELL = "consistent", "in tension", "cannot tell"

# --- Verdict rules --------------------------------------------------------------------------
# Rounding: a published figure stands for every value that rounds to it, i.e. ± half a unit of
# its last non-zero digit (118.2亿 is 118.15–118.25亿). A verdict must hold at every corner of
# these intervals (and of any unknown split); where the corners disagree it is "cannot tell".
#
# Pace: splitting totals from different releases yields amounts for sub-periods. The yearly
# amount of a sub-period is out of line when it exceeds the higher of its two neighbours'
# yearly amounts, or undercuts the lower, by more than PACE_TOLERANCE (yearly aid is lumpy, so
# a margin is allowed); a step of more than BREAK_FACTOR between adjacent sub-periods is a
# break no source explains; a negative amount is impossible. Any of these: in tension.
PACE_TOLERANCE = 1.25
BREAK_FACTOR = 5.0
# Same figure: two figures for the same series and period agree when they differ by no more
# than the rounding of the coarser one.
# "多" (more than): "160多亿" covers at least 160亿 and less than 170亿 (one unit of its last
# digit more); a figure agrees with it when it falls in that range.


def rounding_half_unit(value: float) -> float:
    """Half a unit of the last non-zero digit of a whole-number figure in base units."""
    digits = str(round(value))
    return 0.5 * 10 ** (len(digits) - len(digits.rstrip("0")))


@dataclass(frozen=True)
class Segment:
    """An amount over the years start–end (inclusive)."""

    start: int
    end: int
    amount: float

    @property
    def yearly(self) -> float:
        return self.amount / (self.end - self.start + 1)


def pace_problems(segments: list[Segment]) -> list[str]:
    """What the pace rule objects to in consecutive segments; empty if nothing."""
    problems = [f"{s.start}–{s.end} negative" for s in segments if s.amount < 0]
    if problems:
        return problems
    for before, this, after in zip(segments, segments[1:], segments[2:], strict=False):
        low, high = sorted((before.yearly, after.yearly))
        if this.yearly > high * PACE_TOLERANCE or this.yearly < low / PACE_TOLERANCE:
            problems.append(f"{this.start}–{this.end} out of line")
    for before, after in itertools.pairwise(segments):
        low, high = sorted((before.yearly, after.yearly))
        if high > low * BREAK_FACTOR:  # written as a product: a year of nothing is a break too
            problems.append(f"break {before.start}–{before.end} to {after.start}–{after.end}")
    return problems


def corners(values: dict[str, float], spreads: dict[str, float]):
    """Every combination of value − spread and value + spread."""
    keys = list(values)
    ends = [(values[k] - spreads.get(k, 0), values[k] + spreads.get(k, 0)) for k in keys]
    for combo in itertools.product(*ends):
        yield dict(zip(keys, combo, strict=True))


def verdict_over_corners(flagged: list[bool]) -> str:
    if all(flagged):
        return IN_TENSION
    if not any(flagged):
        return CONSISTENT
    return CANNOT_TELL


def pace_verdict(build: Callable, values: dict, spreads: dict) -> str:
    return verdict_over_corners(
        [bool(pace_problems(build(corner))) for corner in corners(values, spreads)]
    )


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    verdict: str
    statement: str  # Markdown with the computed numbers
    caveat: str
    numbers: dict[str, float] = field(default_factory=dict)  # base units
    zh: "Check | None" = None  # the same check in the Chinese edition's words

    def __post_init__(self):
        object.__setattr__(self, "numbers", {k: float(v) for k, v in self.numbers.items()})

    def with_chinese(self, chinese: "Check") -> "Check":
        if chinese.numbers != self.numbers or chinese.verdict != self.verdict:
            raise ValueError(f"check ({self.key}) computes otherwise in the Chinese edition")
        return replace(self, zh=chinese)


@dataclass(frozen=True)
class Inputs:
    indicators: pd.DataFrame
    official: pd.DataFrame
    sources: pd.DataFrame

    def article(self, series: str, part: int, start: int = PROGRAMME_START) -> pd.Series:
        rows = self.indicators[
            (self.indicators["series"] == series)
            & (self.indicators["part"] == part)
            & (self.indicators["period_start"] == start)
        ]
        if len(rows) != 1:
            raise KeyError(f"article figure {series} (part {part}, from {start}): {len(rows)}")
        return rows.iloc[0]

    def article_citation(self, part: int) -> str:
        return citation(self.sources.loc[f"part{part}"])

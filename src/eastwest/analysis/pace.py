"""The pace of fiscal aid: one home for the split of the article's two totals that check (f)
tests, Figure 1 draws and the key findings quote."""

from dataclasses import dataclass

import pandas as pd

from eastwest.analysis.external import BEFORE_PLAN_12, PLAN_12, PROGRAMME_START, official
from eastwest.analysis.verdicts import Segment
from eastwest.clean.indicators import indicator_row


@dataclass(frozen=True)
class Pace:
    """Fiscal aid a year in the sub-periods the sources allow (yuan, nominal)."""

    earlier: float  # the article's total for part 2's stated period (1996–2014)
    earlier_last: int  # the last year of that period, from the data
    later: float  # the article's "20 years" total (part 1)
    plan: float  # the December 2016 briefing's 2011–2015 total
    end: int  # the inferred last year of the "20 years"

    def segments(self) -> list[Segment]:
        """Before the plan period, the plan period up to part 2's last year, and the year the
        increase between the two totals stands for."""
        return [
            Segment(*BEFORE_PLAN_12, self.upto_2010),
            Segment(PLAN_12[0], self.earlier_last, self.plan_before_end),
            Segment(self.earlier_last + 1, self.end, self.added),
        ]

    @property
    def added(self) -> float:
        return self.later - self.earlier

    @property
    def earlier_years(self) -> int:
        return self.earlier_last - PROGRAMME_START + 1

    @property
    def mean_1996_2014(self) -> float:
        return self.earlier / self.earlier_years

    @property
    def upto_2010(self) -> float:
        return self.later - self.plan

    @property
    def yearly_upto_2010(self) -> float:
        return self.segments()[0].yearly

    @property
    def plan_before_end(self) -> float:
        return self.plan - self.added

    @property
    def yearly_plan_before_end(self) -> float:
        return self.segments()[1].yearly

    @property
    def step(self) -> float:
        return self.yearly_plan_before_end / self.yearly_upto_2010

    @property
    def last_to_recent(self) -> float:
        return self.added / self.yearly_plan_before_end

    @property
    def rise_over_recent(self) -> float:
        """How much more the last year brought than the years before it, as a share."""
        return self.last_to_recent - 1

    @property
    def last_to_mean(self) -> float:
        return self.added / self.mean_1996_2014


def fiscal_pace(table: pd.DataFrame, official_totals: pd.DataFrame, end: int) -> Pace:
    """The pace of fiscal aid with the "20 years" read as ending in ``end``."""
    earlier = indicator_row(table, "fiscal_aid_1996_2014")
    earlier_last = int(earlier["period_end"])
    if end != earlier_last + 1:
        raise ValueError(
            f"the pace reads the increase after {earlier_last} as one year's aid: it needs the "
            f"'20 years' to end in {earlier_last + 1}, not {end}"
        )
    plan = official(official_totals, "fiscal_aid", *PLAN_12)["value"]
    later = indicator_row(table, "fiscal_aid_20y")["value"]
    return Pace(float(earlier["value"]), earlier_last, float(later), plan, end)

"""The report's key findings: a handful of sentences, each with its numbers, period and caveat.

Every number is computed here from the article's figures (and, where a finding says so, from the
figures published elsewhere), so the front page can never drift from the evidence behind it.
Money is written in 亿元 with billions of yuan beside it on first use; enterprise investment in
万亿元 with trillions; person-times in 万人次 with millions.
"""

from dataclasses import dataclass

import pandas as pd

from eastwest.analysis import checks
from eastwest.analysis.external import PROGRAMME_START, official
from eastwest.clean.indicators import value_of
from eastwest.formats import WAN, WAN_YI, yi, yi_first


@dataclass(frozen=True)
class Finding:
    headline: str  # the finding in one plain sentence
    evidence: str  # the numbers behind it, with their periods
    caveat: str  # the one thing a reader must not forget
    section: str  # where the report sets out the evidence ("2", "3", ...)

    def markdown(self) -> str:
        return (
            f"**{self.headline}** {self.evidence} *Caveat:* {self.caveat} "
            f"(Section{'s' if ' ' in self.section else ''} {self.section}.)"
        )


def markdown_list(findings: list[Finding]) -> str:
    """The findings as a numbered Markdown list, lead first."""
    return "\n".join(f"{n}. {finding.markdown()}" for n, finding in enumerate(findings, 1))


def _article(table: pd.DataFrame, indicator: str, qualifier: str | None = None) -> float:
    return float(value_of(table, indicator, qualifier))


@dataclass(frozen=True)
class Pace:
    """Fiscal aid a year in the sub-periods the sources allow (yuan, nominal)."""

    earlier: float  # the article's 1996–2014 total (part 2)
    later: float  # the article's "20 years" total (part 1)
    plan: float  # the December 2016 briefing's 2011–2015 total
    end: int  # the inferred last year of the "20 years"

    @property
    def added(self) -> float:
        return self.later - self.earlier

    @property
    def mean_1996_2014(self) -> float:
        return self.earlier / (self.end - PROGRAMME_START)  # 1996–2014: 19 years, inclusive

    @property
    def upto_2010(self) -> float:
        return self.later - self.plan

    @property
    def yearly_upto_2010(self) -> float:
        return self.upto_2010 / (checks.PLAN_12[0] - PROGRAMME_START)

    @property
    def plan_before_end(self) -> float:
        return self.plan - self.added

    @property
    def yearly_plan_before_end(self) -> float:
        return self.plan_before_end / (self.end - checks.PLAN_12[0])

    @property
    def step(self) -> float:
        return self.yearly_plan_before_end / self.yearly_upto_2010

    @property
    def last_to_recent(self) -> float:
        return self.added / self.yearly_plan_before_end

    @property
    def last_to_mean(self) -> float:
        return self.added / self.mean_1996_2014


def fiscal_pace(table: pd.DataFrame, official_totals: pd.DataFrame, end: int) -> Pace:
    plan = official(official_totals, "fiscal_aid", *checks.PLAN_12)["value"]
    return Pace(
        _article(table, "fiscal_aid_1996_2014"), _article(table, "fiscal_aid_20y"), plan, end
    )


def _ratio(value: float) -> str:
    return f"{value:.1f}"


def _aid_pace(pace: Pace) -> Finding:
    end, first, last = pace.end, PROGRAMME_START, checks.PLAN_12[0] - 1
    return Finding(
        f"Fiscal aid from east to west stepped up around 2011, and grew only modestly in {end}.",
        f"Eastern provinces gave about {yi_first(pace.yearly_upto_2010)} a year in "
        f"{first}–{last}, about {yi(pace.yearly_plan_before_end)} a year in "
        f"{checks.PLAN_12[0]}–{end - 1} ({_ratio(pace.step)} times as much) and "
        f"{yi(pace.added)} in {end}: {_ratio(pace.last_to_recent)} times the pace of "
        f"{checks.PLAN_12[0]}–{end - 1}, though {_ratio(pace.last_to_mean)} times the "
        f"{first}–{end - 1} average of {yi(pace.mean_1996_2014)} a year.",
        f"the split at 2011 uses a figure from a government briefing of December 2016 "
        f"({yi(pace.plan)} for {checks.PLAN_12[0]}–{checks.PLAN_12[1]}), not the article; "
        "all amounts are nominal yuan, not adjusted for prices.",
        "2",
    )


def _twenty_years(pace: Pace) -> Finding:
    end, first = pace.end, PROGRAMME_START
    to_mid, to_end = pace.added / 1.5, pace.added / 2
    return Finding(
        f"The article’s “20 years” of fiscal aid most likely ran {first}–{end}.",
        f"Part 2 gives {yi_first(pace.earlier)} for {first}–{end - 1} and calls those "
        f"years “19年来” (19 years, counting both ends); counted the same way, part 1’s "
        f"“20年来” with {yi_first(pace.later)} ends in {end}. The difference, "
        f"{yi(pace.added)}, is then one year’s aid.",
        f"the article never states the end year; read to {end + 1}, the same "
        f"{yi(pace.added)} would be {yi(to_end)} a year ({yi(to_mid)} a year to mid-"
        f"{end + 1}).",
        "2",
    )


def _enterprise(table: pd.DataFrame, official_totals: pd.DataFrame, pace: Pace) -> Finding:
    end, first, last = pace.end, PROGRAMME_START, checks.PLAN_12[0] - 1
    enterprise = _article(table, "enterprise_investment_1996_2014")
    plan_invest = official(official_totals, "enterprise_investment", *checks.PLAN_12)["value"]
    whole = official(
        official_totals, "enterprise_investment", PROGRAMME_START, checks.PLAN_12[1],
        published=official(official_totals, "enterprise_investment", *checks.PLAN_12)["published"],
    )["value"]  # fmt: skip
    return Finding(
        "Enterprise investment dwarfs aid, but its totals do not add up.",
        f"Firms the programme steered west invested {enterprise / WAN_YI:.1f}万亿元 "
        f"({enterprise / 1e12:.1f} trillion yuan) in {first}–{end - 1}, about "
        f"{round(enterprise / pace.earlier, -1):.0f} times the fiscal aid of those years. "
        f"The December 2016 briefing gives {whole / WAN_YI:.1f}万亿元 for {first}–{end} and "
        f"{plan_invest / WAN_YI:.1f}万亿元 for {checks.PLAN_12[0]}–{end}: together with the "
        f"article, {end} alone would have brought {(whole - enterprise) / WAN_YI:.1f}万亿元, "
        f"as much as all of {first}–{last}.",
        "it is the firms’ own money, not aid, and no source says how “steered” investment "
        "was counted or whether that count widened over time.",
        "2 and 4",
    )


def _labour(table: pd.DataFrame, pace: Pace) -> Finding:
    end, first = pace.end, PROGRAMME_START
    export = _article(table, "labour_export_1996_2014")
    income = _article(table, "labour_income_1996_2014")
    gx_workers = _article(table, "guangxi_labour_export_2015")
    gx_income = _article(table, "guangxi_labour_income_2015")
    wage_low = _article(table, "dongguan_hechi_wage", "range_low")
    wage_high = _article(table, "dongguan_hechi_wage", "range_high")
    per_trip = income / export
    per_worker = gx_income / gx_workers
    return Finding(
        f"Labour sent east earned {_ratio(income / pace.earlier)} times the fiscal aid, "
        "and the 2015 earnings match the wages reported.",
        f"In {first}–{end - 1} the West sent out {export / WAN:.1f}万人次 "
        f"({export / 1e6:.3f} million person-times) of labour, earning {yi_first(income)}: "
        f"about {round(per_trip, -2):,.0f} yuan per person-time. In {end}, Guangxi’s "
        f"{gx_workers / WAN:.0f}万 workers ({gx_workers:,.0f}) earned {yi(gx_income)}, "
        f"{per_worker:,.0f} yuan each or {per_worker / 12:,.0f} yuan a month, inside the "
        f"{wage_low:,.0f}–{wage_high:,.0f} yuan wage reported for workers from Hechi in "
        "Dongguan.",
        "a person-time counts each trip, not each person, and the article does not define "
        "labour income.",
        "3",
    )


def _people(table: pd.DataFrame, end: int) -> Finding:
    first = PROGRAMME_START
    training = _article(table, "talent_training_1996_2014")
    visits = _article(table, "leader_visits_1996_2014")
    cadres = _article(table, "cadre_exchanges_2011_2015")
    east, west = _article(table, "east_counties_paired"), _article(table, "west_counties_paired")
    return Finding(
        "The programme moved people as well as money, on a scale counted in visits, not persons.",
        f"In {first}–{end - 1} the East trained {training / WAN:.1f}万人次 "
        f"({training:,.0f} person-times) for the West and leaders made "
        f"{visits / WAN:.1f}万人次 ({visits:,.0f}) of study visits; in "
        f"{checks.PLAN_12[0]}–{checks.PLAN_12[1]} the two sides seconded {cadres:,.0f} "
        f"cadres (person-times). {east:.0f} eastern counties and cities were paired with "
        f"{west:.0f} western counties.",
        "every count here is in person-times, and the article names the pairs only through "
        "examples.",
        "3 and 4",
    )


def key_findings(table: pd.DataFrame, official_totals: pd.DataFrame, end: int) -> list[Finding]:
    """Five findings, lead first; ``end`` is the inferred last year of the "20 years"."""
    pace = fiscal_pace(table, official_totals, end)
    if end != checks.PLAN_12[1]:
        raise ValueError(f"the findings assume the '20 years' end in {checks.PLAN_12[1]}")
    return [
        _aid_pace(pace),
        _twenty_years(pace),
        _enterprise(table, official_totals, pace),
        _labour(table, pace),
        _people(table, end),
    ]

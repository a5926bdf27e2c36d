"""Consistency checks of the article's totals against the official figures, with verdicts.

Each check states its numbers and one verdict — consistent, in tension or cannot tell — that
the rules in ``verdicts`` compute. The official figures are the yardstick only: a check never
changes or completes one of the article's figures.
"""

from collections.abc import Callable

from eastwest.analysis.external import (
    BEFORE_PLAN_12,
    FIRST_REVIEW,
    PLAN_12,
    PROGRAMME_START,
    citation,
    official,
    own_term,
)
from eastwest.analysis.pace import Pace
from eastwest.analysis.tables import texts_beside
from eastwest.analysis.verdicts import (
    CANNOT_TELL,
    CONSISTENT,
    IN_TENSION,
    Check,
    Inputs,
    Segment,
    corners,
    pace_verdict,
    rounding_half_unit,
    verdict_over_corners,
)
from eastwest.edition import bilingual
from eastwest.formats import (
    WAN_YI,
    YI,
    display_unit,
    fmt_number,
    iso_date,
    long_date,
    month_year,
    period,
    with_unit,
)
from eastwest.formats import fmt_one_decimal as fmt
from eastwest.formats import fmt_times as times


def _writer(unit: str, scale: float) -> Callable[[float], str]:
    """How a check writes an amount: in the unit of its article figure, 72.0亿元 or 1.2万亿元."""
    return lambda value: with_unit(fmt(value / scale), unit)


def _said(value: float, unit: str, scale: float, term: str, cite: str) -> str:
    return _texts()["said"].format(amount=_writer(unit, scale)(value), term=term, cite=cite)


def _texts() -> dict:
    """What the checks say, as text with placeholders (checks.toml, beside this file)."""
    return texts_beside(__file__)


def _words(key: str, **numbers: object) -> tuple[str, str, str]:
    """Check ``key``'s title, statement and caveat, their placeholders filled."""
    text = _texts()[key]
    return tuple(text[part].format(**numbers) for part in ("title", "statement", "caveat"))


def _spreads(values: dict[str, float]) -> dict[str, float]:
    return {key: rounding_half_unit(value) for key, value in values.items()}


def period_end_evidence(inp: Inputs) -> Check:
    """(e) Xinhua's fiscal plus social aid against the briefing's "160多亿" for 1996–2015."""
    part1 = inp.article("fiscal_aid", 1)
    unit, scale = display_unit(part1["figure"])
    amount = _writer(unit, scale)
    xinhua = inp.sources.loc["part1", "published"]
    fiscal = official(inp.official, "fiscal_aid", PROGRAMME_START, published=xinhua)
    social = official(inp.official, "social_donations", PROGRAMME_START, published=xinhua)
    total = official(inp.official, "total_aid", PROGRAMME_START)
    if fiscal["value"] != part1["value"]:
        raise ValueError("Xinhua's fiscal aid no longer equals the article's part 1 figure")
    if "多" not in total["note"]:
        raise ValueError("the briefing's total is no longer recorded as a '多' (more than) figure")
    lower = total["value"]
    upper = lower + 2 * rounding_half_unit(lower)
    values = {"fiscal": part1["value"], "social": social["value"]}
    flagged = [
        not lower <= c["fiscal"] + c["social"] < upper for c in corners(values, _spreads(values))
    ]
    summed = values["fiscal"] + values["social"]
    plan = official(inp.official, "fiscal_aid", *PLAN_12)
    plan_yearly = plan["value"] / (PLAN_12[1] - PLAN_12[0] + 1)
    after_2015 = summed - lower
    end = int(total["period_end"])
    invest = official(inp.official, "enterprise_investment", PROGRAMME_START, published=xinhua)
    invest_briefing = official(inp.official, "enterprise_investment", PROGRAMME_START, end,
                               published=total["published"])  # fmt: skip
    wan_yi = _writer("万亿元", WAN_YI)
    title, statement, caveat = _words(
        "e",
        fiscal=amount(fiscal["value"]),
        fiscal_term=fiscal["term_zh"],
        published=long_date(xinhua),
        next_year=end + 1,
        social=_said(social["value"], unit, scale, social["term_zh"], citation(social)),
        fiscal_n=fmt(fiscal["value"] / scale),
        social_n=fmt(social["value"] / scale),
        sum=amount(summed),
        briefing=citation(total),
        total_term=total["term_zh"],
        years=period(total["period_start"], end),
        lower=fmt_number(lower / scale),
        upper=fmt_number(upper / scale),
        unit=unit,
        sum_n=fmt(summed / scale),
        room=amount(after_2015),
        plan_yearly=amount(plan_yearly),
        plan_years=period(PLAN_12[0], PLAN_12[1]),
        slack=amount(upper - summed),
        end=end,
        invest=wan_yi(invest["value"]),
        invest_term=invest["term_zh"],
        invest_briefing_term=invest_briefing["term_zh"],
        invest_years=period(invest_briefing["period_start"], end),
    )
    return Check(
        "e", title, verdict_over_corners(flagged), statement, caveat,
        {"fiscal": values["fiscal"], "social": values["social"], "sum": summed,
         "briefing_lower": lower, "briefing_upper": upper, "after_2015_max": after_2015,
         "plan_yearly": plan_yearly, "inferred_end": end,
         "enterprise_xinhua": invest["value"], "enterprise_briefing": invest_briefing["value"]},
    )  # fmt: skip


def _against_neighbours(
    gap: Segment, before: Segment, after: Segment, scale: float, unit: str
) -> str:
    """Where a sub-period's yearly amount stands against its neighbours', in words."""
    low, high = sorted((before.yearly, after.yearly))
    text = _texts()
    where = (
        text["between"] if low <= gap.yearly <= high
        else text["above"] if gap.yearly > high else text["below"]
    )  # fmt: skip
    return text["neighbours"].format(
        where=where,
        before_years=period(before.start, before.end),
        before=fmt(before.yearly / scale),
        after_years=period(after.start, after.end),
        after=fmt(after.yearly / scale),
        unit=unit,
    )


def fiscal_aid_1996_2010(inp: Inputs, twenty_years_end: int) -> Check:
    """(a) The article's '20 years' less the 2011–2015 aid, against the 1996–2007 donations."""
    part1 = inp.article("fiscal_aid", 1)
    unit, scale = display_unit(part1["figure"])
    amount = _writer(unit, scale)
    plan = official(inp.official, "fiscal_aid", *PLAN_12)
    early = official(inp.official, "fiscal_aid", *FIRST_REVIEW)
    if twenty_years_end != PLAN_12[1]:
        title = _texts()["a"]["title"].format(before_years=period(*BEFORE_PLAN_12))
        return Check("a", title, CANNOT_TELL, _texts()["cannot_tell"].format(end=PLAN_12[1]), "")
    values = {"twenty": part1["value"], "plan": plan["value"], "early": early["value"]}

    def build(v):
        return [
            Segment(*FIRST_REVIEW, v["early"]),
            Segment(FIRST_REVIEW[1] + 1, PLAN_12[0] - 1, v["twenty"] - v["plan"] - v["early"]),
            Segment(*PLAN_12, v["plan"]),
        ]

    before, gap, after = build(values)
    upto_2010 = values["twenty"] - values["plan"]
    term, cite = own_term(part1["name_zh"]), inp.article_citation(1)
    title, statement, caveat = _words(
        "a",
        years=period(PROGRAMME_START, twenty_years_end),
        twenty=_said(values["twenty"], unit, scale, term, cite),
        plan_years=period(PLAN_12[0], PLAN_12[1]),
        plan=_said(values["plan"], unit, scale, plan["term_zh"], citation(plan)),
        twenty_n=fmt(values["twenty"] / scale),
        plan_n=fmt(values["plan"] / scale),
        upto=amount(upto_2010),
        before_years=period(PROGRAMME_START, PLAN_12[0] - 1),
        early_years=period(FIRST_REVIEW[0], FIRST_REVIEW[1]),
        early=_said(values["early"], unit, scale, early["term_zh"], citation(early)),
        gap=amount(gap.amount),
        gap_years=period(gap.start, gap.end),
        gap_yearly=fmt(gap.yearly / scale),
        unit=unit,
        neighbours=_against_neighbours(gap, before, after, scale, unit),
        early_end=FIRST_REVIEW[1],
        early_term=early["term_zh"],
        term=own_term(part1["name_zh"]),
        end=twenty_years_end,
    )
    return Check(
        "a", title, pace_verdict(build, values, _spreads(values)), statement, caveat,
        {"upto_2010": upto_2010, "gap": gap.amount, "gap_yearly": gap.yearly,
         "before_yearly": before.yearly, "after_yearly": after.yearly},
    )  # fmt: skip


def enterprise_investment_split(inp: Inputs) -> Check:
    """(b) The article's 1996–2014 investment against the briefing's 2011–2015 and 1996–2015."""
    article = inp.article("enterprise_investment", 2)
    unit, scale = display_unit(article["figure"])
    amount = _writer(unit, scale)
    plan = official(inp.official, "enterprise_investment", *PLAN_12)
    whole = official(inp.official, "enterprise_investment", PROGRAMME_START, PLAN_12[1],
                     published=plan["published"])  # fmt: skip
    early = official(inp.official, "enterprise_investment", *FIRST_REVIEW)
    last = int(article["period_end"])
    values = {"article": article["value"], "plan": plan["value"], "whole": whole["value"]}

    def build(v):
        return [
            Segment(PROGRAMME_START, PLAN_12[0] - 1, v["whole"] - v["plan"]),
            Segment(PLAN_12[0], last, v["plan"] - (v["whole"] - v["article"])),
            Segment(last + 1, PLAN_12[1], v["whole"] - v["article"]),
        ]

    spreads = _spreads(values)
    jumps = [b[1].yearly / b[0].yearly for b in map(build, corners(values, spreads))]
    before, middle, final = build(values)
    half = max(spreads.values()) / scale
    said = _said(
        values["article"], unit, scale, own_term(article["name_zh"]), inp.article_citation(2)
    )
    plan_yearly = values["plan"] / (PLAN_12[1] - PLAN_12[0] + 1)
    title, statement, caveat = _words(
        "b",
        article=said,
        years=period(PROGRAMME_START, last),
        plan=amount(values["plan"]),
        plan_years=period(PLAN_12[0], PLAN_12[1]),
        whole=amount(values["whole"]),
        whole_years=period(PROGRAMME_START, PLAN_12[1]),
        plan_term=plan["term_zh"],
        plan_cite=citation(plan),
        whole_n=fmt(values["whole"] / scale),
        plan_n=fmt(values["plan"] / scale),
        before=amount(before.amount),
        before_years=period(before.start, before.end),
        final_n=fmt(final.amount / scale),
        middle=amount(middle.amount),
        middle_years=period(middle.start, middle.end),
        article_n=fmt(values["article"] / scale),
        final=amount(final.amount),
        final_year=final.start,
        before_yearly=amount(before.yearly),
        middle_yearly=amount(middle.yearly),
        jump=times(middle.yearly / before.yearly),
        half=fmt(half),
        unit=unit,
        jump_min=times(min(jumps)),
        jump_max=times(max(jumps)),
        plan_start=PLAN_12[0],
        plan_yearly=amount(plan_yearly),
        xinhua=iso_date(inp.sources.loc["part1", "published"]),
        early=_said(early["value"], "亿元", YI, early["term_zh"], citation(early)),
        early_years=period(early["period_start"], early["period_end"]),
    )
    return Check(
        "b", title, pace_verdict(build, values, spreads), statement, caveat,
        {"year_2015": final.amount, "upto_2010": before.amount, "plan_before_2015": middle.amount,
         "before_yearly": before.yearly, "middle_yearly": middle.yearly,
         "plan_yearly": plan_yearly,
         "jump": middle.yearly / before.yearly, "jump_min": min(jumps), "jump_max": max(jumps)},
    )  # fmt: skip


def cadre_exchange_2011_2015(inp: Inputs) -> Check:
    """(c) The article's cadre exchanges against the briefing's, same period."""
    article = inp.article("cadre_exchange", 1, start=PLAN_12[0])
    other = official(inp.official, "cadre_exchange", int(article["period_start"]),
                     int(article["period_end"]))  # fmt: skip
    tolerance = max(rounding_half_unit(article["value"]), rounding_half_unit(other["value"]))
    difference = abs(article["value"] - other["value"])
    verdict = CONSISTENT if difference <= tolerance else IN_TENSION
    years = period(article["period_start"], article["period_end"])
    title, statement, caveat = _words(
        "c",
        years=years,
        article=fmt_number(article["value"]),
        term=own_term(article["name_zh"]),
        cite=inp.article_citation(1),
        briefing_month=month_year(other["published"]),
        other=fmt_number(other["value"]),
        other_term=other["term_zh"],
        other_cite=citation(other),
        difference=fmt_number(difference),
    )
    return Check(
        "c", title, verdict, statement, caveat,
        {"article": article["value"], "official": other["value"], "difference": difference},
    )  # fmt: skip


def labour_export_2008_2010(inp: Inputs) -> Check:
    """(d) The article's 1996–2014 labour export less 1996–2007, against 2011–2015."""
    article = inp.article("labour_export", 2)
    unit, scale = display_unit(article["figure"])
    amount = _writer(unit, scale)
    early = official(inp.official, "labour_export", *FIRST_REVIEW)
    plan = official(inp.official, "labour_export", *PLAN_12)
    # How much of the 2011–2015 figure fell before 2015 is unknown: anywhere from none to all.
    values = {"article": article["value"], "early": early["value"], "plan": plan["value"],
              "share_before_2015": 0.5}  # fmt: skip
    spreads = _spreads({k: values[k] for k in ("article", "early", "plan")})
    spreads["share_before_2015"] = 0.5

    def build(v):
        gap = v["article"] - v["early"] - v["share_before_2015"] * v["plan"]
        return [
            Segment(*FIRST_REVIEW, v["early"]),
            Segment(FIRST_REVIEW[1] + 1, PLAN_12[0] - 1, gap),
            Segment(*PLAN_12, v["plan"]),
        ]

    before, gap, after = build(values | {"share_before_2015": 1.0})  # the least it can be
    since_2007 = values["article"] - values["early"]
    said = _said(
        values["article"], unit, scale, own_term(article["name_zh"]), inp.article_citation(2)
    )
    title, statement, caveat = _words(
        "d",
        article=said,
        years=period(PROGRAMME_START, article["period_end"]),
        early=_said(values["early"], unit, scale, early["term_zh"], citation(early)),
        early_years=period(early["period_start"], early["period_end"]),
        since=amount(since_2007),
        since_years=period(gap.start, article["period_end"]),
        recent_years=period(PLAN_12[0], article["period_end"]),
        plan=_said(values["plan"], unit, scale, plan["term_zh"], citation(plan)),
        plan_years=period(PLAN_12[0], PLAN_12[1]),
        gap_years=period(gap.start, gap.end),
        gap=amount(gap.amount),
        gap_yearly=amount(gap.yearly),
        neighbours=_against_neighbours(gap, before, after, scale, unit),
        term=own_term(article["name_zh"]),
        early_term=early["term_zh"],
        plan_term=plan["term_zh"],
    )
    return Check(
        "d", title, pace_verdict(build, values, spreads), statement, caveat,
        {"since_2007": since_2007, "gap_min": gap.amount, "gap_yearly_min": gap.yearly,
         "gap_start": gap.start, "gap_end": gap.end, "early": values["early"],
         "plan": values["plan"],
         "before_yearly": before.yearly, "after_yearly": after.yearly},
    )  # fmt: skip


def fiscal_aid_2015_pace(inp: Inputs, twenty_years_end: int) -> Check:
    """(f) The increase between the two totals as 2015's aid, within the 2011–2015 plan."""
    earlier, later = inp.article("fiscal_aid", 2), inp.article("fiscal_aid", 1)
    unit, scale = display_unit(later["figure"])
    amount = _writer(unit, scale)
    plan = official(inp.official, "fiscal_aid", *PLAN_12)
    title = _texts()["f"]["title"].format(plan_years=period(*PLAN_12))
    last = int(earlier["period_end"])
    if twenty_years_end != PLAN_12[1] or twenty_years_end != last + 1:
        return Check("f", title, CANNOT_TELL, _texts()["cannot_tell"].format(end=last + 1), "")
    values = {"earlier": earlier["value"], "later": later["value"], "plan": plan["value"]}

    def build(v):
        return Pace(v["earlier"], last, v["later"], v["plan"], twenty_years_end).segments()

    before, middle, final = build(values)
    _, statement, caveat = _words(
        "f",
        plan_years=period(*PLAN_12),
        end=twenty_years_end,
        final_n=fmt(final.amount / scale),
        unit=unit,
        final_year=final.start,
        plan=_said(values["plan"], unit, scale, plan["term_zh"], citation(plan)),
        middle=amount(middle.amount),
        middle_years=period(middle.start, middle.end),
        middle_yearly=amount(middle.yearly),
        before_yearly=amount(before.yearly),
        before_years=period(before.start, before.end),
        step=times(middle.yearly / before.yearly),
        final_ratio=times(final.yearly / middle.yearly),
        later_term=own_term(later["name_zh"]),
        earlier_term=own_term(earlier["name_zh"]),
    )
    return Check(
        "f", title, pace_verdict(build, values, _spreads(values)), statement, caveat,
        {"year_2015": final.amount, "plan_before_2015": middle.amount,
         "plan_before_2015_yearly": middle.yearly, "upto_2010_yearly": before.yearly,
         "ratio_2015_to_plan": final.yearly / middle.yearly},
    )  # fmt: skip


@bilingual
def run_checks(inp: Inputs) -> list[Check]:
    """Every check, (a) to (f); (e) first fixes the end of the '20 years' the others use."""
    period = period_end_evidence(inp)
    end = int(period.numbers["inferred_end"])
    return [
        fiscal_aid_1996_2010(inp, end),
        enterprise_investment_split(inp),
        cadre_exchange_2011_2015(inp),
        labour_export_2008_2010(inp),
        period,
        fiscal_aid_2015_pace(inp, end),
    ]

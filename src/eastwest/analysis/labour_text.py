"""Chapter 3's computed sentences: the numbers of labour.py's figures, in the words of
labour_text.toml beside this file."""

import pandas as pd

from eastwest.analysis.labour import Income, share_bounds
from eastwest.analysis.style import period_label
from eastwest.analysis.tables import cited, cited_count, derived, texts_beside
from eastwest.clean.indicators import indicator_row
from eastwest.edition import bilingual
from eastwest.formats import fmt_number, fmt_percent, gloss, yi_first, yuan


@bilingual
def income_paragraph(n: Income) -> str:
    """Section 3.1: the programme's labour income per person-time, and Guangxi's in 2015."""
    # The paragraph says the 2015 figures agree with the wages reported; it must stay true.
    if not n.low["value"] <= n.per_month <= n.high["value"]:
        raise ValueError("Guangxi's 2015 income a month no longer falls in the Dongguan wages")
    return texts_beside(__file__)["income"].format(
        programme=period_label(n.income),
        export=n.export["figure"],
        income=yi_first(n.income["value"]),
        per_trip=derived(yuan(n.trip_text)),
        workers=n.gx_workers["figure"],
        workers_count=gloss(fmt_number(n.gx_workers["value"])),
        year=period_label(n.gx_workers),
        gx_income=yi_first(n.gx_income["value"]),
        per_worker=derived(yuan(n.worker_text)),
        per_month=derived(yuan(n.month_text)),
        wage_range=cited(yuan(n.wage_text), n.low["indicator"]),
    )


@bilingual
def one_province_paragraph(n: Income) -> str:
    """Section 3.1: Guangxi's one year against the programme's labour income."""
    return texts_beside(__file__)["one_province"].format(
        years=int(n.income["period_end"]) - int(n.income["period_start"]) + 1,
        gx_income=n.gx_income["figure"],
        share=derived(fmt_percent(n.gx_income["value"] / n.income["value"])),
        programme=period_label(n.income),
    )


@bilingual
def training_paragraph(ind: pd.DataFrame) -> str:
    """Section 3.2: the two programmes that report people trained and placed."""
    lq_trained = indicator_row(ind, "liaoning_qinghai_trained")
    lq_placed = indicator_row(ind, "liaoning_qinghai_placed")
    dh_trained = indicator_row(ind, "dongguan_hechi_trained")
    dh_placed = indicator_row(ind, "dongguan_hechi_placed")
    low, high = share_bounds(dh_placed, dh_trained)
    years_quote = "近5年来"  # the article's own words for the base's period
    if years_quote not in dh_trained["quote"]:
        raise ValueError(f"the Dongguan–Hechi figure's sentence no longer says {years_quote}")
    return texts_beside(__file__)["training"].format(
        lq_trained=cited_count(lq_trained),
        lq_placed=cited_count(lq_placed),
        lq_share=derived(fmt_percent(lq_placed["value"] / lq_trained["value"])),
        dh_trained=cited_count(dh_trained),
        years_quote=years_quote,
        dh_placed=cited_count(dh_placed),
        dh_share=derived(fmt_percent(dh_placed["value"] / dh_trained["value"], approx=True)),
        low=derived(fmt_percent(low)),
        high=derived(fmt_percent(high)),
    )


@bilingual
def exchanges_paragraph(ind: pd.DataFrame) -> str:
    """Section 3.3: people trained, leaders' visits and cadres seconded."""
    training = indicator_row(ind, "talent_training_1996_2014")
    visits = indicator_row(ind, "leader_visits_1996_2014")
    provincial = indicator_row(ind, "leader_visits_provincial_1996_2014")
    cadres = indicator_row(ind, "cadre_exchanges_2011_2015")
    return texts_beside(__file__)["exchanges"].format(
        training_years=period_label(training),
        training=training["figure"],
        visits=visits["figure"],
        provincial=cited_count(provincial),
        provincial_share=derived(fmt_percent(provincial["value"] / visits["value"])),
        cadre_years=period_label(cadres),
        cadres=cited_count(cadres),
    )

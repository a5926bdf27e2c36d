"""Official figures published outside the article (data/external/official_totals.csv).

They are context for the article's figures, never a replacement: every row keeps its own
Chinese term, period and publication, and the timeline marks them apart from the article's.
"""

import re
from pathlib import Path

import pandas as pd

from eastwest import paths
from eastwest.errors import InputError
from eastwest.schema import check_csv, official_totals_fields

COLUMNS = [field["name"] for field in official_totals_fields()]
# A total counted from the year the programme began covers the whole programme.
PROGRAMME_START = 1996
SOURCE_COLUMNS = ["source", "title", "publisher", "published", "author", "url", "licence", "note"]


def _name(path) -> str:
    """The path as the project names it (data/external/...), or as given if outside it."""
    path = Path(path).resolve()
    return str(path.relative_to(paths.ROOT)) if path.is_relative_to(paths.ROOT) else str(path)


def _read_checked(path, columns: list[str]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    if list(frame.columns) != columns:
        missing = [c for c in columns if c not in frame.columns]
        extra = [c for c in frame.columns if c not in columns]
        raise InputError(
            f"{_name(path)}: columns {list(frame.columns)} differ from the expected {columns}"
            f" (missing {missing}, unexpected {extra})"
        )
    return frame


def load_official(path=paths.OFFICIAL_TOTALS) -> pd.DataFrame:
    """The official figures, each row checked against the field dictionary (numbers, units,
    publishers), with values as numbers and years as whole numbers."""
    check_csv(Path(path), official_totals_fields())
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    frame["value"] = frame["value"].astype("float64")
    for column in ("period_start", "period_end"):
        frame[column] = frame[column].astype("int64")
    return frame


def load_sources(path=paths.SOURCES) -> pd.DataFrame:
    return _read_checked(path, SOURCE_COLUMNS).set_index("source")


def official(
    frame: pd.DataFrame,
    series: str,
    start: int | None = None,
    end: int | None = None,
    published: str | None = None,
) -> pd.Series:
    """The one official row of ``series`` matching the period and publication date given."""
    rows = frame[frame["series"] == series]
    for column, wanted in (("period_start", start), ("period_end", end), ("published", published)):
        if wanted is not None:
            rows = rows[rows[column] == wanted]
    if len(rows) != 1:
        raise KeyError(
            f"official figure {series} {start}–{end} (published {published}): {len(rows)} rows"
        )
    return rows.iloc[0]


def short_publisher(publisher: str) -> str:
    """``People's Daily (人民日报)`` → ``People's Daily``: labels name the paper in English."""
    return publisher.split(" (")[0]


def citation(row: pd.Series) -> str:
    """Publisher and date, as every label and source line gives them."""
    return f"{short_publisher(row['publisher'])}, {row['published']}"


# The codebook names a cumulative figure with its period ("财政援助资金(1996—2014年累计)",
# "Fiscal aid over 20 years"); the term and the series name are what is left without it.
_PERIOD_ZH = re.compile(r"\s*\((?:\d{4}[—–-]\d{4}年|\d+年)累计\)$")
_PERIOD_EN = re.compile(r"\s+(?:\d{4}[–—-]\d{4}|over \d+ years)$")


def own_term(name_zh: str) -> str:
    """The Chinese term of an article figure, without the period its name carries."""
    return _PERIOD_ZH.sub("", name_zh)


def series_name_en(name_en: str) -> str:
    return _PERIOD_EN.sub("", name_en)


TIMELINE_SERIES = ("fiscal_aid", "enterprise_investment", "labour_export")
TIMELINE_COLUMNS = [
    "series", "from_article", "shape", "period_start", "period_end", "x", "value", "unit",
    "term_zh", "citation", "indicator",
]  # fmt: skip


def _article_citations(sources: pd.DataFrame) -> dict[int, str]:
    return {part: citation(sources.loc[f"part{part}"]) for part in (1, 2)}


def _is_article_original(row: pd.Series, article: pd.DataFrame, citations: dict) -> bool:
    """An official row that is the article's own figure in its first publication."""
    same = article[(article["series"] == row["series"]) & (article["value"] == row["value"])]
    return any(citations[part] == citation(row) for part in same["part"])


def timeline_points(
    indicators: pd.DataFrame,
    official: pd.DataFrame,
    sources: pd.DataFrame,
    twenty_years_end: int,
    series: tuple[str, ...] = TIMELINE_SERIES,
) -> pd.DataFrame:
    """The article's cumulative totals and the official figures of ``series``, one row each.

    ``shape`` is "cumulative" (a total since the programme began, drawn as a point at its
    last year) or "period" (a total over a shorter span, e.g. the 2011–2015 plan, drawn as a
    span). The article's '20 years' total has no stated end: it sits at ``twenty_years_end``
    with period_end left empty. Official rows that merely repeat one of the article's figures
    in its first publication are left out, so that no figure appears twice.
    """
    citations = _article_citations(sources)
    article = indicators[
        indicators["series"].isin(series) & (indicators["period_start"] == PROGRAMME_START)
    ]
    rows = []
    for _, fig in article.iterrows():
        end = None if pd.isna(fig["period_end"]) else int(fig["period_end"])
        rows.append({
            "series": fig["series"], "from_article": True, "shape": "cumulative",
            "period_start": int(fig["period_start"]), "period_end": end,
            "x": twenty_years_end if end is None else end, "value": fig["value"],
            "unit": fig["unit"], "term_zh": own_term(fig["name_zh"]),
            "citation": citations[int(fig["part"])], "indicator": fig["indicator"],
        })  # fmt: skip
    for _, row in official[official["series"].isin(series)].iterrows():
        if _is_article_original(row, article, citations):
            continue
        cumulative = row["period_start"] == PROGRAMME_START
        rows.append({
            "series": row["series"], "from_article": False,
            "shape": "cumulative" if cumulative else "period",
            "period_start": row["period_start"], "period_end": row["period_end"],
            "x": row["period_end"], "value": row["value"], "unit": row["unit"],
            "term_zh": row["term_zh"], "citation": citation(row), "indicator": "",
        })  # fmt: skip
    frame = pd.DataFrame(rows, columns=TIMELINE_COLUMNS)
    frame["period_end"] = frame["period_end"].astype("Int64")
    order = {name: i for i, name in enumerate(series)}
    frame["_series"] = frame["series"].map(order)
    frame = frame.sort_values(["_series", "x", "from_article"], kind="stable")
    return frame.drop(columns="_series").reset_index(drop=True)

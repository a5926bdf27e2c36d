"""Chapter 1, the article and its figures: what the source is and how many figures it holds."""

import pandas as pd

from eastwest.analysis.tables import texts_beside
from eastwest.clean.article import Article
from eastwest.clean.indicators import indicator_row
from eastwest.edition import bilingual
from eastwest.formats import long_date, part_numeral, period

# Part 1's own evidence that it was written in 2016: it calls the Guiyang forum's 2016 meeting
# recent (近日).
RECENT = "近日,部分参加生态文明贵阳国际论坛2016年年会的代表"


@bilingual
def source_paragraph(article: Article, sources: pd.DataFrame, table: pd.DataFrame) -> str:
    """Section 1.1: the article's two parts and where each is known from."""
    first_part, _ = article.parts
    if article.part_at(article.text.index(RECENT)) != first_part.number:
        raise ValueError("part 1 no longer holds its evidence of 2016")
    stated = indicator_row(table, "fiscal_aid_1996_2014")
    return texts_beside(__file__)["source"].format(
        guangming_date=long_date(sources.loc["part2", "published"]),
        stated=period(int(stated["period_start"]), int(stated["period_end"])),
        recent=RECENT,
        xinhua_date=long_date(sources.loc["part1", "published"]),
    )


@bilingual
def figures_paragraph(table: pd.DataFrame) -> str:
    """Section 1.2: how many figures the article holds, and in which part."""
    text = texts_beside(__file__)
    by_part = table.drop_duplicates("indicator").groupby("part").size()
    return text["figures"].format(
        figures=table["indicator"].nunique(),
        values=len(table),
        by_part=text["by_part_separator"].join(
            text["by_part"].format(count=count, part=part_numeral(part))
            for part, count in by_part.items()
        ),
    )

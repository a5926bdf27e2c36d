"""The east → west pairs the article names, and where their seats of government lie.

``data/pairings.csv`` holds one row per pair drawn in the report: the aiding (east) and aided
(west) region, whether the article calls the pair a model (``named_model``: 闽宁协作, 浙川模式, …)
or only reports a project or activity of it (``reported_project``), and a quote that is an exact
substring of the article. ``data/regions.csv`` gives each region an approximate seat of
government (capital, prefecture or county seat) in degrees, enough for a schematic, not a map.
"""

import math
import re
from functools import cache

import matplotlib as mpl
import pandas as pd
from matplotlib import patheffects
from matplotlib.figure import Figure

from eastwest import paths
from eastwest.analysis.style import (
    INK,
    MUTED,
    OKABE_ITO,
    Chart,
    add_source,
    chart_data,
    input_mark,
    period_label,
    style,
    title,
)
from eastwest.analysis.tables import cited_count, texts_beside
from eastwest.clean.indicators import indicator_row
from eastwest.edition import bilingual, current
from eastwest.formats import count_word, fmt_number

PAIRINGS = paths.DATA / "pairings.csv"
REGIONS = paths.REGIONS

# What the article calls a pair, as the reading table words it.
KINDS = {"named_model": "named model", "reported_project": "reported project"}


def load_pairings(path=None) -> pd.DataFrame:
    frame = pd.read_csv(path or PAIRINGS, dtype=str, keep_default_na=False)
    frame["part"] = frame["part"].astype(int)
    unknown = set(frame["kind"]) - set(KINDS)
    if unknown:
        raise ValueError(f"pairings: unknown kind {sorted(unknown)}")
    return frame


def load_regions(path=None) -> pd.DataFrame:
    frame = pd.read_csv(path or REGIONS, dtype=str, keep_default_na=False)
    frame[["lat", "lon"]] = frame[["lat", "lon"]].astype(float)
    return frame


def with_coordinates(pairings: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """The pairings with the coordinates of both ends; a region missing from regions fails."""
    coords = regions.set_index("region_id")[["lat", "lon"]]
    missing = (set(pairings["east_id"]) | set(pairings["west_id"])) - set(coords.index)
    if missing:
        raise KeyError(f"regions.csv lacks {sorted(missing)}")
    out = pairings.copy()
    for end in ("east", "west"):
        out[f"{end}_lat"] = coords.loc[out[f"{end}_id"], "lat"].to_numpy()
        out[f"{end}_lon"] = coords.loc[out[f"{end}_id"], "lon"].to_numpy()
    return out


def province_of(region_id: str, regions: pd.DataFrame) -> str:
    """The province-level region (省区市) a city, prefecture, district or county belongs to."""
    parents = regions.set_index("region_id")["parent_id"]
    while parents[region_id]:
        region_id = parents[region_id]
    return region_id


@cache
def _region_names() -> dict[str, str]:
    regions = load_regions()
    return dict(zip(regions["name_zh"], regions["name_en"], strict=True))


def region_label(name_zh: str) -> str:
    """'Liaoning 辽宁' for '辽宁', from data/regions.csv."""
    return f"{_region_names()[name_zh]} {name_zh}"


def reading_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """The pairs for a reader: east → west in both languages, what the article calls the pair
    (a named model, or a project it reports), and its own words."""
    return pd.DataFrame(
        {
            "East → West 东部 → 西部": [
                f"{east_en} {east_zh} → {west_en} {west_zh}"
                for east_en, east_zh, west_en, west_zh in zip(
                    pairs["east_en"],
                    pairs["east_zh"],
                    pairs["west_en"],
                    pairs["west_zh"],
                    strict=True,
                )
            ],
            "Named as": [
                model.replace("; ", "、") if model else KINDS[kind]
                for model, kind in zip(pairs["model_zh"], pairs["kind"], strict=True)
            ],
            # A sentence that names several pairs is printed once, at its first pair.
            "The article’s words": [
                "(as above)" if quote == before else quote
                for quote, before in zip(pairs["quote"], [None, *pairs["quote"][:-1]], strict=True)
            ],
        }
    ).reset_index(drop=True)


# Where each region's label sits around its point: offset in points and alignment. By default
# eastern labels go right and western ones left, away from the arrows between them; the rest
# are placed by eye where neighbours or arrows crowd.
_LABEL_PLACEMENT = {
    "guangdong": (0, -18, "center", "top"),
    "dongguan": (22, 9, "left", "center"),
    "shenzhen": (22, -5, "left", "center"),
    "ningbo": (7, -3, "left", "top"),
    "zhenhai": (7, 3, "left", "bottom"),
    "zhejiang": (-2, 7, "right", "bottom"),
    "chifeng": (0, 7, "center", "bottom"),
    "ulanqab": (0, 7, "center", "bottom"),
    "qiannan": (7, -1, "left", "center"),
    "guangxi": (0, -7, "center", "top"),
    "chongqing": (-6, -2, "right", "top"),
}
# Arc curvature (matplotlib's arc3 rad) per pair where the default would run arrows together
# or through a neighbour's point.
_ARC_RAD = {
    "shanghai_yunnan": -0.16,
    "ningbo_guizhou": 0.15,
    "zhenhai_puan": 0.3,
    "shenzhen_bijie": 0.3,
}
_DEFAULT_RAD = 0.1
_MAP_STRETCH = 1.22
_MAP_SIZE = (7.0, 7.4)
_MAP_LABEL_SIZE = 7.5
_MAP_LEGEND_LOC = "center right"
_MAP_LEGEND_AT = (1.0, 0.5)
_HALO = [patheffects.withStroke(linewidth=2.6, foreground="white")]


def _arc_middle(x0: float, y0: float, x1: float, y1: float, rad: float, aspect: float):
    """The midpoint of matplotlib's arc3 curve from (x0, y0) to (x1, y1), in data units.

    arc3 bends in display space, where a degree of latitude is ``aspect`` times as tall as a
    degree of longitude is wide, so the offset is worked out there and scaled back.
    """
    dx, dy = x1 - x0, (y1 - y0) * aspect
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2 * aspect
    return mx + 0.5 * rad * dy, (my - 0.5 * rad * dx) / aspect


def _short_en(name_en: str) -> str:
    return re.sub(r" (district|county|prefecture)$", "", name_en)


_KIND_STYLE = {
    "named_model": {"color": OKABE_ITO["blue"], "lw": 2.0, "ls": "-"},
    "reported_project": {"color": OKABE_ITO["vermillion"], "lw": 1.2, "ls": (0, (4, 2))},
}
_KIND_LABEL = {
    "named_model": "Named model 模式 (闽宁, 沪滇, …)",
    "reported_project": "Reported project 报道的项目",
}


def _draw_pairs(ax, pairs: pd.DataFrame, aspect: float) -> None:
    """An arrow from the aiding to the aided side of each pair, a model's name on its arc."""
    for pair in pairs.itertuples():
        st = _KIND_STYLE[pair.kind]
        rad = _ARC_RAD.get(pair.pair_id, _DEFAULT_RAD)
        ax.annotate(
            "",
            xy=(pair.west_lon, pair.west_lat),
            xytext=(pair.east_lon, pair.east_lat),
            arrowprops={
                "arrowstyle": "-|>,head_length=0.55,head_width=0.25",
                "connectionstyle": f"arc3,rad={rad}",
                "color": st["color"],
                "lw": st["lw"],
                "linestyle": st["ls"],
                "shrinkA": 4,
                "shrinkB": 5,
            },
            zorder=2,
        )
        if pair.kind == "named_model":
            # The model's short name (闽宁, 浙川, …) on the middle of its arc.
            x, y = _arc_middle(
                pair.east_lon, pair.east_lat, pair.west_lon, pair.west_lat, rad, aspect
            )
            ax.text(
                x,
                y,
                pair.model_zh.split("; ")[0][:2],
                ha="center",
                va="center",
                fontsize=9,
                color=OKABE_ITO["blue"],
                path_effects=_HALO,
                zorder=4,
            )


def _draw_regions(ax, points: pd.DataFrame) -> None:
    """Each region's point, filled for the east, with its name beside it."""
    for side in ("east", "west"):
        sel = points[points["side"] == side]
        ax.scatter(
            sel["lon"],
            sel["lat"],
            s=26,
            zorder=3,
            linewidth=1.1,
            edgecolor=INK,
            facecolor=INK if side == "east" else "white",
        )
    for pt in points.itertuples():
        default = (6, 0, "left", "center") if pt.side == "east" else (-6, 0, "right", "center")
        dx, dy, ha, va = _LABEL_PLACEMENT.get(pt.region_id, default)
        # Labels moved well away from their point keep a thin leader line back to it.
        leader = (
            {"arrowstyle": "-", "color": MUTED, "lw": 0.5, "shrinkA": 1, "shrinkB": 3}
            if math.hypot(dx, dy) > 12
            else None
        )
        ax.annotate(
            f"{pt.name_zh} {_short_en(pt.name_en)}", (pt.lon, pt.lat), xytext=(dx, dy),
            textcoords="offset points", ha=ha, va=va, fontsize=_MAP_LABEL_SIZE, color=INK,
            path_effects=_HALO, arrowprops=leader, zorder=5,
        )  # fmt: skip


def _map_legend(ax) -> None:
    handles = [
        mpl.lines.Line2D(
            [],
            [],
            color=_KIND_STYLE[k]["color"],
            lw=_KIND_STYLE[k]["lw"],
            ls=_KIND_STYLE[k]["ls"],
            label=_KIND_LABEL[k],
        )
        for k in _KIND_LABEL
    ] + [
        mpl.lines.Line2D([], [], ls="", marker="o", ms=5, color=INK, label="East 东部 (aids)"),
        mpl.lines.Line2D(
            [], [], ls="", marker="o", ms=5, mfc="white", mec=INK, label="West 西部 (aided)"
        ),
    ]
    ax.legend(
        handles=handles,
        loc=_MAP_LEGEND_LOC,
        bbox_to_anchor=_MAP_LEGEND_AT,
        fontsize=_MAP_LABEL_SIZE,
    )


def _county_counts(ax, east_n: pd.Series, west_n: pd.Series) -> None:
    """The article's counts of paired counties, beyond the pairs drawn."""
    counties = (
        f"Beyond these pairs: {fmt_number(east_n['value'], east_n['qualifier'])} eastern "
        f"counties and cities are paired\nwith "
        f"{fmt_number(west_n['value'], west_n['qualifier'])} western counties "
        f"({period_label(east_n)})\n"
        f"东部{east_n['figure']}县市与西部{west_n['figure']}(市)结成帮扶对子"
    )
    ax.text(
        0.0,
        1.0,
        counties,
        transform=ax.transAxes,
        ha="left",
        va="top",
        fontsize=8,
        color=INK,
        linespacing=1.4,
    )


def _map_data(pairs: pd.DataFrame, east_n: pd.Series, west_n: pd.Series) -> pd.DataFrame:
    return chart_data(
        [
            {
                "mark": pair.pair_id,
                "indicator": "",
                "role": "plotted",
                "value": float("nan"),
                "unit": "pair",
                "qualifier": "",
                "plotted": float("nan"),
                "label": f"{pair.east_zh}→{pair.west_zh} ({pair.kind})",
            }
            for pair in pairs.itertuples()
        ]
        + [
            {**input_mark(r), "role": "written", "label": fmt_number(r["value"], r["qualifier"])}
            for r in (east_n, west_n)
        ]
    )


def _map_alt(pairs: pd.DataFrame, east_n: pd.Series, west_n: pd.Series) -> str:
    named = pairs[pairs["kind"] == "named_model"]
    reported = pairs[pairs["kind"] == "reported_project"]
    return (
        f"Schematic of {len(pairs)} east-to-west pairs at approximate seats of government. "
        "Named models: "
        + ", ".join(f"{p.east_en} to {p.west_en} ({p.model_zh})" for p in named.itertuples())
        + ". Reported projects: "
        + ", ".join(f"{p.east_en} to {p.west_en}" for p in reported.itertuples())
        + f". In all, {fmt_number(east_n['value'])} eastern counties and cities are paired "
        f"with {fmt_number(west_n['value'])} western counties."
    )


def pairings_map(
    ind: pd.DataFrame, pairings: pd.DataFrame | None = None, regions: pd.DataFrame | None = None
) -> Chart:
    """A schematic of every east → west pair the article names, at approximate seats."""
    pairings = load_pairings() if pairings is None else pairings
    regions = load_regions() if regions is None else regions
    pairs = with_coordinates(pairings, regions)
    east_n = indicator_row(ind, "east_counties_paired")
    west_n = indicator_row(ind, "west_counties_paired")
    used = pd.unique(pd.concat([pairs["east_id"], pairs["west_id"]]))
    points = regions.set_index("region_id").loc[used].reset_index()
    # Degrees of longitude shrink with latitude (the cosine); the stretch then gives the crowded
    # south-west a little more room between neighbours, as a schematic may.
    aspect = _MAP_STRETCH / math.cos(math.radians(points["lat"].mean()))

    with style():
        fig = Figure(figsize=_MAP_SIZE)
        ax = fig.subplots()
        title(fig, "East → west pairs named in the article 东西扶贫协作结对")
        _draw_pairs(ax, pairs, aspect)
        _draw_regions(ax, points)
        ax.set_aspect(aspect)
        ax.set_xlim(points["lon"].min() - 4.0, points["lon"].max() + 4.5)
        ax.set_ylim(points["lat"].min() - 1.5, points["lat"].max() + 2.5)
        ax.set_axis_off()
        _map_legend(ax)
        _county_counts(ax, east_n, west_n)
        add_source(
            fig,
            set(pairs["part"]) | {east_n["part"], west_n["part"]},
            notes=[
                "Points at approximate seats of government (capital, prefecture or county seat); "
                "a schematic, not a map. Arrows run from the aiding to the aided side."
            ],
        )
    return Chart(
        fig, _map_data(pairs, east_n, west_n), _map_alt(pairs, east_n, west_n), "funding_pairings"
    )


# --- What the section says -------------------------------------------------------------------


@bilingual
def pairs_paragraph(ind: pd.DataFrame, pairs: pd.DataFrame, regions: pd.DataFrame) -> str:
    """Section 4.3: the pairs the article names, and the western provinces they reach."""
    named = pairs[pairs["kind"] == "named_model"]
    projects = pairs[pairs["kind"] != "named_model"]
    language = "zh" if current() == "zh" else "en"
    names = regions.set_index("region_id")[f"name_{language}"]
    text = texts_beside(__file__)
    west = sorted({province_of(r, regions) for r in pairs["west_id"]})
    aided = indicator_row(ind, "western_provinces_aided")
    east_n = indicator_row(ind, "east_counties_paired")
    west_n = indicator_row(ind, "west_counties_paired")
    if len(west) > aided["value"] or west_n["value"] <= east_n["value"]:
        raise ValueError("the pairs no longer fit the article's counts of provinces and counties")
    return text["pairs"].format(
        pairs=count_word(len(pairs)),
        models=count_word(len(named)),
        projects=count_word(len(projects)),
        project_pairs=text["pair_separator"].join(
            text["pair"].format(east=east, west=west)
            for east, west in zip(
                projects[f"east_{language}"], projects[f"west_{language}"], strict=True
            )
        ),
        reached=count_word(len(west)),
        aided=cited_count(aided),
        provinces=text["province_separator"].join(names[w] for w in west),
        east=cited_count(east_n),
        west=cited_count(west_n),
    )

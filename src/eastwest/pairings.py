"""The east → west pairs the article names, and where their seats of government lie.

``data/pairings.csv`` holds one row per pair drawn in the report: the aiding (east) and aided
(west) region, whether the article calls the pair a model (``named_model``: 闽宁协作, 浙川模式, …)
or only reports a project or activity of it (``reported_project``), and a quote that is an exact
substring of the article. ``data/regions.csv`` gives each region an approximate seat of
government (capital, prefecture or county seat) in degrees, enough for a schematic, not a map.
"""

import pandas as pd

from eastwest import paths

PAIRINGS = paths.DATA / "pairings.csv"
REGIONS = paths.REGIONS

KINDS = ("named_model", "reported_project")


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


KINDS = {"named_model": "named model", "reported_project": "reported project"}


def reading_table(pairs: pd.DataFrame) -> pd.DataFrame:
    """The pairs for a reader: east → west in both languages, what the article calls the pair
    (a named model, or a project it reports), and its own words."""
    return pd.DataFrame(
        {
            "East → West": pairs["east_en"] + " → " + pairs["west_en"],
            "东部 → 西部": pairs["east_zh"] + " → " + pairs["west_zh"],
            "Named as": [
                model.replace("; ", "、") if model else KINDS[kind]
                for model, kind in zip(pairs["model_zh"], pairs["kind"], strict=True)
            ],
            "The article’s words": pairs["quote"],
        }
    ).reset_index(drop=True)

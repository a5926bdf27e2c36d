"""Measurements that run inside the project's interpreter, for bench/run.py.

    python bench/probes.py pdf              # the build's PDF step, in a fresh interpreter
    python bench/probes.py pdf-profile      # where that step's time goes, under cProfile
    python bench/probes.py parser ARTICLE RUNS SIZE...
    python bench/probes.py versions

Each prints one JSON value on its last line. They run with the scratch copy's environment
(``EASTWEST_ROOT`` and ``PYTHONPATH`` point at it), as a build step would.
"""

import json
import sys
import time
from pathlib import Path


def pdf() -> dict[str, float]:
    """The PDF step as the build runs it (without the file write), split into its phases."""
    start = time.perf_counter()
    from eastwest import cache

    cache.lean_imports()  # as the build does before its imports
    from eastwest.pdf import render_pdf
    from eastwest.report import executed_notebooks, printed_html

    imported = time.perf_counter()
    html = printed_html(executed_notebooks())
    assembled = time.perf_counter()
    render_pdf(html)
    done = time.perf_counter()
    return {
        "total": done - start,
        "imports": imported - start,
        "html": assembled - imported,
        "weasyprint": done - assembled,
    }


def pdf_profile() -> dict[str, float]:
    """Shares of WeasyPrint's layout, its PDF writing and font subsetting, under cProfile."""
    import cProfile
    import pstats

    from eastwest import cache

    cache.lean_imports()
    from eastwest.pdf import render_pdf
    from eastwest.report import executed_notebooks, printed_html

    html = printed_html(executed_notebooks())
    profile = cProfile.Profile()
    profile.runcall(render_pdf, html)
    stats = pstats.Stats(profile)

    def cumulative(module: str, function: str) -> float:
        return sum(
            ct
            for (path, _, fn), (_, _, _, ct, _) in stats.stats.items()
            if fn == function and path.replace("\\", "/").endswith(module)
        )

    return {
        "total": stats.total_tt,
        "layout": cumulative("weasyprint/document.py", "_render"),
        "write": cumulative("weasyprint/document.py", "write_pdf"),
        "subset": cumulative("weasyprint/pdf/fonts.py", "_fonttools_subset"),
    }


def parser(article: str, runs: str, *sizes: str) -> list:
    """``find_quantities`` on the article repeated to each size, interleaved, in one process."""
    from eastwest.quantities import find_quantities

    text = Path(article).read_text(encoding="utf-8")
    line = len((text + "\n").encode("utf-8"))
    texts = {int(s): "\n".join([text] * -(-int(s) // line)) for s in sizes}
    find_quantities(text)  # compiles the patterns and fills the caches outside the timing
    times: dict[int, list[float]] = {size: [] for size in texts}
    for _ in range(int(runs)):
        for size, long_text in texts.items():  # interleaved: a burst of load hits both sizes
            start = time.perf_counter()
            find_quantities(long_text)
            times[size].append(time.perf_counter() - start)
    return [[len(texts[s].encode("utf-8")), times[s]] for s in texts]


def versions() -> dict[str, str]:
    import platform
    from importlib.metadata import PackageNotFoundError, version

    found = {"Python": platform.python_version()}
    for name in ("pandas", "matplotlib", "nbconvert", "nbclient", "weasyprint", "fonttools", "uv"):
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


PROBES = {"pdf": pdf, "pdf-profile": pdf_profile, "parser": parser, "versions": versions}

if __name__ == "__main__":
    print(json.dumps(PROBES[sys.argv[1]](*sys.argv[2:])))

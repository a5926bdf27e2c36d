"""Draw a chart and typeset a PDF in a fresh process, for tests/test_fonts.py.

``python tests/font_probe.py OUT [--unprotected]`` writes OUT/chart.png, OUT/chart.svg and
OUT/page.pdf. ``--unprotected`` typesets the PDF with WeasyPrint's defaults instead of
``eastwest.pdf.render_pdf``, to show that the system's fonts would otherwise take part.
"""

import sys
from pathlib import Path

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><style>
body { font-family: "DejaVu Serif", "EastWest CJK", serif; }
.sans { font-family: "DejaVu Sans", "EastWest CJK", sans-serif; }
</style></head><body>
<h1>East–West cooperation <span lang="zh-Hans">东西扶贫协作</span></h1>
<p>Fiscal aid of 132.7亿元 (13.27 billion yuan), <em>nominal</em>, <b>1996–2014</b>.</p>
<p class="sans">劳务输出 664.3万人次 − person-times, −5 %</p>
</body></html>"""


def chart(out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from eastwest import charts

    with charts.style():
        fig, ax = plt.subplots(figsize=(4, 2.5))
        ax.bar(["东部", "西部"], [132.7, -5.0])
        ax.set_title("财政援助 Fiscal aid, 亿元 −5")
    png, svg = charts.render(fig, "probe")
    (out / "chart.png").write_bytes(png)
    (out / "chart.svg").write_bytes(svg)


def pdf(out: Path, unprotected: bool) -> None:
    from eastwest.pdf import font_face_css, render_pdf

    if unprotected:
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        config = FontConfiguration()
        css = CSS(string=font_face_css(), font_config=config)
        data = HTML(string=PAGE).write_pdf(stylesheets=[css], font_config=config)
    else:
        data = render_pdf(PAGE)
    (out / "page.pdf").write_bytes(data)


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    chart(target)
    pdf(target, "--unprotected" in sys.argv)

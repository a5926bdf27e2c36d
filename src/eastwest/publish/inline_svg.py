"""Charts inlined as SVG in one page: ids made unique, styles scoped, sizes kept."""

import re
from xml.etree import ElementTree

# ---------------------------------------------------------------------------------------------
# Inline SVG

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"


def inline_svg(svg_text: str, alt: str, prefix: str) -> str:
    """An SVG file as an accessible inline <svg> that scales to the text width.

    Ids get ``prefix`` because every inline SVG shares the page's id space: two matplotlib charts
    both define ``#patch_1`` and clip paths of their own.
    """
    root = ElementTree.fromstring(svg_text)
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag in (f"{{{SVG_NS}}}metadata", f"{{{SVG_NS}}}title"):
                parent.remove(child)
    _prefix_ids(root, prefix)
    _scope_global_style(root)
    if "viewBox" not in root.attrib and "width" in root.attrib and "height" in root.attrib:
        width, height = (_length(root.attrib[k]) for k in ("width", "height"))
        root.set("viewBox", f"0 0 {width:g} {height:g}")
    for attribute in ("width", "height"):
        root.attrib.pop(attribute, None)
    root.set("role", "img")
    root.set("aria-label", alt)
    root.set("class", "chart-svg")
    title = ElementTree.Element(f"{{{SVG_NS}}}title")
    title.text = alt
    root.insert(0, title)
    # Plain tag names, not the global namespace registry: WeasyPrint rewrites that registry on
    # import, and "ns0:svg" is no SVG to an HTML parser (which needs no namespaces inline).
    for el in root.iter():
        el.tag = el.tag.rpartition("}")[2]
    root.set("xmlns", SVG_NS)
    return ElementTree.tostring(root, encoding="unicode")


def _length(text: str) -> float:
    value = float(re.match(r"[\d.]+", text).group())
    return value * 4 / 3 if text.endswith("pt") else value


def _prefix_ids(root: ElementTree.Element, prefix: str) -> None:
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    pattern = re.compile(r"url\(#([^)]+)\)")

    def rename(match: re.Match) -> str:
        name = match.group(1)
        return f"url(#{prefix}{name})" if name in ids else match.group(0)

    for el in root.iter():
        for key, value in list(el.attrib.items()):
            if key == f"{{{XLINK_NS}}}href":  # SVG 2's plain href needs no xlink prefix
                del el.attrib[key]
                key = "href"
                el.set(key, value)
            if key == "id":
                el.set(key, prefix + value)
            elif key == "href" and value[1:] in ids:
                el.set(key, f"#{prefix}{value[1:]}")
            elif "url(#" in value:
                el.set(key, pattern.sub(rename, value))


def _scope_global_style(root: ElementTree.Element) -> None:
    """Turn matplotlib's ``*{stroke-linejoin: round; ...}`` into attributes of the chart's root.

    A <style> inside inline SVG applies to the whole page; presentation attributes on the root
    are inherited by the chart alone.
    """
    for parent in list(root.iter()):
        for style in [c for c in parent if c.tag == f"{{{SVG_NS}}}style"]:
            rule = re.fullmatch(r"\s*\*\s*\{([^{}]*)\}\s*", style.text or "")
            if rule:
                for declaration in filter(str.strip, rule.group(1).split(";")):
                    prop, _, value = declaration.partition(":")
                    root.set(prop.strip(), value.strip())
                parent.remove(style)

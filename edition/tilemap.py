"""The province tile map: one square per province-level region, shaded by mentions. No boundaries.

Pure function: tiles in, inline SVG out (no script; each tile is a link).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass

from edition.html import E

TILE, GAP = 56, 4
SHADES = (0, 1, 2, 3, 4)  # lower bound of mentions for shades t0 … t4


@dataclass(frozen=True)
class Tile:
    column: int
    row: int
    label: str  # as short as the tile allows
    name: str
    mentions: int
    href: str


def shade(mentions: int) -> int:
    return max(i for i, bound in enumerate(SHADES) if mentions >= bound)


def legend_label(i: int) -> str:
    bound = SHADES[i]
    if i == len(SHADES) - 1:
        return f"{bound}+"
    return str(bound) if SHADES[i + 1] - bound == 1 else f"{bound}–{SHADES[i + 1] - 1}"


def render_province_map(tiles: list[Tile], strings: dict[str, str]) -> etree.Element:
    step = TILE + GAP
    width = step * (max(t.column for t in tiles) + 1)
    height = step * (max(t.row for t in tiles) + 1)
    unit = strings["mentions_unit"]
    svg = E("svg", viewBox=f"0 0 {width - GAP} {height - GAP}", role="group", aria_label=strings["map_label"])
    for t in sorted(tiles, key=lambda t: (t.row, t.column)):
        x, y = t.column * step, t.row * step
        svg.append(E(
            "a",
            E("title", f"{t.name}:{t.mentions} {unit}"),
            E("rect", x=x, y=y, width=TILE, height=TILE, rx=4),
            E("text", t.label, x=f"{x + TILE / 2:g}", y=y + 25, class_="tile-name"),
            E("text", str(t.mentions), x=f"{x + TILE / 2:g}", y=y + 45, class_="tile-count"),
            href=t.href, class_=f"tile t{shade(t.mentions)}", aria_label=f"{t.name}:{t.mentions} {unit}",
        ))
    legend = E("span", strings["map_legend"], class_="legend")
    for i in range(len(SHADES)):
        legend.append(E("span", E("span", class_=f"swatch t{i}"), legend_label(i), class_="legend-item"))
    return E("figure", svg, E("figcaption", strings["map_caption"], legend), class_="ed province-map", data_search_exclude="")

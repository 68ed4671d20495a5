"""The province tile map: one square per province-level region, shaded by mentions. No boundaries.

Pure function: tiles in, elements out (no script). A tile is a link to its entity's page, or, for a
region the report never names, a hatched square without a link. The squares are an HTML grid, so the
labels keep their font size on a phone (an SVG scaled them down to 8 px) and axe can check their contrast.
Each tile is placed by two classes, `c<column>` and `r<row>` (the stylesheet places them: no inline style
under the Content-Security-Policy).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass

from edition.html import E, bilingual

SHADES = 4  # the stylesheet's shades, .s1 (fewest mentions) … .s4 (most)


@dataclass(frozen=True)
class Tile:
    column: int
    row: int
    label: str  # as short as the tile allows
    name: str
    mentions: int | None  # None: a region the report does not mention (not an entity: no page)
    href: str | None = None


def mention_classes(counts: list[int]) -> list[int]:
    """Lower bounds of the shading classes, from the counts themselves."""
    # Each class starts at a count some tile has (so no legend entry is empty); past four, the top counts share the last.
    return sorted(set(counts))[:SHADES]


def class_of(mentions: int, bounds: list[int]) -> int:
    return max(i for i, bound in enumerate(bounds) if mentions >= bound)


def legend_label(i: int, bounds: list[int], highest: int) -> str:
    low = bounds[i]
    high = bounds[i + 1] - 1 if i + 1 < len(bounds) else highest
    if i + 1 == len(bounds) and high > low:
        return f"{low}+"
    return str(low) if high == low else f"{low}–{high}"


def tile_title(t: Tile, strings: dict[str, str]) -> str:
    if t.mentions is None:
        return strings["map_tile_unmentioned"].replace("{name}", t.name)
    return strings["map_tile_mentions"].replace("{name}", t.name).replace("{count}", str(t.mentions))


def render_province_map(tiles: list[Tile], strings: dict[str, str], english: dict[str, str]) -> etree.Element:
    """The map, its caption and legend; the caption and legend say it in English too (`english`: data/edition.yml
    strings_en), the tiles' titles in Chinese, as the names on the tiles."""
    counts = [t.mentions for t in tiles if t.mentions is not None]
    bounds, highest = mention_classes(counts), max(counts, default=0)
    grid = E("div", class_="tiles", role="group", aria_label=f"{strings['map_label']} / {english['map_label']}")
    for t in sorted(tiles, key=lambda t: (t.row, t.column)):  # reading order: north to south, west to east
        title = tile_title(t, strings)
        place = f"tile c{t.column} r{t.row}"
        name = E("span", t.label, class_="tile-name")
        if t.mentions is None:
            grid.append(E("span", name, class_=f"{place} unmentioned", role="img", title=title, aria_label=title))
        else:
            count = E("span", str(t.mentions), class_="tile-count")
            grid.append(E("a", name, count, href=t.href, class_=f"{place} s{class_of(t.mentions, bounds) + 1}",
                          title=title, aria_label=title))
    legend = E("span", bilingual(strings["map_legend"], english["map_legend"]), " ", class_="legend")
    for i in range(len(bounds)):
        legend.append(E("span", E("span", class_=f"swatch s{i + 1}"), legend_label(i, bounds, highest), class_="legend-item"))
    if any(t.mentions is None for t in tiles):
        legend.append(E("span", E("span", class_="swatch unmentioned"),
                        bilingual(strings["map_legend_unmentioned"], english["map_legend_unmentioned"]), class_="legend-item"))
    return E("figure", grid, E("figcaption", bilingual(strings["map_caption"], english["map_caption"]), legend),
             class_="ed province-map", data_search_exclude="")

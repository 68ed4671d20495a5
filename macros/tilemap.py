"""The province tile map: one square per province-level region, shaded by mentions. No boundaries.

Pure function: tiles in, inline SVG out (no script; each tile is a link).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

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


def render_province_map(tiles: list[Tile]) -> str:
    step = TILE + GAP
    width = step * (max(t.column for t in tiles) + 1)
    height = step * (max(t.row for t in tiles) + 1)
    cells = []
    for t in sorted(tiles, key=lambda t: (t.row, t.column)):
        x, y = t.column * step, t.row * step
        cells.append(
            f'<a href="{escape(t.href)}" class="tile t{shade(t.mentions)}" aria-label="{escape(t.name)}:{t.mentions} 次提及">'
            f"<title>{escape(t.name)}:{t.mentions} 次提及</title>"
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" rx="4"/>'
            f'<text x="{x + TILE / 2:g}" y="{y + 25}" class="tile-name">{escape(t.label)}</text>'
            f'<text x="{x + TILE / 2:g}" y="{y + 45}" class="tile-count">{t.mentions}</text></a>'
        )
    legend = "".join(
        f'<span class="legend-item"><span class="swatch t{i}"></span>{bound}{"+" if i == len(SHADES) - 1 else ("" if SHADES[i + 1] - bound == 1 else "–" + str(SHADES[i + 1] - 1))}</span>'
        for i, bound in enumerate(SHADES)
    )
    return (
        f'<figure class="ed province-map" data-search-exclude>'
        f'<svg viewBox="0 0 {width - GAP} {height - GAP}" role="group" aria-label="省区市提及次数方块图">{"".join(cells)}</svg>'
        f'<figcaption>每个方块代表一个省级行政区(另含新疆生产建设兵团),按在报告中被提及的次数着色;方块位置只示意大致方位,不表示边界。'
        f'<span class="legend">提及次数:{legend}</span></figcaption></figure>'
    )

"""mkdocs-macros-plugin entry point (`module_name: macros`).

Each macro only looks up what the hooks loaded for this build and calls a pure renderer.
"""

from __future__ import annotations

from mkdocs.utils import get_relative_url

from hooks import state
from hooks.entity_pages import entity_url
from hooks.registry import THEMES
from macros.cards import render_card_grid, render_indicator_card
from macros.contents import render_contents
from macros.tilemap import Tile, render_province_map


class UnknownIndicator(KeyError):
    def __str__(self) -> str:
        return self.args[0]


def define_env(env):
    def page_url() -> str:
        return env.page.url

    def source_href(pid: str) -> str:
        """Link from the page being rendered to paragraph `pid`."""
        target = state.edition.report.page_of[pid].url
        if target == page_url():
            return f"#{pid}"
        return get_relative_url(target, page_url()).rstrip("/") + f"/#{pid}"

    def lookup(ids) -> list:
        found = []
        for iid in ids:
            if iid not in state.edition.indicators:
                raise UnknownIndicator(f"docs/{env.page.file.src_uri}: unknown indicator id '{iid}'")
            found.append(state.edition.indicators[iid])
        return found

    def card(ind) -> str:
        return render_indicator_card(ind, source_href(ind.paragraph))

    @env.macro
    def report_contents() -> str:
        """The report's table of contents, from the report pages themselves."""
        return render_contents(state.edition.report, env.page.file.src_uri)

    @env.macro
    def indicator(id: str) -> str:
        """One indicator card."""
        return render_card_grid([card(ind) for ind in lookup([id])])

    @env.macro
    def indicators(theme: str | None = None, paragraph: str | None = None, ids: list[str] | None = None,
                   comparison: str | None = None) -> str:
        """A grid of cards chosen by theme, by paragraph, by comparison kind or by a list of ids."""
        if ids is not None:
            chosen = lookup(ids)
        else:
            chosen = [
                ind for ind in state.edition.indicators.values()
                if (theme is None or ind.theme == theme)
                and (paragraph is None or ind.paragraph == paragraph)
                and (comparison is None or (ind.comparison and ind.comparison.kind == comparison))
            ]
            if not chosen:
                raise UnknownIndicator(
                    f"docs/{env.page.file.src_uri}: no indicator matches theme={theme!r} paragraph={paragraph!r}"
                )
        return render_card_grid([card(ind) for ind in chosen])

    @env.macro
    def province_map() -> str:
        """The tile map of provinces, shaded by mentions, each tile a link to its page."""
        edition = state.edition
        tiles = [
            Tile(
                column=e.tile[0], row=e.tile[1],
                label=e.aliases[0] if len(e.aliases[0]) <= 3 else e.aliases[0][-2:],
                name=e.name, mentions=len(edition.mentions_of(e.id)),
                href=get_relative_url(entity_url(e.id), page_url()),
            )
            for e in edition.entities.values() if e.tile
        ]
        return render_province_map(tiles)

    @env.macro
    def indicator_themes() -> list[str]:
        return [t for t in THEMES if any(i.theme == t for i in state.edition.indicators.values())]

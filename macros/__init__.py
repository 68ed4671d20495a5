"""mkdocs-macros-plugin entry point (`module_name: macros`): the edition's macros, registered in define_env.

A macro call in a page becomes a directive line that the edition's Markdown extension expands into
elements; every call was checked when the build started (edition/directives.py), so a macro never fails.
"""

from __future__ import annotations

from edition.directives import macro_directive


def define_env(env):
    @env.macro
    def indicator(id: str) -> str:
        """One indicator card."""
        return macro_directive("indicator", {"id": id})

    @env.macro
    def indicators(theme=None, paragraph=None, ids=None, comparison=None) -> str:
        """A grid of cards chosen by theme, by paragraph, by comparison kind or by a list of ids."""
        return macro_directive("indicators", {"theme": theme, "paragraph": paragraph, "ids": ids, "comparison": comparison})

    @env.macro
    def indicator_dashboard() -> str:
        """Every indicator once: the before/after comparisons, then the rest by theme."""
        return macro_directive("indicator_dashboard", {})

    @env.macro
    def province_map() -> str:
        """The tile map of provinces, shaded by mentions, each tile a link to its page."""
        return macro_directive("province_map", {})

    @env.macro
    def report_contents(part=None) -> str:
        """The report's table of contents, from the report pages themselves; or one part's sections."""
        return macro_directive("report_contents", {"part": part})

    @env.macro
    def english_contents() -> str:
        """The report's contents by the English titles of its pages (the English home page)."""
        return macro_directive("english_contents", {})

    @env.macro
    def provenance() -> str:
        """Where the text comes from, the edition's version and changes, its licence and how to cite it."""
        return macro_directive("provenance", {})

"""mkdocs-macros-plugin entry point (`module_name: macros`).

Each macro only looks up what the hooks loaded for this build and calls a pure renderer.
"""

from __future__ import annotations

from hooks import state
from macros.contents import render_contents


def define_env(env):
    @env.macro
    def report_contents() -> str:
        """The report's table of contents, from the report pages themselves."""
        return render_contents(state.report, env.page.file.src_uri)

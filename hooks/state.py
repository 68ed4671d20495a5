"""What the hooks loaded for the current build, shared with the macros.

Set once per build in `on_config` (before any page renders); read by macros at render time.
"""

from __future__ import annotations

from hooks.registry import Edition

edition: Edition | None = None

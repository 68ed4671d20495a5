"""This report's particulars (data/edition.yml): id scheme, themes, labels, generated pages, interface strings."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pydantic import Field, ValidationError, field_validator

from edition.datafiles import DATE, SLUG, URL, Strict, Text, fail_on, field_problems, found, read_yaml, validate_entries
from edition.problems import EditionError

NAME = "data/edition.yml"


class EntityGroup(Strict):
    id: str = Field(pattern=SLUG)
    src: str = Field(pattern=r"^[a-z0-9/-]+\.md$")
    title: Text
    title_en: Text  # the index's title in English, after the Chinese
    types: list[str] = Field(min_length=1)
    map: bool = False


class Pages(Strict):
    glossary: str = Field(pattern=r"^[a-z0-9/-]+\.md$")
    dashboard: str = Field(pattern=r"^[a-z0-9/-]+\.md$")  # the data page: every figure's card
    print: str = Field(pattern=r"^[a-z0-9/-]+\.md$")
    entity: str = Field(pattern=r"^[a-z0-9/-]+\{id\}\.md$")
    entity_groups: list[EntityGroup] = Field(min_length=1)


class CitationFacts(Strict):
    """What a citation of the report says about its source: only what the report itself or its issuer confirms."""

    author: Text  # the issuing body, as the report's source line names it (来源:…)
    author_en: Text  # the issuing body's own English name
    published: str | None = Field(default=None, pattern=DATE)  # as the report gives it; left out when unconfirmed
    licence: Text  # the licence of the edition's own additions (never of the report's text)
    licence_url: str = Field(pattern=URL)


# The interface strings the renderers show (data/edition.yml, strings:)
STRINGS_USED = {
    "comparison_before", "contents_label", "dashboard_comparisons", "dashboard_comparisons_intro", "downloads",
    "editor_note", "editorial_title", "entity_forms", "entity_mentions", "entity_mentions_heading", "entity_name_en",
    "entity_no_mentions", "entity_type", "name_en_edition", "name_en_official", "source_report", "source_url", "sources_label", "figures_fold", "figures_link", "figures_unit", "glossary_intro", "glossary_title",
    "map_caption", "map_label", "map_legend", "map_legend_unmentioned", "map_tile_mentions", "map_tile_unmentioned",
    "note_close", "note_english", "note_label", "notes_link", "notes_title",
    "reading_figures", "reading_ids", "language_label", "language_zh", "language_bi", "language_en", "english_notice", "english_show_zh", "english_contents_label", "english_editorial_title", "reading_label", "reading_links", "reading_notes", "permalink_title",
    "print_all_button", "print_button", "print_title", "running_title", "source_link", "table_mentions", "table_name", "table_name_en", "term_forms", "term_where",
    # the data page's table and its two views (edition/indicator_table.py)
    "figures_col_label", "figures_col_period", "figures_col_source", "figures_col_theme", "figures_col_value", "figures_count", "figures_filter", "figures_none", "figures_theme_all",
    "figures_view_cards", "figures_view_table", "figures_views",
    # citations and the account of the source and the edition (edition/citation.py, edition/pages.py provenance)
    "cite_button", "cite_paragraph_label", "cite_page_button", "cite_title", "cite_scope_paragraph", "cite_scope_page",
    "cite_scope_report", "cite_copy", "cite_copied", "cite_copy_failed", "cite_close", "cite_note",
    "provenance_title", "provenance_source_label", "provenance_source", "provenance_excerpt_label", "provenance_excerpt",
    "provenance_version_label", "provenance_version_unknown", "provenance_changes_label", "provenance_licence_label",
    "provenance_licence", "provenance_cite_label", "provenance_cite", "provenance_cite_date",
    "figures_col_exactness", "figures_col_base", "exactness_exact", "exactness_exact_en", "exactness_lower_bound",
    "exactness_lower_bound_en", "exactness_upper_bound", "exactness_upper_bound_en", "exactness_approximate", "exactness_approximate_en",
}
# The strings the reference pages (entity pages and indexes, glossary, data page, tile map) show with their English
# after them (data/edition.yml, strings_en: by the key of the Chinese in strings:; a `<key>_en` in strings: would
# collide with keys such as table_name_en, the Chinese heading of the English-name column)
STRINGS_EN_USED = {
    "dashboard_comparisons", "dashboard_comparisons_intro", "downloads", "editor_note", "entity_forms", "entity_mentions",
    "entity_mentions_heading", "entity_name_en", "entity_no_mentions", "entity_type", "glossary_intro", "glossary_title",
    "map_caption", "map_label", "map_legend", "map_legend_unmentioned", "name_en_edition", "name_en_official",
    "source_report", "source_url", "sources_label", "table_mentions", "table_name", "table_name_en", "term_forms", "term_where",
    "figures_col_base", "figures_col_exactness", "figures_col_label", "figures_col_period", "figures_col_source",
    "figures_col_theme", "figures_col_value", "figures_filter", "figures_none", "figures_theme_all",
    "figures_view_cards", "figures_view_table", "figures_views",
}
# Strings a renderer fills in: each must keep its placeholders, or the page would say less than it should
PLACEHOLDERS = {"glossary_intro": ("{count}",), "map_tile_mentions": ("{name}", "{count}"), "map_tile_unmentioned": ("{name}",),
                "figures_count": ("{shown}", "{total}")}


class MapPlace(Strict):
    """A provincial-level region the report never names: drawn on the tile map, but not an entity (no page, no link)."""

    name: Text  # official name: the tile's title says 台湾省:报告中未提及
    label: Text = Field(max_length=3)  # on the tile
    tile: list[int] = Field(min_length=2, max_length=2)  # column, row, as in data/entities.yml


class Particulars(Strict):
    title: Text
    seed: str
    seed_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    paragraph_id: str
    paragraph_id_example: str
    themes: list[Text] = Field(min_length=1)
    themes_en: dict[str, Text]  # each theme's English (data page), by its Chinese
    entity_types: dict[str, Text] = Field(min_length=1)
    entity_types_en: dict[str, Text]
    term_categories: dict[str, Text] = Field(min_length=1)
    term_categories_en: dict[str, Text]
    pages: Pages
    citation: CitationFacts
    strings: dict[str, Text]
    strings_en: dict[str, Text]  # STRINGS_EN_USED in English
    map_unmentioned: list[MapPlace] = []

    @field_validator("strings")
    @classmethod
    def _every_string_the_pages_use(cls, value: dict[str, str]) -> dict[str, str]:
        missing = sorted(STRINGS_USED - set(value))
        if missing:
            raise ValueError(f"missing {', '.join(missing)} (the pages show them)")
        for key, needed in PLACEHOLDERS.items():
            lacking = [p for p in needed if key in value and p not in value[key]]
            if lacking:
                raise ValueError(f"{key} lacks {lacking[0]} (the page puts the {lacking[0][1:-1]} there)")
        return value

    @field_validator("paragraph_id")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as error:
            raise ValueError(f"not a regular expression: {error}") from None
        return value

    def is_paragraph_id(self, pid: str) -> bool:
        return re.fullmatch(self.paragraph_id, pid) is not None

    def entity_src(self, entity_id: str) -> str:
        return self.pages.entity.replace("{id}", entity_id)

    def group(self, group_id: str) -> EntityGroup:
        return next(g for g in self.pages.entity_groups if g.id == group_id)

    def group_of_type(self, entity_type: str) -> EntityGroup:
        return next(g for g in self.pages.entity_groups if entity_type in g.types)


def load_particulars(root: Path) -> Particulars:
    raw = read_yaml(root, NAME)
    if not isinstance(raw, dict):
        raise EditionError(f"{NAME}: expected a mapping of the report's particulars, found {found(raw)}")
    if "map_unmentioned" in raw:  # entry by entry first, so a fault names its place rather than a list index
        validate_entries(f"{NAME}: map_unmentioned", raw["map_unmentioned"], MapPlace, key="name", what="a list of places")
    try:
        particulars = Particulars.model_validate(raw)
    except ValidationError as error:
        raise EditionError("\n".join(field_problems(NAME, error))) from None
    for group in particulars.pages.entity_groups:
        unknown = [t for t in group.types if t not in particulars.entity_types]
        if unknown:
            raise EditionError(f"{NAME}: pages.entity_groups: {group.id}: unknown entity type '{unknown[0]}'")
    missing = [t for t in particulars.entity_types if not any(t in g.types for g in particulars.pages.entity_groups)]
    if missing:
        raise EditionError(f"{NAME}: entity type '{missing[0]}' is in no entry of pages.entity_groups")
    fail_on(english_problems(particulars))
    return particulars


def english_problems(particulars: Particulars) -> list[str]:
    """Every label the reference pages show in Chinese has its English (without it a reader of English is lost on
    that page), and every English has its label (else its key is misspelt)."""
    problems = []
    for field, keys, what in (("themes_en", particulars.themes, "theme"), ("entity_types_en", particulars.entity_types, "entity type"),
                              ("term_categories_en", particulars.term_categories, "term category"),
                              ("strings_en", sorted(STRINGS_EN_USED), "string")):
        english = getattr(particulars, field)
        problems += [f"{NAME}: {field}: no English for the {what} '{key}' (the reference pages show it)" for key in keys if key not in english]
        problems += [f"{NAME}: {field}: '{key}' is not one of the {what}s the reference pages label in English" for key in english if key not in keys]
    for key, needed in PLACEHOLDERS.items():
        lacking = [p for p in needed if key in particulars.strings_en and p not in particulars.strings_en[key]]
        if lacking:
            problems.append(f"{NAME}: strings_en: {key} lacks {lacking[0]} (the page puts the {lacking[0][1:-1]} there)")
    return problems


def read_seed(root: Path, particulars: Particulars) -> list[str]:
    """The report's lines, from the seed whose SHA-256 data/edition.yml pins."""
    path = root / particulars.seed
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EditionError(f"{NAME}: seed: {particulars.seed} is missing") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != particulars.seed_sha256:
        raise EditionError(
            f"{particulars.seed}: SHA-256 is {digest}, not {particulars.seed_sha256} as {NAME} pins it: the seed is never edited"
        )
    return data.decode("utf-8").split("\n")

"""The annotated edition as plain Python: the report, the facts added to it, and how they become pages.

    data/ and seeds/  →  edition (this package; imports nothing from MkDocs)  →  hooks/ and macros/  →  pages

`load_edition` reads and checks everything once per build and returns an `Edition`; every fault is
an `EditionError` whose message names the file, the entry or line, and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from edition.annotations import Term, load_terms, term_names, term_occurrences
from edition.datafiles import fail_on, read_yaml
from edition.entities import Entity, Mention, NotMention, check_map_places, collect_mentions, entity_names, load_entities
from edition.indicators import Entry, Period, check_periods, load_indicators, load_periods
from edition.matcher import Matcher
from edition.numbers import NumberException, load_number_exceptions, uncovered_numbers
from edition.particulars import Particulars, load_particulars, read_seed
from edition.problems import EditionError
from edition.provenance import Change, Version, edition_version, load_changes
from edition.report import Report, check_against_seed, load_report
from edition.translation import English, check_translation, load_translation

__all__ = ["Edition", "EditionError", "load_edition"]


@dataclass
class Edition:
    particulars: Particulars
    report: Report
    indicators: dict[str, Entry]  # figures and claims (data/indicators.yml), in report order
    periods: dict[str, Period]  # a period as data/indicators.yml writes it -> its English, kind and dates (data/periods.yml)
    entities: dict[str, Entity]
    not_mentions: list[NotMention]
    terms: dict[str, Term]
    number_exceptions: list[NumberException]
    matcher: Matcher  # entities and terms together: one pass, longest name wins, never overlapping
    term_matcher: Matcher  # terms alone: where a term occurs, also inside an entity's name
    mentions: list[Mention]
    occurrences: dict[str, list[str]]  # term id -> paragraph ids
    english: English  # the English reading aid (data/translation.yml), checked against every paragraph
    changes: list[Change]  # the edition's dated changes, newest first (data/changes.yml)
    version: Version  # the date and commit the build runs from (git), or unknown
    site_name: str = ""  # the edition's title and address (mkdocs.yml), for its citations
    site_url: str = ""
    _by_entity: dict[str, list[Mention]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for m in self.mentions:
            self._by_entity.setdefault(m.entity, []).append(m)

    def mentions_of(self, entity_id: str) -> list[Mention]:
        """An entity's mentions in report order."""
        return self._by_entity.get(entity_id, [])

    @property
    def strings(self) -> dict[str, str]:
        return self.particulars.strings

    def entities_of_group(self, group_id: str) -> list[Entity]:
        """A group's entities by type, then most mentioned first: the order of its index and of the nav."""
        types = self.particulars.group(group_id).types
        return sorted(
            (e for e in self.entities.values() if e.type in types),
            key=lambda e: (types.index(e.type), -len(self.mentions_of(e.id)), e.id),
        )


def load_edition(root: Path, docs_dir: Path, nav_sources: list[str]) -> Edition:
    """Read and check the report pages (in nav order), the seed and every data file."""
    particulars = load_particulars(root)
    report = load_report(docs_dir, nav_sources, particulars)
    check_against_seed(report, read_seed(root, particulars), particulars.seed)

    problems: list[str] = []

    def checked(load, *args):
        """Each data file is checked even when another one failed: one build shows every bad file."""
        try:
            return load(*args)
        except EditionError as error:
            problems.append(str(error))
            return None

    indicators = checked(load_indicators, read_yaml(root, "data/indicators.yml"), report, particulars.themes)
    periods = checked(load_periods, read_yaml(root, "data/periods.yml"))
    entities, not_mentions = checked(load_entities, read_yaml(root, "data/entities.yml"), report, particulars.entity_types) or ([], [])
    problems += check_map_places(particulars.map_unmentioned, entities, report.text()) if entities else []
    aliases = {alias: e.id for e in entities for alias in e.aliases}
    terms = checked(load_terms, read_yaml(root, "data/annotations.yml"), report, aliases, particulars.term_categories)
    exceptions = checked(load_number_exceptions, read_yaml(root, "data/number-exceptions.yml"), report)
    english = checked(load_translation, read_yaml(root, "data/translation.yml"), report)
    changes = checked(load_changes, read_yaml(root, "data/changes.yml"))
    fail_on(problems)
    check_periods(indicators, periods)
    fail_on([f"{n}: a number or a claim word (首次, 第三次 …) that is neither an indicator (data/indicators.yml) nor a listed exception "
             f"(data/number-exceptions.yml)" for n in uncovered_numbers(report, list(indicators.values()), exceptions)])

    term_matcher = Matcher(term_names(terms))
    matcher = Matcher(entity_names(entities, not_mentions) + term_names(terms))
    mentions = collect_mentions(report, matcher)
    mentioned = {m.entity for m in mentions}
    fail_on([
        f"data/entities.yml: {e.id}: never mentioned in the report pages (mark it `unmentioned: intended` if that is meant)"
        for e in entities if e.id not in mentioned and e.unmentioned != "intended"
    ])
    occurrences = term_occurrences(report, term_matcher)
    fail_on(check_translation(english, report, indicators, {e.id: e for e in entities}, mentions, {t.id: t for t in terms}, matcher))
    edition = Edition(
        particulars=particulars, report=report, indicators=indicators, periods=periods, entities={e.id: e for e in entities},
        not_mentions=not_mentions, terms={t.id: t for t in terms}, number_exceptions=exceptions,
        matcher=matcher, term_matcher=term_matcher, mentions=mentions, occurrences=occurrences, english=english,
        changes=changes, version=edition_version(root),
    )
    from edition.directives import check_pages

    check_pages(edition, docs_dir)
    return edition

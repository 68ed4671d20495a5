"""Entities (data/entities.yml): the laws, treaties, plans, programmes and places the report names.

Each entity gives the matcher its aliases (exactly as the report writes them) and its compounds
(one phrase naming two entities, 商标法及其实施条例). `not_mentions` are spans the matcher takes
so that a place name inside them is not a mention (北京冬奥会).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import Field

from edition.datafiles import SLUG, Source, Sources, Strict, Text, fail_on, validate_entries
from edition.matcher import Matcher, Name
from edition.particulars import MapPlace
from edition.problems import EditionError, shown
from edition.report import Report

NAME = "data/entities.yml"
MAP_SIZE = (12, 10)  # columns, rows of the tile map


class CompoundPart(Strict):
    text: Text
    entity: str


class Compound(Strict):
    text: Text
    parts: list[CompoundPart] = Field(min_length=2)


class Entity(Strict):
    id: str = Field(pattern=SLUG)
    type: str
    name: Text
    name_en: Text
    name_en_source: Literal["edition"] | Source  # `edition`: the editors' translation; else where the official English is
    short_en: list[Text] = []  # shorter English forms a sentence of the translation may use (Patent Law)
    aliases: list[Text] = []
    description: Text
    sources: Sources  # the documents the description rests on, or `report`
    kind: Literal["省", "自治区", "直辖市", "兵团"] | None = None
    tile: list[int] | None = Field(default=None, min_length=2, max_length=2)
    compound: list[Compound] = []
    unmentioned: Literal["intended"] | None = None  # an entity the report does not name (none yet)


class NotMention(Strict):
    text: Text
    reason: Text


@dataclass(frozen=True)
class Mention:
    entity: str
    paragraph: str
    start: int  # offset of the mention in the paragraph's text
    end: int
    text: str  # as written


def check_entities(entities: list[Entity], not_mentions: list[NotMention], text: str, types: dict[str, str]) -> list[str]:
    """Faults of entities.yml that need more than one entry (or the report) to see."""
    problems, owner, tiles = [], {}, {}
    ids = {e.id for e in entities}
    for e in entities:
        if e.type not in types:
            problems.append(f"{e.id}: type '{e.type}' is not one of {', '.join(types)} (data/edition.yml)")
        names = list(e.aliases) + [c.text for c in e.compound]
        if not names:
            problems.append(f"{e.id}: has no alias and no compound: the linker could never find it")
        for alias in names:
            if len(alias) < 2:
                problems.append(f"{e.id}: alias {shown(alias)} is one character: it would link that character everywhere")
            if alias in owner:
                problems.append(f"{e.id}: alias {shown(alias)} also used by '{owner[alias]}'")
            owner.setdefault(alias, e.id)
            if alias not in text:
                problems.append(f"{e.id}: alias {shown(alias)} does not occur in the report")
        for c in e.compound:
            rest = c.text
            for part in c.parts:
                if part.entity not in ids:
                    problems.append(f"{e.id}: compound {shown(c.text)} names unknown entity '{part.entity}'")
                if part.text not in rest:
                    problems.append(f"{e.id}: compound {shown(c.text)} has no part {shown(part.text)} after the previous one")
                rest = rest[rest.find(part.text) + len(part.text):]
        if (e.type == "province") != (e.kind is not None and e.tile is not None):
            problems.append(f"{e.id}: a province needs kind and tile, and only a province has them")
        if e.tile:
            column, row = e.tile
            if not (0 <= column < MAP_SIZE[0] and 0 <= row < MAP_SIZE[1]):
                problems.append(f"{e.id}: tile {e.tile} is off the map (columns 0–{MAP_SIZE[0] - 1}, rows 0–{MAP_SIZE[1] - 1})")
            if tuple(e.tile) in tiles:
                problems.append(f"{e.id}: tile {e.tile} is also the tile of '{tiles[tuple(e.tile)]}'")
            tiles[tuple(e.tile)] = e.id
    for n in not_mentions:
        if n.text in owner:
            problems.append(f"not_mentions: {shown(n.text)} is also an alias of '{owner[n.text]}'")
        if n.text not in text:
            problems.append(f"not_mentions: {shown(n.text)} does not occur in the report")
    return problems


def check_map_places(places: list[MapPlace], entities: list[Entity], text: str) -> list[str]:
    """Faults of the tile map's unmentioned regions (data/edition.yml, map_unmentioned) against the entities and the report."""
    problems = []
    tiles = {tuple(e.tile): f"'{e.id}' (data/entities.yml)" for e in entities if e.tile}
    names = {e.name: e.id for e in entities}
    for place in places:
        where = f"data/edition.yml: map_unmentioned: {shown(place.name)[1:-1]}"
        column, row = place.tile
        if not (0 <= column < MAP_SIZE[0] and 0 <= row < MAP_SIZE[1]):
            problems.append(f"{where}: tile {place.tile} is off the map (columns 0–{MAP_SIZE[0] - 1}, rows 0–{MAP_SIZE[1] - 1})")
        if tuple(place.tile) in tiles:
            problems.append(f"{where}: tile {place.tile} is also the tile of {tiles[tuple(place.tile)]}")
        tiles.setdefault(tuple(place.tile), shown(place.name))
        if place.name in names:
            problems.append(f"{where}: is already the entity '{names[place.name]}' (data/entities.yml), which has its own tile")
        said = [n for n in (place.name, place.label) if n in text]
        if said:
            problems.append(f"{where}: the report mentions {shown(said[0])}: make it an entity of data/entities.yml, "
                            "not a region the report does not mention")
    return problems


def entity_names(entities: list[Entity], not_mentions: list[NotMention]) -> list[Name]:
    """What the matcher looks for on behalf of the entities."""
    names = []
    for e in entities:
        names += [Name(alias, "entity", ((0, len(alias), e.id),)) for alias in e.aliases]
        for c in e.compound:
            targets, offset = [], 0
            for part in c.parts:
                start = c.text.index(part.text, offset)
                targets.append((start, start + len(part.text), part.entity))
                offset = start + len(part.text)
            names.append(Name(c.text, "entity", tuple(targets)))
    names += [Name(n.text, "none", ()) for n in not_mentions]
    return names


def load_entities(raw, report: Report, types: dict[str, str]) -> tuple[list[Entity], list[NotMention]]:
    if not isinstance(raw, dict) or not isinstance(raw.get("entities"), list):
        raise EditionError(f"{NAME}: expected a mapping with a list 'entities' (and optionally 'not_mentions')")
    unknown_keys = set(raw) - {"entities", "not_mentions"}
    if unknown_keys:
        raise EditionError(f"{NAME}: unknown top-level key(s): {', '.join(sorted(map(str, unknown_keys)))}")
    entities = validate_entries(NAME, raw["entities"], Entity, what="a list of entities")
    listed = raw.get("not_mentions")
    not_mentions = [] if listed is None else validate_entries(f"{NAME}: not_mentions", listed, NotMention, key="text")
    fail_on([f"{NAME}: {p}" for p in check_entities(entities, not_mentions, report.text(), types)])
    return entities, not_mentions


def collect_mentions(report: Report, matcher: Matcher) -> list[Mention]:
    """Every mention in report order: one pass over all paragraphs before any page renders."""
    mentions = []
    for pid, para in report.paragraphs.items():
        for hit in matcher.find(para.text):
            if hit.name.kind != "entity":
                continue
            for start, end, target in hit.name.targets:
                a, b = hit.start + start, hit.start + end
                mentions.append(Mention(target, pid, a, b, para.text[a:b]))
    return mentions

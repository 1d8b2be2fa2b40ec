"""Mapped imports: a person list kept in another shape, read as a mapping file describes it.

docs/mapping.md is the format's reference. The modules, in the order a file passes through them:
- `spec`: `load_mapping`, reading the TOML mapping and checking all of it (`problems` holds
  `BadMapping`); `targets` lists the registry fields a column can become and their words;
- `rows`: the list's rows in its own shape (CSV, JSON, or a spreadsheet read by `workbook`);
- `dates`: the list's date formats;
- `person`: one row into a `rollcall.person/1` record;
- `apply`: every row checked, then the records written by the JSON Lines writer.
"""

from __future__ import annotations

from rollcall.interchange.mapping.apply import MappedImport, MappedRead, import_mapped, read_mapped
from rollcall.interchange.mapping.problems import BadMapping, MappingProblem
from rollcall.interchange.mapping.spec import MappingSpec, load_mapping

__all__ = [
    "BadMapping",
    "MappedImport",
    "MappedRead",
    "MappingProblem",
    "MappingSpec",
    "import_mapped",
    "load_mapping",
    "read_mapped",
]

"""Party lineage: results-file labels that are an earlier name of one party (INC(I) in 1980 is the
Congress), read from data/gazetteer/party_lineage.csv with the years each holds and the basis.

Only one party under another label belongs there, never a split-off or a merger's partner
(INC(U), JD(U), JD(S) are other parties). Seat histories and tallies count a predecessor's wins
for the party it became, in the years the file gives, and say so.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from store.gazetteer import GazetteerError, read_csv
from store.text import key


@dataclass(frozen=True)
class Lineage:
    party: str          # the label results files use then ("INC(I)")
    same_as: str        # the party it is ("INC")
    first_year: int
    last_year: int
    basis: str

    def holds(self, year: int | None) -> bool:
        return year is not None and self.first_year <= year <= self.last_year


def load_lineage(path: Path) -> tuple[Lineage, ...]:
    """The file's rows; a bad row is an error naming file:line and field. A missing file is no lineage."""
    path = Path(path)
    if not path.exists():
        return ()
    out = []
    for line, row in read_csv(path, ("party", "same_as", "first_year", "last_year", "basis")):
        for field in ("party", "same_as", "basis"):
            if not row[field]:
                raise GazetteerError(f"{path.name}:{line}: field '{field}' is empty; fill it in")
        try:
            first, last = int(row["first_year"]), int(row["last_year"])
        except ValueError:
            raise GazetteerError(f"{path.name}:{line}: fields 'first_year'/'last_year' must be years, "
                                 f"not {row['first_year']!r}/{row['last_year']!r}") from None
        if first > last:
            raise GazetteerError(f"{path.name}:{line}: first_year {first} is after last_year {last}")
        out.append(Lineage(row["party"], row["same_as"], first, last, row["basis"]))
    return tuple(out)


def predecessors(lineage: tuple[Lineage, ...], parties: set[str]) -> dict[str, Lineage]:
    """Labels that are an earlier name of one of `parties` (compared as matching keys), with their entry."""
    wanted = {key(p) for p in parties}
    return {entry.party: entry for entry in lineage if key(entry.same_as) in wanted and key(entry.party) not in wanted}

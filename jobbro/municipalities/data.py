"""Reads the bundled PostNord postal-code file (data/dk-postnumre.csv) and the postal
codes' positions (data/dk-postcode-positions.csv, see data/README.md)."""

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

POSTCODE_FILE = Path(__file__).resolve().parent / "data" / "dk-postnumre.csv"
POSITION_FILE = Path(__file__).resolve().parent / "data" / "dk-postcode-positions.csv"
# Christiansø is administered by the state and is not one of the 98 municipalities.
NOT_A_MUNICIPALITY = {411}


@dataclass(frozen=True)
class PostcodeRow:
    region_code: int
    region_name: str
    municipality_code: int
    municipality_name: str
    postcode: str
    town: str


def read_postcode_rows(path: Path = POSTCODE_FILE) -> Iterator[PostcodeRow]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            code = int(row["KOMMUNE_NR"])
            if code in NOT_A_MUNICIPALITY:
                continue
            yield PostcodeRow(
                region_code=int(row["AMTS_NR"]),
                region_name=row["ADRESSERINGSNAVN"],
                municipality_code=code,
                municipality_name=row["ADRESSERINGSNAVN_1"],
                postcode=row["POSTNR"].zfill(4),
                town=row["BYNAVN"],
            )


def load_reference_data(municipality_model: type[Any], postal_area_model: type[Any]) -> None:
    """Insert the 98 municipalities and the postal codes (idempotent).

    Takes the model classes so the data migration can pass its historical models.
    """
    rows = list(read_postcode_rows())
    municipalities = {
        row.municipality_code: municipality_model(
            code=row.municipality_code,
            name=row.municipality_name,
            region_code=row.region_code,
            region_name=row.region_name,
        )
        for row in rows
    }
    municipality_model.objects.bulk_create(municipalities.values(), ignore_conflicts=True)
    postal_area_model.objects.bulk_create(
        [
            postal_area_model(
                postcode=row.postcode, town=row.town, municipality_id=row.municipality_code
            )
            for row in rows
        ],
        ignore_conflicts=True,
    )


@cache
def postcode_positions() -> dict[str, tuple[float, float]]:
    """Postal code → (km east, km north) of its town; read once per process (1,100 rows)."""
    with POSITION_FILE.open(encoding="utf-8", newline="") as handle:
        return {
            row["postcode"]: (float(row["x_km"]), float(row["y_km"]))
            for row in csv.DictReader(handle, delimiter=";")
        }

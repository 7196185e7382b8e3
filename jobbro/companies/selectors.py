"""Reads of companies for the pages: the search, the company's tabs, the follow-up list."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import F, Prefetch, QuerySet

from jobbro.access import scope
from jobbro.companies.models import (
    Company,
    CompanyFollowUpSettings,
    CompanyRelation,
    CompanyVisit,
    ContactPerson,
    CooperationAgreement,
    SharedChange,
    Workplace,
    months_before,
)

_FLAG_FIELDS = {
    "free_capacity": "has_free_capacity",
    "active_agreement": "has_active_agreement",
    "trained_contact": "has_trained_contact",
}


def company_search(
    municipality_id: int, data: Mapping[str, Any] | None, today: date
) -> QuerySet[Company]:
    """The company list: name or CVR, industry, known by, flags; none for invalid input."""
    companies = Company.objects.with_flags(municipality_id, today).with_last_visit(municipality_id)
    if data is None:
        return companies.none()
    if q := data["q"].strip():
        digits = "".join(q.split())
        companies = (
            companies.filter(cvr__startswith=digits)
            if digits.isdigit()
            else companies.filter(name__icontains=q)
        )
    if industry := data["industry"].strip():
        companies = (
            companies.filter(industry_code__startswith=industry)
            if industry.isdigit()
            else companies.filter(industry_text__icontains=industry)
        )
    if data["municipality"]:
        companies = companies.known_by(data["municipality"].pk)
    for flag, field in _FLAG_FIELDS.items():
        if data[flag]:
            companies = companies.filter(**{field: True})
    return companies.prefetch_related(
        Prefetch("workplaces", queryset=Workplace.objects.with_capacity(today)),
        Prefetch("relations", queryset=CompanyRelation.objects.select_related("municipality")),
    ).order_by("name", "pk")


def company_tab(user: Any, company: Company, tab: str, today: date) -> QuerySet[Any]:
    """The rows of one tab of the company page; tenant tabs through the door."""
    if tab == "aftaler":
        return (
            scope(user, CooperationAgreement.objects.filter(workplace__company=company))
            .with_state(today)
            .select_related("workplace")
        )
    if tab == "besoeg":
        visits = CompanyVisit.objects.filter(company=company)
        return scope(user, visits).select_related("consultant")
    if tab == "aendringer":
        # Shared data: every municipality reading the company sees who changed what.
        return SharedChange.objects.filter(company=company).select_related("municipality")
    if tab == "jobkontaktpersoner":
        return (
            ContactPerson.objects.filter(workplace__company=company)
            .with_trained()
            .select_related("workplace")
        )
    return Workplace.objects.filter(company=company).with_capacity(today).order_by("name", "pk")


def company_summary(company: Company, municipality_id: int, today: date) -> Company:
    """The company with this municipality's flags and last visit."""
    return (
        Company.objects.with_last_visit(municipality_id)
        .with_flags(municipality_id, today)
        .get(pk=company.pk)
    )


def not_visited(municipality_id: int, today: date) -> tuple[QuerySet[Company], int, date]:
    """This municipality's partner companies not visited within its interval."""
    months = CompanyFollowUpSettings.interval_for(municipality_id)
    cutoff = months_before(today, months)
    companies = Company.objects.not_visited_since(municipality_id, cutoff).order_by(
        # Never visited first: the most overdue.
        F("last_visited").asc(nulls_first=True),
        "name",
        "pk",
    )
    return companies, months, cutoff


def contact_person_changes(person: ContactPerson) -> QuerySet[SharedChange]:
    return SharedChange.objects.filter(
        object_type="contactperson", object_id=person.pk
    ).select_related("municipality")[:10]

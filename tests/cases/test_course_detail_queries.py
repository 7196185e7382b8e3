"""The course page does not grow slower with a longer timeline."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_course_page_query_count_does_not_grow_with_the_timeline(
    caseworker, municipality_a, client_for, django_assert_max_num_queries
):
    course = factories.course(municipality_a, caseworker=caseworker)
    client = client_for(caseworker)
    url = reverse("cases:course_detail", args=[course.pk])
    factories.note(course, caseworker)
    factories.homework(course)
    # The page shows visitation, citizen, placement, matching and timeline: a fixed
    # number of queries, whatever the length of the timeline.
    with django_assert_max_num_queries(24) as few:
        client.get(url)
    for n in range(15):
        factories.note(course, factories.user("caseworker", municipality_a), text=f"Notat {n}")
        factories.homework(course, description=f"Opgave {n}")
        meeting = factories.meeting(municipality_a)
        meeting.invitations.create(municipality=municipality_a, citizen=course.citizen)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["timeline"]) > 45


def test_the_praktik_section_keeps_the_course_page_flat(
    consultant, municipality_a, client_for, django_assert_max_num_queries
):
    from jobbro.placements import services

    course = factories.course(
        municipality_a, phase="matching", consultant=consultant, consent_to_share=True
    )
    placement = factories.placement(course)
    client = client_for(consultant)
    url = reverse("cases:course_detail", args=[course.pk])
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for party in ("citizen", "contact_person", "jobcenter"):
        services.agreement_approve(by=consultant, placement=placement, party=party, number=1)
    placement.refresh_from_db()
    services.placement_activate(
        by=consultant, placement=placement, version=placement.version, today=placement.start_on
    )
    placement.refresh_from_db()
    for week in range(1, 6):
        services.weekly_feedback_save(
            by=consultant,
            placement=placement,
            week=week,
            data={"professional": 3, "social": 4},
            today=placement.start_on,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    body = response.content.decode()
    assert "3/3 godkendt" in body
    assert "Ugentlig feedback, uge 5" in body


def test_the_course_page_offers_to_create_a_placement_in_matching(
    consultant, municipality_a, client_for
):
    course = factories.course(municipality_a, phase="matching", consultant=consultant)
    response = client_for(consultant).get(reverse("cases:course_detail", args=[course.pk]))
    assert reverse("placements:placement_create", args=[course.pk]) in response.content.decode()

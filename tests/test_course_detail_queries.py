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
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for n in range(15):
        factories.note(course, factories.user("caseworker", municipality_a), text=f"Notat {n}")
        factories.homework(course, description=f"Opgave {n}")
        meeting = factories.meeting(municipality_a)
        meeting.invitations.create(municipality=municipality_a, citizen=course.citizen)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["timeline"]) > 45

"""Every table that leads to a citizen has a decision in jobbro/privacy/anonymise.py,
and every field of it is either cleared or kept with a reason; docs/privacy.md lists
the same tables. A new model or field fails here until someone decides."""

from pathlib import Path

from django.apps import apps
from django.db import models

from jobbro.privacy.anonymise import ELSEWHERE, RULES

CITIZEN = "citizens.Citizen"
# Reached from a citizen other than by a foreign key chain (decided in RULES too).
INDIRECT = {"accounts.User", "portal.SignInLink", "companies.CapacityOverride"}


def label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def leads_to_citizen(model, hops: int = 3) -> bool:
    if label(model) == CITIZEN:
        return True
    if hops == 0:
        return False
    return any(
        field.many_to_one or field.one_to_one
        for field in model._meta.get_fields()
        if field.concrete
        and field.is_relation
        and field.related_model is not None
        and leads_to_citizen(field.related_model, hops - 1)
    )


def test_every_table_holding_a_citizens_data_has_a_decision():
    holding = {label(m) for m in apps.get_models() if leads_to_citizen(m)}
    decided = {rule.model for rule in RULES} | set(ELSEWHERE)
    assert holding | INDIRECT <= decided, sorted(holding | INDIRECT - decided)
    assert decided - set(ELSEWHERE) <= holding | INDIRECT


def test_every_field_is_cleared_or_kept_with_a_reason():
    for rule in RULES:
        if rule.delete:
            assert rule.why, rule.model
            continue
        fields = {
            f.name
            for f in rule.model_class._meta.get_fields()
            if f.concrete
            and not f.primary_key
            and f.name != "municipality"
            and not isinstance(f, models.ManyToManyField)
        }
        undecided = fields - set(rule.clear) - set(rule.keep)
        assert not undecided, f"{rule.model}: {sorted(undecided)}"
        assert not set(rule.clear) & set(rule.keep), rule.model
        assert all(rule.keep.values()), rule.model


def test_docs_privacy_names_every_table():
    text = (Path(__file__).parents[2] / "docs" / "privacy.md").read_text()
    missing = [rule.model for rule in RULES if f"`{rule.model}`" not in text]
    assert not missing, missing

"""Promoters reach the back office through the "Promotori" group, which follows the role."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client

from civichub.accounts.models import PROMOTERS_GROUP, Role, User
from civichub.accounts.services import (
    contributor_request_approve,
    contributor_request_submit,
    user_erase,
    user_set_role,
)

from .factories import ContributorFactory, PromoterFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("civichub.accounts.migrations.0003_promoters_group")


def _in_group(user: User) -> bool:
    return user.groups.filter(name=PROMOTERS_GROUP).exists()


def _admin_status(user: User) -> int:
    client = Client()
    client.force_login(user)
    return client.get("/admin/").status_code


def test_the_group_gives_wagtail_access():
    group = Group.objects.get(name=PROMOTERS_GROUP)
    codes = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert ("wagtailadmin", "access_admin") in codes


def test_becoming_promoter_joins_the_group_and_leaving_the_role_leaves_it():
    staff = StaffFactory.create()
    person = ContributorFactory.create()
    assert _admin_status(person) == 302

    user_set_role(user=person, role=Role.PROMOTER, changed_by=staff)
    person = User.objects.get(pk=person.pk)  # fresh permission cache
    assert _in_group(person)
    assert person.has_perm("wagtailadmin.access_admin")
    assert _admin_status(person) == 200

    user_set_role(user=person, role=Role.CONTRIBUTOR, changed_by=staff)
    person = User.objects.get(pk=person.pk)
    assert not _in_group(person)
    assert _admin_status(person) == 302


def test_other_role_changes_leave_people_out_of_the_group():
    promoter = PromoterFactory.create()
    person = UserFactory.create()
    request = contributor_request_submit(user=person, requested_by=person, motivation="Vorrei.")
    contributor_request_approve(request=request, decided_by=promoter)
    person.refresh_from_db()
    assert person.role == Role.CONTRIBUTOR
    assert not _in_group(person)


def test_staff_keep_their_access_whatever_the_role():
    staff = StaffFactory.create(role=Role.PARTICIPANT)
    assert not _in_group(staff)
    assert _admin_status(staff) == 200


def test_a_deleted_group_is_recreated_with_the_access():
    Group.objects.filter(name=PROMOTERS_GROUP).delete()
    staff = StaffFactory.create()
    person = UserFactory.create()
    user_set_role(user=person, role=Role.PROMOTER, changed_by=staff)
    assert _admin_status(User.objects.get(pk=person.pk)) == 200


def test_erasure_takes_a_promoter_out_of_the_group():
    staff = StaffFactory.create()
    person = UserFactory.create()
    user_set_role(user=person, role=Role.PROMOTER, changed_by=staff)
    user_erase(user=person)
    assert not _in_group(person)


def test_the_migration_adds_the_promoters_already_there():
    Group.objects.filter(name=PROMOTERS_GROUP).delete()
    promoter = PromoterFactory.create()
    inactive = PromoterFactory.create(is_active=False)
    contributor = ContributorFactory.create()

    migration.create_group(apps, None)

    group = Group.objects.get(name=PROMOTERS_GROUP)
    assert set(group.user_set.all()) == {promoter}
    assert not _in_group(inactive)
    assert not _in_group(contributor)
    # Running it twice changes nothing.
    migration.create_group(apps, None)
    assert Group.objects.filter(name=PROMOTERS_GROUP).count() == 1

"""Model permissions (the back office's) are read for staff only; the site's own permissions are the rules'."""

import pytest
from django.contrib.auth.models import Group, Permission

from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_a_rule_saying_no_to_someone_not_staff_reads_no_model_permission(world, django_assert_num_queries):
    user = world.users["participant"]
    user.has_perm("participants.view_team", world.team_a)  # the roles, read once a request
    with django_assert_num_queries(0):
        assert not user.has_perm("bimtek.add_program")
        assert not user.has_perm("participants.manage_people", world.program)
        assert not user.has_module_perms("bimtek")


def test_staff_keep_the_model_permissions_their_groups_give_in_the_back_office():
    staff = make_user(is_staff=True)
    group = Group.objects.create(name="Regions")
    group.permissions.add(Permission.objects.get(codename="change_region"))
    staff.groups.add(group)
    assert staff.has_perm("participants.change_region")
    assert staff.has_module_perms("participants")

import pytest

from civichub.accounts import demo
from civichub.accounts.models import ContributorRequest, Profile, Role, User

pytestmark = pytest.mark.django_db


def test_demo_people_cover_every_role_and_seeding_twice_changes_nothing():
    demo.seed(log=lambda message: None)
    counts = (User.objects.count(), Profile.objects.count(), ContributorRequest.objects.count())

    demo.seed(log=lambda message: None)

    assert (User.objects.count(), Profile.objects.count(), ContributorRequest.objects.count()) == (
        counts
    )
    assert counts[0] >= 60
    assert counts[1] == counts[0]
    roles = set(User.objects.values_list("role", flat=True))
    assert roles == {Role.PARTICIPANT, Role.CONTRIBUTOR, Role.PROMOTER}
    assert User.objects.filter(is_staff=True).exists()
    assert ContributorRequest.objects.filter(status="pending").count() == 2


@pytest.mark.parametrize("login", demo.DEMO_LOGINS, ids=lambda row: row[0])
def test_demo_logins_sign_in_straight_to_the_hub(client, login):
    demo.seed(log=lambda message: None)

    response = client.post("/accounts/login/", {"login": login[0], "password": demo.DEMO_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200

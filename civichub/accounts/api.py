"""``/api/v1/me``: the person a token belongs to."""

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from .api_auth import token_auth
from .models import User

router = Router(tags=["me"], auth=token_auth)


class MeOut(Schema):
    id: str
    email: str
    first_name: str
    last_name: str
    role: str
    is_staff: bool
    language: str
    joined_at: datetime | None
    profile_url: str | None


@router.get("", response=MeOut, summary="The person the token belongs to")
def me(request: HttpRequest) -> MeOut:
    user = request.user
    assert isinstance(user, User)
    return MeOut(
        id=user.public_id,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        role=user.role,
        is_staff=user.is_staff,
        language=user.language,
        joined_at=user.joined_at,
        profile_url=(
            request.build_absolute_uri(f"/persone/{user.public_id}/") if user.joined_at else None
        ),
    )

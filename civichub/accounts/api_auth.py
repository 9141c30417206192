"""Token authentication for the REST API: ``Authorization: Bearer <token>``.

Tokens are Wagtail's ``APIToken`` (only an HMAC digest is stored, valid across a
``SECRET_KEY`` rotation), created in the account settings. Wagtail's ninja auth class
makes the token's active person ``request.user``, so permission checks downstream
(rules, ``has_perm``) apply as on the site; an unknown, revoked or inactive person's
token gets 401. Every app's authenticated endpoints use ``token_auth``.
"""

from wagtail.api.v3.auth import BearerTokenAuth as TokenAuth

token_auth = TokenAuth()

__all__ = ["TokenAuth", "token_auth"]

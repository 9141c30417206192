"""Settings of sign-up, login and membership, star-imported by ``settings/base.py``.

Kept beside the app that relies on them; everything installation-specific comes from
the environment (docs/operations.md, "People and login").
"""

from typing import Any as _Any

import environ as _environ

_env = _environ.Env()

# E-mail is the only identifier: no username, mandatory verification, and the same
# answer whether or not an address is known (prevent enumeration).
ACCOUNT_ADAPTER = "civichub.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"signup": "civichub.accounts.forms.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3  # stated in account/email/email_confirmation_message.txt
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "sito_web"
LOGIN_REDIRECT_URL = "/"
# Per-IP limits stop floods, per-key (e-mail) limits stop guessing one account.
ACCOUNT_RATE_LIMITS = {
    "login": _env("RATE_LIMIT_LOGIN", default="30/m/ip"),
    "login_failed": _env("RATE_LIMIT_LOGIN_FAILED", default="10/m/ip,5/5m/key"),
    "signup": _env("RATE_LIMIT_SIGNUP", default="10/h/ip"),
    "reset_password": _env("RATE_LIMIT_RESET_PASSWORD", default="10/h/ip,3/h/key"),
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
# Behind a reverse proxy the client address is the proxy's unless it is trusted.
ALLAUTH_TRUSTED_PROXY_COUNT = _env.int("TRUSTED_PROXY_COUNT", default=0)

# Two-factor authentication: authenticator apps and recovery codes only.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TOTP_ISSUER = _env("HUB_NAME", default="Civic Hub")

# Generic OpenID Connect (SPID/CIE through an OIDC proxy such as iam-proxy-italia):
# configured only when the environment names a server and a client.
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = _env.bool("OIDC_EMAIL_AUTHENTICATION", default=False)
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS: dict[str, _Any] = {}
if _env("OIDC_SERVER_URL", default="") and _env("OIDC_CLIENT_ID", default=""):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": _env.bool("OIDC_PKCE", default=True),
        "APPS": [
            {
                "provider_id": _env("OIDC_PROVIDER_ID", default="spid-cie"),
                "name": _env("OIDC_NAME", default="SPID o CIE"),
                "client_id": _env("OIDC_CLIENT_ID"),
                "secret": _env("OIDC_CLIENT_SECRET", default=""),
                "settings": {
                    "server_url": _env("OIDC_SERVER_URL"),
                    "token_auth_method": _env(
                        "OIDC_TOKEN_AUTH_METHOD", default="client_secret_basic"
                    ),
                    "scope": _env.list("OIDC_SCOPES", default=["openid", "profile", "email"]),
                },
            }
        ],
    }

# The back office signs in through the same pages (rate limits and two factors).
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False

# Versions of the texts people accept in the membership form; a new version is recorded
# with each consent given from then on.
CONSENT_VERSIONS = {
    "terms": _env("CONSENT_TERMS_VERSION", default="2026-11"),
    "privacy": _env("CONSENT_PRIVACY_VERSION", default="2026-11"),
    "newsletter": _env("CONSENT_NEWSLETTER_VERSION", default="2026-11"),
}
ACCOUNTS_UNVERIFIED_RETENTION_DAYS = _env.int("ACCOUNTS_UNVERIFIED_RETENTION_DAYS", default=30)
ACCOUNTS_AVATAR_MAX_BYTES = 2 * 1024 * 1024

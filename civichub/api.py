"""The public REST API, /api/v1/ (OpenAPI at /api/v1/openapi.json).

Each app contributes a ninja ``Router`` from its own ``api.py``; resources are
named in English and plural. Public endpoints expose only public data.
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Civic Hub API",
    version="1",
    description=(
        "Open data and integrations of a Civic Hub installation. Public endpoints need no "
        "authentication; personal endpoints take a token created in the account settings "
        "(Authorization: Bearer <token>)."
    ),
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("/taxonomy", "civichub.taxonomy.api.router")
api.add_router("/me", "civichub.accounts.api.router")
api.add_router("/organisations", "civichub.organisations.api.router")
api.add_router("/territories", "civichub.territories.api.router")

"""The public REST API, /api/v1/ (OpenAPI at /api/v1/openapi.json).

Each app contributes a ninja ``Router`` from its own ``api.py``; resources are
named in English and plural. Public endpoints expose only public data.
"""

from typing import Any

from ninja import NinjaAPI

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {
            "title": "Detail",
            "description": "A message, or the list of invalid parameters.",
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "object"}}],
        }
    },
    "required": ["detail"],
}


class CivicHubAPI(NinjaAPI):
    """Documents the error answers every operation can give, not only its 200."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                answers = {"400": "Bad input, such as a NUL character."}
                if operation.get("parameters"):
                    answers["422"] = "A parameter is missing, malformed or out of range."
                if "{" in path:
                    answers["404"] = "No such public resource."
                if operation.get("security"):
                    answers["401"] = "Missing, expired or revoked token."
                responses = operation.setdefault("responses", {})
                for status, description in answers.items():
                    responses.setdefault(status, {"description": description, "content": error})
        return schema


api = CivicHubAPI(
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
api.add_router("/experiences", "civichub.experiences.api.router")
api.add_router("/resources", "civichub.library.api.router")
api.add_router("/events", "civichub.events.api.router")
api.add_router("/areas", "civichub.communities.api.router")
api.add_router("/search", "civichub.search.api.router")

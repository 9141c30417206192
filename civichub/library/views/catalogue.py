from django.http import Http404, HttpRequest, HttpResponse


def resource_catalogue(request: HttpRequest, index=None) -> HttpResponse:
    raise Http404  # scaffolding: replaced by the catalogue helper in this session

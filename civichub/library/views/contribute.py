from django.http import Http404, HttpRequest, HttpResponse


def resource_propose(request: HttpRequest) -> HttpResponse:
    raise Http404  # scaffolding: replaced by the contribution helper in this session


def my_proposals(request: HttpRequest) -> HttpResponse:
    raise Http404  # scaffolding: replaced by the contribution helper in this session

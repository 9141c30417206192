from django.http import Http404, HttpRequest, HttpResponse


def file_download(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404  # scaffolding: replaced by the pages helper in this session


def resource_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    raise Http404  # scaffolding: replaced by the pages helper in this session

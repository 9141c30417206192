"""Scaffolding: replaced by the helper that owns this module in this session."""

from django.http import Http404


def event_list(request, *args, **kwargs):
    raise Http404


def event_calendar(request, *args, **kwargs):
    raise Http404


def event_feed(request, *args, **kwargs):
    raise Http404


def event_detail(request, *args, **kwargs):
    raise Http404


def event_ics(request, *args, **kwargs):
    raise Http404

"""Contribution: the multi-step form, drafts, submission, co-authors. (Helper 2 replaces.)"""

from django.http import HttpResponse


def _pending(*args, **kwargs):
    return HttpResponse(status=501)


experience_create = my_experiences = experience_edit = experience_submit = _pending
experience_withdraw = experience_delete = experience_replicate = _pending
experience_coauthors = coauthor_accept = _pending

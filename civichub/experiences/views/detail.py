"""The experience page, feedback and follow. (Helper 3 replaces.)"""

from django.http import HttpResponse


def _pending(*args, **kwargs):
    return HttpResponse(status=501)


experience_detail = experience_feedback = experience_follow = followed_experiences = _pending

"""The promoters' review queue and decisions. (Helper 2 replaces.)"""

from django.http import HttpResponse


def _pending(*args, **kwargs):
    return HttpResponse(status=501)


review_queue = experience_review = _pending

"""The sliding idle timeout, written at most once a minute (issue 12).

``SESSION_SAVE_EVERY_REQUEST`` wrote the session row (an UPDATE of ``django_session`` and a new cookie) on every
request, to slide the idle timeout (``ITMS_SESSION_MINUTES``). ``SessionTouchMiddleware`` slides it too, but
saves the session only when its last save is ``ITMS_SESSION_TOUCH_SECONDS`` (60) or more ago, or when the view
changed it anyway: an idle session still ends ``ITMS_SESSION_MINUTES`` after the user's last request, give or
take that minute.

In ``MIDDLEWARE`` right after ``SessionMiddleware`` (its response side runs just before the session is saved).
"""

from __future__ import annotations

import time

from django.conf import settings

TOUCHED = "_touched"  # when this session was last saved (epoch seconds)
TOUCH_SECONDS = 60


def touch_interval() -> int:
    return int(getattr(settings, "ITMS_SESSION_TOUCH_SECONDS", TOUCH_SECONDS))


class SessionTouchMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.session_key:
            return response  # no session (anonymous, or flushed by logout): nothing to slide
        last = int(session.get(TOUCHED, 0))
        if not session.session_key:
            return response  # the cookie named a session that no longer exists: do not make one
        now = int(time.time())
        if session.modified or now - last >= touch_interval():
            session[TOUCHED] = now  # marks the session modified: SessionMiddleware saves it, with a new expiry
        return response

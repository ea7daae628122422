"""The change log's actor for requests authenticated after the middleware ran (API tokens)."""

from auditlog.context import auditlog_value


def bind_actor(user) -> None:
    """Names ``user`` as the actor of the rows this request changes.

    AuditlogMiddleware reads ``request.user`` before DRF has authenticated a token, so API
    writes would be logged without an actor. The API's authentication classes
    (``itms.api.authentication``, the DRF default for every API view) call this as soon as they
    have authenticated a request, by token or by session.
    """
    if not getattr(user, "is_authenticated", False):
        return
    try:
        context = auditlog_value.get()
    except LookupError:
        return
    context["actor"] = user

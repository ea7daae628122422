"""How API requests authenticate: DRF's token and session, each naming the actor in the change log.

django-auditlog's middleware reads ``request.user`` before DRF has looked at the token, so without this an
API change made with a token would be logged without an actor ("(시스템)"). Binding the actor where DRF
authenticates covers every API view at once, whatever the authentication method (pen test, finding 10).
A token is also refused from an address that is locked out for its account (finding 5). It is not revoked by the
lock: anyone who knows a user name could otherwise take the owner's API integration down with five wrong
passwords from anywhere (the denial of service of the same finding). Deactivating an account revokes its tokens.
"""

from rest_framework import authentication
from rest_framework.exceptions import AuthenticationFailed

from itms.audit.context import bind_actor


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token, refused from an address locked out for its account; the token's user is the change log's actor."""

    def authenticate(self, request):
        from axes.helpers import get_client_ip_address

        from itms.accounts.actions import is_locked_out

        result = super().authenticate(request)
        if result is None:
            return None
        user, token = result
        if is_locked_out(user, get_client_ip_address(request)):
            raise AuthenticationFailed("이 주소에서는 로그인 실패로 계정이 잠겨 있는 동안 API 토큰을 쓸 수 없습니다.")
        bind_actor(user)
        return user, token


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication (with its CSRF check); the session's user is the change log's actor."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            bind_actor(result[0])
        return result

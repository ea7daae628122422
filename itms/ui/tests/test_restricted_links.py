"""No dead links for restricted users (a17.3; issue 10 point 10, issue 11 finding 11).

A vendor or an external expert sees only what they are assigned to. Every link they are shown must open: a link
to a page they may not open (an org unit, a planning cycle, a pre-review, a user) tells them it exists and
answers 403/404. The crawl starts at 내 할 일 and follows every link inside the site breadth-first, as a
person clicking through would, bounded to ``MAX_PAGES`` pages.
"""

from __future__ import annotations

import html
import re
from collections import deque
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from itms.planning.models import PlanningCycle
from itms.planning.views import late_board
from itms.projects.models import Project

MAX_PAGES = 150
HREF = re.compile(r'<a\b[^>]*\bhref="([^"#]*)(?:#[^"]*)?"', re.IGNORECASE)
# Not pages: files, exports (the list view itself is crawled), and the static and uploaded files.
SKIP = re.compile(r"^/(static|media)/|[?&]_export=")


def _normalise(href: str) -> str | None:
    """The page a link opens; the same view under another sort or filter is the same page (page numbers stay)."""
    href = html.unescape(href).strip()
    if not href.startswith("/") or href.startswith("//") or SKIP.search(href):
        return None
    parts = urlsplit(href)
    pages = [(k, v) for k, v in parse_qsl(parts.query) if k == "page"]
    return parts.path + (f"?{urlencode(pages)}" if pages else "")


def crawl(client, start: str = "/") -> tuple[dict[str, int], dict[str, str]]:
    """Status of every page reached from ``start`` and, for each, the first page that links to it."""
    status: dict[str, int] = {}
    found_on: dict[str, str] = {start: "(시작)"}
    queue = deque([start])
    while queue and len(status) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        status[url] = response.status_code
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            target = _normalise(href)
            if target and target not in found_on:
                found_on[target] = url
                queue.append(target)
    return status, found_on


@pytest.mark.parametrize("username", ["vendor", "vendor2", "expert"])
def test_a17_3_every_link_a_restricted_user_is_shown_opens(client_of, username):
    status, found_on = crawl(client_of(username))
    assert len(status) > 5, "둘러본 화면이 너무 적습니다: 시작 화면의 링크를 확인하십시오"
    dead = [f"{url} → {code} (링크가 있는 곳: {found_on[url]})" for url, code in status.items() if code != 200]
    assert dead == [], f"{username}에게 열 수 없는 링크가 보입니다:\n" + "\n".join(dead)


@pytest.mark.parametrize("username", ["vendor", "expert"])
def test_a17_3_the_portfolio_shows_restricted_users_no_internal_late_board(client_of, username):
    """Who is late in a planning cycle is internal: not on a vendor's or an expert's portfolio page."""
    user = client_of(username)
    page = user.get("/planning/portfolio/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "늦은 부서" not in text and 'data-testid="late-board"' not in text
    # No department appears that is not on a project the user may see (the board listed every late one).
    from itms.accounts.models import User

    visible = Project.objects.restrict(User.objects.get(username=username), "view")
    theirs = {str(p.sponsor_unit) for p in visible} | {str(u) for p in visible for u in p.co_units.all()}
    late = {row["unit"] for cycle in PlanningCycle.objects.all() for row in late_board(cycle) if row["unit"]}
    assert late - theirs, "시험 자료에 늦은 부서가 없어 확인할 수 없습니다"
    assert [unit for unit in late - theirs if unit in text] == []


def test_the_late_board_stays_for_officials(client_of):
    text = client_of("itplan").get("/planning/portfolio/").content.decode()
    assert 'data-testid="late-board"' in text and "늦은 부서" in text

"""Every demo role signs in, opens every page of its menu in a real chromium, and nothing leaves 127.0.0.1.

The foundation's browser check: the menu each user sees (``menu_for``) is the
one the sidebar renders, each of its pages opens with a heading, and the whole
journey makes no request to another host, logs no console error and loads every
static file. Then a few journeys: the login page, a vendor's narrow view
(a17.3), a project opened from 내 할 일. Screenshots:
artifacts/screenshots/<test-name>/ (docs/screenshots/ holds a chosen few).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from itms.accounts.models import User
from itms.projects.models import Project
from itms.testing.browser import login, needs_chromium, shot
from itms.testing.matrix import sweep_users
from itms.ui.navigation import menu_for

# The fixtures (browser, page, page_log). Once the root conftest lists this plugin too, pytest can also
# rewrite its asserts; until then it warns that the module was imported first (its checks raise explicitly).
pytest_plugins = ["itms.testing.browser"]
pytestmark = [pytest.mark.browser, needs_chromium]

USERNAMES = sweep_users(signed_in=True)  # every login, over the two engines' runs (matrix.sweep_users)
# Pages that administer the agency itself; a vendor must never reach them (a17.3).
AGENCY_ADMINISTRATION = [
    "/accounts/organizations/",
    "/accounts/org-units/",
    "/accounts/positions/",
    "/accounts/assignments/",
    "/accounts/role-bindings/",
    "/audit/legal-events/",
    "/audit/verify/",
]
# These users render every page of their menu: the superuser sees every page there is, and the outside
# users' pages are the ones most restricted. Everyone else renders one page per chapter (see below).
RENDER_EVERY_PAGE = {"admin", "vendor", "vendor2", "expert"}


def _slug(url: str) -> str:
    return urlsplit(url).path.strip("/").replace("/", "-") or "home"


def _open_from_sidebar(page, chapter: str, label: str, url: str):
    """Open ``chapter`` in the sidebar, click ``label`` and return the document's response."""
    entry = page.locator(f'aside li.nav-item.dropdown[data-chapter="{chapter}"]')
    item = entry.locator(f'a.dropdown-item[href="{url}"]')
    if not item.is_visible():
        entry.locator("a.dropdown-toggle").click()
    assert item.inner_text().strip() == label, f"사이드바 {chapter}의 {url} 항목 이름이 다릅니다"
    with page.expect_navigation() as navigation:
        item.click()
    return navigation.value


def _render(page, chapter: str, label: str, url: str, *, click: bool) -> None:
    response = _open_from_sidebar(page, chapter, label, url) if click else page.goto(url)
    assert response is not None and response.status < 400, f"{url} → {response and response.status}"
    assert urlsplit(page.url).path == url, f"{url} → {page.url}"
    assert page.locator("h1.page-title").inner_text().strip(), f"{url}: 제목(h1.page-title)이 비었습니다"
    shot(page, f"{chapter}-{_slug(url)}")


# In the signed-in page, one after another: status, redirect, and the heading of each page's HTML.
FETCH_PAGES = """async (urls) => {
  const answers = [];
  for (const url of urls) {
    const response = await fetch(url, {redirect: "manual", credentials: "same-origin"});
    const html = response.type === "opaqueredirect" ? "" : await response.text();
    const heading = new DOMParser().parseFromString(html, "text/html").querySelector("h1.page-title");
    answers.push({url, status: response.status, type: response.type, title: heading ? heading.textContent.trim() : ""});
  }
  return answers;
}"""


def _fetch_all(page, urls: list[str]) -> None:
    """The pages through the signed-in browser session, without rendering them."""
    problems = [
        f"{answer['url']} → {answer['type']} {answer['status']} 제목 {answer['title']!r}"
        for answer in page.evaluate(FETCH_PAGES, urls)
        if not (answer["type"] == "basic" and 200 <= answer["status"] < 300 and answer["title"])
    ]
    assert not problems, "메뉴의 화면이 열리지 않습니다:\n" + "\n".join(problems)


@pytest.mark.parametrize("username", USERNAMES)
def test_each_demo_role_opens_every_menu_page_offline(page, page_log, username):
    """Sign in through the form; click every chapter of the sidebar; open every page of the menu.

    Each user renders (and photographs) one page per chapter, reached by clicking the sidebar, and takes
    the chapter's other pages through its signed-in session without rendering them: rendering every
    page for all 18 users would take minutes, and how a page renders does not depend on who asks.
    The users in RENDER_EVERY_PAGE render all of theirs (the superuser, asked on both engines, sees every
    page there is), so every page in the menu is rendered, checked and photographed at least once per run.
    """
    user = User.objects.get(username=username)
    menu = menu_for(user)
    every_page = username in RENDER_EVERY_PAGE
    turn = USERNAMES.index(username)  # which page of each chapter this user renders: spread over the users

    login(page, username)
    assert page.locator("[data-testid=current-user]").inner_text().strip() == user.name
    assert page.locator("h1.page-title").inner_text().strip() == "내 할 일"
    shot(page, "home")

    sidebar = page.locator("aside li.nav-item.dropdown[data-chapter]")
    assert [sidebar.nth(i).get_attribute("data-chapter") for i in range(sidebar.count())] == [
        visible.chapter.key for visible in menu
    ], "사이드바의 장이 menu_for와 다릅니다"

    to_render, to_fetch = [], []
    for visible in menu:
        clicked = turn % len(visible.items)
        for index, (label, url) in enumerate(visible.items):
            if every_page or index == clicked:
                to_render.append((visible.chapter.key, label, url, index == clicked))
            else:
                to_fetch.append(url)
    assert len(to_render) >= len(menu) > 0
    _fetch_all(page, to_fetch)
    for chapter, label, url, click in to_render:
        _render(page, chapter, label, url, click=click)

    assert page_log.requests, "기록된 요청이 없습니다"
    page_log.assert_clean()


def test_vendor_sees_only_own_company_and_assigned_project(page, page_log):
    vendor = User.objects.get(username="vendor")
    others = User.objects.exclude(company_id=vendor.company_id).values_list("name", flat=True)
    login(page, "vendor")

    # The sidebar carries no page that administers the agency; 관리 holds at most the company's own people.
    sidebar_links = page.locator("aside a.dropdown-item")
    hrefs = [sidebar_links.nth(i).get_attribute("href") for i in range(sidebar_links.count())]
    assert not set(hrefs) & set(AGENCY_ADMINISTRATION)
    admin_items = page.locator('aside li[data-chapter="admin"] a.dropdown-item')
    assert {admin_items.nth(i).inner_text().strip() for i in range(admin_items.count())} <= {"사용자", "업체"}

    # 사용자: accounts.user is allowed to vendors with the own_company scope (accounts/access.py).
    response = page.goto("/accounts/users/")
    assert response.status == 200
    rows = page.locator("#object-table tbody tr")
    names = rows.all_inner_texts()
    assert len(names) == User.objects.filter(company_id=vendor.company_id).count() >= 1
    assert any(vendor.name in row for row in names)
    assert not [name for name in others if any(name in row for row in names)]
    shot(page, "users-own-company")

    # 정보화사업: only the projects the vendor is assigned to (demo: UNI-PASS 운영·유지관리 as contractor and the
    # risk-management AI build as 투입인력), none of the agency's other projects.
    codes = {"2026-SOT-001", "2026-CLP-101"}
    response = page.goto("/projects/projects/")
    assert response.status == 200
    rows = page.locator("#object-table tbody tr").all_inner_texts()
    assert {row.split("\t")[0] for row in rows} == codes
    assigned = Project.objects.get(code="2026-SOT-001")
    shot(page, "projects-assigned-only")

    # The project's detail opens; another project's detail does not.
    with page.expect_navigation():
        page.locator("#object-table tbody tr").get_by_role("link", name=assigned.name).click()
    assert assigned.name in page.locator("h1.page-title").inner_text()
    shot(page, "project-detail")
    other = Project.objects.exclude(code__in=codes).first()
    page_log.expect_error(other.get_absolute_url())
    response = page.goto(other.get_absolute_url())
    assert response.status in (403, 404)

    # Agency administration answers 403 when typed in directly.
    for url in AGENCY_ADMINISTRATION:
        page_log.expect_error(url)
        response = page.goto(url)
        assert response.status == 403, url
    page_log.assert_clean()


def test_login_page_is_korean_and_refuses_a_wrong_password(page, page_log):
    page.goto("/accounts/login/")
    assert page.get_by_role("heading", level=1, name="관세청 정보화관리시스템").is_visible()
    assert page.locator("label[for=id_username]").inner_text().strip() == "아이디"
    shot(page, "login")

    page.fill("input[name=username]", "sponsor")
    page.fill("input[name=password]", "not-the-password")
    with page.expect_navigation():
        page.click("form button[type=submit]")
    assert urlsplit(page.url).path == "/accounts/login/"
    assert "아이디 또는 비밀번호가 올바르지 않습니다" in page.locator(".alert-danger").inner_text()
    shot(page, "login-refused")
    page_log.assert_clean()


def test_sponsor_opens_a_project_from_home(page, page_log):
    """내 할 일 lists the sponsor unit's projects; one click opens the project's page."""
    project = Project.objects.get(code="2027-CLP-002")
    login(page, "sponsor")
    projects = page.locator("[data-testid=my-projects]")
    assert project.name in projects.inner_text()
    with page.expect_navigation():
        projects.get_by_role("link").filter(has_text=project.name).click()
    assert urlsplit(page.url).path == project.get_absolute_url()
    assert page.locator("h1.page-title").inner_text().strip() == project.name
    assert project.code in page.locator(".page-body").inner_text()
    shot(page, "project-detail")
    page_log.assert_clean()

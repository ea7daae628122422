"""Load scenario (issue 6): officials browsing, committee secretaries running meetings, sponsors keeping projects.

Run through bench/load.py (which starts gunicorn on the bench database and writes the results), or by hand:

    .venv/bin/locust -f bench/locustfile.py --headless -u 50 -r 5 -t 2m --host http://127.0.0.1:8800

Three kinds of user, all demo logins (password ``Itms-demo-2026!``, or ITMS_DEMO_PASSWORD):

* ``StaffBrowser`` (most): an official opens list pages (sometimes page 2–5 or a search), detail pages of rows
  from those lists, the API lists, the home page and 내 회의.
* ``Secretary``: the 실무협의회 간사 (``council``), who is also the secretary of the generated 과업심의위원회,
  convenes a meeting, adds two agenda items, opens the meeting, records everyone present, and for each item
  opens the vote, records each member's vote and closes it (a resolution and a legal event per vote), then
  closes the meeting — every step through the HTTP endpoints of itms/governance/urls.py and the generic
  workflow transition, as the meeting workspace's buttons do.

Every user thinks between any two requests, inside a task too (``self.wait()``): a secretary clicks the next
button after the last answer, not at once (until 2026-12-06 the secretaries sent a meeting's ≈ 35 requests
back to back, five requests always in flight whatever the think time).
* ``Sponsor``: the 사업추진부서 담당자 (``sponsor``, 통관기획과) creates projects and updates them through the API
  with a token, and reads them back.

Refusals are failures: POSTs carry ``HX-Request`` so the app answers 400/409 instead of a redirect. The statistics
are reset ``ITMS_LOAD_WARMUP`` seconds (default 30) after the last user is spawned, so the sign-ins are left out.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import uuid

import gevent
from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("ITMS_DEMO_PASSWORD", "Itms-demo-2026!")
STAFF_LOGINS = ["cio", "itplan", "itdept", "itstaff", "security", "asset", "sponsor_head", "budget", "airport_it"]
LIST_PATHS_LIMIT = 60
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


# Seconds after the last user is spawned before the statistics start (ITMS_LOAD_WARMUP): the sign-in burst
# (PBKDF2, about 0.5 s of CPU per login) and the first requests of every worker are left out of the numbers.
WARMUP = float(os.environ.get("ITMS_LOAD_WARMUP", "30"))


@events.spawning_complete.add_listener
def _reset_after_warmup(user_count, **kwargs):
    from locust.env import Environment

    environment: Environment | None = getattr(_reset_after_warmup, "environment", None)
    if environment is not None and environment.runner is not None:
        gevent.spawn_later(WARMUP, environment.runner.stats.reset_all)


@events.init.add_listener
def _remember_environment(environment, **kwargs):
    _reset_after_warmup.environment = environment


# Think time between a user's requests, in seconds (ITMS_LOAD_WAIT="min,max"; default 0.5–2.5 s: a busy user).
WAIT = tuple(float(x) for x in os.environ.get("ITMS_LOAD_WAIT", "0.5,2.5").split(","))


class ItmsUser(HttpUser):
    abstract = True
    wait_time = between(*WAIT)
    username = "admin"

    def on_start(self) -> None:
        page = self.client.get("/accounts/login/", name="/accounts/login/")
        token = _CSRF.search(page.text)
        response = self.client.post(
            "/accounts/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""},
            headers={"Referer": f"{self.host}/accounts/login/"},
            allow_redirects=False,
            name="/accounts/login/ (POST)",
        )
        if response.status_code != 302:
            raise RuntimeError(f"{self.username} 로그인 실패: HTTP {response.status_code}")

    def post(self, url: str, data: dict | None = None, *, name: str, expect=(200,), **kwargs):
        """A form POST as the page's htmx would send it, after the user's think time (a person clicks the next
        button); a refusal (400/409) counts as a failure."""
        self.wait()
        headers = {
            "X-CSRFToken": self.client.cookies.get("csrftoken", ""),
            "Referer": f"{self.host}{url}",
            "HX-Request": "true",
        }
        with self.client.post(url, data or {}, headers=headers, name=name, catch_response=True, **kwargs) as response:
            if response.status_code in expect:
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")
        return response


class StaffBrowser(ItmsUser):
    weight = 7

    def on_start(self) -> None:
        self.username = random.choice(STAFF_LOGINS)  # noqa: S311 - load test, not security
        super().on_start()
        root = self.client.get("/api/", name="/api/").json()
        self.api_lists = sorted(root.values())[:LIST_PATHS_LIMIT]
        self.pages = [url.replace("/api/", "/", 1) for url in self.api_lists]
        self.details: list[str] = []

    @task(5)
    def list_page(self) -> None:
        url = random.choice(self.pages)  # noqa: S311
        roll = random.random()  # noqa: S311
        if roll < 0.2:
            url += f"?page={random.randint(2, 5)}"  # noqa: S311
        elif roll < 0.3:
            url += "?q=" + random.choice(["시스템", "통관", "2025", "김", "관리"])  # noqa: S311
        with self.client.get(url, name=_group(url), catch_response=True) as response:
            if response.status_code in (200, 403, 404):  # 403/404: a list the role may not see, or a short list
                response.success()

    @task(4)
    def detail_page(self) -> None:
        if not self.details or random.random() < 0.3:  # noqa: S311
            api = random.choice(self.api_lists)  # noqa: S311
            with self.client.get(api, name=_group(api), catch_response=True) as response:
                if response.status_code == 200:
                    self.details = [row["url"] for row in response.json().get("results", []) if row.get("url")][:50]
                elif response.status_code == 403:  # a list this role may not read
                    response.success()
            return
        url = random.choice(self.details)  # noqa: S311
        self.client.get(url, name=_group(url))

    @task(2)
    def api_list(self) -> None:
        url = random.choice(self.api_lists)  # noqa: S311
        with self.client.get(url, name=_group(url), catch_response=True) as response:
            if response.status_code in (200, 403):
                response.success()

    @task(1)
    def home(self) -> None:
        self.client.get("/", name="/")
        self.wait()
        self.client.get("/governance/my-meetings/", name="/governance/my-meetings/")


class Secretary(ItmsUser):
    weight = 1
    username = "council"

    def on_start(self) -> None:
        super().on_start()
        bodies = self.client.get(
            "/api/governance/bodies/?kind=task_deliberation&page_size=100", name="/api/governance/bodies/"
        ).json()
        self.bodies = [row["id"] for row in bodies.get("results", [])]
        projects = self.client.get("/api/projects/projects/?page_size=100", name="/api/projects/projects/").json()
        self.projects = [row["id"] for row in projects.get("results", [])]

    @task
    def run_meeting(self) -> None:
        if not self.bodies:
            return
        body = random.choice(self.bodies)  # noqa: S311
        when = (dt.datetime.now() + dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
        convene = self.client.post(
            f"/governance/bodies/{body}/convene/",
            {
                "title": "",
                "mode": "in_person",
                "scheduled_at": when,
                "place": "부하시험 회의실",
                "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", ""),
            },
            headers={"Referer": f"{self.host}/governance/bodies/{body}/convene/"},
            allow_redirects=False,
            name="/governance/bodies/[id]/convene/",
        )
        found = re.search(r"/governance/meetings/(\d+)/", convene.headers.get("Location", ""))
        if convene.status_code != 302 or not found:
            return
        meeting = found.group(1)
        base = f"/governance/meetings/{meeting}"
        for n in range(2):
            self.post(
                f"{base}/items/add/",
                {
                    "item-kind": "task_scope" if n == 0 else "task_change",
                    "item-title": f"부하시험 안건 {uuid.uuid4().hex[:6]}",
                    "item-description": "부하시험으로 추가한 안건",
                    "item-project": random.choice(self.projects) if self.projects else "",  # noqa: S311
                },
                name="/governance/meetings/[id]/items/add/",
            )
        # Attendance first: the session opens only with a quorum present (a4.8, a5.8).
        self.wait()
        page = self.client.get(f"{base}/", name="/governance/meetings/[id]/").text
        seats = sorted(set(re.findall(rf"{base}/attendance/(\d+)/", page)))
        for seat in seats:
            self.post(
                f"{base}/attendance/{seat}/", {"status": "present"}, name="/governance/meetings/[id]/attendance/[id]/"
            )
        # The meeting is scheduled ahead: opening it now needs the recorded reason (a4.10), as on the screen.
        self.post(
            f"/regulation/workflow/governance/meeting/{meeting}/open/",
            {"open-reason": "부하시험: 예정일 전 개회"},
            name="/regulation/workflow/…/open/",
        )
        self.wait()
        page = self.client.get(f"{base}/", name="/governance/meetings/[id]/").text
        items = sorted(set(re.findall(rf"{base}/items/(\d+)/open-voting/", page)))
        for item in items:
            self.post(f"{base}/items/{item}/open-voting/", name="/governance/meetings/[id]/items/[id]/open-voting/")
            for seat in seats:
                choice = random.choices(["for", "against", "abstain"], [8, 1, 1])[0]  # noqa: S311
                self.post(
                    f"{base}/items/{item}/vote/",
                    {"membership": seat, "choice": choice},
                    name="/governance/meetings/[id]/items/[id]/vote/",
                )
            self.post(
                f"{base}/items/{item}/close/", {"close-effect": ""}, name="/governance/meetings/[id]/items/[id]/close/"
            )
        self.post(f"/regulation/workflow/governance/meeting/{meeting}/close/", name="/regulation/workflow/…/close/")
        self.wait()
        self.client.get(f"{base}/", name="/governance/meetings/[id]/")


class Sponsor(ItmsUser):
    weight = 2
    username = "sponsor"

    def on_start(self) -> None:
        super().on_start()
        token = self.client.post(
            "/api/auth/token/",
            {"username": self.username, "password": PASSWORD},
            headers={"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Referer": f"{self.host}/api/"},
            name="/api/auth/token/",
        ).json()["token"]
        self.api = {"Authorization": f"Token {token}"}
        mine = self.client.get(
            "/api/projects/projects/?q=2027-CLP-001", headers=self.api, name="/api/projects/projects/?q"
        ).json()["results"][0]
        self.organization, self.unit = mine["organization"], mine["sponsor_unit"]
        self.created: list[int] = []

    @task(2)
    def create_project(self) -> None:
        year = dt.date.today().year + 1
        payload = {
            "name": f"부하시험 {random.choice(['통관', '화물', '여행자', '징수'])} 시스템 고도화",  # noqa: S311
            "code": f"LT-{uuid.uuid4().hex[:12]}",
            "organization": self.organization,
            "sponsor_unit": self.unit,
            "kind": "enhancement",
            "start_year": year,
            "end_year": year,
            "total_budget": random.randint(1, 50) * 10_000_000,  # noqa: S311
            "funding": "own",
            "summary": "부하시험으로 등록한 사업",
        }
        with self.client.post(
            "/api/projects/projects/",
            json=payload,
            headers=self.api,
            name="/api/projects/projects/ (POST)",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                self.created.append(response.json()["id"])
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")

    @task(3)
    def update_project(self) -> None:
        if not self.created:
            return
        pk = random.choice(self.created)  # noqa: S311
        with self.client.patch(
            f"/api/projects/projects/{pk}/",
            json={"summary": f"수정 {uuid.uuid4().hex[:8]}", "total_budget": random.randint(1, 50) * 10_000_000},  # noqa: S311
            headers=self.api,
            name="/api/projects/projects/[id]/ (PATCH)",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}: {response.text[:200]}")

    @task(3)
    def read_projects(self) -> None:
        self.client.get("/api/projects/projects/", headers=self.api, name="/api/projects/projects/")
        if self.created:
            self.wait()
            self.client.get(f"/projects/projects/{random.choice(self.created)}/", name="/projects/projects/[id]/")  # noqa: S311


def _group(url: str) -> str:
    """/projects/projects/123/?page=2 → /projects/projects/[id]/ (one line per page kind in the stats)."""
    path = url.split("://", 1)[-1]
    path = path[path.find("/") :] if "://" in url else path
    path = path.split("?", 1)[0]
    return re.sub(r"/\d+/", "/[id]/", path)

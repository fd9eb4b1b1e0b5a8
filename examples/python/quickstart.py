"""Readout SDK quick start (Python).

Uses the client that openapi-python-client generates from openapi/openapi.json
(see examples/README.md). Against a running Readout at $READOUT_BASE it:

  1. ingests four articles (POST /v1/articles), two of them China's and
     Kazakhstan's own readouts of one meeting,
  2. pages through the meetings (GET /v1/meetings) until next_cursor is null,
  3. reads Kazakhstan's positions by topic (GET /v1/countries/KZ/positions),
  4. compares the two readouts of the Astana meeting (GET /v1/meetings/{id}/comparison),
  5. asks for an article that does not exist and gets a typed Problem back,
  6. registers a webhook (POST /v1/webhooks) pointing at a receiver this program
     runs on 127.0.0.1, stores a new article, and checks the delivery with the
     Standard Webhooks library (the server must allow the host:
     --webhook-allow-hosts 127.0.0.1),
  7. follows the live feed (GET /v1/events, Server-Sent Events) through the
     client's HTTP connection while it stores another article, and reads each
     event into the generated EventView,
  8. counts, over meetings both sides reported, the stances China's readouts
     claim for Kazakhstan that Kazakhstan's omit (GET /v1/stats/divergence).

Every step is asserted; the program exits non-zero on the first failure.
Run it as often as you like against the same server: re-posting an article
answers 200 with the stored one instead of 201.
"""

from __future__ import annotations

import json
import os
import queue
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer

from standardwebhooks.webhooks import Webhook

from readout_api_client import Client
from readout_api_client.api.articles import create_article, get_article
from readout_api_client.api.countries import list_country_positions
from readout_api_client.api.meetings import get_meeting_comparison, list_meetings
from readout_api_client.api.stats import get_divergence_stats
from readout_api_client.api.webhooks import create_webhook, delete_webhook, list_webhook_deliveries
from readout_api_client.models import (
    Article,
    CreatedWebhook,
    CreateArticleRequest,
    CreateWebhookRequest,
    DeliveryPage,
    DeliveryStatus,
    DivergenceReport,
    EventKindName,
    EventView,
    MeetingComparison,
    MeetingPage,
    TopicStandPage,
    Problem,
    Stance,
)
from readout_api_client.types import UNSET, Unset

# Short wire-style articles written for this example.
ARTICLES = [
    CreateArticleRequest(
        text=(
            "ASTANA, March 3 (Xinhua) -- Kazakh President Kassym-Jomart Tokayev met with "
            "visiting Chinese Foreign Minister Wang Yi here on Monday.\n\n"
            "Kazakhstan firmly adheres to the one-China policy and supports the Belt and "
            "Road Initiative, Tokayev said.\n\n"
            "Wang said China is ready to deepen trade and energy cooperation with Kazakhstan."
        ),
        title="Kazakh president meets Chinese foreign minister",
        source="Xinhua",
        published_at="2025-03-03",
    ),
    CreateArticleRequest(
        text=(
            "TASHKENT, March 5 (Xinhua) -- Uzbek Foreign Minister Bakhtiyor Saidov held talks "
            "with his visiting Chinese counterpart Wang Yi here on Wednesday.\n\n"
            "Uzbekistan supports the Belt and Road Initiative and is ready to expand trade with "
            "China, Saidov said."
        ),
        title="Uzbek, Chinese foreign ministers hold talks",
        source="Xinhua",
        published_at="2025-03-05",
    ),
    CreateArticleRequest(
        text=(
            "BEIJING, March 10 (Xinhua) -- Chinese President Xi Jinping held a phone call with "
            "Kazakh President Kassym-Jomart Tokayev on Monday.\n\n"
            "Tokayev said Kazakhstan firmly supports the one-China principle."
        ),
        title="Xi, Tokayev hold phone call",
        source="Xinhua",
        published_at="2025-03-10",
    ),
    # Kazakhstan's own readout of the Astana meeting: Belt and Road, no word of one China.
    CreateArticleRequest(
        text=(
            "On March 3, 2025, President of Kazakhstan Kassym-Jomart Tokayev received Foreign "
            "Minister of the People's Republic of China Wang Yi in Astana.\n\n"
            "The Head of State said Kazakhstan supports the Belt and Road Initiative."
        ),
        title="Head of State receives Foreign Minister of China",
        url="https://www.akorda.kz/en/head-of-state-receives-foreign-minister-of-china",
        published_at="2025-03-03",
    ),
]


def check(condition: object, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def ingest(client: Client) -> list[Article]:
    articles = []
    for request in ARTICLES:
        response = create_article.sync_detailed(client=client, body=request)
        # 201 the first time, 200 (the stored article) when the text was posted before.
        check(
            response.status_code in (HTTPStatus.CREATED, HTTPStatus.OK),
            f"POST /v1/articles answered {response.status_code}: {response.content!r}",
        )
        article = response.parsed
        check(isinstance(article, Article), f"expected an Article, got {article!r}")
        assert isinstance(article, Article)
        check(article.text == request.text, "the stored text differs from the posted one")
        check(
            response.headers.get("location") == f"/v1/articles/{article.id}",
            f"Location is {response.headers.get('location')!r}",
        )
        check(len(article.extraction.meetings) >= 1, f"no meeting read from article {article.id}")
        print(
            f"article {article.id} ({response.status_code.value}): "
            f"{article.counts.officials} officials, {article.counts.meetings} meetings, "
            f"{article.counts.statements} statements, {article.counts.positions} positions"
        )
        articles.append(article)
    return articles


def receive_webhooks() -> tuple[HTTPServer, "queue.Queue[tuple[dict[str, str], bytes]]"]:
    """A receiver on 127.0.0.1 that answers 204 and queues what it got."""
    received: queue.Queue[tuple[dict[str, str], bytes]] = queue.Queue()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the name http.server calls
            body = self.rfile.read(int(self.headers["content-length"]))
            received.put(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, received


def watch_with_a_webhook(client: Client) -> None:
    server, received = receive_webhooks()
    try:
        url = f"http://127.0.0.1:{server.server_port}/readout"
        request = CreateWebhookRequest(url=url, kinds=[EventKindName.ARTICLE], description="quick start")
        response = create_webhook.sync_detailed(client=client, body=request)
        check(response.status_code == HTTPStatus.CREATED, f"POST /v1/webhooks answered {response.status_code}: {response.content!r}")
        hook = response.parsed
        check(isinstance(hook, CreatedWebhook), f"expected a CreatedWebhook, got {hook!r}")
        assert isinstance(hook, CreatedWebhook)
        stored = create_article.sync(client=client, body=new_article("SOCHI"))
        check(isinstance(stored, Article), f"the article was not stored: {stored!r}")
        assert isinstance(stored, Article)
        headers, body = received.get(timeout=20)
        # Raises when the signature does not match the secret.
        payload = Webhook(hook.secret).verify(body, headers)
        check(payload["type"] == "article", f"delivered a {payload['type']}")
        check(payload["data"]["article_id"] == stored.id, f"delivered article {payload['data']['article_id']}")
        print(f"webhook {hook.id}: signed delivery of event {payload['data']['id']} verified")
        for _ in range(50):
            log = list_webhook_deliveries.sync(client=client, id=hook.id)
            check(isinstance(log, DeliveryPage), f"the delivery log answered {log!r}")
            assert isinstance(log, DeliveryPage)
            if log.items and log.items[0].status == DeliveryStatus.DELIVERED:
                break
            time.sleep(0.2)
        check(log.items[0].attempts[0].status == 204, f"the log says {json.dumps(log.to_dict())[:300]}")
        delete_webhook.sync_detailed(client=client, id=hook.id)
    finally:
        server.shutdown()


def new_article(place: str) -> CreateArticleRequest:
    """A text never posted before, so it is stored, and its events sent, on every run."""
    return CreateArticleRequest(
        text=(
            f"{place}, March 12 (Xinhua) -- Russian Foreign Minister Sergei Lavrov held talks with "
            f"visiting Chinese Foreign Minister Wang Yi here on Wednesday. (Run {time.time_ns()}.)"
        ),
        source="Xinhua",
        published_at="2025-03-12",
    )


def follow_the_feed(client: Client) -> None:
    http = client.get_httpx_client()
    with http.stream("GET", "/v1/events", params={"kind": "article,meeting"}, timeout=30) as stream:
        check(stream.status_code == 200, f"GET /v1/events answered {stream.status_code}")
        # The stream is open (the server subscribed before answering): store an article now.
        stored = create_article.sync(client=client, body=new_article("MOSCOW"))
        check(isinstance(stored, Article), f"the article was not stored: {stored!r}")
        assert isinstance(stored, Article)
        events: list[EventView] = []
        data = ""
        for line in stream.iter_lines():
            if line.startswith("data:"):
                data += line[5:].strip()
            elif line == "" and data:
                event = EventView.from_dict(json.loads(data))
                data = ""
                if event.article_id == stored.id:
                    events.append(event)
                if len(events) == 2:
                    break
    kinds = [e.kind for e in events]
    check(kinds == [EventKindName.ARTICLE, EventKindName.MEETING], f"the article's events came as {kinds}")
    print(f"live feed: article {stored.id} as events {[e.id for e in events]}")


def compare_across_meetings(client: Client) -> None:
    report = get_divergence_stats.sync(client=client, publisher_country="CN", party="KZ")
    check(isinstance(report, DivergenceReport), f"the divergence stats answered {report!r}")
    assert isinstance(report, DivergenceReport)
    check(report.meetings_compared >= 1, f"{report.meetings_compared} meetings reported by both sides")
    one_china = next((t for t in report.topics if t.topic == "one_china"), None)
    check(one_china is not None and one_china.omitted >= 1, f"one_china is not counted omitted: {report.to_dict()}")
    assert one_china is not None
    print(f"China's readouts claim one_china for KZ in {one_china.claimed} meetings; KZ's own omit it in {one_china.omitted}")


def all_meetings(client: Client) -> list:
    meetings = []
    cursor: str | Unset = UNSET
    pages = 0
    while True:
        page = list_meetings.sync(client=client, limit=1, cursor=cursor)
        check(isinstance(page, MeetingPage), f"GET /v1/meetings answered {page!r}")
        assert isinstance(page, MeetingPage)
        pages += 1
        check(len(page.items) <= 1, f"limit=1 answered {len(page.items)} items")
        meetings.extend(page.items)
        if not isinstance(page.next_cursor, str):  # null (or absent) on the last page
            break
        cursor = page.next_cursor
        check(pages < 1000, "pagination does not end")
    print(f"{len(meetings)} meetings in {pages} pages of one")
    ids = [m.id for m in meetings]
    check(len(ids) == len(set(ids)), f"a meeting came back twice while paging: {ids}")
    days = [m.day for m in meetings]
    check(days == sorted(days, reverse=True), f"meetings are not newest first: {days}")
    return meetings


def main() -> int:
    base_url = os.environ.get("READOUT_BASE")
    check(base_url, "set READOUT_BASE to the server's URL, e.g. http://127.0.0.1:8080")
    with Client(base_url=base_url, raise_on_unexpected_status=True) as client:
        articles = ingest(client)

        meetings = all_meetings(client)
        # The two readouts of the Astana meeting are one meeting.
        check(len(meetings) >= len(articles) - 1, f"expected at least {len(articles) - 1} meetings")
        names = [{p.name for p in m.participants} for m in meetings]
        check(
            any({"Kassym-Jomart Tokayev", "Wang Yi"} <= n for n in names),
            f"no meeting of Tokayev and Wang Yi among {names}",
        )
        astana = [m for m in meetings if m.location == "Astana"]
        check(astana and "KZ" in astana[0].countries, "the Astana meeting does not involve KZ")

        positions = list_country_positions.sync(client=client, code="kz")
        check(isinstance(positions, TopicStandPage), f"positions answered {positions!r}")
        assert isinstance(positions, TopicStandPage)
        by_topic = {p.topic: p for p in positions.items}
        print("KZ: " + ", ".join(f"{t} {p.current_stance.value}" for t, p in sorted(by_topic.items())))
        check("one_china" in by_topic, f"no one_china position for KZ: {sorted(by_topic)}")
        one_china = by_topic["one_china"]
        check(one_china.current_stance == Stance.SUPPORT, f"KZ one_china is {one_china.current_stance}")
        check(one_china.support >= 2, f"expected two articles supporting, got {one_china.support}")
        check(
            "one-China" in one_china.latest_evidence.text,
            f"latest evidence is {one_china.latest_evidence.text!r}",
        )

        comparison = get_meeting_comparison.sync(client=client, id=astana[0].id)
        check(isinstance(comparison, MeetingComparison), f"the comparison answered {comparison!r}")
        assert isinstance(comparison, MeetingComparison)
        check(
            sorted(s.side for s in comparison.sources) == ["CN", "KZ"],
            f"sources' sides are {[s.side for s in comparison.sources]}",
        )
        kz = next(p for p in comparison.parties if p.country == "KZ")
        flagged = [t.topic for t in kz.topics if t.claimed_only_by_other_side]
        print(f"KZ stances only China's readout claims: {flagged}")
        check("one_china" in flagged, f"one_china is not flagged for KZ: {flagged}")

        missing = get_article.sync_detailed(client=client, id=999_999_999)
        check(missing.status_code == HTTPStatus.NOT_FOUND, f"expected 404, got {missing.status_code}")
        problem = missing.parsed
        check(isinstance(problem, Problem), f"the 404 body is not a Problem: {problem!r}")
        assert isinstance(problem, Problem)
        check(problem.status == 404, f"problem.status is {problem.status}")
        check(problem.title == "Not Found", f"problem.title is {problem.title!r}")
        check("999999999" in problem.detail, f"problem.detail is {problem.detail!r}")
        print(f"404 as Problem: {problem.detail}")

        watch_with_a_webhook(client)
        follow_the_feed(client)
        compare_across_meetings(client)
    print("python quick start: ok")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception as error:  # noqa: BLE001 - report any failure and exit non-zero
        print(f"python quick start FAILED: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)

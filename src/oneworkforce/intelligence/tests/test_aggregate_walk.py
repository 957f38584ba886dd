"""The aggregate walk (issue 4's "done when"): in the small demo district with its year of
returns, an analyst opens every aggregate page and download, and no count of people or posts
between 1 and the threshold less one is shown anywhere.

The parsers are tested first on hand-made tables holding a 3, so the walk can fail.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from itertools import product

import pytest
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from oneworkforce.demo import services as demo_services
from oneworkforce.engines.disclosure import DEFAULT_RULE, MARKER
from oneworkforce.intelligence import metrics, workforce
from oneworkforce.intelligence.views.dashboard import BREAKDOWNS, SECTOR_FILTERS
from oneworkforce.partners.models import Membership, Organisation, Role, User
from oneworkforce.partners.tests.factories import api_token_for, token_header

COUNTED_UNITS = {"people", "posts"}
THRESHOLD = DEFAULT_RULE.threshold


@dataclass
class Table:
    caption: str = ""
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    @property
    def unit(self) -> str:
        return self.header[-1].lower() if self.header else ""


class _TableParser(HTMLParser):
    """Every ``<table>`` of a page: its caption, header cells and body rows, as the reader
    sees them (text a screen reader alone hears is left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self._table: Table | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._in_head = False
        self._in_caption = False
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self._hidden_depth:
            if tag == "span":
                self._hidden_depth += 1
            return
        if tag == "span" and "govuk-visually-hidden" in classes:
            self._hidden_depth = 1
        elif tag == "table":
            self._table = Table()
        elif tag == "caption":
            self._in_caption = True
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if self._hidden_depth:
            if tag == "span":
                self._hidden_depth -= 1
            return
        if tag == "table" and self._table is not None:
            self.tables.append(self._table)
            self._table = None
        elif tag == "caption":
            self._in_caption = False
        elif tag == "thead":
            self._in_head = False
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            if self._in_head:
                self._table.header = self._row
            else:
                self._table.rows.append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._hidden_depth or self._table is None:
            return
        if self._in_caption:
            self._table.caption += data.strip()
        elif self._cell is not None:
            self._cell.append(data)


def tables_in(html: str) -> list[Table]:
    parser = _TableParser()
    parser.feed(html)
    parser.close()
    return parser.tables


def shown_counts_in_html(html: str) -> Iterator[tuple[str, str]]:
    """(caption, figure) for every figure of every table whose unit is people or posts."""
    for table in tables_in(html):
        if table.unit in COUNTED_UNITS:
            for row in table.rows:
                yield table.caption, row[-1]


def shown_counts_in_csv(text: str) -> Iterator[tuple[str, str]]:
    """(title, figure) for every row of a CSV download whose unit is people or posts: the
    figures run from the row under the header to the first empty row."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not rows[0]:
        return
    title = rows[0][-1]
    if not title.endswith(tuple(f"({unit})" for unit in COUNTED_UNITS)):
        return
    for row in rows[1:]:
        if not row:
            return
        yield title, row[-1]


def is_small(figure: str) -> bool:
    """Whether ``figure`` is a count from 1 to the threshold less one ([c] and [x] are not)."""
    if figure in (MARKER, metrics.NOT_AVAILABLE):
        return False
    count = float(figure.replace(",", ""))
    return 1 <= count <= THRESHOLD - 1


def small_counts(found: Iterator[tuple[str, str]], where: str) -> list[tuple[str, str, str]]:
    return [(where, title, figure) for title, figure in found if is_small(figure)]


PEOPLE_TABLE = """
<table class="govuk-table">
<caption class="govuk-table__caption">Headcount on 31 March 2026</caption>
<thead><tr><th scope="col">Sector</th><th scope="col">{unit}</th></tr></thead>
<tbody>
<tr><th scope="row">Health</th><td class="ow-numeric">1,204</td></tr>
<tr><th scope="row">Social care</th><td class="ow-numeric">{figure}
<span class="govuk-visually-hidden">: 2 partners</span></td></tr>
<tr><th scope="row" class="ow-total">Total</th><td class="ow-numeric">[c]</td></tr>
</tbody></table>
"""


class TestTheWalksParsers:
    def test_finds_a_3_in_a_table_of_people(self):
        html = PEOPLE_TABLE.format(unit="People", figure="3")

        found = small_counts(shown_counts_in_html(html), "page")

        assert found == [("page", "Headcount on 31 March 2026", "3")]

    def test_finds_a_3_in_a_table_of_posts(self):
        html = PEOPLE_TABLE.format(unit="Posts", figure="3")

        assert len(small_counts(shown_counts_in_html(html), "page")) == 1

    def test_lets_a_3_in_a_table_of_percentages_pass(self):
        html = PEOPLE_TABLE.format(unit="Percent", figure="3")

        assert small_counts(shown_counts_in_html(html), "page") == []

    def test_reads_thousands_hidden_figures_and_the_screen_reader_text_aright(self):
        html = PEOPLE_TABLE.format(unit="People", figure="5")

        found = list(shown_counts_in_html(html))

        assert [figure for _, figure in found] == ["1,204", "5", "[c]"]
        assert small_counts(iter(found), "page") == []

    def test_finds_a_3_in_a_csv_of_people(self):
        text = "Sector,Headcount (people)\r\nHealth,120\r\nSocial care,3\r\n\r\nDefinition: x\r\n"

        found = small_counts(shown_counts_in_csv(text), "csv")

        assert found == [("csv", "Headcount (people)", "3")]

    def test_stops_a_csv_at_its_first_empty_row(self):
        text = "Sector,Headcount (people)\r\nHealth,120\r\n\r\nNote: 3\r\n"

        assert [figure for _, figure in shown_counts_in_csv(text)] == ["120"]

    def test_lets_a_3_in_a_csv_of_percentages_pass(self):
        text = "Sector,Turnover rate (percent)\r\nHealth,3.0%\r\n"

        assert list(shown_counts_in_csv(text)) == []


LOADED_AT = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_district(django_db_setup, django_db_blocker, tmp_path_factory):
    """The small demo district with its year of returns, built once for this module through
    the real upload and check, and rolled back after it."""
    var = tmp_path_factory.mktemp("var")
    with (
        django_db_blocker.unblock(),
        override_settings(VAR_DIR=var, MEDIA_ROOT=var / "media", PASSWORD_HASHERS=FAST_HASHERS),
        transaction.atomic(),
    ):
        loaded = demo_services.demo_district_load(
            size="small", seed=5, replace=False, loaded_at=LOADED_AT
        )
        yield loaded
        transaction.set_rollback(True)


def client_for(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def queries() -> list[dict[str, str]]:
    return [
        {"period": f"{period:%Y-%m-%d}", "by": by, "sector": sector}
        for period, by, sector in product(workforce.reporting_dates(), BREAKDOWNS, SECTOR_FILTERS)
    ]


@dataclass
class Walk:
    """What the walk saw: every small count found, and how much it looked at."""

    pages: list[tuple[str, str, str]] = field(default_factory=list)
    csvs: list[tuple[str, str, str]] = field(default_factory=list)
    api: list[tuple[str, str, str]] = field(default_factory=list)
    queries: int = 0
    counted_tables: int = 0
    counted_csvs: int = 0
    counted_api_metrics: int = 0
    hidden: int = 0


@pytest.fixture(scope="module")
def walk(demo_district, django_db_blocker) -> Walk:
    """An analyst's walk through every period, breakdown and sector filter: the dashboard,
    each metric's CSV and the API's answer, one query at a time (so each query's figures are
    computed once and the downloads come from the cache, as in use)."""
    seen = Walk()
    with django_db_blocker.unblock():
        analyst = client_for(f"analyst@{demo_services.DEMO_EMAIL_DOMAIN}")
        partnership = Organisation.objects.get(name=demo_services.PARTNERSHIP_NAME)
        _, key = api_token_for(organisation=partnership, role=Role.ANALYST)
        for query in queries():
            seen.queries += 1
            where = " ".join(f"{name}={value}" for name, value in query.items())
            response = analyst.get(reverse("intelligence:dashboard"), query)
            assert response.status_code == 200, where
            html = response.content.decode()
            counted = list(shown_counts_in_html(html))
            seen.counted_tables += sum(t.unit in COUNTED_UNITS for t in tables_in(html))
            seen.hidden += sum(figure == MARKER for _, figure in counted)
            seen.pages += small_counts(iter(counted), where)
            for metric_id in sorted(metrics.DEFINITIONS):
                response = analyst.get(
                    reverse("intelligence:dashboard-csv", args=[metric_id]), query
                )
                assert response.status_code == 200, (where, metric_id)
                counted = list(shown_counts_in_csv(response.content.decode()))
                seen.counted_csvs += bool(counted)
                seen.csvs += small_counts(iter(counted), f"{metric_id}.csv {where}")
            response = Client().get("/api/workforce-metrics/", query, **token_header(key))
            assert response.status_code == 200, where
            for item in response.json():
                if item["unit"] in COUNTED_UNITS:
                    seen.counted_api_metrics += 1
                    seen.api += small_counts(
                        ((item["id"], row["display"]) for row in item["rows"]), f"api {where}"
                    )
    return seen


@pytest.mark.slow
@pytest.mark.django_db
class TestTheAggregateWalk:
    """Every aggregate page and download an analyst can reach, for every period, breakdown
    and sector filter: none shows a count of people or posts from 1 to the threshold less one."""

    def test_walks_a_year_of_returns(self, demo_district, walk):
        assert len(workforce.reporting_dates()) == 4
        assert walk.queries == 4 * len(BREAKDOWNS) * len(SECTOR_FILTERS)

    def test_no_dashboard_page_shows_a_small_count(self, walk):
        assert walk.pages == []
        assert walk.counted_tables >= walk.queries * 3  # headcount, posts and more on each
        assert walk.hidden > 0  # the district is small enough for something to be hidden

    def test_no_csv_download_shows_a_small_count(self, walk):
        assert walk.csvs == []
        assert walk.counted_csvs >= walk.queries * 3

    def test_no_api_answer_shows_a_small_count(self, walk):
        assert walk.api == []
        assert walk.counted_api_metrics >= walk.queries * 3

    def test_no_benchmarks_page_of_any_employer_partner_shows_a_small_count(self, demo_district):
        employers = (
            Membership.objects.filter(role=Role.EMPLOYER_USER)
            .select_related("user", "organisation")
            .order_by("organisation__name")
        )
        found = []
        pages = 0

        for membership, period in product(employers, workforce.reporting_dates()):
            client = client_for(membership.user.email)
            response = client.get(
                reverse("intelligence:benchmarks"), {"period": f"{period:%Y-%m-%d}"}
            )
            assert response.status_code == 200, membership.organisation.name
            pages += 1
            found += small_counts(
                shown_counts_in_html(response.content.decode()), membership.organisation.name
            )

        assert found == []
        assert pages >= 10 * 4

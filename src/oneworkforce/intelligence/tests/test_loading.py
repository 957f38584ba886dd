"""Loading a return's normalised tables: every row written through the database driver in one
go, typed fields for queries beside a compact record that gives the tables back exactly."""

from __future__ import annotations

import json

import polars as pl
import pytest
from django.conf import settings
from django.utils import timezone

from oneworkforce.intelligence import loading
from oneworkforce.intelligence.models import (
    Person,
    Post,
    ReturnFormat,
    ReturnStatus,
    TrainingRecord,
    WorkforceReturn,
    Workplace,
)
from oneworkforce.intelligence.returns.formats import ASCWDS_TRAINING, FORMATS
from oneworkforce.intelligence.returns.normalised import NormalisedReturn, normalise
from oneworkforce.intelligence.returns.reading import read_upload
from oneworkforce.intelligence.returns.templates import template_csv
from oneworkforce.intelligence.returns.validation import validate
from oneworkforce.intelligence.tests.factories import (
    NHS_VALID,
    REPORTING_DATE,
    STAFF_VALID,
    WORKPLACE_VALID,
    sample,
)
from oneworkforce.partners.tests.factories import OrganisationFactory
from oneworkforce.reference import postcodes
from oneworkforce.reference.models import JobRole, RoleGroup

pytestmark = pytest.mark.django_db

FILES = {
    ReturnFormat.ASCWDS_STAFF: STAFF_VALID,
    ReturnFormat.ASCWDS_WORKPLACE: WORKPLACE_VALID,
    ReturnFormat.NHS_STAFF: NHS_VALID,
}
TABLES = ("workplaces", "workplace_roles", "people", "posts", "qualifications", "training")


def tables_of(file_format: str, content: bytes) -> NormalisedReturn:
    uploaded = read_upload(content=content, filename="return.csv", file_format=FORMATS[file_format])
    report = validate(uploaded, reference_date=REPORTING_DATE)
    assert not report.errors
    return normalise(
        uploaded, report=report, reference_date=REPORTING_DATE, ni_hash_key=settings.NI_HASH_KEY
    )


def loaded(file_format: str, tables: NormalisedReturn) -> WorkforceReturn:
    workforce_return = WorkforceReturn.objects.create(
        organisation=OrganisationFactory(),
        format=file_format,
        reporting_date=REPORTING_DATE,
        received_at=timezone.now(),
        file_name="return.csv",
        file_sha256="0" * 64,
        file_size=1,
        stored_file="returns/return.csv",
        status=ReturnStatus.LOADING,
    )
    loading.load_tables(workforce_return=workforce_return, tables=tables)
    return workforce_return


@pytest.fixture
def staff_tables() -> NormalisedReturn:
    return tables_of(ReturnFormat.ASCWDS_STAFF, sample(STAFF_VALID))


@pytest.fixture
def staff_return(staff_tables) -> WorkforceReturn:
    return loaded(ReturnFormat.ASCWDS_STAFF, staff_tables)


class TestStoredTables:
    @pytest.mark.parametrize("file_format", list(FILES))
    def test_give_back_the_normalised_tables_of_a_sample_exactly(self, file_format):
        tables = tables_of(file_format, sample(FILES[file_format]))

        stored = loading.stored_tables(loaded(file_format, tables))

        for name in TABLES:
            assert stored.__getattribute__(name).equals(tables.__getattribute__(name)), name

    def test_give_back_the_training_of_a_training_file_exactly(self):
        tables = tables_of(ReturnFormat.ASCWDS_TRAINING, template_csv(ASCWDS_TRAINING))

        stored = loading.stored_tables(loaded(ReturnFormat.ASCWDS_TRAINING, tables))

        assert not tables.training.is_empty()
        assert stored.training.equals(tables.training)


class TestRecords:
    def test_keep_no_empty_field(self, staff_return):
        records = Post.objects.filter(workforce_return=staff_return).values_list(
            "record", flat=True
        )

        assert all(None not in record.values() for record in records)

    def test_keep_each_persons_qualifications_with_them(self, staff_return, staff_tables):
        person_key = staff_tables.qualifications.get_column("person_key")[0]

        person = Person.objects.get(workforce_return=staff_return, key=person_key)

        expected = staff_tables.qualifications.filter(pl.col("person_key") == person_key)
        assert person.record["qualifications"] == [
            {name: value for name, value in row.items() if value is not None}
            for row in expected.iter_rows(named=True)
        ]

    def test_keep_text_that_looks_like_an_empty_field_as_it_is(self):
        tricky = 'a","b":null,"c'
        frame = pl.DataFrame({"first": [None, tricky], "second": [tricky, None]})

        records = frame.select(loading._record("first", "second")).to_series().to_list()

        assert [json.loads(record) for record in records] == [
            {"second": tricky},
            {"first": tricky},
        ]

    def test_of_a_row_with_every_field_empty_are_empty_objects(self):
        frame = pl.DataFrame(
            {"first": [None], "second": [None]}, schema={"first": pl.String, "second": pl.Int64}
        )

        records = frame.select(loading._record("first", "second")).to_series().to_list()

        assert records == ["{}"]


class TestTypedFields:
    def test_each_post_belongs_to_the_person_of_its_row(self, staff_return, staff_tables):
        pairs = set(
            Post.objects.filter(workforce_return=staff_return).values_list("key", "person__key")
        )

        assert pairs == set(staff_tables.posts.select("post_key", "person_key").iter_rows())

    def test_a_post_takes_its_role_name_and_group_from_the_reference_list(
        self, staff_return, staff_tables
    ):
        row = staff_tables.posts.row(0, named=True)
        role = JobRole.objects.get(key=row["job_role_key"])

        post = Post.objects.get(workforce_return=staff_return, key=row["post_key"])

        assert (post.job_role, post.role_group) == (role.name, role.role_group)
        assert post.is_manager == (role.role_group == RoleGroup.MANAGERIAL_SUPERVISORY)
        assert post.sector == "social_care"

    def test_a_post_keeps_its_dates_hours_and_flags(self, staff_return, staff_tables):
        for row in staff_tables.posts.iter_rows(named=True):
            post = Post.objects.get(workforce_return=staff_return, key=row["post_key"])

            assert (post.start_date, post.left_date) == (row["start_date"], row["leaving_date"])
            assert (post.contracted_hours, post.fte) == (row["contracted_hours"], row["fte"])
            assert post.is_zero_hours == bool(row["is_zero_hours"])
            assert post.is_care_providing == bool(row["is_care_providing"])
            assert post.contract_type == (row["contract_type"] or "")

    def test_a_post_is_in_the_local_authority_of_its_site(self):
        tables = tables_of(ReturnFormat.NHS_STAFF, sample(NHS_VALID))
        row = tables.posts.row(0, named=True)

        workforce_return = loaded(ReturnFormat.NHS_STAFF, tables)

        post = Post.objects.get(workforce_return=workforce_return, key=row["post_key"])
        assert post.sector == "health"
        assert post.site_postcode == row["site_postcode"]
        assert (
            post.local_authority_code == postcodes.lookup(row["site_postcode"]).local_authority_code
        )

    def test_a_level_5_care_qualification_is_a_leadership_qualification(
        self, staff_return, staff_tables
    ):
        levels = dict(
            staff_tables.people.select("person_key", "social_care_qualification_level").iter_rows()
        )

        people = Person.objects.filter(workforce_return=staff_return)

        for person in people:
            level = levels[person.key]
            expected = level if level is not None and level < loading.NOT_A_LEVEL else None
            assert person.care_qualification_level == expected
            assert person.has_leadership_qualification == (
                expected is not None and expected >= loading.LEADERSHIP_LEVEL
            )
        assert any(person.has_leadership_qualification for person in people)

    def test_a_person_keeps_their_birth_date_and_hashed_ni_number(self, staff_return, staff_tables):
        row = staff_tables.people.row(0, named=True)

        person = Person.objects.get(workforce_return=staff_return, key=row["person_key"])

        assert person.birth_date == row["date_of_birth"]
        assert person.ni_number_hash == (row["ni_number_hash"] or "")

    def test_a_workplace_keeps_its_declared_totals(self):
        tables = tables_of(ReturnFormat.ASCWDS_WORKPLACE, sample(WORKPLACE_VALID))
        row = tables.workplaces.row(0, named=True)

        workforce_return = loaded(ReturnFormat.ASCWDS_WORKPLACE, tables)

        workplace = Workplace.objects.get(
            workforce_return=workforce_return, key=row["workplace_key"]
        )
        assert (workplace.declared_staff, workplace.vacancies) == (
            row["total_permanent_and_temporary_staff"],
            row["vacancies_total"],
        )
        assert workplace.name == row["name"]

    def test_a_training_record_keeps_its_category_and_dates(self):
        tables = tables_of(ReturnFormat.ASCWDS_TRAINING, template_csv(ASCWDS_TRAINING))
        row = tables.training.row(0, named=True)

        workforce_return = loaded(ReturnFormat.ASCWDS_TRAINING, tables)

        record = TrainingRecord.objects.get(workforce_return=workforce_return)
        assert (record.person_key, record.category) == (row["person_key"], row["training_category"])
        assert (record.completed_date, record.expiry_date) == (
            row["completed_date"],
            row["expiry_date"],
        )


class TestRecruitmentSource:
    def test_a_posts_source_is_its_holders_recsource_named_from_the_asc_wds_list(self):
        import csv
        import io

        rows = list(csv.DictReader(io.StringIO(sample(STAFF_VALID).decode())))
        rows[0]["RECSOURCE"], rows[1]["RECSOURCE"] = "8", "3"  # 3 is not on the list
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        tables = tables_of(ReturnFormat.ASCWDS_STAFF, out.getvalue().encode())

        workforce_return = loaded(ReturnFormat.ASCWDS_STAFF, tables)

        people = tables.people.get_column("person_key").to_list()
        source_of = dict(
            Post.objects.filter(workforce_return=workforce_return).values_list(
                "person__key", "recruitment_source"
            )
        )
        assert source_of[people[0]] == "Internal promotion, transfer or career development"
        assert source_of[people[1]] == ""
        assert set(source_of.values()) == {
            "Internal promotion, transfer or career development",
            "",
        }

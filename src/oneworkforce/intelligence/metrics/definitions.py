"""Every metric as data: what it means in plain English, what it counts, and where it comes from.

A page shows ``definition`` beside the figure, and ``source`` under it. The wording of the
sources is in /work/shared/reference/domain-facts.md section 2 (metric definitions); where a
metric is this product's own (the leadership mapping), the source says so.

>>> DEFINITIONS["turnover_rate"].denominator
'Permanent and temporary posts in post on the date (agency, bank and other contracts are left out).'
>>> sorted({d.unit.value for d in DEFINITIONS.values()})
['FTE', 'days', 'people', 'percent', 'posts', 'years']
"""

from dataclasses import dataclass
from enum import StrEnum

__all__ = ["DEFINITIONS", "MetricDefinition", "Unit"]


class Unit(StrEnum):
    PEOPLE = "people"
    POSTS = "posts"
    FTE = "FTE"
    PERCENT = "percent"
    DAYS = "days"
    YEARS = "years"


@dataclass(frozen=True, slots=True)
class MetricDefinition:
    """One metric's meaning, shown beside it wherever it appears."""

    id: str
    title: str
    definition: str
    numerator: str
    denominator: str
    source: str
    unit: Unit


_SFC_BENCHMARKS = (
    "Skills for Care ASC-WDS benchmarks (NMDSdevopsServiceAdm/SopraSteria-SFC: "
    "backend/server/routes/v2/establishments/benchmarks/benchmarksService.js, {function})"
)
_FILLED_POSTS_SOURCE = (
    "Skills for Care reports jobs, FTE jobs and people separately "
    "(http://www.skillsforcare.org.uk/NMDS-SC-intelligence/NMDS-SC/Workforce-data-and-publications/"
    "Regional-and-local-information.aspx); NHS workforce statistics methodology "
    "(https://digital.nhs.uk/data-and-information/publications/statistical/"
    "nhs-workforce-statistics/june-2021/methodology)"
)
_WRES = (
    "NHS Workforce Race Equality Standard, indicator 1 (staff in each Agenda for Change band "
    "cluster compared with the whole workforce); clusters as set in issue 8: bands 1 to 5, "
    "6 to 7, 8a and above (verify against the current technical guidance)"
)
_WDES = (
    "NHS Workforce Disability Equality Standard, metric 1 (staff in each Agenda for Change "
    "band cluster compared with the whole workforce); clusters as set in issue 8 (verify "
    "against the current technical guidance)"
)
_ASCWDS_LISTS = (
    "ASC-WDS worker fields and the 2018 NMDS-SC code lists (SkillsforCare/nmds-sc-v2: "
    "htdocs/config/lookups/{list}.php)"
)
_PRODUCT = (
    "This product's own measure (issue 8, leadership and management mapping); see docs/metrics.md"
)
_IN_POST = "in post on the date"

_ALL = (
    MetricDefinition(
        "headcount",
        "Headcount",
        "The number of different people in post. Someone with two posts is one person, "
        "counted in the group of their main post (the one with the most FTE).",
        f"People {_IN_POST}, each once.",
        "None: a count.",
        _FILLED_POSTS_SOURCE,
        Unit.PEOPLE,
    ),
    MetricDefinition(
        "filled_posts",
        "Filled posts",
        "The number of posts held. Someone with two posts fills two.",
        f"Posts {_IN_POST}.",
        "None: a count.",
        _FILLED_POSTS_SOURCE,
        Unit.POSTS,
    ),
    MetricDefinition(
        "fte",
        "Full-time equivalent (FTE)",
        "The posts' contracted hours as full-time equivalents, added up: two half-time posts "
        "make 1.0 FTE. It measures capacity, not people.",
        f"The sum of FTE over posts {_IN_POST}.",
        "None: a total.",
        _FILLED_POSTS_SOURCE,
        Unit.FTE,
    ),
    MetricDefinition(
        "turnover_rate",
        "Turnover rate",
        "Of every 100 directly employed staff, how many left in the past 12 months.",
        "Permanent and temporary posts that ended in the 12 months to the date.",
        "Permanent and temporary posts in post on the date (agency, bank and other contracts "
        "are left out).",
        "Skills for Care turnover rate "
        "(https://www.nmds-sc-online.org.uk/reportengine/guestdashboard.aspx?type=TurnoverRate"
        "&keystat=true); " + _SFC_BENCHMARKS.format(function="getTurnover"),
        Unit.PERCENT,
    ),
    MetricDefinition(
        "starters_rate",
        "Starters rate",
        "Of every 100 directly employed staff, how many started in the past 12 months.",
        "Permanent and temporary posts that started in the 12 months to the date.",
        "Permanent and temporary posts in post on the date, as for turnover.",
        "Skills for Care, Recruitment and retention "
        "(https://www.skillsforcare.org.uk/adult-social-care-workforce-data/"
        "Workforce-intelligence/publications/Topics/Recruitment-and-retention.aspx); the "
        "denominator mirrors turnover (an assumption to verify)",
        Unit.PERCENT,
    ),
    MetricDefinition(
        "vacancy_rate",
        "Vacancy rate",
        "Of all the posts a partner needs filled (staff plus vacancies), the share that are "
        "vacant.",
        "Vacancies declared in the workplace returns.",
        "Permanent and temporary posts in post on the date, plus those vacancies.",
        _SFC_BENCHMARKS.format(function="getVacancies")
        + "; https://skillsforcare.org.uk/Workforce-Strategy/Introduction/Context.aspx",
        Unit.PERCENT,
    ),
    MetricDefinition(
        "stability_rate",
        "Stability",
        "The share of directly employed staff who have been in their post for 12 months or "
        "more. Not computed for a group where any start date is missing.",
        "Permanent and temporary posts in post on the date that started at least 12 months "
        "before it.",
        "Permanent and temporary posts in post on the date.",
        _SFC_BENCHMARKS.format(function="getTimeInRole"),
        Unit.PERCENT,
    ),
    MetricDefinition(
        "sickness_days",
        "Sickness",
        "The average number of days off sick in the past 12 months, among directly employed "
        "staff whose sickness is recorded.",
        "Days off sick, added up over the posts with sickness recorded.",
        "Permanent and temporary posts in post on the date with sickness recorded.",
        _SFC_BENCHMARKS.format(function="getSickness"),
        Unit.DAYS,
    ),
    MetricDefinition(
        "qualification_rate",
        "Care qualification rate",
        "The share of staff in care-providing roles who hold a relevant care qualification at "
        "level 2 or above.",
        "Care-providing posts in post on the date whose holder has a relevant qualification at "
        "level 2 or above.",
        "Care-providing posts in post on the date (a qualification not recorded counts as "
        "not held).",
        _SFC_BENCHMARKS.format(function="getQualifications"),
        Unit.PERCENT,
    ),
    MetricDefinition(
        "age_profile",
        "Age profile",
        "People in post by age band on the date, each person once (in their main post).",
        f"People {_IN_POST}, in each age band.",
        "None: counts.",
        "Skills for Care, Context (29% of the workforce is aged 55 or over: "
        "https://skillsforcare.org.uk/Workforce-Strategy/Introduction/Context.aspx)",
        Unit.PEOPLE,
    ),
    MetricDefinition(
        "share_aged_55_and_over",
        "Aged 55 or over",
        "The share of people in post aged 55 or over on the date: those who may retire within "
        "about ten years.",
        f"People {_IN_POST} aged 55 or over.",
        f"People {_IN_POST} whose date of birth is known.",
        "Skills for Care, Context "
        "(https://skillsforcare.org.uk/Workforce-Strategy/Introduction/Context.aspx)",
        Unit.PERCENT,
    ),
    MetricDefinition(
        "leavers_by_reason",
        "Leavers by reason",
        "Directly employed posts that ended in the past 12 months, by why the holder left.",
        "Permanent and temporary posts that ended in the 12 months to the date.",
        "None: counts (they add up to turnover's leavers).",
        _ASCWDS_LISTS.format(list="reasons"),
        Unit.POSTS,
    ),
    MetricDefinition(
        "leavers_by_destination",
        "Leavers by destination",
        "Directly employed posts that ended in the past 12 months, by where the holder went.",
        "Permanent and temporary posts that ended in the 12 months to the date.",
        "None: counts (they add up to turnover's leavers).",
        _ASCWDS_LISTS.format(list="destinations"),
        Unit.POSTS,
    ),
    MetricDefinition(
        "recruitment_source",
        "Starters by recruitment source",
        "Directly employed posts that started in the past 12 months, by where the holder was "
        "recruited from.",
        "Permanent and temporary posts that started in the 12 months to the date.",
        "None: counts (they add up to the starters rate's starters).",
        "ASC-WDS worker field RECSOURCE, named by the ASC-WDS recruitment-source list "
        "(NMDSdevopsServiceAdm/SopraSteria-SFC: backend/reference/recruitment.js)",
        Unit.POSTS,
    ),
    MetricDefinition(
        "manager_posts",
        "Manager posts",
        "Posts in management and supervision in post on the date, by role and setting.",
        "Manager posts in post on the date (any contract).",
        "None: counts.",
        _PRODUCT + "; role groups from ASC-WDS (managerial/supervisory)",
        Unit.POSTS,
    ),
    MetricDefinition(
        "leadership_qualification_rate",
        "Managers with a Level 5 leadership qualification",
        "The share of manager posts whose holder has a Level 5 qualification in leadership and "
        "management (the Level 5 Diploma in Leadership and Management for Adult Care or its "
        "equivalent).",
        "Manager posts in post on the date whose holder has a Level 5 leadership qualification.",
        "Manager posts in post on the date.",
        _PRODUCT
        + "; progression ladder in domain-facts section 3.7 (https://vts.ac.uk/adult-social-care)",
        Unit.PERCENT,
    ),
    MetricDefinition(
        "manager_time_in_post",
        "Managers' time in post",
        "The median time manager post holders have been in their post, in years.",
        "Years from each manager post's start date to the date (middle value).",
        "Manager posts in post on the date whose start date is known.",
        _PRODUCT,
        Unit.YEARS,
    ),
    MetricDefinition(
        "succession_gap_rate",
        "Manager posts with no one ready to succeed",
        "The share of manager posts with no one at the same workplace (or, where the post has "
        "no workplace, in the same organisation) ready to step up: nobody else in post as a "
        "deputy manager, team leader, supervisor or first-line manager who holds a Level 5 "
        "leadership qualification or a care qualification at level 5 or above.",
        "Manager posts in post on the date with no one ready to succeed.",
        "Manager posts in post on the date, except the deputy, team leader, supervisor and "
        "first-line manager posts themselves.",
        _PRODUCT,
        Unit.PERCENT,
    ),
    MetricDefinition(
        "sex_profile",
        "Sex",
        "People in post by sex, each person once (in their main post).",
        f"People {_IN_POST}.",
        "None: counts.",
        "ASC-WDS worker field GENDER (domain-facts section 1.2)",
        Unit.PEOPLE,
    ),
    MetricDefinition(
        "ethnicity_profile",
        "Ethnic group",
        "People in post by ethnic group, each person once (in their main post).",
        f"People {_IN_POST}.",
        "None: counts.",
        "ASC-WDS worker field ETHNICITY, grouped as ONS-style categories "
        "(domain-facts section 1.2)",
        Unit.PEOPLE,
    ),
    MetricDefinition(
        "disability_profile",
        "Disability",
        "People in post by whether they have told their employer they are disabled, each "
        "person once (in their main post).",
        f"People {_IN_POST}.",
        "None: counts.",
        "ASC-WDS worker field DISABLED (domain-facts section 1.2)",
        Unit.PEOPLE,
    ),
    MetricDefinition(
        "nhs_ethnic_minority_share_by_band",
        "NHS staff from ethnic minority backgrounds, by band",
        "In NHS partners, the share of staff from ethnic minority backgrounds (every group "
        "other than White) in each Agenda for Change band cluster, beside the share in all "
        "bands.",
        "NHS staff on an Agenda for Change band from an ethnic minority background.",
        "NHS staff on an Agenda for Change band (ethnic group not known included).",
        _WRES,
        Unit.PERCENT,
    ),
    MetricDefinition(
        "nhs_disabled_share_by_band",
        "NHS staff who are disabled, by band",
        "In NHS partners, the share of staff who have told their employer they are disabled in "
        "each Agenda for Change band cluster, beside the share in all bands.",
        "NHS staff on an Agenda for Change band who are disabled.",
        "NHS staff on an Agenda for Change band (disability not known included).",
        _WDES,
        Unit.PERCENT,
    ),
)

DEFINITIONS: dict[str, MetricDefinition] = {definition.id: definition for definition in _ALL}
"""Every metric's definition, by id."""

"""Reference lists the rest of the product points at: job roles, NHS staff groups,
qualifications, training subjects, apprenticeship standards and the ASC-WDS code lists.

Every row comes from a data file under ``reference/data/`` and is keyed by ``key``, a slug this
project owns and never reuses. Outside codes (an ASC-WDS code, an ST reference) sit in their
own fields and may be empty where no public source gives them. ``source_date`` records which
version of the data file loaded the row; a row dropped from its file gets ``retired_at`` and
stays, because other tables point at it. Outside codes are unique among current rows only,
so that a code can pass from a retired row to a new one.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from oneworkforce.core.models import BaseModel


class Sector(models.TextChoices):
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    BOTH = "both", "Health and social care"


class RoleGroup(models.TextChoices):
    """The ASC-WDS job role groups."""

    CARE_PROVIDING = "care_providing", "Care providing roles"
    PROFESSIONAL = "professional", "Professional and related roles"
    MANAGERIAL_SUPERVISORY = "managerial_supervisory", "Managerial and supervisory roles"
    IT_DIGITAL_DATA = "it_digital_data", "IT, digital and data roles"
    OTHER = "other", "Other roles"


class JobRoleSource(models.TextChoices):
    ASCWDS = "ascwds", "Adult social care workforce data set (ASC-WDS)"
    NHS = "nhs", "NHS National Workforce Data Set"


class QualificationKind(models.TextChoices):
    CERTIFICATE = "certificate", "Certificate"
    AWARD = "award", "Award"
    DIPLOMA = "diploma", "Diploma"
    NVQ = "nvq", "NVQ"
    DEGREE = "degree", "Degree"
    REGISTRATION = "registration", "Professional registration"
    OTHER = "other", "Other"


class TrainingFramework(models.TextChoices):
    CSTF = "cstf", "NHS Core Skills Training Framework"
    CARE_CERTIFICATE = "care_certificate", "Care Certificate"
    DEMENTIA = "dementia", "Dementia Training Standards Framework"
    SAFEGUARDING = "safeguarding", "Safeguarding (intercollegiate documents)"
    OLIVER_MCGOWAN = "oliver_mcgowan", "Oliver McGowan Mandatory Training"
    OTHER = "other", "Other"


class RenewalRule(models.TextChoices):
    PERIODIC = "periodic", "Renew every so many months"
    ONCE = "once", "Once only"
    LOCAL = "local", "Set by each organisation"


class CodeList(models.TextChoices):
    """The code lists held as ``CodeListItem`` rows; each has a file ``data/codes/<value>.csv``."""

    EMPLOYER_TYPE = "ascwds_employer_type", "ASC-WDS employer type (ESTTYPE)"
    REGISTRATION_TYPE = "ascwds_registration_type", "ASC-WDS CQC registration type (REGTYPE)"
    RECORD_STATUS = "ascwds_record_status", "ASC-WDS record status (STATUS)"
    YES_NO_DONT_KNOW = "ascwds_yes_no_dont_know", "ASC-WDS yes / no / don't know"
    SERVICE = "ascwds_service", "ASC-WDS services (MAINSERVICE, ALLSERVICES)"
    CONTRACT_TYPE = "ascwds_contract_type", "ASC-WDS contract type (EMPLSTATUS)"
    CARE_WORKFORCE_PATHWAY = "ascwds_care_workforce_pathway", "ASC-WDS Care Workforce Pathway"
    GENDER = "ascwds_gender", "ASC-WDS gender (GENDER)"
    DISABILITY = "ascwds_disability", "ASC-WDS disability (DISABLED)"
    CARE_CERTIFICATE = "ascwds_care_certificate", "ASC-WDS Care Certificate (CARECERT)"
    L2_CARE_CERTIFICATE = "ascwds_l2_care_certificate", "ASC-WDS Level 2 certificate (L2CARECERT)"
    RECRUITMENT_SOURCE = "ascwds_recruitment_source", "ASC-WDS recruitment source (RECSOURCE)"
    SALARY_INTERVAL = "ascwds_salary_interval", "ASC-WDS salary interval (SALARYINT)"
    NMC_REGISTRATION = "ascwds_nmc_registration", "ASC-WDS NMC registration (NMCREG)"
    QUALIFICATION_LEVEL = "ascwds_qualification_level", "ASC-WDS qualification level"
    ETHNICITY = "ascwds_ethnicity", "ASC-WDS ethnicity (ETHNICITY)"
    TRAINING_CATEGORY = "ascwds_training_category", "ASC-WDS training category (CATEGORY)"
    LEAVING_REASON_2018 = "ascwds_leaving_reason_2018", "NMDS-SC reasons for leaving (2018)"
    LEAVING_DESTINATION_2018 = "ascwds_leaving_destination_2018", "NMDS-SC destinations (2018)"
    WORKER_LEAVE_REASON = "ascwds_worker_leave_reason", "ASC-WDS reasons a worker left"


class ReferenceRow(BaseModel):
    key = models.SlugField(max_length=80)
    notes = models.TextField(blank=True)
    source_date = models.DateField(help_text="The version of the data file that loaded this row.")
    retired_at = models.DateTimeField(
        null=True, blank=True, help_text="When the row disappeared from its data file."
    )

    class Meta:
        abstract = True

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class StaffGroup(ReferenceRow):
    """An NHS staff group as the Electronic Staff Record and the NWD classify posts."""

    name = models.CharField(max_length=100)
    sector = models.CharField(max_length=16, choices=Sector.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key"], name="staff_group_key_unique"),
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values), name="staff_group_sector_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class JobRole(ReferenceRow):
    """A job role. The ASC-WDS main job roles carry their bulk-upload code; each maps to a
    sector and to the NHS staff groups of its nearest NHS counterparts."""

    name = models.CharField(max_length=120)
    source = models.CharField(max_length=16, choices=JobRoleSource.choices)
    ascwds_code = models.PositiveSmallIntegerField(
        "ASC-WDS code", null=True, blank=True, help_text="MAINJOBROLE / ALLJOBROLES code."
    )
    role_group = models.CharField(max_length=32, choices=RoleGroup.choices)
    sector = models.CharField(max_length=16, choices=Sector.choices)
    is_care_providing = models.BooleanField(default=False)
    in_bulk_upload = models.BooleanField(
        default=True, help_text="Accepted as a main job role in current ASC-WDS returns."
    )
    needs_description = models.BooleanField(
        default=False, help_text="ASC-WDS asks for a description (MAINJRDESC) with this role."
    )
    nhs_staff_groups = models.ManyToManyField(StaffGroup, blank=True, related_name="job_roles")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key"], name="job_role_key_unique"),
            models.UniqueConstraint(
                fields=["source", "ascwds_code"],
                condition=Q(ascwds_code__isnull=False, retired_at__isnull=True),
                name="job_role_ascwds_code_unique",
            ),
            models.CheckConstraint(
                condition=Q(source__in=JobRoleSource.values), name="job_role_source_known"
            ),
            models.CheckConstraint(
                condition=Q(role_group__in=RoleGroup.values), name="job_role_group_known"
            ),
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values), name="job_role_sector_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Qualification(ReferenceRow):
    name = models.CharField(max_length=200)
    rqf_level = models.PositiveSmallIntegerField(
        "RQF level",
        null=True,
        blank=True,
        help_text="Empty where the award has no level: the Care Certificate, registrations.",
    )
    kind = models.CharField(max_length=16, choices=QualificationKind.choices)
    sector = models.CharField(max_length=16, choices=Sector.choices)
    is_relevant_care_qualification = models.BooleanField(
        default=False,
        help_text="Counts towards the share of care-providing staff with a relevant level 2+ "
        "qualification (when its RQF level is 2 or more).",
    )
    is_legacy = models.BooleanField(default=False, help_text="No longer open to new learners.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key"], name="qualification_key_unique"),
            models.CheckConstraint(
                condition=Q(rqf_level__isnull=True) | Q(rqf_level__lte=8),
                name="qualification_rqf_level_0_to_8",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=QualificationKind.values), name="qualification_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values), name="qualification_sector_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TrainingSubject(ReferenceRow):
    """One subject at one level of a training framework, with its default renewal rule.
    Organisations may set their own intervals; these are the national defaults."""

    name = models.CharField(max_length=200)
    framework = models.CharField(max_length=32, choices=TrainingFramework.choices)
    framework_version = models.CharField(max_length=16, blank=True)
    number = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The standard's number, for numbered standards."
    )
    level = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Level or tier within the framework."
    )
    in_cstf = models.BooleanField(
        "part of the CSTF", default=False, help_text="One of the Core Skills Training Framework."
    )
    renewal_rule = models.CharField(max_length=16, choices=RenewalRule.choices)
    renewal_months = models.PositiveSmallIntegerField(null=True, blank=True)
    refresher_hours_per_three_years = models.PositiveSmallIntegerField(null=True, blank=True)
    ascwds_training_category = models.CharField(
        "ASC-WDS training category code",
        max_length=8,
        blank=True,
        help_text="Code in the ascwds_training_category list; empty when none fits.",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key"], name="training_subject_key_unique"),
            models.UniqueConstraint(
                fields=["framework", "framework_version", "number"],
                condition=Q(number__isnull=False, retired_at__isnull=True),
                name="training_subject_number_unique_in_framework_version",
            ),
            models.CheckConstraint(
                condition=Q(framework__in=TrainingFramework.values),
                name="training_subject_framework_known",
            ),
            models.CheckConstraint(
                condition=(
                    Q(renewal_rule=RenewalRule.PERIODIC, renewal_months__gt=0)
                    | (
                        Q(renewal_rule__in=[RenewalRule.ONCE, RenewalRule.LOCAL])
                        & Q(renewal_months__isnull=True)
                    )
                ),
                name="training_subject_periodic_has_months",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ApprenticeshipStandard(ReferenceRow):
    reference = models.CharField(
        max_length=10, blank=True, help_text="Skills England reference such as ST0005."
    )
    version = models.CharField(max_length=10, blank=True)
    title = models.CharField(max_length=200)
    level = models.PositiveSmallIntegerField()
    funding_band_max = models.PositiveIntegerField(
        null=True, blank=True, help_text="Upper limit of the funding band, in whole pounds."
    )
    sector = models.CharField(max_length=16, choices=Sector.choices)
    lars_code = models.CharField("LARS code", max_length=10, blank=True)
    mandatory_qualification = models.ForeignKey(
        Qualification,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="apprenticeship_standards",
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key"], name="apprenticeship_standard_key_unique"),
            models.UniqueConstraint(
                fields=["reference"],
                condition=~Q(reference="") & Q(retired_at__isnull=True),
                name="apprenticeship_standard_reference_unique",
            ),
            models.CheckConstraint(
                condition=Q(level__gte=2, level__lte=7),
                name="apprenticeship_standard_level_2_to_7",
            ),
            models.CheckConstraint(
                condition=Q(funding_band_max__isnull=True) | Q(funding_band_max__gt=0),
                name="apprenticeship_standard_band_positive",
            ),
            models.CheckConstraint(
                condition=Q(sector__in=Sector.values),
                name="apprenticeship_standard_sector_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.reference})" if self.reference else self.title


class CodeListItem(ReferenceRow):
    """One code of a published code list, such as an ASC-WDS contract type. ``code`` is the
    value as the source writes it (a string: some are words, and 999 is not a number to add);
    it is empty where no public source gives one."""

    list_name = models.CharField(max_length=48, choices=CodeList.choices)
    code = models.CharField(max_length=16, blank=True)
    label = models.CharField(max_length=200)
    group = models.CharField(max_length=32, blank=True)
    sort_order = models.PositiveSmallIntegerField()
    is_legacy = models.BooleanField(
        default=False, help_text="Only in an older version of the list; kept to read old records."
    )

    class Meta:
        # No check on list_name: an older data migration must be able to load a list added later.
        constraints = [
            models.UniqueConstraint(fields=["list_name", "key"], name="code_list_item_key_unique"),
            models.UniqueConstraint(
                fields=["list_name", "code"],
                condition=~Q(code="") & Q(retired_at__isnull=True),
                name="code_list_item_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.label}" if self.code else self.label

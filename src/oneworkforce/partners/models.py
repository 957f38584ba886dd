"""Partner organisations, their sites, the people who sign in, and what they may do.

A person signs in as a ``User``; what they may see follows from their ``Membership``s: one
organisation and one role each. Data-sharing agreements say which organisational data one
partner lets another see, and when.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oneworkforce.core.models import BaseModel


class Role(models.TextChoices):
    PARTNERSHIP_ADMIN = "partnership_admin", "Partnership administrator"
    RECRUITMENT_ADVISER = "recruitment_adviser", "Recruitment adviser"
    EMPLOYER_USER = "employer_user", "Employer user"
    ACADEMY_COORDINATOR = "academy_coordinator", "Academy coordinator"
    ANALYST = "analyst", "Analyst"
    BOARD_MEMBER = "board_member", "Board member"


class Sector(models.TextChoices):
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    BOTH = "both", "Health and social care"
    EDUCATION = "education", "Education and training"
    PARTNERSHIP = "partnership", "Partnership"


class OrganisationKind(models.TextChoices):
    # Translated: candidates choosing whom to share their profile with read these in Urdu.
    PARTNERSHIP = "partnership", _("Partnership central team")
    COUNCIL = "council", _("Council")
    NHS_TRUST = "nhs_trust", _("NHS trust")
    ICB = "icb", _("Integrated care board")
    GP_PRACTICE = "gp_practice", _("GP practice")
    COLLEGE = "college", _("College")
    UNIVERSITY = "university", _("University")
    CARE_HOME_PROVIDER = "care_home_provider", _("Care home provider")
    HOME_CARE_AGENCY = "home_care_agency", _("Home-care agency")
    VOLUNTARY_GROUP = "voluntary_group", _("Voluntary or community group")
    TRAINING_PROVIDER = "training_provider", _("Training provider")


SECTOR_OF_KIND: dict[str, str] = {
    OrganisationKind.PARTNERSHIP: Sector.PARTNERSHIP,
    OrganisationKind.COUNCIL: Sector.SOCIAL_CARE,
    OrganisationKind.NHS_TRUST: Sector.HEALTH,
    OrganisationKind.ICB: Sector.HEALTH,
    OrganisationKind.GP_PRACTICE: Sector.HEALTH,
    OrganisationKind.COLLEGE: Sector.EDUCATION,
    OrganisationKind.UNIVERSITY: Sector.EDUCATION,
    OrganisationKind.CARE_HOME_PROVIDER: Sector.SOCIAL_CARE,
    OrganisationKind.HOME_CARE_AGENCY: Sector.SOCIAL_CARE,
    OrganisationKind.VOLUNTARY_GROUP: Sector.BOTH,
    OrganisationKind.TRAINING_PROVIDER: Sector.EDUCATION,
}


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: object) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: object) -> User:
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """Someone who signs in. E-mail is the sign-in name; what they see comes from memberships."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ignoring_case"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:
        # Nobody uses Django's own admin site: every task has a page in the product.
        return False


class Organisation(BaseModel):
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    cqc_provider_id = models.CharField("CQC provider ID", max_length=20, blank=True)
    ods_code = models.CharField("NHS ODS code", max_length=10, blank=True)
    ascwds_workplace_id = models.CharField("ASC-WDS workplace ID", max_length=20, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ignoring_case"),
            models.UniqueConstraint(
                fields=["cqc_provider_id"],
                condition=~Q(cqc_provider_id=""),
                name="organisation_cqc_provider_id_unique",
            ),
            models.UniqueConstraint(
                fields=["ods_code"], condition=~Q(ods_code=""), name="organisation_ods_code_unique"
            ),
            models.UniqueConstraint(
                fields=["ascwds_workplace_id"],
                condition=~Q(ascwds_workplace_id=""),
                name="organisation_ascwds_workplace_id_unique",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def sector(self) -> str:
        return SECTOR_OF_KIND[self.kind]

    def get_sector_display(self) -> str:
        return Sector(self.sector).label


class Site(BaseModel):
    """A place where an organisation's people work: a care home, a hospital, an office."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="sites")
    name = models.CharField(max_length=200)
    address_line_1 = models.CharField(max_length=200)
    address_line_2 = models.CharField(max_length=200, blank=True)
    town = models.CharField(max_length=100)
    postcode = models.CharField(max_length=8)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    local_authority_code = models.CharField(max_length=9, blank=True)
    cqc_location_id = models.CharField("CQC location ID", max_length=20, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                "organisation", Lower("name"), name="site_name_unique_within_organisation"
            ),
            models.UniqueConstraint(
                fields=["cqc_location_id"],
                condition=~Q(cqc_location_id=""),
                name="site_cqc_location_id_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.postcode}"


class Membership(BaseModel):
    """One user's role at one organisation."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(max_length=32, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="membership_role_known"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}, {self.organisation}"


class Invitation(BaseModel):
    """An e-mailed offer to join an organisation in a role; the link carries a one-time token."""

    email = models.EmailField()
    full_name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "organisation",
                "role",
                condition=Q(accepted_at__isnull=True, cancelled_at__isnull=True),
                name="invitation_one_open_per_email_organisation_role",
            ),
        ]


class SharingScope(models.TextChoices):
    WORKFORCE_AGGREGATES = "workforce_aggregates", "Workforce figures (aggregates)"
    WORKFORCE_RECORDS = "workforce_records", "Staff records"
    VACANCIES = "vacancies", "Vacancies and recruitment figures"
    TRAINING_RECORDS = "training_records", "Training records"


class DataSharingAgreement(BaseModel):
    """``provider`` lets ``recipient`` see its data of one scope from ``start_date`` to
    ``end_date`` inclusive. It governs organisational and workforce data only: it never widens
    what a candidate's own consent allows."""

    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="agreements_given"
    )
    recipient = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="agreements_received"
    )
    scope = models.CharField(max_length=32, choices=SharingScope.choices)
    purpose = models.TextField()
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(provider=models.F("recipient")),
                name="agreement_between_two_organisations",
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="agreement_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(scope__in=SharingScope.values), name="agreement_scope_known"
            ),
        ]


class AuditAction(models.TextChoices):
    VIEWED = "viewed", "Viewed"
    CREATED = "created", "Created"
    CHANGED = "changed", "Changed"
    DELETED = "deleted", "Deleted"
    EXPORTED = "exported", "Exported"
    DEACTIVATED = "deactivated", "Deactivated"
    INVITED = "invited", "Invited"


class AuditEvent(models.Model):
    """Who did what to which record, and when — never the record's personal content, so that
    erasing a person later leaves the log truthful."""

    occurred_at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    actor_label = models.CharField(max_length=200)
    actor_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    record_type = models.CharField(max_length=100, db_index=True)
    record_id = models.CharField(max_length=64)
    record_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    fields_changed = models.JSONField(default=list, blank=True)

    class Meta:
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action} {self.record_type} #{self.record_id}"


class OutboxChannel(models.TextChoices):
    EMAIL = "email", "E-mail"
    TEXT = "text", "Text message"


class OutboxMessage(models.Model):
    """Every message the product sends, as an administrator may read it (one-time links
    masked, so reading the outbox never lets anyone sign in as someone else)."""

    sent_at = models.DateTimeField(db_index=True)
    channel = models.CharField(max_length=8, choices=OutboxChannel.choices)
    recipients = models.JSONField()
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField()
    delivered = models.BooleanField()
    failure = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {', '.join(self.recipients)}: {self.subject}"


class ApiToken(BaseModel):
    """A key for the API that belongs to one organisation and one role. Only its hash is
    stored; the key is shown once, when it is made."""

    name = models.CharField(max_length=100)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="api_tokens"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    key_prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

"""Publish the question bank shipped in ``assessment/data/default_bank.json`` as version 1.

Later changes to the shipped file do not reach a running installation through this migration:
advisers own the bank from here on, and publish their own versions.
"""

import json
from pathlib import Path

from django.db import migrations
from django.utils import timezone

DEFAULT_BANK = Path(__file__).resolve().parent.parent / "data" / "default_bank.json"


def publish_default_bank(apps, schema_editor):
    BankVersion = apps.get_model("assessment", "BankVersion")
    if BankVersion.objects.exists():
        return
    now = timezone.now()
    BankVersion.objects.create(
        number=1,
        status="published",
        document=json.loads(DEFAULT_BANK.read_text(encoding="utf-8")),
        change_note="The question bank shipped with One Workforce.",
        created_at=now,
        published_at=now,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("assessment", "0001_attempts_bank_versions_notes"),
    ]

    operations = [
        migrations.RunPython(publish_default_bank, reverse_code=migrations.RunPython.noop),
    ]

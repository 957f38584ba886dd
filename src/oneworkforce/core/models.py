"""The shared base model: every table records when its rows were made and last changed."""

from django.db import models
from django.utils import timezone


class BaseModel(models.Model):
    # A default, not auto_now_add, so that services told the time can record it.
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

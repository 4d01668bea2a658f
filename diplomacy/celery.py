"""The Celery app of the extraction workers (README "Running workers"), as Celery's Django
guide sets it up: settings prefixed ``CELERY_`` in ``diplomacy.settings``, tasks in
``search.intake.tasks``. Only workers and ``import_articles --queue`` import this; the
site and the default import need neither Celery nor Redis."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")

app = Celery("diplomacy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["search.intake"])

"""The admin site: Django's own, and one repair to every model admin registered on it.

A changelist or change form asked for ``?_to_field=quotes`` (the reverse relation from a
speaker to its quotes) fails with AttributeError inside Django's
``ModelAdmin.to_field_allowed``: a reverse relation has no ``primary_key``. That is a 500 for
a URL anybody can type. Such a name references no column, so it is refused as an unknown
field is: Django then answers 400 ("The field quotes cannot be referenced.")."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import FieldDoesNotExist


class ReferencesColumnsOnly:
    """Mixed into every model admin: ``_to_field`` may name only a field with a column."""

    def to_field_allowed(self, request, to_field: str) -> bool:
        try:
            field = self.opts.get_field(to_field)
        except FieldDoesNotExist:
            return False
        if not field.concrete:  # a reverse relation, or a many-to-many field
            return False
        return super().to_field_allowed(request, to_field)


class Site(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, ReferencesColumnsOnly):
            admin_class = type(admin_class.__name__, (ReferencesColumnsOnly, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)


class DiplomacyAdminConfig(AdminConfig):
    default_site = "diplomacy.admin_site.Site"

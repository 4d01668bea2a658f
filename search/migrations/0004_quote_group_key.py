# The grouping key of the same statement across articles (search.text.quote_groups), computed
# when a quote is saved; existing quotes get theirs here.

from django.db import migrations, models


def fill_group_keys(apps, schema_editor):
    from search.text.quote_groups import group_key

    Quote = apps.get_model("search", "Quote")
    batch = []
    for quote in Quote.objects.only("pk", "text").iterator(chunk_size=2000):
        quote.group_key = group_key(quote.text)
        batch.append(quote)
        if len(batch) >= 2000:
            Quote.objects.bulk_update(batch, ["group_key"])
            batch = []
    if batch:
        Quote.objects.bulk_update(batch, ["group_key"])


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0003_speaker_alias_and_postgres_search"),
    ]

    operations = [
        migrations.AddField(
            model_name="quote",
            name="group_key",
            field=models.CharField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="Shared by the same statement carried in other articles (quote_groups).",
                max_length=40,
            ),
        ),
        migrations.RunPython(fill_group_keys, migrations.RunPython.noop),
    ]

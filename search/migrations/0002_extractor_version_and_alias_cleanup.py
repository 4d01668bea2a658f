"""Articles remember which extractor rules found their quotes, so ``reextract_quotes`` can
bring older ones up to date; and the aliases that never named anybody are removed.

The first extractor stored every mention of a speaker as an alias, pronouns included: on
the Reuters corpus 278 speakers had the alias "He", so ``speaker:he`` matched 2,145 quotes
by dozens of people. An alias is kept only when it holds a word of the speaker's name
("Bocharnikov", "Ambassador Bocharnikov"); pronouns, role nouns ("the ambassador") and
time phrases go. The rule is written out here, frozen, as migrations must be.
"""

import re

import search.models
from django.db import migrations, models

NOT_NAME_WORDS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "him", "her", "them", "us", "his",
    "hers", "their", "our", "who", "whom", "which", "that", "this", "these", "those", "mr",
    "mrs", "ms", "dr", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "according", "speaking", "answering",
}


def _name_words(text):
    return {
        w.casefold()
        for w in re.findall(r"[^\W\d_][\w’'-]*", text)
        if w[:1].isupper() and w.casefold() not in NOT_NAME_WORDS
    }


def remove_aliases_that_name_nobody(apps, schema_editor):
    Speaker = apps.get_model("search", "Speaker")
    for speaker in Speaker.objects.exclude(aliases=[]).iterator():
        own = _name_words(speaker.name)
        kept = [a for a in speaker.aliases if _name_words(a) & own]
        if kept != speaker.aliases:
            Speaker.objects.filter(pk=speaker.pk).update(aliases=kept)


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        # Articles stored before this migration get an empty version: "older rules".
        migrations.AddField(
            model_name="article",
            name="extractor_version",
            field=models.CharField(blank=True, default="", editable=False, max_length=40),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="article",
            name="extractor_version",
            field=models.CharField(
                blank=True,
                default=search.models.current_extractor_version,
                editable=False,
                help_text="The quote extractor's rules that found this article's quotes; "
                "empty for articles stored before versions were kept.",
                max_length=40,
            ),
        ),
        migrations.RunPython(remove_aliases_that_name_nobody, migrations.RunPython.noop),
    ]

from django import template

from search.pages.article_markup import speaker_class

register = template.Library()


@register.filter
def colour_class(speaker_id) -> str:
    """The palette class of a speaker: one colour per person across the site."""
    return speaker_class(speaker_id)

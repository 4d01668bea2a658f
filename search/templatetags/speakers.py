from django import template

from search.models import Quote
from search.pages.article_markup import speaker_class

register = template.Library()


@register.filter
def colour_class(speaker_id) -> str:
    """The palette class of a speaker: one colour per person across the site."""
    return speaker_class(speaker_id)


@register.filter
def how_found(attribution: str) -> str:
    """The words for how a quote's speaker was found ("by role"), from the stored value."""
    return dict(Quote.Attribution.choices).get(attribution, "")

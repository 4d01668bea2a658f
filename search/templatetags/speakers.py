from django import template

from search.article_markup import speaker_colour

register = template.Library()


@register.filter
def colour_class(speaker_id) -> str:
    """The palette class of a speaker: one colour per person across the site."""
    colour = speaker_colour(speaker_id)
    return "speaker-none" if colour < 0 else f"speaker-{colour}"

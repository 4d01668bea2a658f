from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def also_reported(context, quote_id: int) -> str:
    """ "Also reported by N outlets", linking to where the quote page lists them; the view
    puts ``Quote.also_reported`` for the page's hits in the context."""
    outlets, articles = (context.get("also_reported") or {}).get(quote_id, (0, 0))
    if not articles:
        return ""
    if outlets:
        text = f"also reported by {outlets} outlet{'s' if outlets != 1 else ''}"
    else:
        text = f"also in {articles} other article{'s' if articles != 1 else ''}"
    return format_html(
        '<a class="also-reported" id="also-reported-{}" href="/quotes/{}/#same-statement" '
        'hx-boost="false">{}</a>',
        quote_id,
        quote_id,
        text,
    )

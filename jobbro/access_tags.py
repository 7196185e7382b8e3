"""``{% can "action" %}…{% else %}…{% endcan %}``: the door's role table in templates.

Templates never compare roles; they ask ``can`` like the views do, and an unknown
action fails when the template is compiled. Registered as a builtin (settings.TEMPLATES).
"""

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token

from jobbro.access import RULES, can

register = template.Library()


class CanNode(template.Node):
    def __init__(self, action: FilterExpression, yes: NodeList, no: NodeList) -> None:
        self.action, self.yes, self.no = action, yes, no

    def render(self, context: template.Context) -> str:
        user = context.get("user")
        if user is None and (request := context.get("request")) is not None:
            user = request.user
        allowed = user is not None and can(user, self.action.resolve(context))
        return (self.yes if allowed else self.no).render(context)


@register.tag("can")
def do_can(parser: Parser, token: Token) -> CanNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('Use {% can "action" %}…{% endcan %}.')
    action = parser.compile_filter(bits[1])
    literal = action.var if isinstance(action.var, str) else None
    if literal is not None and literal not in RULES:
        raise template.TemplateSyntaxError(f"Unknown access action {literal!r}; see RULES.")
    yes = parser.parse(("else", "endcan"))
    no = NodeList()
    if parser.next_token().contents == "else":
        no = parser.parse(("endcan",))
        parser.delete_first_token()
    return CanNode(action, yes, no)

from django import forms
from django.utils.translation import gettext_lazy as _

from jobbro.forms import Form


class TemplateForm(Form):
    lines = forms.CharField(
        label=_("Spørgsmål"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "Ét spørgsmål pr. linje. Skriv [1-5] foran for en skala fra 1 til 5, [ja/nej] for "
            "ja eller nej, og * forrest for et spørgsmål, der skal besvares."
        ),
    )

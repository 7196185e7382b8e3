from jobbro.forms import ModelForm
from jobbro.privacy.models import RetentionSettings


class RetentionSettingsForm(ModelForm):
    class Meta:
        model = RetentionSettings
        fields = ["keep_months", "enabled"]

"""Start-up check: spreadsheets are parsed with defusedxml (no entity expansion, no
external entities). openpyxl uses it when it is installed, unless the environment
variable OPENPYXL_DEFUSEDXML turns it off."""

from django.core.checks import Error, register


@register()
def defusedxml_in_use(app_configs, **kwargs) -> list[Error]:
    import openpyxl

    if openpyxl.DEFUSEDXML:
        return []
    return [
        Error(
            "openpyxl does not parse XLSX files with defusedxml.",
            hint="Install defusedxml (a dependency of Jobbro) and do not set "
            "OPENPYXL_DEFUSEDXML to anything but True.",
            id="jobbro.E020",
        )
    ]

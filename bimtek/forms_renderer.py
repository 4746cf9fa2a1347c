from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Every field renders with its label, help and errors next to it (templates/includes/field.html)."""

    field_template_name = "includes/field.html"

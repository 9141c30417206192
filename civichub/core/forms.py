"""Form rendering shared by every app: Bootstrap Italia markup, accessible errors."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    form_template_name = "civichub/forms/form.html"
    field_template_name = "civichub/forms/field.html"

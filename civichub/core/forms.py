"""Form rendering shared by every app: Bootstrap Italia markup, accessible errors."""

from typing import Any

from django.forms.renderers import TemplatesSetting

# Bootstrap Italia styles inputs through these classes; widgets that declare their
# own class keep it, and get the framework's class added in front.
_WIDGET_CLASSES = {
    "checkbox": "form-check-input",
    "radio": "form-check-input",
    "file": "form-control",
    "select": "",
    "hidden": "",
}


class FormRenderer(TemplatesSetting):
    form_template_name = "civichub/forms/form.html"
    field_template_name = "civichub/forms/field.html"

    def render(self, template_name: str, context: dict[str, Any], request=None) -> str:
        widget = context.get("widget")
        if isinstance(widget, dict) and "attrs" in widget:
            css_class = self._framework_class(template_name, widget)
            if css_class:
                attrs = dict(widget["attrs"])
                existing = attrs.get("class", "")
                if css_class not in existing.split():
                    attrs["class"] = f"{css_class} {existing}".strip()
                context = {**context, "widget": {**widget, "attrs": attrs}}
        return super().render(template_name, context, request)

    @staticmethod
    def _framework_class(template_name: str, widget: dict[str, Any]) -> str:
        if template_name.endswith("textarea.html"):
            return "form-control"
        input_type = widget.get("type")
        if input_type is None:
            return ""
        return _WIDGET_CLASSES.get(input_type, "form-control")

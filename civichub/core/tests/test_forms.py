from django import forms

from civichub.core.forms import FormRenderer


class ExampleForm(forms.Form):
    default_renderer = FormRenderer()

    name = forms.CharField(label="Nome")
    email = forms.EmailField(label="E-mail", widget=forms.EmailInput(attrs={"class": "wide"}))
    notes = forms.CharField(label="Note", widget=forms.Textarea, required=False)
    consent = forms.BooleanField(label="Acconsento")
    kind = forms.ChoiceField(label="Tipo", choices=[("a", "A"), ("b", "B")])
    channel = forms.ChoiceField(
        label="Canale", choices=[("x", "X"), ("y", "Y")], widget=forms.RadioSelect
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)


def _tag(html: str, name: str, value: str = "") -> str:
    """The opening tag of the element named ``name`` (and with ``value``, for radios)."""
    marker = f'name="{name}"' + (f' value="{value}"' if value else "")
    start = html.index(marker)
    return html[html.rindex("<", 0, start) : html.index(">", start) + 1]


def test_inputs_get_bootstrap_italia_classes():
    html = ExampleForm().render()

    assert 'class="form-control"' in _tag(html, "name")
    assert 'class="form-control wide"' in _tag(html, "email")
    assert 'class="form-control"' in _tag(html, "notes")
    assert 'class="form-check-input"' in _tag(html, "consent")
    assert 'class="form-check-input"' in _tag(html, "channel", "x")
    assert "class=" not in _tag(html, "kind")
    assert "class=" not in _tag(html, "token")


def test_errors_are_summarised_with_links_to_fields():
    form = ExampleForm(data={"email": "not-an-email"})

    html = form.render()

    assert 'role="alert"' in html
    assert 'href="#id_name"' in html
    assert 'href="#id_email"' in html
    assert 'class="invalid-feedback d-block" id="id_email_error"' in html

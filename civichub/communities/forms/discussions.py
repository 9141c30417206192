"""Forms of discussions. They only shape the input: the services validate and save
(titles, sanitised bodies, tags, permissions), and their errors are put back on the form
by the views."""

import secrets
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Area, Category
from ..selectors.discussions import SORTS, Sort, ThreadFilters
from ..services.discussions import BODY_MAX_LENGTH, TITLE_MAX_LENGTH

BODY_HELP = _(
    "Puoi usare paragrafi, elenchi, grassetto, corsivo, link e citazioni in HTML semplice "
    "(p, ul, li, strong, em, a, blockquote). Per menzionare una persona scrivi @ seguito "
    "dal suo nome "
    "(con JavaScript compaiono i suggerimenti) o dal suo identificativo pubblico."
)


def new_request_key() -> str:
    return secrets.token_urlsafe(18)


class BodyWidget(forms.Textarea):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            attrs={
                "rows": 8,
                "data-mentions": "",
                "autocomplete": "off",
                **kwargs,
            }
        )


class PostForm(forms.Form):
    """A new post: a random ``request_key`` when rendered (a double submit creates one
    post), and the mention autocomplete's address on the text box."""

    def __init__(self, *args: Any, mention_url: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("request_key", new_request_key())
        if mention_url:
            self.fields["body"].widget.attrs["data-mentions"] = mention_url


class ThreadForm(PostForm):
    title = forms.CharField(label=_("Titolo"), max_length=TITLE_MAX_LENGTH)
    category = forms.ChoiceField(label=_("Categoria"), choices=Category.choices)
    tags = forms.CharField(
        label=_("Etichette"),
        required=False,
        max_length=300,
        help_text=_("Fino a 5 parole chiave separate da virgole."),
    )
    body = forms.CharField(
        label=_("Testo"), max_length=BODY_MAX_LENGTH, widget=BodyWidget(), help_text=BODY_HELP
    )
    request_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)

    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data.get("tags", "").split(",") if tag.strip()]


class ThreadEditForm(ThreadForm):
    """Editing keeps no request key: an edit saved twice is the same edit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["request_key"]


class ReplyForm(PostForm):
    body = forms.CharField(
        label=_("La tua risposta"),
        max_length=BODY_MAX_LENGTH,
        widget=BodyWidget(),
        help_text=BODY_HELP,
    )
    quoted = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A random key made when the form is shown: submitting it twice creates one reply.
    request_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)


class ReplyEditForm(forms.Form):
    body = forms.CharField(
        label=_("Testo della risposta"),
        max_length=BODY_MAX_LENGTH,
        widget=BodyWidget(),
        help_text=BODY_HELP,
    )


class MoveForm(forms.Form):
    area = forms.ModelChoiceField(
        label=_("Sposta nell'area"), queryset=Area.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, areas: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["area"]
        field.queryset = areas


class ThreadFilterForm(forms.Form):
    """The thread list's filters (GET). Anything invalid is ignored."""

    categoria = forms.ChoiceField(
        label=_("Categoria"),
        required=False,
        choices=[("", _("Tutte le categorie")), *Category.choices],
    )
    etichetta = forms.SlugField(label=_("Etichetta"), required=False, max_length=100)
    senza_risposta = forms.BooleanField(label=_("Senza risposta"), required=False)
    ordine = forms.ChoiceField(
        label=_("Ordina per"),
        required=False,
        choices=[
            (Sort.ACTIVITY, _("Ultima attività")),
            (Sort.NEWEST, _("Più recenti")),
            (Sort.REPLIES, _("Più risposte")),
        ],
    )

    def __init__(self, *args: Any, tags: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tags = tags or []

    def filters(self) -> ThreadFilters:
        if not self.is_valid():
            return ThreadFilters()
        data = self.cleaned_data
        sort = data.get("ordine") or Sort.ACTIVITY
        return ThreadFilters(
            category=data.get("categoria") or "",
            tag=data.get("etichetta") or "",
            unanswered=bool(data.get("senza_risposta")),
            sort=sort if sort in SORTS else Sort.ACTIVITY,
        )

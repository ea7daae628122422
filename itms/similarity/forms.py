from django import forms

from itms.core.forms import ItmsForm, ItmsModelForm

from .models import SynonymGroup, Verdict
from .sources import KINDS


class SynonymGroupForm(ItmsModelForm):
    class Meta:
        model = SynonymGroup
        fields = ("term", "variants", "note", "is_active")
        widgets = {"variants": forms.Textarea(attrs={"rows": 3})}


class SearchForm(ItmsForm):
    q = forms.CharField(label="하려는 일", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(label="종류", required=False, choices=[("", "전체"), *KINDS.items()])
    org = forms.TypedChoiceField(label="기관", required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label="연도", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label="상태", required=False)

    def __init__(self, *args, orgs=(), years=(), statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = [("", "전체"), *orgs]
        self.fields["year"].choices = [("", "전체"), *((y, f"{y}년") for y in years)]
        self.fields["status"].choices = [("", "전체"), *((s, s) for s in statuses)]


class JudgementForm(ItmsForm):
    target = forms.CharField(max_length=120)  # "<app>.<model>:<pk>"
    verdict = forms.ChoiceField(choices=Verdict.choices)
    score = forms.FloatField(required=False, min_value=0, max_value=1)
    note = forms.CharField(required=False, max_length=500)

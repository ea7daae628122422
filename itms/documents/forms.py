from django import forms

from itms.core.forms import ItmsForm

from .models import DocumentKind


class AttachForm(ItmsForm):
    file = forms.FileField(label="파일")
    title = forms.CharField(label="문서명", max_length=200, required=False, help_text="비우면 파일 이름")
    kind = forms.ChoiceField(label="종류", choices=DocumentKind.choices, initial=DocumentKind.OTHER)
    note = forms.CharField(label="설명", max_length=300, required=False)


class VersionForm(ItmsForm):
    file = forms.FileField(label="새 판 파일")
    note = forms.CharField(label="변경 내용", max_length=300)

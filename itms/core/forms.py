"""Form base: Tabler/Bootstrap widgets, Korean date inputs."""

from django import forms


def style_widgets(fields, *, small: bool = False) -> None:
    """Bootstrap classes and native date pickers, so templates render any form the same way."""
    for field in fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
            css = "form-select form-select-sm" if small else "form-select"
        else:
            css = "form-control form-control-sm" if small else "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
        if isinstance(widget, forms.DateInput):
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"


class StyledFormMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self.fields)


class ItmsModelForm(StyledFormMixin, forms.ModelForm):
    pass


class ItmsForm(StyledFormMixin, forms.Form):
    pass


def freeze_choices(form):
    """Evaluates each model-choice field once, for a form rendered many times on one page (one per row)."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            field.choices = list(field.choices)
    return form

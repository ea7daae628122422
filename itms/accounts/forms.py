from django import forms
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from itms.core.forms import ItmsModelForm

from .models import Assignment, Company, Organization, OrgUnit, Position, RoleBinding, User


class OrganizationForm(ItmsModelForm):
    class Meta:
        model = Organization
        fields = ("name", "short_name", "kind", "parent", "code", "sort_order", "is_active")


class OrgUnitForm(ItmsModelForm):
    class Meta:
        model = OrgUnit
        fields = (
            "organization",
            "parent",
            "name",
            "kind",
            "code",
            "is_it_department",
            "is_budget_department",
            "sort_order",
            "is_active",
        )


class PositionForm(ItmsModelForm):
    class Meta:
        model = Position
        fields = ("unit", "title", "grade", "is_head", "sort_order", "is_active")


class CompanyForm(ItmsModelForm):
    class Meta:
        model = Company
        fields = ("name", "business_number", "representative", "phone", "address")


class UserForm(ItmsModelForm):
    # ``password`` is listed in Meta.fields so that the access gate, which offers only the form's Meta fields
    # (itms.core.gate.writable_fields), keeps it; clean() takes the raw value out of cleaned_data before the
    # model form copies cleaned_data onto the user, so only set_password() ever writes the column.
    password = forms.CharField(
        label=_("초기 비밀번호"),
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text=_("새 사용자에게 필수. 비워 두면 기존 비밀번호를 유지합니다."),
    )

    class Meta:
        model = User
        fields = (
            "username",
            "name",
            "kind",
            "email",
            "company",
            "employee_number",
            "phone",
            "affiliation",
            "expertise",
            "is_active",
            "password",
        )

    def clean_password(self):
        password = self.cleaned_data.get("password")
        if not password and not self.instance.pk:
            raise forms.ValidationError(_("새 사용자에게는 초기 비밀번호가 필요합니다."))
        if password:
            candidate = (
                self.instance
                if self.instance.pk
                else User(
                    username=self.data.get("username", ""),
                    name=self.data.get("name", ""),
                    email=self.data.get("email", ""),
                )
            )
            validate_password(password, candidate)
        return password

    def clean(self):
        cleaned_data = super().clean()
        self.new_password = cleaned_data.pop("password", None) or ""
        return cleaned_data

    def save(self, commit=True):
        """A new account gets its initial password; another's changed password goes through the action
        (privilege check and a chained legal event naming who set it)."""
        existing = not self.instance._state.adding
        password = getattr(self, "new_password", "")
        user = super().save(commit=False)
        if password and not existing:
            user.set_password(password)
        if not commit:
            if password and existing:
                raise ValueError("다른 사람의 비밀번호는 저장과 함께 바꿉니다 (commit=True).")
            return user
        user.save()
        self._save_m2m()
        if password and existing:
            from itms.core.middleware import current_user

            from .actions import set_password

            set_password(actor=current_user(), user=user, password=password)
        return user


class AssignmentForm(ItmsModelForm):
    class Meta:
        model = Assignment
        fields = ("user", "position", "kind", "start_date", "end_date", "reason")


class RoleBindingForm(ItmsModelForm):
    class Meta:
        model = RoleBinding
        fields = ("role", "position", "scope_unit", "start_date", "end_date", "note")

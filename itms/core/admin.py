from django.contrib import admin


class SuperuserAdminSite(admin.AdminSite):
    """Django's admin is a technical tool for superusers only; officials work in the ITMS pages."""

    site_header = "정보화관리시스템 기술 관리"
    site_title = "정보화관리시스템"
    index_title = "슈퍼유저 전용"

    def has_permission(self, request):
        return request.user.is_active and request.user.is_superuser

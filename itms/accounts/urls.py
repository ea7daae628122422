from django.urls import path

from itms.core.views import urls_for

from . import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.LoginCodeView.as_view(), name="login_code"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/token/", views.regenerate_token, name="token_regenerate"),
    path("two-factor/", views.TwoFactorView.as_view(), name="two_factor"),
    path("users/<int:pk>/unlock/", views.unlock_user, name="user_unlock"),
    path("users/<int:pk>/reset-two-factor/", views.reset_two_factor, name="user_reset_two_factor"),
    *urls_for("accounts"),
]

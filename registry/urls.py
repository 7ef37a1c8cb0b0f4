"""Top-level URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from registry import views

admin.site.site_header = "Filing registry administration"
admin.site.site_title = "Filing registry"

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("lodge/", include("filings.urls_practitioner", namespace="practitioner")),
    path("registry/queue/", include("workqueue.urls", namespace="workqueue")),
    path("registry/", include("filings.urls_clerk", namespace="clerk")),
    path("admin/", admin.site.urls),
]

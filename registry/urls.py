"""Top-level URLs."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from registry import views
from registry.password_urls import urlpatterns as password_urls

admin.site.site_header = "Filing registry administration"
admin.site.site_title = "Filing registry"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.health, name="health"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("search.urls")),
    # Forgotten and changed passwords: Django's own views, with templates in the site's style.
    path("accounts/", include(password_urls)),
    path("", include("portal.urls", namespace="portal")),
    path("lodge/", include("filings.urls_practitioner", namespace="practitioner")),
    path("registry/queue/", include("workqueue.urls", namespace="workqueue")),
    path("registry/", include("filings.urls_clerk", namespace="clerk")),
    path("discovery/", include("discovery.urls", namespace="discovery")),
    path("registry/intake/", include("intake.urls", namespace="intake")),
    path("", include("protocols.urls", namespace="protocols")),
    path("notices/", include("notices.urls", namespace="notices")),
    path("admin/", admin.site.urls),
]

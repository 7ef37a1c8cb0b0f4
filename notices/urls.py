"""Notices pages, mounted at /notices/ (namespace ``notices``)."""

from django.urls import path

from notices import views

app_name = "notices"

urlpatterns = [
    path("", views.notice_list, name="list"),
    path("<int:pk>/", views.notice_detail, name="detail"),
    path("preferences/", views.preferences, name="preferences"),
    path("served/<str:matter>/filings/<int:sequence>/", views.served_filing, name="served"),
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<int:pk>/retry/", views.retry, name="retry"),
    path("reminder-limits/", views.limits, name="limits"),
]

"""The practitioner's own pages (namespace ``portal``): /lodge/filings/ and /account/profile/."""

from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("lodge/filings/", views.my_filings, name="my_filings"),
    path("account/profile/", views.profile, name="profile"),
]

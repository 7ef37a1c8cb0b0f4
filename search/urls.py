"""Search pages: /registry/search/ for clerks, /lodge/search/ for practitioners."""

from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("registry/search/", views.clerk_search, name="clerk"),
    path("lodge/search/", views.practitioner_search, name="practitioner"),
]

"""Intake pages for clerks, under /registry/intake/."""

from django.urls import path

from intake import views

app_name = "intake"

urlpatterns = [
    path("mail/", views.mail_queue, name="mail_queue"),
    path("mail/<int:pk>/", views.mail_detail, name="mail_detail"),
    path("disc/", views.counter_disc, name="counter_disc"),
]

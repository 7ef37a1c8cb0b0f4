"""The clerks' work queue, under /registry/queue/ (namespace ``workqueue``)."""

from django.urls import path

from workqueue import views

app_name = "workqueue"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("filings/<int:pk>/take/", views.take, name="take"),
    path("filings/<int:pk>/assign/", views.assign, name="assign"),
    path("filings/<int:pk>/release/", views.release, name="release"),
]

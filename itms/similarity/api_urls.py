from django.urls import path

from .api import JudgementView, SearchView

app_name = "similarity_api"

urlpatterns = [
    path("search/", SearchView.as_view(), name="search"),
    path("judgements/", JudgementView.as_view(), name="judgement"),
]

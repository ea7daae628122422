from django.urls import path

from itms.core.views import urls_for

from . import views

app_name = "governance"

urlpatterns = [
    path("my-meetings/", views.my_meetings, name="my_meetings"),
    path("bodies/<int:pk>/convene/", views.convene, name="convene"),
    path("bodies/<int:pk>/convening-demand/", views.convening_demand, name="convening_demand"),
    path("meetings/<int:pk>/items/add/", views.add_item, name="item_add"),
    path("meetings/<int:pk>/participants/", views.participants, name="participants"),
    path("meetings/<int:pk>/attendance/<int:membership_id>/", views.attendance, name="attendance"),
    path("meetings/<int:pk>/acting-chair/", views.acting_chair, name="acting_chair"),
    path("meetings/<int:pk>/items/<int:item_id>/recusal/", views.recusal, name="recusal"),
    path("meetings/<int:pk>/items/<int:item_id>/open-voting/", views.open_voting, name="open_voting"),
    path("meetings/<int:pk>/items/<int:item_id>/vote/", views.vote, name="vote"),
    path("meetings/<int:pk>/items/<int:item_id>/close/", views.close_vote, name="close_vote"),
    path("meetings/<int:pk>/items/<int:item_id>/step/<slug:name>/", views.item_transition, name="item_transition"),
    path("meetings/<int:pk>/items/<int:item_id>/escalate/", views.escalate, name="escalate"),
    path("meetings/<int:pk>/minutes/generate/", views.generate_minutes, name="minutes_generate"),
    path("meetings/<int:pk>/results-notice/<int:unit_id>/", views.results_notice, name="results_notice"),
    path("meetings/<int:pk>/live/", views.live, name="live"),
    path("minutes/<int:pk>/file/<slug:fmt>/", views.minutes_file, name="minutes_file"),
    path("cio-requests/new/", views.cio_request_new, name="cio_request_new"),
    path("cio-requests/recipients/<int:pk>/answer/", views.cio_request_answer, name="cio_request_answer"),
    *urls_for("governance"),
]

from django.urls import path

from itms.core.views import urls_for

from . import views

app_name = "acquisition"

urlpatterns = [
    path("start/<slug:what>/", views.start, name="start"),
    path("consultation-results/<int:pk>/reflect/", views.consultation_reflect, name="consultation_reflect"),
    path("security-reviews/<int:pk>/findings/", views.finding_add, name="finding_add"),
    path("security-findings/<int:pk>/reflect/", views.finding_reflect, name="finding_reflect"),
    path("task-deliberations/<int:pk>/extend/", views.deliberation_extend, name="deliberation_extend"),
    path("projects/<int:pk>/contractor-request/", views.contractor_request, name="contractor_request"),
    path("rfp-templates/<int:pk>/publish/", views.template_publish, name="template_publish"),
    path("rfp-templates/<int:pk>/new-version/", views.template_new_version, name="template_new_version"),
    path("rfp-sections/<int:pk>/editor/", views.section_edit, name="section_edit"),
    path("rfps/<int:pk>/requirements/add/", views.requirement_add, name="rfp_requirement_add"),
    path("rfps/<int:pk>/export.<slug:fmt>", views.rfp_export, name="rfp_export"),
    path("rfp-self-checks/<int:pk>/answer/", views.self_check_answer, name="self_check_answer"),
    path("ordering-checks/<int:pk>/answer/", views.ordering_check, name="ordering_check"),
    path("restructure/", views.restructure, name="restructure"),
    path("expert-pool/", views.expert_pool, name="expert_pool"),
    path("ordering-requests/<int:pk>/evaluation/", views.evaluation_start, name="evaluation_start"),
    path("evaluations/<int:pk>/internal/", views.evaluation_internal, name="evaluation_internal"),
    path("evaluations/<int:pk>/chair/<int:membership_id>/", views.evaluation_chair, name="evaluation_chair"),
    path(
        "evaluations/<int:pk>/attendance/<int:membership_id>/",
        views.evaluation_attendance,
        name="evaluation_attendance",
    ),
    path("evaluations/<int:pk>/open/", views.evaluation_open, name="evaluation_open"),
    path(
        "evaluations/<int:pk>/quantitative/<int:proposal_id>/<int:item_id>/",
        views.evaluation_quantitative,
        name="evaluation_quantitative",
    ),
    path("evaluations/<int:pk>/score/", views.score, name="score"),
    path("evaluations/<int:pk>/score/save/", views.score_save, name="score_save"),
    path("evaluations/<int:pk>/score/submit/", views.score_submit, name="score_submit"),
    path("evaluations/<int:pk>/result.<slug:fmt>", views.evaluation_export, name="evaluation_export"),
    path("allowances/<int:pk>/travel/", views.allowance_travel, name="allowance_travel"),
    path("evaluator-draws/<int:pk>/exclude/", views.draw_exclude, name="draw_exclude"),
    path("evaluator-draws/<int:pk>/readmit/<int:expert_id>/", views.draw_readmit, name="draw_readmit"),
    path("evaluator-draws/<int:pk>/commit/", views.draw_commit, name="draw_commit"),
    path("evaluator-draws/<int:pk>/witness/", views.draw_witness, name="draw_witness"),
    path("evaluator-draws/<int:pk>/reveal/", views.draw_reveal, name="draw_reveal"),
    path("evaluator-draws/<int:pk>/contact/", views.draw_contact, name="draw_contact"),
    path("evaluator-draws/<int:pk>/record.<slug:fmt>", views.draw_export, name="draw_export"),
    *urls_for("acquisition"),
]

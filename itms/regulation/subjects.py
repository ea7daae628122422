"""The records obligations are about, as far as a user may see them (deadline pages and the home page's 할 일)."""

from __future__ import annotations


def visible_subjects(obligations, user) -> dict:
    """{(content type id, object id): subject} for the subjects the user may see — one query per type."""
    from django.contrib.contenttypes.models import ContentType

    ids_by_type: dict[int, set[int]] = {}
    for obligation in obligations:
        if obligation.subject_type_id and obligation.subject_id:
            ids_by_type.setdefault(obligation.subject_type_id, set()).add(obligation.subject_id)
    from itms.core import registry

    found = {}
    for type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        manager = model._default_manager if model is not None else None
        if manager is None or not hasattr(manager, "restrict"):
            continue  # unscoped models are not linked: there is no page to open
        # Joined as the type's list joins, so that naming a subject (an asset assignment: "tag → holder") reads no
        # row more per deadline.
        object_type = registry.get(model)
        joins = object_type.select_related if object_type is not None else ()
        for obj in manager.restrict(user, "view").select_related(*joins).filter(pk__in=ids):
            found[(type_id, obj.pk)] = obj
    return found

"""API of the regulation engine: the workflow endpoints and the serializers of its record types."""

from .workflow import TransitionRequest, WorkflowStateView, WorkflowTransitionView

__all__ = ["TransitionRequest", "WorkflowStateView", "WorkflowTransitionView"]

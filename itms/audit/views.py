from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render

from .chain import verify_chain
from .models import ChainHead, LegalEvent


@login_required
@permission_required("audit.view_legalevent", raise_exception=True)
def verify(request):
    """Shows the chain head and, on request, verifies every entry from the first."""
    result = verify_chain() if request.GET.get("run") == "1" else None
    context = {
        "head": ChainHead.objects.filter(pk=1).first(),
        "count": LegalEvent.objects.count(),
        "result": result,
        "recent": LegalEvent.objects.order_by("-seq")[:10],
    }
    return render(request, "audit/verify.html", context)

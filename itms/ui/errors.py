from django.shortcuts import render


def forbidden(request, exception=None):
    message = str(exception) if exception and str(exception) else "이 화면을 볼 권한이 없습니다."
    return render(request, "ui/error.html", {"status": 403, "title": "권한 없음", "message": message}, status=403)


def not_found(request, exception=None):
    return render(
        request,
        "ui/error.html",
        {"status": 404, "title": "찾을 수 없음", "message": "요청한 화면이나 자료를 찾을 수 없습니다."},
        status=404,
    )


def bad_request(request, exception=None):
    """A 400 with the reason in Korean (e.g. ``?per_page=-1``: "'per_page' 값이 올바르지 않습니다: …")."""
    message = getattr(exception, "message_text", "") or "요청의 형식이 올바르지 않습니다."
    return render(request, "ui/error.html", {"status": 400, "title": "잘못된 요청", "message": message}, status=400)

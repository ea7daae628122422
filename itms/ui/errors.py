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

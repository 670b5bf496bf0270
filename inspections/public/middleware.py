"""The public pages (/public/) are the same for everyone, so they never see a visitor's cookies.

A signed-in user who opens them is served exactly what the public is: the request reaches the view
without its cookies (so no session is read, the user is anonymous and the tracker's "no-store" for
signed-in pages does not apply), and the response sets no cookie and does not vary on one, so a shared
cache may keep it. Only paths under PREFIX are touched; every other page is left as it is.
"""

from django.utils.cache import get_conditional_response, set_response_etag

PREFIX = "/public/"


class PublicPagesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        request.COOKIES = {}
        request.META.pop("HTTP_COOKIE", None)
        response = self.get_response(request)
        for name in list(response.cookies):
            del response.cookies[name]
        if response.has_header("Vary"):
            kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "cookie"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            if not response.streaming and not response.has_header("ETag"):
                set_response_etag(response)
            response = get_conditional_response(request, etag=response.get("ETag"), response=response)
        return response

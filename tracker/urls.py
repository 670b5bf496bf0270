from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "HMICFRS inspection tracker"
admin.site.site_title = "Inspection tracker admin"
admin.site.index_title = "Browse and correct the tracker's data"

urlpatterns = [
    # The admin signs in through the tracker's own sign-in, so its lockout and second factor apply there too.
    path("admin/login/", RedirectView.as_view(pattern_name="login", query_string=True)),
    path("admin/", admin.site.urls),
    path("accounts/", include("inspections.accounts.urls")),
    path("", include("inspections.urls")),
]

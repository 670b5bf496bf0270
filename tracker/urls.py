from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "HMICFRS inspection tracker"
admin.site.site_title = "Inspection tracker admin"
admin.site.index_title = "Browse and correct the tracker's data"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("inspections.urls")),
]

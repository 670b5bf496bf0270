"""The public pages under /public/, and the inspection page's publish and unpublish buttons."""

from django.urls import path, re_path

from inspections.public.views import pages, publishing

urlpatterns = [
    path("public/", pages.forces, name="public_forces"),
    path("public/<slug:force_slug>/", pages.force, name="public_force"),
    path("public/<slug:force_slug>/<slug:slug>/", pages.inspection, name="public_inspection"),
    re_path(
        r"^public/(?P<force_slug>[-a-zA-Z0-9_]+)/(?P<slug>[-a-zA-Z0-9_]+)\.(?P<fmt>csv|json)$",
        pages.inspection_data, name="public_inspection_data",
    ),
    path("public/<slug:force_slug>/<slug:slug>/section-55-response.pdf", pages.letter, name="public_letter"),
    path("inspections/<int:pk>/publication/publish/", publishing.publish, name="inspection_publish"),
    path("inspections/<int:pk>/publication/unpublish/", publishing.unpublish, name="inspection_unpublish"),
]

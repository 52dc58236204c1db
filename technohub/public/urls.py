from django.urls import include, path

from technohub.public import views, views_feeds

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("", include("technohub.public.urls_competences")),
    path("", include("technohub.public.urls_signup")),
    path("cursussen/", views.catalogue, name="catalogue"),
    path("cursussen/<slug:hub_slug>/<slug:course_slug>/", views.course_detail, name="course"),
    path("agenda/", views.agenda_week, name="agenda"),
    path("agenda/maand/", views.agenda_month, name="agenda_month"),
    path("feeds/persoon/<slug:feed_token>.ics", views_feeds.person_feed, name="feed_person"),
    path("feeds/<slug:hub_slug>.ics", views_feeds.hub_feed, name="feed_hub"),
    path(
        "feeds/<slug:hub_slug>/<slug:course_slug>.ics", views_feeds.course_feed, name="feed_course"
    ),
]

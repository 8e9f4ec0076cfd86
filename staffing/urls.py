from django.urls import path

from . import views

app_name = "staffing"

# Mounted by the project under /<partnership slug>/staffing/.
urlpatterns = [
    path("", views.establishment, name="establishment"),
    path("export.csv", views.export, name="export"),
    path("import/", views.import_posts, name="import"),
    path("chart/", views.chart, name="chart"),
    path("vacancies/", views.vacancies, name="vacancies"),
    path("ending/", views.ending, name="ending"),
    path("cost/", views.cost, name="cost"),
    path("posts/new/", views.post_create, name="post_create"),
    path("posts/<int:pk>/", views.post_detail, name="post"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("posts/<int:pk>/holders/new/", views.holder_add, name="holder_add"),
    path("holders/<int:pk>/extend/", views.holder_extend, name="holder_extend"),
    path("restructures/", views.restructures, name="restructures"),
    path("restructures/new/", views.restructure_create, name="restructure_create"),
    path("restructures/<int:pk>/", views.restructure_detail, name="restructure"),
    path("restructures/<int:pk>/delete-post/", views.restructure_delete_post, name="restructure_delete_post"),
    path("restructures/<int:pk>/create-post/", views.restructure_create_post, name="restructure_create_post"),
    path("restructures/<int:pk>/apply/", views.restructure_apply, name="restructure_apply"),
]

from django.urls import path

from . import views

app_name = "dashboard"

# Mounted by the project under /<partnership slug>/dashboard/.
urlpatterns = [
    path("", views.dashboard, name="home"),
    path("board.pdf", views.board_pdf, name="board_pdf"),
]

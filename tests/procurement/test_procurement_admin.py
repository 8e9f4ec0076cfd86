"""Administrators see suppliers, thresholds and contracts in the admin with each record's history; contracts
are changed only through the register (where the checks run), never in the admin."""

from django.contrib.auth import get_user_model

from procurement.models import Contract


def test_the_admin_lists_procurement_records_and_a_contracts_history(procurement_demo, client):
    client.force_login(get_user_model().objects.get(username="admin"))
    for model in ("contract", "supplier", "procurementthreshold"):
        assert client.get(f"/admin/procurement/{model}/").status_code == 200, model
    contract = Contract.objects.get(reference="SD-WAN-2018")
    history = client.get(f"/admin/procurement/contract/{contract.pk}/history/")
    assert history.status_code == 200 and "Created" in history.content.decode()
    assert client.get("/admin/procurement/contract/add/").status_code == 403
    before = contract.title
    client.post(f"/admin/procurement/contract/{contract.pk}/change/", {"title": "Changed in the admin"})
    contract.refresh_from_db()
    assert contract.title == before

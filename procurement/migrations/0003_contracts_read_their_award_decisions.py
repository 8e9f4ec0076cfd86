"""Awarded contracts read the award from its record (issue 21, §5): where an awarded contract cites its
officer decision, its award date, total value, capital part and each council's share become the decision's;
where it cites a committee resolution, its award date is the meeting's. Draft awards keep their planned figures
(the award checks hold them against the decision), and a contract citing no decision is left as it is. Not
reversed: the values overwritten were the disagreeing copies."""

from django.db import migrations


def read_award_records(apps, schema_editor):
    Contract = apps.get_model("procurement", "Contract")
    ContractShare = apps.get_model("procurement", "ContractShare")
    DecisionShare = apps.get_model("governance", "DecisionShare")
    contracts = Contract.objects.filter(authorising_decision__isnull=False, award="awarded").select_related(
        "authorising_decision"
    )
    for contract in contracts:
        decision = contract.authorising_decision
        contract.total_value = decision.value
        contract.capital_value = decision.capital_value
        contract.awarded_on = decision.decided_on
        contract.save(update_fields=["total_value", "capital_value", "awarded_on"])
        wanted = {
            s.council_id: s.amount for s in DecisionShare.objects.filter(decision=decision) if s.amount
        }
        for share in ContractShare.objects.filter(contract=contract):
            if share.council_id not in wanted:
                share.delete()
            elif share.amount != wanted[share.council_id]:
                share.amount = wanted.pop(share.council_id)
                share.save(update_fields=["amount"])
            else:
                wanted.pop(share.council_id)
        for council_id, amount in wanted.items():
            ContractShare.objects.create(contract=contract, council_id=council_id, amount=amount)
    awarded_by_resolution = Contract.objects.filter(
        authorising_resolution__isnull=False, award="awarded"
    ).select_related("authorising_resolution__meeting")
    for contract in awarded_by_resolution:
        contract.awarded_on = contract.authorising_resolution.meeting.date
        contract.save(update_fields=["awarded_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0002_uk_procurement_thresholds"),
        ("governance", "0010_partnership_data_version"),
    ]

    operations = [migrations.RunPython(read_award_records, migrations.RunPython.noop)]

"""Moving seats onto people (migration 0015, governance/partners/people_matching.py): a printed name is matched
to a person of the same council whatever its title, case, spacing or full stops; one person is made per
distinct name in a council; what could not be matched is said: a printed name that is not a person's, and a new
person who may be one already there printed differently (not merged)."""

from governance.partners.people_matching import looks_like_a_person, match_key, match_seats, split_name


def test_titles_case_and_spacing_do_not_tell_names_apart():
    assert split_name("Councillor Andy Hull") == ("Councillor", "Andy Hull")
    assert split_name("Cllr. Dr  Jane Smith") == ("Councillor Dr", "Jane Smith")
    assert match_key("Cllr ANDY  hull") == match_key("Councillor Andy Hull") == "andy hull"
    assert split_name("Andy Hull") == ("", "Andy Hull")


def test_seats_of_one_name_in_a_council_go_to_one_person_and_councils_stay_apart():
    seats = [
        (1, 10, "Councillor Andy Hull"),
        (2, 10, "Cllr Andy Hull"),
        (3, 20, "Councillor Andy Hull"),  # another council's Andy Hull is another person
        (4, 10, "Councillor Claudia Webbe"),
    ]
    matching = match_seats(seats, people=[])
    assert matching.seat_person[1] == matching.seat_person[2] != matching.seat_person[3]
    assert len(matching.new_people) == 3 and matching.matched == 1
    assert matching.new_people[(10, "andy hull")] == (10, "Councillor", "Andy Hull")
    assert matching.unmatched == []


def test_a_person_already_there_is_matched():
    matching = match_seats([(1, 10, "Councillor Andy Hull")], people=[(7, 10, "Andy Hull")])
    assert matching.seat_person[1] == ("existing", 7) and matching.new_people == {}


def test_what_could_not_be_matched_is_said():
    seats = [
        (1, 10, "Councillor Andy Hull"),
        (2, 10, "Cllr A. Hull"),  # perhaps the same person: not merged, said
        (3, 10, "Vacancy"),
        (4, 20, "Islington representative"),
    ]
    matching = match_seats(seats, people=[])
    said = "\n".join(matching.unmatched)
    assert "“Vacancy” (seat 3) is not a person's name" in said
    assert "“Islington representative” (seat 4)" in said
    assert "“a hull” may be the same person as “andy hull”" in said
    assert len(matching.new_people) == 4  # every seat still has a person, for someone to correct
    assert not looks_like_a_person("Vacant seat") and looks_like_a_person("Councillor Ali Demirci")

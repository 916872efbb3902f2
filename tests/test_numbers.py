"""A claim's number is found in its quote whether written as digits or as words."""

import random

import pytest

from iraq_election_seats.numbers import numbers_in, states_date, states_number


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        # the forms the two reports use
        ("The cross-sectarian bloc of Muqtada al-Sadr was the largest vote winner, securing 73 seats", 73),
        ("The cross-sectarian bloc of Muqtada al-Sadr was the largest vote winner, securing 73 seats", 1),
        ("Taqaddum (Advancement), came second with 38 seats", 2),
        ("Taqaddum (Advancement), came second with 38 seats", 38),
        ("In a marked decline, however, Fatah Alliance came in fifth position", 5),
        ("won four seats compared to the 58 seats secured by the two parties", 4),
        ("won four seats compared to the 58 seats secured by the two parties", 58),
        ("lost more than half the seats they held in the previous Assembly", 0.5),
        ("the faction that will emerge as the largest bloc in the next parliament", 1),
        ("the winner of the elections (the Sadr party)", 1),
        ("Iraq’s October 10 election for the 329 seat National Assembly", 329),
        # forms of reference figures: votes and shares
        ("1,493,542 votes", 1493542),
        ("with 14.47 percent of the vote", 14.47),
        # number words text2num reads
        ("came third", 3),
        ("seventy-three seats", 73),
        ("seventy three seats", 73),
        ("the twenty-first list", 21),
        ("three hundred and twenty-nine seats", 329),
        ("the second-largest bloc", 2),
        # fractions, from the package's own table
        ("a third of the seats", 1 / 3),
        ("two-thirds of the chamber", 2 / 3),
        ("a half", 0.5),
    ],
)
def test_number_is_stated(quote, value):
    assert states_number(quote, value)


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("securing 73 seats", 74),
        ("won four seats", 40),
        ("came second", 5),
        ("fourteen", 4),
        # 'third' is a place here, not a fraction
        ("came third", 1 / 3),
        # one number, not two
        ("seventy-three seats", 70),
        ("seventy-three seats", 3),
        # 'one' as a pronoun states no count
        ("one of the smaller lists", 1),
        ("No one is ready to give up", 1),
        # an ordinal before a superlative names the place
        ("the second-largest bloc", 1),
        # a place after a tens word is a place, not a fraction
        ("the seventy-third seat", 70 / 3),
        ("1,493,542 votes", 1493),
    ],
)
def test_number_is_not_stated(quote, value):
    assert not states_number(quote, value)


def test_words_inside_other_words_do_not_count():
    assert 1.0 not in numbers_in("someone, anyone")
    assert 10.0 not in numbers_in("often")


def test_any_text_is_read_without_error():
    """Quotes come from pull requests: any mix of number words and odd characters gives a set of numbers."""
    pieces = ["one", "hundred", "third", "thirds", "half", "a", "of", "-", " ", ",", ".", "7", "٣", "\n"]
    generator = random.Random(11)
    for _ in range(2000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 30)))
        assert isinstance(numbers_in(text), set)


def test_dates():
    assert states_date("Iraq’s October 10 national election", "2021-10-10")
    assert states_date("on 10 October 2021", "2021-10-10")
    assert not states_date("Iraq’s October 10 national election", "2021-10-11")
    assert not states_date("October 10, 2018", "2021-10-10")


def test_a_passage_read_again_gives_its_numbers_afresh():
    """A short passage's numbers are kept for the next reading of it: each reading still gets a set
    of its own to change, and a passage too long to keep reads the same."""
    from iraq_election_seats.numbers import CACHED_TEXT_CHARACTERS

    text = "Sairoon came first with 54 seats, ahead of Fatah's forty-seven and a third of the rest."
    first = numbers_in(text)
    assert {54.0, 47.0, 1.0 / 3} <= first
    first.add(999.0)
    assert 999.0 not in numbers_in(text)
    assert numbers_in(text + " " * CACHED_TEXT_CHARACTERS) == numbers_in(text)

"""A claim's number is found in its quote whether written as digits or as words."""

import pytest

from validation.numbers import numbers_in, states_date, states_number


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("securing 73 seats", 73),
        ("won four seats", 4),
        ("came in fifth position", 5),
        ("came second with 38 seats", 2),
        ("lost more than half the seats", 0.5),
        ("the largest bloc in the next parliament", 1),
        ("the winner of the elections", 1),
        ("1,493,542 votes", 1493542),
    ],
)
def test_number_is_stated(quote, value):
    assert states_number(quote, value)


@pytest.mark.parametrize(
    ("quote", "value"), [("securing 73 seats", 74), ("won four seats", 40), ("came second", 5), ("fourteen", 4)]
)
def test_number_is_not_stated(quote, value):
    assert not states_number(quote, value)


def test_words_inside_other_words_do_not_count():
    assert 1.0 not in numbers_in("someone, anyone")
    assert 10.0 not in numbers_in("often")


def test_dates():
    assert states_date("Iraq’s October 10 national election", "2021-10-10")
    assert states_date("on 10 October 2021", "2021-10-10")
    assert not states_date("Iraq’s October 10 national election", "2021-10-11")
    assert not states_date("October 10, 2018", "2021-10-10")

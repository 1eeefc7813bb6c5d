"""How code words and money are written on screen."""

from decimal import Decimal

from caseworker.ui.widgets.format import label, money


def test_a_code_word_is_written_as_words():
    assert label("family_violence") == "Family violence"


def test_a_code_with_an_apostrophe_is_written_with_it():
    assert label("drivers_licence") == "Driver's licence"


def test_an_acronym_stays_in_capitals():
    assert label("eft") == "EFT"


def test_money_has_a_sign_before_the_dollar():
    assert money(Decimal("-1234.5")) == "-$1,234.50"


def test_one_table_of_frequency_words():
    from caseworker.services import arrangements, orders
    from caseworker.ui.widgets.format import frequency

    assert frequency("biweekly") == "Every two weeks"
    assert frequency("semi_monthly") == "Twice a month"
    for code in set(orders.FREQUENCIES) | set(arrangements.FREQUENCIES):
        assert "_" not in frequency(code) and frequency(code) != code


def test_a_term_is_named_with_the_frequency_words_of_the_dialogs():
    from caseworker.ui.tabs.orders import term_name

    class Term:
        kind, category, frequency, amount = "periodic", "child", "biweekly", Decimal("200")

    assert term_name(Term()) == "Child $200.00 every two weeks"

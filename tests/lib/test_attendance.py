from jobbro.lib.attendance import attendance


def test_all_held_is_not_flagged():
    result = attendance(["held"] * 5)
    assert (result.percent, result.flagged) == (100, False)


def test_four_of_five_is_exactly_80_percent_and_fine():
    result = attendance(["held", "no_show", "held", "held", "held"])
    assert (result.percent, result.flagged) == (80, False)


def test_below_80_percent_is_flagged():
    result = attendance(["held", "no_show", "held", "cancelled", "held", "held"])
    assert result.percent == 67 and result.flagged and not result.two_missed_in_a_row


def test_two_missed_in_a_row_is_flagged_even_above_80_percent():
    statuses = ["held"] * 8 + ["no_show", "planned"]
    result = attendance(statuses)
    assert result.percent == 80 and result.two_missed_in_a_row and result.flagged


def test_nothing_due_yet_is_not_flagged():
    result = attendance([])
    assert (result.share, result.flagged) == (None, False)

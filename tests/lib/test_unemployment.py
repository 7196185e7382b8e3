"""Long-term unemployment: ≥ 80 % of the last 52 weeks."""

from datetime import date, timedelta

from jobbro.lib.unemployment import WINDOW_DAYS, is_long_term_unemployed, unemployed_days

TODAY = date(2026, 11, 28)
THRESHOLD = 292  # ceil(0.8 * 364) = 291.2 -> 292 days


def test_a_start_date_alone_counts_as_one_open_period():
    since = TODAY - timedelta(days=THRESHOLD - 1)  # today included: exactly 292 days
    assert is_long_term_unemployed([], unemployed_since=since, today=TODAY)
    assert not is_long_term_unemployed([], unemployed_since=since + timedelta(1), today=TODAY)


def test_periods_outside_the_window_do_not_count():
    old = [(date(2020, 1, 1), date(2025, 11, 1))]
    assert unemployed_days(old, today=TODAY) == 0


def test_overlapping_periods_are_counted_once():
    start = TODAY - timedelta(days=99)
    periods = [(start, None), (start, TODAY - timedelta(days=50))]
    assert unemployed_days(periods, today=TODAY) == 100


def test_gaps_lower_the_share():
    window_start = TODAY - timedelta(days=WINDOW_DAYS - 1)
    periods = [
        (window_start, window_start + timedelta(days=199)),  # 200 days
        (TODAY - timedelta(days=91), None),  # 92 days
    ]
    assert unemployed_days(periods, today=TODAY) == 292
    assert is_long_term_unemployed(periods, today=TODAY)
    periods[1] = (TODAY - timedelta(days=90), None)
    assert not is_long_term_unemployed(periods, today=TODAY)


def test_periods_win_over_the_start_date():
    periods = [(TODAY - timedelta(days=10), None)]
    assert not is_long_term_unemployed(periods, unemployed_since=date(2020, 1, 1), today=TODAY)


def test_no_data_means_not_long_term():
    assert not is_long_term_unemployed([], today=TODAY)

"""theory._config's XLA flag: added on the measured jaxlib series only, never over the user's."""

import os

from theory import _config


def test_the_flag_is_added_on_the_measured_series():
    assert _config.xla_flags("", "0.10") == _config.FAST_COMPILE_FLAG
    assert _config.xla_flags("--xla_force_host_platform_device_count=2", "0.10") == (
        "--xla_force_host_platform_device_count=2 " + _config.FAST_COMPILE_FLAG)


def test_other_series_and_the_users_own_value_are_left_alone():
    assert _config.xla_flags("", "0.4") == ""
    assert _config.xla_flags("--a=1", None) == "--a=1"
    mine = "--xla_cpu_use_fusion_emitters=true"
    assert _config.xla_flags(mine, "0.10") == mine


def test_this_process_runs_with_it_on_the_pinned_jaxlib():
    if _config._jaxlib_series() in _config.FAST_COMPILE_SERIES:
        assert _config.FAST_COMPILE_FLAG.split("=")[0] in os.environ["XLA_FLAGS"]

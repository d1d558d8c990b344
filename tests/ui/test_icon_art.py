"""The tray icon: one look per state, redrawn only on visible change, readable on any panel."""

import pytest
from PIL import Image, ImageChops

from deskbreak.ui.icon_art import KEYS, LOOKS, STEPS, app_icon, draw, icon_key


def share_differing(a: Image.Image, b: Image.Image, threshold: int) -> float:
    """The share of pixels where some channel differs by more than `threshold`."""
    strongest = ImageChops.difference(a, b).split()
    mask = ImageChops.lighter(ImageChops.lighter(strongest[0], strongest[1]), strongest[2]).point(lambda v: 255 if v > threshold else 0)
    return mask.histogram()[255] / (a.width * a.height)


def test_a_tiny_change_in_progress_keeps_the_same_icon():
    assert icon_key("sitting", 0.500) == icon_key("sitting", 0.510)


def test_a_visible_change_in_progress_changes_the_icon():
    assert icon_key("sitting", 0.50) != icon_key("sitting", 0.56)


def test_progress_beyond_the_limit_keeps_a_full_ring():
    assert icon_key("sitting", 3.0) == icon_key("sitting", 1.0)


def test_keys_lists_every_key_icon_key_gives_once():
    given = {icon_key(phase, step / (4 * STEPS)) for phase in (*LOOKS, "unknown") for step in range(-4, 5 * STEPS)}
    assert given == set(KEYS) and len(KEYS) == len(given)


def test_states_other_than_sitting_ignore_progress():
    assert icon_key("paused", 0.1) == icon_key("paused", 0.9)


@pytest.mark.parametrize("size", [16, 22, 24])
def test_every_look_draws_differently_at_panel_sizes(size):
    pictures = {look: draw(icon_key(look, 0.5), size).tobytes() for look in LOOKS}
    assert len(set(pictures.values())) == len(LOOKS)


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("panel", [(255, 255, 255), (30, 30, 30)])
def test_each_look_stands_out_on_light_and_dark_panels(look, panel):
    icon = draw(icon_key(look, 0.6), 22)
    on_panel = Image.new("RGB", icon.size, panel)
    on_panel.paste(icon, (0, 0), icon)
    assert share_differing(on_panel, Image.new("RGB", icon.size, panel), 60) > 0.15


def test_the_app_icon_has_the_asked_size_and_transparent_corners():
    icon = app_icon(64)
    assert icon.size == (64, 64) and icon.mode == "RGBA"
    assert icon.getpixel((0, 0))[3] == 0

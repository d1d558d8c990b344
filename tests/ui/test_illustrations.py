"""Every shipped step has its own drawing; unknown steps get a plain standing figure."""

import pytest
from PIL import Image, ImageChops

from deskbreak.ui.illustrations import BACKGROUND, has_drawing, illustration
from tests.ui.test_icon_art import share_differing


def shipped_step_ids() -> list[str]:
    import tomllib
    from importlib import resources

    ids = []
    for name in ("desk.toml", "full.toml"):
        data = tomllib.loads(resources.files("deskbreak.routines.data").joinpath(name).read_text())
        ids += [step["id"] for step in data["steps"]]
    return ids


@pytest.mark.parametrize("step_id", shipped_step_ids())
def test_every_shipped_step_has_a_drawing_of_its_own(step_id):
    assert has_drawing(step_id)
    drawing = illustration(step_id, 160)
    placeholder = illustration("someone-elses-step", 160)
    assert ImageChops.difference(drawing.convert("RGB"), placeholder.convert("RGB")).getbbox() is not None


@pytest.mark.parametrize("step_id", shipped_step_ids())
def test_a_drawing_has_the_asked_size_and_is_not_blank(step_id):
    drawing = illustration(step_id, 200)
    assert drawing.size == (200, 200)
    background = Image.new("RGB", drawing.size, BACKGROUND[:3])
    assert share_differing(drawing.convert("RGB"), background, 40) > 0.03


def test_drawings_differ_from_step_to_step():
    ids = shipped_step_ids()
    pictures = {step_id: illustration(step_id, 96).tobytes() for step_id in ids}
    assert len(set(pictures.values())) == len(ids)


def test_an_unknown_step_gets_the_standing_figure():
    assert not has_drawing("my_own_stretch")
    assert illustration("my_own_stretch", 120).tobytes() == illustration("another_one", 120).tobytes()

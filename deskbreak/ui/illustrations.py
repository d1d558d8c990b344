"""Figure drawings of each routine step, drawn with Pillow from poses kept as data.

Every pose lives on a 100 x 100 grid (y grows downwards): a head, body strokes, the moving
part in the accent colour, props in grey and arrows for the movement. One function renders
them all, so the drawings share one style. An unknown step id (a user's own routine) gets a
plain standing figure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw

Point = tuple[float, float]
BACKGROUND = (246, 243, 236, 255)  # the routine window's background
BODY = (38, 48, 46, 255)
MOVING = (47, 125, 116, 255)  # the window's accent colour
PROP = (170, 166, 156, 255)
ARROW = (217, 130, 43, 255)
SUPERSAMPLE = 4
LIMB = 5.2
SPINE = 6.4


@dataclass(frozen=True)
class Pose:
    head: Point
    body: tuple[tuple[Point, ...], ...]  # strokes in the body colour
    moving: tuple[tuple[Point, ...], ...] = ()  # strokes of the part that moves
    props: tuple[tuple[Point, ...], ...] = ()  # chair, desk, floor: grey lines
    rollers: tuple[tuple[Point, float], ...] = ()  # foam roller ends: centre, radius
    arcs: tuple[tuple[Point, float, float, float], ...] = ()  # centre, radius, from, to (degrees, clockwise)
    arrows: tuple[tuple[Point, Point], ...] = ()  # straight arrows: from, to
    spine: tuple[Point, ...] = field(default=())  # drawn a little thicker than limbs


FLOOR = ((4.0, 90.0), (96.0, 90.0))

POSES: dict[str, Pose] = {
    "chair_back_extension": Pose(
        head=(31, 25),
        spine=((46, 61), (39, 46), (35, 33)),
        body=(((46, 61), (65, 61), (67, 84)), ((35, 33), (44, 23), (33, 19))),
        moving=(((39, 46), (35, 33)),),
        props=(FLOOR, ((34, 63), (63, 63)), ((36, 63), (36, 89)), ((61, 63), (61, 89)), ((34, 63), (34, 44))),
        arcs=(((40, 38), 19, 200, 285),),
    ),
    "overhead_reach": Pose(
        head=(50, 21),
        spine=((50, 29), (50, 58)),
        body=(((41, 32), (59, 32)), ((50, 58), (44, 73), (43, 89)), ((50, 58), (56, 73), (57, 89))),
        moving=(((41, 32), (37, 18), (39, 5)), ((59, 32), (63, 18), (61, 5))),
        props=(FLOOR,),
        arrows=(((26, 34), (26, 12)), ((74, 34), (74, 12))),
    ),
    "seated_open_book": Pose(
        head=(46, 23),
        spine=((50, 61), (50, 31)),
        body=(((58, 34), (55, 48), (45, 63)), ((45, 63), (44, 67), (44, 88)), ((55, 63), (56, 67), (56, 88))),
        moving=(((43, 33), (30, 30), (17, 24)),),
        props=(FLOOR, ((33, 65), (67, 65)), ((35, 65), (35, 89)), ((65, 65), (65, 89))),
        arcs=(((50, 36), 27, 195, 250),),
    ),
    "desk_hips_back_reach": Pose(
        head=(54, 61),
        spine=((29, 47), (38, 52), (47, 55)),
        body=(((29, 47), (29, 68), (30, 89)), ((47, 55), (56, 52), (65, 49))),
        moving=(((29, 47), (38, 52), (47, 55)),),
        props=(FLOOR, ((63, 49), (94, 49)), ((90, 49), (90, 89))),
        arrows=(((24, 38), (10, 38)),),
    ),
    "roller_upper_back": Pose(
        head=(23, 69),
        spine=((60, 77), (46, 73), (31, 71)),
        body=(((60, 77), (72, 62), (80, 89)), ((33, 71), (41, 64), (49, 69))),
        moving=(((46, 73), (31, 71)),),
        props=(FLOOR,),
        rollers=(((39, 82), 7.5),),
        arrows=(((30, 56), (50, 56)), ((50, 56), (30, 56))),
    ),
    "roller_extension": Pose(
        head=(26, 82),
        spine=((62, 87), (46, 73), (33, 78)),
        body=(((62, 87), (73, 67), (83, 89)), ((37, 76), (43, 67), (50, 71))),
        moving=(((46, 73), (33, 78)),),
        props=(FLOOR,),
        rollers=(((45, 82), 7.5),),
        arcs=(((45, 74), 17, 195, 245),),
    ),
    "roller_overhead_reach": Pose(
        head=(27, 82),
        spine=((62, 87), (46, 73), (34, 78)),
        body=(((62, 87), (73, 67), (83, 89)),),
        moving=(((36, 76), (23, 72), (10, 80)),),
        props=(FLOOR,),
        rollers=(((45, 82), 7.5),),
        arcs=(((36, 76), 25, 200, 260),),
    ),
    "side_lying_rotation": Pose(
        head=(17, 70),
        spine=((25, 72), (40, 73), (57, 74)),
        body=(((57, 74), (74, 77), (91, 79)), ((57, 74), (68, 64), (62, 77)), ((27, 74), (36, 82), (45, 84))),
        moving=(((27, 70), (25, 55), (17, 44)),),
        props=(FLOOR,),
        rollers=(((68, 72), 6.0),),
        arcs=(((27, 70), 21, 225, 300),),
    ),
    "kneeling_hips_back_reach": Pose(
        head=(29, 76),
        spine=((64, 73), (50, 67), (37, 70)),
        body=(((64, 73), (50, 88), (71, 88)),),
        moving=(((38, 70), (24, 73), (9, 79)),),
        props=(FLOOR,),
        arrows=(((70, 62), (83, 66)), ((21, 62), (7, 66))),
    ),
    "lunge_rotation_flow": Pose(
        head=(36, 35),
        spine=((50, 66), (44, 53), (40, 42)),
        body=(((50, 66), (34, 70), (30, 89)), ((50, 66), (68, 88), (87, 88)), ((40, 44), (34, 64), (27, 88))),
        moving=(((40, 42), (42, 26), (45, 9)),),
        props=(FLOOR,),
        arcs=(((40, 42), 22, 250, 325),),
    ),
}

STANDING = Pose(
    head=(50, 17),
    spine=((50, 25), (50, 56)),
    body=(((50, 28), (45, 43), (44, 56)), ((50, 28), (55, 43), (56, 56)), ((50, 56), (46, 73), (45, 89)), ((50, 56), (54, 73), (55, 89))),
    props=(FLOOR,),
)


def has_drawing(step_id: str) -> bool:
    return step_id in POSES


@lru_cache(maxsize=64)
def illustration(step_id: str, size: int) -> Image.Image:
    """The step's drawing, `size` pixels square, on the window's background."""
    return render(POSES.get(step_id, STANDING), size)


def render(pose: Pose, size: int) -> Image.Image:
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), BACKGROUND)
    pen = ImageDraw.Draw(image)
    k = big / 100

    def at(point: Point) -> Point:
        return point[0] * k, point[1] * k

    def stroke(points: tuple[Point, ...], colour: tuple[int, ...], width: float) -> None:
        scaled = [at(p) for p in points]
        pen.line(scaled, fill=colour, width=round(width * k), joint="curve")
        radius = width * k / 2
        for x, y in (scaled[0], scaled[-1]):
            pen.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)

    for line in pose.props:
        stroke(line, PROP, 2.4)
    for centre, radius in pose.rollers:
        x, y = at(centre)
        r = radius * k
        pen.ellipse((x - r, y - r, x + r, y + r), fill=PROP, outline=BODY, width=round(0.8 * k))
    for line in pose.body:
        stroke(line, BODY, LIMB)
    if pose.spine:
        stroke(pose.spine, BODY, SPINE)
    for line in pose.moving:
        stroke(line, MOVING, SPINE if line == pose.spine else LIMB + 0.6)
    x, y = at(pose.head)
    r = 6.5 * k
    pen.ellipse((x - r, y - r, x + r, y + r), fill=BODY)
    for centre, radius, start, end in pose.arcs:
        _arc_arrow(pen, at(centre), radius * k, start, end, k)
    for start_point, end_point in pose.arrows:
        _arrow(pen, at(start_point), at(end_point), k)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _arc_arrow(pen: ImageDraw.ImageDraw, centre: Point, radius: float, start: float, end: float, k: float) -> None:
    x, y = centre
    pen.arc((x - radius, y - radius, x + radius, y + radius), start, end, fill=ARROW, width=round(1.8 * k))
    tip = (x + radius * math.cos(math.radians(end)), y + radius * math.sin(math.radians(end)))
    heading = math.radians(end + 90)  # clockwise tangent at the end of the arc
    _head(pen, tip, heading, k)


def _arrow(pen: ImageDraw.ImageDraw, start: Point, end: Point, k: float) -> None:
    pen.line([start, end], fill=ARROW, width=round(1.8 * k))
    _head(pen, end, math.atan2(end[1] - start[1], end[0] - start[0]), k)


def _head(pen: ImageDraw.ImageDraw, tip: Point, heading: float, k: float) -> None:
    size = 4.5 * k
    left = (tip[0] - size * math.cos(heading - 0.5), tip[1] - size * math.sin(heading - 0.5))
    right = (tip[0] - size * math.cos(heading + 0.5), tip[1] - size * math.sin(heading + 0.5))
    pen.polygon([tip, left, right], fill=ARROW)

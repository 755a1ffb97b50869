"""Which appointment goes where in the agenda: days, lanes, overlaps side by side, bands.

Pure functions over plain data (no Qt, no session), so that the agenda widget only
paints what they return and maps clicks back, and the printed week is laid out exactly
like the screen (STYLE.md, "Calendar and timeline views").

* An **appointment** is one interview; the interviews of one group session (kind
  ``group``, same referent, day, time and length) make one :class:`Block` drawn once
  with its participants.
* The **week** and **day** views have one *lane* per day and referent, day first (the
  referents of one day side by side). In a lane, blocks that overlap are put side by
  side in columns (the first free column, clusters of overlapping blocks sharing the
  width); beyond :data:`MAX_COLUMNS` the rest of a cluster is counted, not drawn.
* **Bands** (suspensions, company periods) are cut into pieces over consecutive lanes
  and stacked in rows so that two bands of one referent never share a row on a day.
* The **month** view is a grid of whole weeks, Monday to Sunday, each cell listing its
  blocks by time; bands are cut by week row and stacked the same way.
* Deadlines and appointments without a time go in the lane's all-day list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from .calendar import public_holiday_name, week_monday
from .working_hours import DAY_END, DAY_START, minutes_of

#: Overlapping blocks shown side by side in one lane; the rest are counted.
MAX_COLUMNS = 4
#: Week view: Monday to Saturday.
WEEK_DAYS = 6
#: A block shorter than this is drawn this long, so that its text can be read.
MIN_DRAWN_MINUTES = 20

GROUP_KIND = "group"


@dataclass(frozen=True)
class Appointment:
    """One interview as the agenda shows it."""

    id: int
    case_id: int
    referent_id: int
    day: date
    start: time | None
    minutes: int
    #: Codes of :class:`~movdesk.models.InterviewKind` and ``InterviewStatus``.
    kind: str
    status: str
    beneficiary: str
    order_number: str

    @property
    def first_minute(self) -> int | None:
        return None if self.start is None else minutes_of(self.start)


@dataclass(frozen=True)
class Band:
    """A suspension or a company period of one case, over whole days."""

    kind: str  # "suspension" or "company_period"
    row_id: int
    case_id: int
    referent_id: int
    start: date
    end: date
    label: str


@dataclass(frozen=True)
class DayDeadline:
    """An open deadline of a case, drawn on the day the office acts on it."""

    case_id: int
    referent_id: int
    day: date
    due: date
    kind: str
    label: str
    beneficiary: str
    status: str


@dataclass(frozen=True)
class Block:
    """What is drawn as one box: one appointment, or one group session and its members."""

    members: tuple[Appointment, ...]

    @property
    def first(self) -> Appointment:
        return self.members[0]

    @property
    def key(self) -> int:
        """The id of its first interview: stable across reloads."""
        return self.first.id

    @property
    def referent_id(self) -> int:
        return self.first.referent_id

    @property
    def day(self) -> date:
        return self.first.day

    @property
    def kind(self) -> str:
        return self.first.kind

    @property
    def is_group(self) -> bool:
        return len(self.members) > 1 or self.first.kind == GROUP_KIND

    @property
    def status(self) -> str:
        """The members' status when they share one, else ``mixed``."""
        statuses = {m.status for m in self.members}
        return statuses.pop() if len(statuses) == 1 else "mixed"

    @property
    def start_minute(self) -> int | None:
        return self.first.first_minute

    @property
    def end_minute(self) -> int | None:
        start = self.start_minute
        return None if start is None else start + self.first.minutes

    def holds(self, interview_id: int) -> bool:
        return any(m.id == interview_id for m in self.members)


def make_blocks(appointments: Iterable[Appointment]) -> list[Block]:
    """One block per appointment, the members of one group session together.

    Sorted by day, referent, start (untimed last) and id, so that layouts are stable.
    """
    groups: dict[tuple[int, date, time | None, int], list[Appointment]] = defaultdict(list)
    blocks: list[Block] = []
    for item in appointments:
        if item.kind == GROUP_KIND and item.start is not None:
            groups[(item.referent_id, item.day, item.start, item.minutes)].append(item)
        else:
            blocks.append(Block((item,)))
    blocks += [Block(tuple(sorted(members, key=lambda m: m.id))) for members in groups.values()]
    blocks.sort(key=_block_order)
    return blocks


def _block_order(block: Block) -> tuple[date, int, int, int]:
    start = block.start_minute
    return block.day, block.referent_id, start if start is not None else 24 * 60, block.key


# --- Days --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayInfo:
    """A day of a view: weekend, public holiday (its French name), today."""

    day: date
    weekend: bool
    holiday: str | None
    today: bool

    @property
    def off(self) -> bool:
        """Not a working day: shaded."""
        return self.weekend or self.holiday is not None


def day_info(day: date, today: date, *, alsace_moselle: bool = False) -> DayInfo:
    return DayInfo(
        day=day,
        weekend=day.weekday() >= 5,
        holiday=public_holiday_name(day, alsace_moselle=alsace_moselle),
        today=day == today,
    )


def week_days(any_day: date, count: int = WEEK_DAYS) -> list[date]:
    """The ``count`` days from the Monday of ``any_day``'s week."""
    monday = week_monday(any_day)
    return [monday + timedelta(days=i) for i in range(count)]


def month_days(any_day: date) -> list[date]:
    """Whole weeks, Monday to Sunday, covering the month of ``any_day`` (5 or 6 rows)."""
    first = any_day.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    monday = week_monday(first)
    days = []
    day = monday
    while day < following or day.weekday() != 0:
        days.append(day)
        day += timedelta(days=1)
    return days


# --- Week and day views -------------------------------------------------------------------


@dataclass(frozen=True)
class Lane:
    """One column of the week view: a day for one referent."""

    index: int
    day: date
    referent_id: int


@dataclass(frozen=True)
class Placed:
    """A block in its lane: column among ``columns``, from ``top`` to ``bottom`` minutes.

    ``top``/``bottom`` are clipped to the view's day; ``cut_before``/``cut_after`` say
    that the block starts before or ends after it.
    """

    block: Block
    lane: int
    column: int
    columns: int
    top: int
    bottom: int
    cut_before: bool = False
    cut_after: bool = False


@dataclass(frozen=True)
class Overflow:
    """Blocks of a cluster beyond :data:`MAX_COLUMNS`, counted in their lane."""

    lane: int
    top: int
    bottom: int
    hidden: tuple[Block, ...]


@dataclass(frozen=True)
class BandPiece:
    """The part of a band over consecutive lanes (or days of a month row), in ``row``."""

    band: Band
    first: int
    last: int
    row: int
    continues_before: bool
    continues_after: bool


@dataclass(frozen=True)
class AllDayItem:
    """A line of a lane's all-day list: an untimed appointment or a deadline."""

    lane: int
    block: Block | None = None
    deadline: DayDeadline | None = None


@dataclass(frozen=True)
class WeekLayout:
    """Everything the week (or day) view draws, in lanes."""

    days: tuple[DayInfo, ...]
    lanes: tuple[Lane, ...]
    referent_ids: tuple[int, ...]
    placed: tuple[Placed, ...]
    overflows: tuple[Overflow, ...]
    bands: tuple[BandPiece, ...]
    band_rows: int
    all_day: tuple[AllDayItem, ...]
    first_minute: int = minutes_of(DAY_START)
    last_minute: int = minutes_of(DAY_END)

    def lane_of(self, day: date, referent_id: int) -> Lane | None:
        for lane in self.lanes:
            if lane.day == day and lane.referent_id == referent_id:
                return lane
        return None

    def all_day_of(self, lane: int) -> list[AllDayItem]:
        return [item for item in self.all_day if item.lane == lane]

    def block_with(self, interview_id: int) -> Placed | None:
        for placed in self.placed:
            if placed.block.holds(interview_id):
                return placed
        return None


def _columns(
    blocks: Sequence[Block], lane: int, first: int, last: int
) -> tuple[list[Placed], list[Overflow]]:
    """Side-by-side columns for the timed blocks of one lane, sorted by start (module notes)."""
    placed: list[Placed] = []
    overflows: list[Overflow] = []
    cluster: list[tuple[Block, int, int, int]] = []  # block, column, top, bottom
    hidden: list[Block] = []
    column_ends: list[int] = []
    cluster_end = -1

    def close() -> None:
        width = min(len(column_ends), MAX_COLUMNS)
        for block, column, top, bottom in cluster:
            placed.append(
                Placed(
                    block,
                    lane,
                    column,
                    width,
                    max(top, first),
                    min(max(bottom, top + MIN_DRAWN_MINUTES), last),
                    cut_before=top < first,
                    cut_after=bottom > last,
                )
            )
        if hidden:
            tops = [max(b.start_minute or first, first) for b in hidden]
            bottoms = [min(b.end_minute or last, last) for b in hidden]
            overflows.append(Overflow(lane, min(tops), max(bottoms), tuple(hidden)))

    for block in blocks:
        top, bottom = block.start_minute, block.end_minute
        assert top is not None and bottom is not None
        drawn_bottom = max(bottom, top + MIN_DRAWN_MINUTES)
        if column_ends and top >= cluster_end:
            close()
            cluster, hidden, column_ends = [], [], []
        for column, end in enumerate(column_ends):
            if end <= top:
                column_ends[column] = drawn_bottom
                break
        else:
            column = len(column_ends)
            column_ends.append(drawn_bottom)
        if column < MAX_COLUMNS:
            cluster.append((block, column, top, bottom))
        else:
            hidden.append(block)
        cluster_end = max(cluster_end, drawn_bottom)
    if column_ends:
        close()
    return placed, overflows


def _visible(block: Block, first: int, last: int) -> bool:
    start, end = block.start_minute, block.end_minute
    return start is not None and end is not None and end > first and start < last


def layout_week(
    days: Sequence[date],
    referent_ids: Sequence[int],
    appointments: Iterable[Appointment],
    *,
    bands: Iterable[Band] = (),
    deadlines: Iterable[DayDeadline] = (),
    today: date,
    alsace_moselle: bool = False,
) -> WeekLayout:
    """The week (or day) view of ``days`` for ``referent_ids`` side by side."""
    first, last = minutes_of(DAY_START), minutes_of(DAY_END)
    lanes = [
        Lane(index, day, referent)
        for index, (day, referent) in enumerate(
            (day, referent) for day in days for referent in referent_ids
        )
    ]
    lane_index = {(lane.day, lane.referent_id): lane.index for lane in lanes}
    per_lane: dict[int, list[Block]] = defaultdict(list)
    all_day: list[AllDayItem] = []
    for block in make_blocks(appointments):
        index = lane_index.get((block.day, block.referent_id))
        if index is None:
            continue
        if _visible(block, first, last):
            per_lane[index].append(block)
        else:
            all_day.append(AllDayItem(index, block=block))
    placed: list[Placed] = []
    overflows: list[Overflow] = []
    for index in sorted(per_lane):
        blocks = sorted(
            per_lane[index], key=lambda b: (b.start_minute, -(b.end_minute or 0), b.key)
        )
        lane_placed, lane_overflows = _columns(blocks, index, first, last)
        placed += lane_placed
        overflows += lane_overflows
    for deadline in sorted(deadlines, key=lambda d: (d.day, d.beneficiary, d.kind)):
        index = lane_index.get((deadline.day, deadline.referent_id))
        if index is not None:
            all_day.append(AllDayItem(index, deadline=deadline))
    all_day.sort(key=lambda item: (item.lane, item.deadline is not None))
    pieces, rows = _band_pieces(list(bands), list(days), list(referent_ids), lane_index)
    return WeekLayout(
        days=tuple(day_info(d, today, alsace_moselle=alsace_moselle) for d in days),
        lanes=tuple(lanes),
        referent_ids=tuple(referent_ids),
        placed=tuple(placed),
        overflows=tuple(overflows),
        bands=tuple(pieces),
        band_rows=rows,
        all_day=tuple(all_day),
    )


def stack_rows(spans: Sequence[tuple[date, date]]) -> list[int]:
    """The row of each span so that spans sharing a day never share a row.

    Greedy by start (then longest first): each span takes the lowest row free on its
    first day. Returns the rows in the order of ``spans``.
    """
    order = sorted(
        range(len(spans)), key=lambda i: (spans[i][0], -(spans[i][1] - spans[i][0]).days)
    )
    row_ends: list[date] = []
    rows = [0] * len(spans)
    for i in order:
        start, end = spans[i]
        for row, busy_until in enumerate(row_ends):
            if busy_until < start:
                row_ends[row] = end
                rows[i] = row
                break
        else:
            rows[i] = len(row_ends)
            row_ends.append(end)
    return rows


def _band_pieces(
    bands: list[Band],
    days: list[date],
    referent_ids: list[int],
    lane_index: dict[tuple[date, int], int],
) -> tuple[list[BandPiece], int]:
    """Each band cut into runs of consecutive lanes, in rows per referent."""
    if not days:
        return [], 0
    shown = [
        b
        for b in bands
        if b.referent_id in referent_ids and b.end >= days[0] and b.start <= days[-1]
    ]
    pieces: list[BandPiece] = []
    height = 0
    for referent in referent_ids:
        mine = [b for b in shown if b.referent_id == referent]
        mine.sort(key=lambda b: (b.start, b.end, b.kind, b.row_id))
        rows = stack_rows([(max(b.start, days[0]), min(b.end, days[-1])) for b in mine])
        for band, row in zip(mine, rows, strict=True):
            indexes = [lane_index[(d, referent)] for d in days if band.start <= d <= band.end]
            for run in _runs(indexes):
                pieces.append(
                    BandPiece(
                        band,
                        run[0],
                        run[-1],
                        row,
                        continues_before=band.start < days[0],
                        continues_after=band.end > days[-1],
                    )
                )
            height = max(height, row + 1)
    return pieces, height


def _runs(indexes: list[int]) -> list[list[int]]:
    """Consecutive numbers grouped: [1, 2, 3, 5, 6] → [[1, 2, 3], [5, 6]]."""
    runs: list[list[int]] = []
    for index in indexes:
        if runs and runs[-1][-1] + 1 == index:
            runs[-1].append(index)
        else:
            runs.append([index])
    return runs


# --- Month view ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthCell:
    """One day of the month grid, its blocks by time and its deadlines."""

    info: DayInfo
    in_month: bool
    blocks: tuple[Block, ...]
    deadlines: tuple[DayDeadline, ...]


@dataclass(frozen=True)
class MonthLayout:
    """The month grid: rows of seven cells, and the band pieces of each row."""

    month: date
    cells: tuple[MonthCell, ...]
    #: Band pieces; ``first``/``last`` are cell indexes within one week row.
    bands: tuple[BandPiece, ...] = field(default=())
    band_rows: int = 0

    @property
    def weeks(self) -> int:
        return len(self.cells) // 7

    def cell_of(self, day: date) -> int | None:
        for index, cell in enumerate(self.cells):
            if cell.info.day == day:
                return index
        return None


def layout_month(
    any_day: date,
    appointments: Iterable[Appointment],
    *,
    bands: Iterable[Band] = (),
    deadlines: Iterable[DayDeadline] = (),
    today: date,
    alsace_moselle: bool = False,
) -> MonthLayout:
    """The month of ``any_day`` as whole weeks; every referent's blocks by time."""
    days = month_days(any_day)
    by_day: dict[date, list[Block]] = defaultdict(list)
    for block in make_blocks(appointments):
        by_day[block.day].append(block)
    dues: dict[date, list[DayDeadline]] = defaultdict(list)
    for deadline in deadlines:
        dues[deadline.day].append(deadline)
    cells = tuple(
        MonthCell(
            info=day_info(day, today, alsace_moselle=alsace_moselle),
            in_month=day.month == any_day.month,
            blocks=tuple(sorted(by_day.get(day, ()), key=_time_order)),
            deadlines=tuple(sorted(dues.get(day, ()), key=lambda d: (d.beneficiary, d.kind))),
        )
        for day in days
    )
    pieces: list[BandPiece] = []
    height = 0
    all_bands = list(bands)
    for week in range(len(days) // 7):
        row_days = days[week * 7 : week * 7 + 7]
        shown = sorted(
            (b for b in all_bands if b.end >= row_days[0] and b.start <= row_days[-1]),
            key=lambda b: (b.start, b.end, b.referent_id, b.row_id),
        )
        rows = stack_rows([(max(b.start, row_days[0]), min(b.end, row_days[-1])) for b in shown])
        for band, row in zip(shown, rows, strict=True):
            first = (max(band.start, row_days[0]) - row_days[0]).days
            last = (min(band.end, row_days[-1]) - row_days[0]).days
            pieces.append(
                BandPiece(
                    band,
                    week * 7 + first,
                    week * 7 + last,
                    row,
                    continues_before=band.start < row_days[0],
                    continues_after=band.end > row_days[-1],
                )
            )
            height = max(height, row + 1)
    return MonthLayout(any_day.replace(day=1), cells, tuple(pieces), height)


def _time_order(block: Block) -> tuple[int, int, int]:
    start = block.start_minute
    return (start if start is not None else 24 * 60, block.referent_id, block.key)

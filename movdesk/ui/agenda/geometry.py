"""Where each part of the agenda lies in pixels, and what lies under a point.

Plain arithmetic over a layout of :mod:`movdesk.rules.agenda_layout` and the size of
the surface (a widget, or a printed page), without Qt: the painter draws these
rectangles and the widget maps clicks back through :meth:`WeekGeometry.hit` and
:meth:`MonthGeometry.hit`, so the screen, the printed week and the tests agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...rules.agenda_layout import (
    AllDayItem,
    BandPiece,
    Block,
    DayDeadline,
    MonthLayout,
    Overflow,
    Placed,
    WeekLayout,
)

#: Start times snap to this grid, in minutes.
SNAP_MINUTES = 15
#: Fewest pixels an hour may take before the week view scrolls.
MIN_HOUR_PX = 34
#: Rows of the all-day list and of bands shown per lane before « +n ».
ALL_DAY_ROWS = 3
BAND_ROWS = 3
MONTH_BAND_ROWS = 2


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px < self.right and self.y <= py < self.bottom

    def inset(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, max(0.0, self.w - 2 * dx), max(0.0, self.h - 2 * dy))


@dataclass(frozen=True)
class Metrics:
    """What the geometry needs of the font: a line's height and the time axis' width."""

    line: int
    axis: int


@dataclass(frozen=True)
class Hit:
    """What lies under a point: ``kind`` and the thing itself."""

    kind: str  # block, overflow, band, all_day, more, slot, header, cell, none
    lane: int | None = None
    minute: int | None = None
    day: date | None = None
    placed: Placed | None = None
    block: Block | None = None
    overflow: Overflow | None = None
    band: BandPiece | None = None
    item: AllDayItem | None = None
    deadline: DayDeadline | None = None
    hidden: tuple[object, ...] = ()


class WeekGeometry:
    """The week (or day) view on a surface of ``width`` × ``height`` pixels."""

    def __init__(self, layout: WeekLayout, width: float, height: float, metrics: Metrics) -> None:
        self.layout = layout
        self.metrics = metrics
        line = metrics.line
        self.width, self.height = width, height
        self.axis = metrics.axis
        lanes = max(len(layout.lanes), 1)
        self.lane_w = max(1.0, (width - self.axis) / lanes)
        self.several = len(layout.referent_ids) > 1
        header_lines = 3 if self.several else 2
        self.header = Rect(0, 0, width, header_lines * line + 6)
        most = max((len(layout.all_day_of(lane.index)) for lane in layout.lanes), default=0)
        self.all_day_rows = max(1, min(most, ALL_DAY_ROWS))
        top = self.header.bottom
        self.all_day = Rect(self.axis, top, width - self.axis, self.all_day_rows * line + 6)
        top = self.all_day.bottom
        self.band_rows = min(layout.band_rows, BAND_ROWS)
        # Bands beyond the rows drawn are counted on a line of their own under them.
        self.band_more = layout.band_rows > BAND_ROWS
        band_lines = self.band_rows + (1 if self.band_more else 0)
        self.bands = Rect(
            self.axis, top, width - self.axis, band_lines * line + (4 if band_lines else 0)
        )
        top = self.bands.bottom
        self.grid = Rect(self.axis, top, width - self.axis, max(1.0, height - top))
        self.minutes = layout.last_minute - layout.first_minute
        self.minute_h = self.grid.h / self.minutes

    @staticmethod
    def wanted_height(layout: WeekLayout, metrics: Metrics) -> float:
        """The height under which the hours would be too cramped (the view then scrolls)."""
        probe = WeekGeometry(layout, 100, 100, metrics)
        hours = (layout.last_minute - layout.first_minute) / 60
        return probe.grid.y + hours * MIN_HOUR_PX

    # -- positions --------------------------------------------------------------------

    def lane_x(self, lane: int) -> float:
        return self.axis + lane * self.lane_w

    def lane_column(self, lane: int) -> Rect:
        """The whole column of a lane, header to bottom."""
        return Rect(self.lane_x(lane), 0, self.lane_w, self.height)

    def day_span(self, day_index: int) -> Rect:
        """The columns of one day (all its referents' lanes)."""
        per_day = max(len(self.layout.referent_ids), 1)
        return Rect(self.lane_x(day_index * per_day), 0, self.lane_w * per_day, self.height)

    def y_of(self, minute: float) -> float:
        return self.grid.y + (minute - self.layout.first_minute) * self.minute_h

    def minute_at(self, y: float) -> int:
        """The slot start under ``y``, snapped down to the grid and kept inside the day."""
        raw = self.layout.first_minute + (y - self.grid.y) / self.minute_h
        snapped = int(raw // SNAP_MINUTES * SNAP_MINUTES)
        return max(self.layout.first_minute, min(snapped, self.layout.last_minute - SNAP_MINUTES))

    def lane_at(self, x: float) -> int | None:
        if x < self.axis:
            return None
        lane = int((x - self.axis) // self.lane_w)
        return lane if 0 <= lane < len(self.layout.lanes) else None

    def block_rect(self, placed: Placed) -> Rect:
        width = (self.lane_w - 4) / max(placed.columns, 1)
        top = self.y_of(placed.top)
        return Rect(
            self.lane_x(placed.lane) + 2 + placed.column * width,
            top,
            width,
            max(self.y_of(placed.bottom) - top, self.metrics.line * 0.9),
        )

    def overflow_rect(self, overflow: Overflow) -> Rect:
        size = self.metrics.line * 1.2
        return Rect(
            self.lane_x(overflow.lane) + self.lane_w - size * 1.6 - 2,
            self.y_of(overflow.top),
            size * 1.6,
            size,
        )

    def band_rect(self, piece: BandPiece) -> Rect | None:
        if piece.row >= self.band_rows:
            return None
        line = self.metrics.line
        x = self.lane_x(piece.first) + 1
        return Rect(
            x, self.bands.y + 2 + piece.row * line, self.lane_x(piece.last + 1) - x - 2, line - 1
        )

    def hidden_bands(self, lane: int) -> tuple[BandPiece, ...]:
        """The bands over ``lane`` beyond the rows drawn (listed by « +n périodes »)."""
        return tuple(
            p for p in self.layout.bands if p.first <= lane <= p.last and p.row >= self.band_rows
        )

    def band_more_rect(self, lane: int) -> Rect:
        """The line under the bands drawn where ``lane`` counts its hidden bands."""
        line = self.metrics.line
        y = self.bands.y + 2 + self.band_rows * line
        return Rect(self.lane_x(lane) + 2, y, self.lane_w - 4, line - 1)

    def all_day_rects(self, lane: int) -> tuple[list[tuple[Rect, AllDayItem]], list[AllDayItem]]:
        """The all-day lines shown in ``lane``, and those left for « +n »."""
        items = self.layout.all_day_of(lane)
        line = self.metrics.line
        room = self.all_day_rows if len(items) <= self.all_day_rows else self.all_day_rows - 1
        shown = [
            (
                Rect(
                    self.lane_x(lane) + 2,
                    self.all_day.y + 3 + row * line,
                    self.lane_w - 4,
                    line - 1,
                ),
                item,
            )
            for row, item in enumerate(items[:room])
        ]
        return shown, items[room:]

    def more_rect(self, lane: int) -> Rect:
        line = self.metrics.line
        row = self.all_day_rows - 1
        return Rect(
            self.lane_x(lane) + 2, self.all_day.y + 3 + row * line, self.lane_w - 4, line - 1
        )

    def slot_rect(self, lane: int, minute: int, minutes: int = SNAP_MINUTES) -> Rect:
        top = self.y_of(minute)
        return Rect(self.lane_x(lane) + 1, top, self.lane_w - 2, self.y_of(minute + minutes) - top)

    # -- hit testing ------------------------------------------------------------------

    def hit(self, x: float, y: float) -> Hit:
        lane = self.lane_at(x)
        if lane is None:
            return Hit("none")
        day = self.layout.lanes[lane].day
        if y < self.header.bottom:
            return Hit("header", lane=lane, day=day)
        if self.all_day.contains(x, y):
            shown, rest = self.all_day_rects(lane)
            for rect, item in shown:
                if rect.contains(x, y):
                    return Hit(
                        "all_day",
                        lane=lane,
                        day=day,
                        item=item,
                        block=item.block,
                        deadline=item.deadline,
                    )
            if rest and self.more_rect(lane).contains(x, y):
                return Hit("more", lane=lane, day=day, hidden=tuple(rest))
            return Hit("none", lane=lane, day=day)
        if self.bands.contains(x, y):
            for piece in self.layout.bands:
                rect = self.band_rect(piece)
                if rect is not None and rect.contains(x, y):
                    return Hit("band", lane=lane, day=day, band=piece)
            hidden = self.hidden_bands(lane)
            if hidden and self.band_more_rect(lane).contains(x, y):
                return Hit("more", lane=lane, day=day, hidden=hidden)
            return Hit("none", lane=lane, day=day)
        if y < self.grid.y:
            return Hit("none", lane=lane, day=day)
        for overflow in self.layout.overflows:
            if overflow.lane == lane and self.overflow_rect(overflow).contains(x, y):
                return Hit(
                    "overflow", lane=lane, day=day, overflow=overflow, hidden=overflow.hidden
                )
        for placed in reversed(self.layout.placed):
            if placed.lane == lane and self.block_rect(placed).contains(x, y):
                return Hit(
                    "block",
                    lane=lane,
                    day=day,
                    placed=placed,
                    block=placed.block,
                    minute=self.minute_at(y),
                )
        return Hit("slot", lane=lane, day=day, minute=self.minute_at(y))


class MonthGeometry:
    """The month grid on a surface of ``width`` × ``height`` pixels."""

    def __init__(self, layout: MonthLayout, width: float, height: float, metrics: Metrics) -> None:
        self.layout = layout
        self.metrics = metrics
        line = metrics.line
        self.width, self.height = width, height
        self.header = Rect(0, 0, width, line + 8)
        self.cell_w = width / 7
        self.cell_h = max(1.0, (height - self.header.bottom) / max(layout.weeks, 1))
        self.band_rows = min(layout.band_rows, MONTH_BAND_ROWS)

    def cell_rect(self, index: int) -> Rect:
        row, column = divmod(index, 7)
        return Rect(
            column * self.cell_w, self.header.bottom + row * self.cell_h, self.cell_w, self.cell_h
        )

    def band_rect(self, piece: BandPiece) -> Rect | None:
        if piece.row >= self.band_rows:
            return None
        first, last = self.cell_rect(piece.first), self.cell_rect(piece.last)
        line = self.metrics.line
        band_h = max(4.0, line * 0.55)
        y = first.y + line + 4 + piece.row * (band_h + 1)
        return Rect(first.x + 1, y, last.right - first.x - 2, band_h)

    def content_top(self, index: int) -> float:
        line = self.metrics.line
        band_h = max(4.0, line * 0.55)
        return self.cell_rect(index).y + line + 4 + self.band_rows * (band_h + 1) + 1

    def capacity(self, index: int) -> int:
        """How many item lines fit in a cell."""
        rect = self.cell_rect(index)
        return max(0, int((rect.bottom - self.content_top(index) - 2) // self.metrics.line))

    def hidden_bands(self, index: int) -> tuple[BandPiece, ...]:
        """The bands over the cell ``index`` beyond the rows drawn."""
        return tuple(
            p for p in self.layout.bands if p.first <= index <= p.last and p.row >= self.band_rows
        )

    def item_rects(
        self, index: int
    ) -> tuple[list[tuple[Rect, Block | DayDeadline | tuple[DayDeadline, ...]]], list[object]]:
        """The lines of a cell: the deadlines (one line for all) then the blocks by time;
        and what is left for « +n », the bands not drawn included."""
        cell = self.layout.cells[index]
        entries: list[Block | DayDeadline | tuple[DayDeadline, ...]] = []
        if len(cell.deadlines) == 1:
            entries.append(cell.deadlines[0])
        elif cell.deadlines:
            entries.append(cell.deadlines)
        entries += list(cell.blocks)
        hidden = self.hidden_bands(index)
        room = self.capacity(index)
        if len(entries) + (1 if hidden else 0) > room:
            room = max(0, room - 1)
        rect = self.cell_rect(index)
        top = self.content_top(index)
        line = self.metrics.line
        shown = [
            (Rect(rect.x + 2, top + row * line, rect.w - 4, line - 1), entry)
            for row, entry in enumerate(entries[:room])
        ]
        return shown, [*entries[room:], *hidden]

    def more_rect(self, index: int) -> Rect:
        shown, _rest = self.item_rects(index)
        rect = self.cell_rect(index)
        line = self.metrics.line
        return Rect(rect.x + 2, self.content_top(index) + len(shown) * line, rect.w - 4, line - 1)

    def cell_at(self, x: float, y: float) -> int | None:
        if y < self.header.bottom or x < 0 or x >= self.width:
            return None
        row = int((y - self.header.bottom) // self.cell_h)
        column = int(x // self.cell_w)
        index = row * 7 + column
        return index if 0 <= index < len(self.layout.cells) and 0 <= column < 7 else None

    def hit(self, x: float, y: float) -> Hit:
        index = self.cell_at(x, y)
        if index is None:
            return Hit("none")
        day = self.layout.cells[index].info.day
        for piece in self.layout.bands:
            rect = self.band_rect(piece)
            if rect is not None and rect.contains(x, y):
                return Hit("band", lane=index, day=day, band=piece)
        shown, rest = self.item_rects(index)
        for rect, entry in shown:
            if rect.contains(x, y):
                if isinstance(entry, Block):
                    return Hit("block", lane=index, day=day, block=entry)
                if isinstance(entry, DayDeadline):
                    return Hit("all_day", lane=index, day=day, deadline=entry)
                return Hit("more", lane=index, day=day, hidden=tuple(entry))
        if rest and self.more_rect(index).contains(x, y):
            return Hit("more", lane=index, day=day, hidden=tuple(rest))
        return Hit("cell", lane=index, day=day)

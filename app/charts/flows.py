"""A flow (Sankey) diagram: columns of nodes joined by bands as wide as the tonnes they carry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsRectItem, QWidget

from app.charts import palette
from app.charts.base import ChartWidget
from app.charts.legend import LegendEntry
from app.charts.series import FlowData, FlowNode, format_percent

NODE_WIDTH = 0.035
GAP_SHARE = 0.025  # the gap between two nodes, as a share of the total
# In the full chart every node gets a label where it has room (a label that would overlap a
# heavier node's label of its column is hidden, see _place_labels; the tooltip always tells).
# The compact chart labels only nodes of at least this share.
LABEL_MIN_SHARE = 0.0
COMPACT_LABEL_MIN_SHARE = 0.06


@dataclass
class Band:
    """A drawn band between node `source` of column `stage` and node `target` of the next."""

    stage: int
    source: int
    target: int
    value: int
    item: QGraphicsPathItem
    anchor: QPointF  # a point inside this band only (near its source), in view coordinates


@dataclass
class Node:
    column: int
    index: int
    value: int
    rect: QRectF
    item: QGraphicsRectItem


class FlowChart(ChartWidget):
    """Draws FlowData. Bands of the first stage take the colour of their source (an operator),
    later stages the colour of their target (a market); middle nodes are neutral."""

    def __init__(self, parent: QWidget | None = None, *, compact: bool = False):
        self._bands: list[Band] = []
        self._nodes: list[Node] = []
        self._highlighted: Band | None = None
        super().__init__(parent, compact=compact)

    def _build(self) -> None:
        # Column titles sit in a row above the plot, so zooming never hides them.
        self._header = self._view.addLayout(row=0, col=0)
        self._header.setContentsMargins(0, 0, 0, 0)
        self._column_titles = [
            self._header.addLabel("", col=i, justify=justify, color=palette.MUTED_TEXT)
            for i, justify in enumerate(("left", "center", "right"))
        ]
        self._header.setMaximumHeight(QFontMetrics(self.font()).height() + 8)
        self._view.ci.layout.setRowStretchFactor(0, 0)
        self._view.ci.layout.setRowStretchFactor(1, 1)
        self._labels: list[tuple[int, int, pg.TextItem]] = []  # (column, node value, label)
        # Bands and nodes are plain graphics items under one layer, added to the plot once per draw:
        # adding each to the plot (pyqtgraph's bookkeeping per item) and making fresh text items
        # took most of a refresh (150–490 ms on the three-year demo). Labels are reused.
        self._layer: QGraphicsRectItem | None = None
        self._label_pool: list[pg.TextItem] = []
        self._plot = self._view.addPlot(row=1, col=0)
        self._plot.setMenuEnabled(False)
        self._plot.hideButtons()
        for name in ("left", "bottom"):
            self._plot.hideAxis(name)
        vb = self._plot.getViewBox()
        vb.invertY(True)
        vb.setMouseEnabled(x=not self._compact, y=not self._compact)
        vb.sigResized.connect(self._place_labels)
        vb.sigRangeChanged.connect(self._place_labels)

    def _views(self) -> list[pg.ViewBox]:
        return [self._plot.getViewBox()]

    def bands(self) -> list[Band]:
        return list(self._bands)

    def band(self, stage: int, source_key: Hashable, target_key: Hashable) -> Band:
        d: FlowData = self._data
        for b in self._bands:
            if (
                b.stage == stage
                and d.columns[stage][b.source].key == source_key
                and d.columns[stage + 1][b.target].key == target_key
            ):
                return b
        raise KeyError((stage, source_key, target_key))

    def nodes(self) -> list[Node]:
        return list(self._nodes)

    def _legend_entries(self) -> list[LegendEntry]:
        d: FlowData = self._data
        return [LegendEntry(n.key, n.label, n.color, "box", n.detail) for n in d.columns[0]]

    # ---------------------------------------------------------------- layout and drawing
    def _visible_paths(self) -> list[tuple[tuple[int, ...], int]]:
        d: FlowData = self._data
        first = d.columns[0]
        return [(p, v) for p, v in d.paths if v > 0 and first[p[0]].key not in self._hidden]

    def _draw(self) -> None:
        d: FlowData = self._data
        plot = self._plot
        if self._layer is not None:
            plot.removeItem(self._layer)
        self._layer = layer = QGraphicsRectItem()  # an empty rectangle: only its children show
        layer.setPen(QPen(Qt.PenStyle.NoPen))
        plot.addItem(layer, ignoreBounds=True)
        self._bands, self._nodes, self._highlighted = [], [], None
        self._labels = []
        for label in self._label_pool:
            label.hide()
        paths = self._visible_paths()
        total = sum(v for _, v in paths)
        columns = len(d.columns)
        if total <= 0 or columns < 2:
            return
        node_value: list[dict[int, int]] = [defaultdict(int) for _ in range(columns)]
        link_value: list[dict[tuple[int, int], int]] = [defaultdict(int) for _ in range(columns - 1)]
        for path, value in paths:
            for c in range(columns):
                node_value[c][path[c]] += value
            for s in range(columns - 1):
                link_value[s][(path[s], path[s + 1])] += value
        gap = total * GAP_SHARE
        heights = [sum(node_value[c].values()) + gap * (len(node_value[c]) - 1) for c in range(columns)]
        tallest = max(heights)
        # Column c's nodes, heaviest first (ties by name for a stable picture), and their tops.
        order: list[list[int]] = []
        tops: list[dict[int, float]] = []
        for c in range(columns):
            ranked = sorted(node_value[c], key=lambda i, c=c: (-node_value[c][i], d.columns[c][i].label))
            order.append(ranked)
            y = (tallest - heights[c]) / 2
            top = {}
            for i in ranked:
                top[i] = y
                y += node_value[c][i] + gap
            tops.append(top)
        x_of = [c * 1.0 for c in range(columns)]
        label_font = QFont(self.font())
        if self._compact:
            label_font.setPointSizeF(max(7.0, label_font.pointSizeF() * 0.85))
        min_share = COMPACT_LABEL_MIN_SHARE if self._compact else LABEL_MIN_SHARE

        # Bands first, so nodes and labels are drawn over them.
        out_offset = [dict.fromkeys(order[c], 0.0) for c in range(columns)]
        in_offset = [dict.fromkeys(order[c], 0.0) for c in range(columns)]
        for s in range(columns - 1):
            rank_target = {i: r for r, i in enumerate(order[s + 1])}
            rank_source = {i: r for r, i in enumerate(order[s])}
            links = sorted(
                link_value[s].items(), key=lambda kv: (rank_source[kv[0][0]], rank_target[kv[0][1]])
            )
            # Incoming offsets follow the sources' order, so bands do not cross inside a node.
            incoming = sorted(
                link_value[s].items(), key=lambda kv: (rank_target[kv[0][1]], rank_source[kv[0][0]])
            )
            in_top: dict[tuple[int, int], float] = {}
            for (i, j), value in incoming:
                in_top[(i, j)] = tops[s + 1][j] + in_offset[s + 1][j]
                in_offset[s + 1][j] += value
            for (i, j), value in links:
                y0 = tops[s][i] + out_offset[s][i]
                out_offset[s][i] += value
                y1 = in_top[(i, j)]
                xa, xb = x_of[s] + NODE_WIDTH, x_of[s + 1]
                mid = (xa + xb) / 2
                path = QPainterPath(QPointF(xa, y0))
                path.cubicTo(QPointF(mid, y0), QPointF(mid, y1), QPointF(xb, y1))
                path.lineTo(QPointF(xb, y1 + value))
                path.cubicTo(QPointF(mid, y1 + value), QPointF(mid, y0 + value), QPointF(xa, y0 + value))
                path.closeSubpath()
                node = d.columns[s][i] if s == 0 else d.columns[s + 1][j]
                item = QGraphicsPathItem(path)
                item.setPen(QPen(Qt.PenStyle.NoPen))
                item.setBrush(QBrush(palette.qcolor(node.color, 120)))
                item.base_color = node.color
                item.setParentItem(layer)
                # Near the source the bands of a node lie side by side, so no other band covers this.
                anchor = QPointF(xa + 0.03 * (xb - xa), y0 + value / 2)
                self._bands.append(Band(s, i, j, value, item, anchor))

        for c in range(columns):
            for i in order[c]:
                node: FlowNode = d.columns[c][i]
                value = node_value[c][i]
                rect = QRectF(x_of[c], tops[c][i], NODE_WIDTH, value)
                item = QGraphicsRectItem(rect)
                item.setPen(QPen(Qt.PenStyle.NoPen))
                item.setBrush(QBrush(palette.qcolor(node.color)))
                item.setParentItem(layer)
                self._nodes.append(Node(c, i, value, rect, item))
                if value / total < min_share:
                    continue
                text = f"{node.label}  {d.unit.format(value)}" if not self._compact else node.label
                last = c == columns - 1
                label = self._label(len(self._labels), label_font)
                label.setText(text, color=palette.TEXT)
                label.setAnchor((1, 0.5) if last else (0, 0.5))
                label.setPos(
                    x_of[c] - 0.008 if last else x_of[c] + NODE_WIDTH + 0.008, tops[c][i] + value / 2
                )
                label.show()
                self._labels.append((c, value, label))
        for i, item in enumerate(self._column_titles):
            title = d.column_titles[i] if i < len(d.column_titles) and not self._compact else ""
            item.setText(f"<b>{title}</b>" if title else "", color=palette.MUTED_TEXT)
        self._header.setMaximumHeight(0 if self._compact else QFontMetrics(self.font()).height() + 8)
        vb = plot.getViewBox()
        vb.setRange(
            xRange=(-0.02, x_of[-1] + NODE_WIDTH + 0.02),
            yRange=(-gap * 0.4, tallest + gap * 0.4),
            padding=0,
        )
        self._place_labels()

    def _label(self, n: int, font: QFont) -> pg.TextItem:
        """The n-th label of the pool, made and added to the plot the first time it is needed."""
        while len(self._label_pool) <= n:
            label = pg.TextItem("", color=palette.TEXT, fill=(255, 255, 255, 170))
            label.setZValue(10)
            self._plot.addItem(label, ignoreBounds=True)
            self._label_pool.append(label)
        label = self._label_pool[n]
        if label.textItem.font() != font:
            label.setFont(font)
        return label

    def _place_labels(self, *_args) -> None:
        """Show a node's label only where it overlaps no heavier node's label of its column."""
        vb = self._plot.getViewBox()
        taken: dict[int, list] = {}
        for column, _value, label in sorted(self._labels, key=lambda t: -t[1]):
            # Where the label's text lands in pixels (its own transform is only updated at paint).
            anchor = vb.mapViewToScene(label.pos())
            size = label.textItem.boundingRect()
            rect = QRectF(
                anchor.x() - label.anchor[0] * size.width(),
                anchor.y() - label.anchor[1] * size.height(),
                size.width(),
                size.height(),
            ).adjusted(0, 1, 0, -1)
            placed = taken.setdefault(column, [])
            free = not any(rect.intersects(other) for other in placed)
            label.setVisible(free)
            if free:
                placed.append(rect)

    # ---------------------------------------------------------------- hover
    def band_at(self, x: float, y: float) -> Band | None:
        point = QPointF(x, y)
        for band in reversed(self._bands):
            if band.item.path().contains(point):
                return band
        return None

    def node_at(self, x: float, y: float) -> Node | None:
        for node in self._nodes:
            if node.rect.adjusted(-0.004, 0, 0.004, 0).contains(QPointF(x, y)):
                return node
        return None

    def band_text(self, band: Band) -> str:
        d: FlowData = self._data
        total = sum(v for _, v in self._visible_paths())
        source = d.columns[band.stage][band.source]
        target = d.columns[band.stage + 1][band.target]
        source_total = sum(b.value for b in self._bands if b.stage == band.stage and b.source == band.source)
        return "\n".join(
            [
                f"{source.detail or source.label} → {target.detail or target.label}",
                f"{d.unit.format(band.value)}",
                self.tr("%1 of all shown").replace("%1", format_percent(band.value, total)),
                self.tr("%1 of %2")
                .replace("%1", format_percent(band.value, source_total))
                .replace("%2", source.label),
            ]
        )

    def node_text(self, node: Node) -> str:
        d: FlowData = self._data
        total = sum(v for _, v in self._visible_paths())
        n = d.columns[node.column][node.index]
        title = d.column_titles[node.column] if node.column < len(d.column_titles) else ""
        head = f"{title}: {n.detail or n.label}" if title else (n.detail or n.label)
        return "\n".join([head, f"{d.unit.format(node.value)} ({format_percent(node.value, total)})"])

    def tooltip_at(self, x: float, y: float) -> str:
        node = self.node_at(x, y)
        if node is not None:
            return self.node_text(node)
        band = self.band_at(x, y)
        return self.band_text(band) if band is not None else ""

    def tooltip_at_scene(self, scene_pos: QPointF) -> str:
        vb = self._plot.getViewBox()
        text = super().tooltip_at_scene(scene_pos)
        point = vb.mapSceneToView(scene_pos)
        band = (
            self.band_at(point.x(), point.y())
            if text and self.node_at(point.x(), point.y()) is None
            else None
        )
        self._highlight(band)
        return text

    def _highlight(self, band: Band | None) -> None:
        if band is self._highlighted:
            return
        if self._highlighted is not None:
            old = self._highlighted
            old.item.setBrush(QBrush(palette.qcolor(old.item.base_color, 120)))
        if band is not None:
            band.item.setBrush(QBrush(palette.qcolor(band.item.base_color, 215)))
        self._highlighted = band


__all__ = ["Band", "FlowChart", "Node"]

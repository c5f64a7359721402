"""Live widgets for Jupyter: numbers in the kernel, pictures in the browser.

A slider move computes one :class:`nnlib.Trace` and sends the numbers its views need; the views
are drawn by the browser (anywidget ESM files in ``js/``). The toolkit has a few parts:

- :class:`Controls` — every slider, menu and button of a widget, as one view; ``hold()`` for
  bulk changes; a typed value that is no number or out of range is refused and said;
- :class:`LiveView` — compute → show under one error rule, the message line (it stays until
  the next action), the debug area, the timings, the display;
- the views: :class:`SceneView` (an SVG picture: the network :class:`DiagramView`, charts via
  :class:`Chart`), :class:`TemplateView` (formulas and tables whose numbers change in place),
  and :func:`show` for a cell's static picture of the same formulas;
- :class:`RasterView` — values over a plane drawn from bytes (a heat map, tiles), points on top;
- :class:`DescentControls` — η on the 1-2-5 grid, steps, step / undo / replay;
- :class:`NetworkPanel` — puts them together for any network; ``panel.follow(view, key)``
  adds a lesson's own view of the same trace.
"""
from .base import Box, LiveView, Message, Row, View
from .controls import Controls, button, choice, grid_slider, group, number, slider, toggle
from .descent import ETA_GRID, DescentControls, history_table
from .network import (AGREE, COLORS, DiagramView, backward_eq, backward_eqs, diagram_scene,
                      diagram_updates, forward_eq, forward_eqs, gradcheck_table, values_table)
from .panel import ALL_VIEWS, CHOICES, RANGES, NetworkPanel
from .raster import PALETTE, RasterView, quantise, tile
from .scene import Chart, Scene, SceneView, arrow_d, diverging, path_d
from .template import Doc, TemplateView, eq, lhs, matrix, op, show, table

__all__ = ["Box", "Row", "View", "LiveView", "Message", "Controls", "group", "slider",
           "grid_slider", "choice", "toggle", "number", "button", "DescentControls", "ETA_GRID",
           "history_table", "NetworkPanel", "ALL_VIEWS", "CHOICES", "RANGES", "COLORS",
           "DiagramView", "diagram_scene", "diagram_updates", "values_table", "forward_eq",
           "forward_eqs", "backward_eq", "backward_eqs", "gradcheck_table", "AGREE", "Scene",
           "SceneView", "Chart", "diverging", "arrow_d", "path_d", "Doc", "TemplateView", "show",
           "matrix", "eq", "op", "lhs",
           "table", "RasterView", "PALETTE", "quantise", "tile"]

"""The notebooks' own interactive pieces, one module per lesson (they use matplotlib and
ipywidgets, like nnlib.widgets; the maths always comes from the nnlib core)."""

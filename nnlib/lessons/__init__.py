"""The notebooks' own interactive pieces, one module per lesson, composed from the toolkit's
parts (nnlib.widgets: controls, browser-drawn pictures, formulas with live numbers); the maths
always comes from the nnlib core."""

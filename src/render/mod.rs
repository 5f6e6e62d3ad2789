//! Drawing a frame through plotters' `DrawingBackend`.

"""Guided break routines: the data files, their model, the pure step walker and the runners."""

"""The one exception type for bad input, so the command line can report it plainly."""


class InputError(Exception):
    """Input the build refuses; the message names the file, the figure and what was expected."""

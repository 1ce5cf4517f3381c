"""The one error every reader raises."""


class ReadError(Exception):
    """A document could not be read; the message is one line saying why."""

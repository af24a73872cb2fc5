"""Errors the user can act on: the CLI prints their message on one line, no traceback."""


class UserError(Exception):
    """Something about the input or the machine that the user can fix."""

    exit_code = 2

"""kstad: decision support for a Swedish municipality's IT unit."""

__version__ = "0.1.0"

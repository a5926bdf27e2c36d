"""East–West poverty-alleviation cooperation (东西扶贫协作): data, charts and report helpers."""

__version__ = "0.1.0"

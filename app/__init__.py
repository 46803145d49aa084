"""The Qt desktop front end and the command line of the Fujiang park tracker."""

__version__ = "0.1.0"

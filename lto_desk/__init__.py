"""LTO Desk: the payment counter of a lease-to-own used-car dealership."""

__version__ = "0.1.0"

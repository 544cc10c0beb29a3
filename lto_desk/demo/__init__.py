"""The demo dealership: two years of believable counter history, typed in through the
services as a clerk would (this package sits above services; services never import it)."""

from .build import DemoSummary, build_demo
from .tables import DEMO_CLERKS

__all__ = ["DEMO_CLERKS", "DemoSummary", "build_demo"]

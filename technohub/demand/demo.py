"""The demand area's part of the demo (called by hubs.demo.builder after the base demo)."""


def seed(builder) -> None:
    """Add this area's demo data; `builder` is the hubs.demo.builder.DemoBuilder."""

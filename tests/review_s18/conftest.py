"""Review s18's fixtures: the agent tests' unit restore (a test that commits units leaves the shared city as it found it)."""

from tests.agent.conftest import restore_units  # noqa: F401

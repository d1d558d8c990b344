import threading

import pytest

from deskbreak.platform.threads import OWNER
from tests.daemon.harness import Daemon


@pytest.fixture
def owner_here():
    """The test's own thread is the daemon's owner thread, as the daemon's owner is in use."""
    OWNER.bind(threading.get_ident(), lambda fn: fn())
    yield OWNER
    OWNER.unbind()


@pytest.fixture
def daemon(tmp_path):
    """A started headless daemon with a 3-second sit limit; stopped after the test."""
    d = Daemon(tmp_path).start()
    yield d
    d.stop()


@pytest.fixture
def make_daemon(tmp_path):
    made: list[Daemon] = []

    def make(config: str | None = None, **kw) -> Daemon:
        d = Daemon(tmp_path, **({"config": config} if config else {}), **kw)
        made.append(d)
        return d

    yield make
    for d in made:
        d.stop()

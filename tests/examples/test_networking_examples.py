"""The networking examples do what docs/basics/networking.md says they do.

tcp_echo.py and udp_echo.py run real sockets on 127.0.0.1 only (port 0, so the
operating system picks a free port and parallel runs never collide). TCP keeps
order across many messages and refuses at once when nobody listens; UDP answers
one datagram with one datagram, and a missing answer is only a timeout.
"""

from __future__ import annotations

import runpy
import socket
import time

import pytest
from conftest import ROOT
from examplefiles import example, examples_fixture

FOLDER = ROOT / "docs" / "examples" / "networking"
examples_on_path = examples_fixture(FOLDER, ("tcp_echo", "udp_echo"))


def test_tcp_echo_answers_each_line_in_order() -> None:
    tcp = example("tcp_echo")
    listener, port = tcp.start_server()
    with listener:
        lines = [f"message {n}" for n in range(50)]
        assert tcp.ask("127.0.0.1", port, lines) == [f"echo: {line}" for line in lines]


def test_tcp_server_reads_lines_however_the_bytes_are_split() -> None:
    """A stream has no message boundaries: one line sent in three writes is still one line."""
    tcp = example("tcp_echo")
    listener, port = tcp.start_server()
    with listener, socket.create_connection(("127.0.0.1", port), timeout=2) as conn:
        for piece in (b"he", b"llo wo", b"rld\n"):
            conn.sendall(piece)
            time.sleep(0.01)
        assert conn.makefile("rb").readline() == b"echo: hello world\n"


def test_tcp_connect_to_a_closed_port_is_refused_at_once() -> None:
    """Nobody listening: the handshake is answered with a reset, not left to time out."""
    tcp = example("tcp_echo")
    with socket.socket() as unused:  # a free port that nobody listens on
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    started = time.monotonic()
    with pytest.raises(ConnectionRefusedError):
        tcp.ask("127.0.0.1", port, ["anyone?"], timeout=2)
    assert time.monotonic() - started < 1


def test_udp_reply_is_one_datagram_back() -> None:
    udp = example("udp_echo")
    server, port = udp.start_server()
    with server:
        assert udp.ask("127.0.0.1", port, b"ping") == b"PING"
        assert udp.ask("127.0.0.1", port, b"x" * 400) == b"X" * 400


def test_udp_without_an_answer_is_only_a_timeout() -> None:
    """The datagram reaches a socket that never replies: the client cannot tell that from loss."""
    udp = example("udp_echo")
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
        silent.bind(("127.0.0.1", 0))
        started = time.monotonic()
        assert udp.ask("127.0.0.1", silent.getsockname()[1], b"ping", timeout=0.2) is None
        assert 0.15 < time.monotonic() - started < 1.5
        assert silent.recvfrom(512)[0] == b"ping"  # it did arrive; only the reply never came


def test_both_scripts_run_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(FOLDER / "tcp_echo.py"), run_name="__main__")
    runpy.run_path(str(FOLDER / "udp_echo.py"), run_name="__main__")
    out = capsys.readouterr().out.splitlines()
    assert out[1:] == ["echo: hello", "echo: second line", "b'PING'", "None"]

"""One UDP request and reply on 127.0.0.1: no connection, no handshake, no retry.

Each sendto() is one datagram that arrives whole or not at all. Nothing tells
the sender whether it arrived, so the client waits with a timeout and decides
for itself what to do when no answer comes: the job TCP does for you.

Run it:  python3 udp_echo.py
"""

import socket
import threading


def start_server(host: str = "127.0.0.1", port: int = 0) -> tuple[socket.socket, int]:
    """Answer every datagram with its upper-case copy, from a background thread."""
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind((host, port))

    def answer() -> None:
        while True:
            try:
                data, sender = server.recvfrom(512)
                server.sendto(data.upper(), sender)
            except OSError:  # the socket was closed: stop
                return

    threading.Thread(target=answer, daemon=True).start()
    return server, server.getsockname()[1]


def ask(host: str, port: int, message: bytes, timeout: float = 1.0) -> bytes | None:
    """Send one datagram and wait for one reply; None if nothing came back in time."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as client:
        client.settimeout(timeout)
        client.sendto(message, (host, port))
        try:
            reply, _server = client.recvfrom(512)
        except TimeoutError:  # lost, or nobody listening: UDP does not say which
            return None
        return reply


if __name__ == "__main__":
    server, port = start_server()
    print(ask("127.0.0.1", port, b"ping"))  # b'PING'
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as silent:
        silent.bind(("127.0.0.1", 0))  # receives datagrams, never replies
        print(ask("127.0.0.1", silent.getsockname()[1], b"ping", timeout=0.2))  # None
    server.close()

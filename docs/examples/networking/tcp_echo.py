"""A TCP echo server and client on 127.0.0.1, with nothing but the standard library.

TCP gives you a connection and a stream of bytes: the handshake happens inside
connect() and accept(), and bytes arrive in order or not at all. A stream has no
message boundaries, so both sides agree on one here: each message ends with a
newline.

Run it:  python3 tcp_echo.py
"""

import socket
import threading


def serve_one_client(listener: socket.socket) -> None:
    """Accept one connection and send back every line it sends, until it hangs up."""
    connection, _client_address = listener.accept()  # the handshake has completed here
    with connection, connection.makefile("rwb") as stream:
        for line in stream:  # one line at a time, however the bytes were split in transit
            stream.write(b"echo: " + line)
            stream.flush()


def start_server(host: str = "127.0.0.1", port: int = 0) -> tuple[socket.socket, int]:
    """Listen on host:port (port 0 asks the operating system for any free port)."""
    listener = socket.create_server((host, port))
    threading.Thread(target=serve_one_client, args=(listener,), daemon=True).start()
    return listener, listener.getsockname()[1]


def ask(host: str, port: int, lines: list[str], timeout: float = 2.0) -> list[str]:
    """Open one connection, send each line, and read one answer line for each."""
    with socket.create_connection((host, port), timeout=timeout) as conn:
        stream = conn.makefile("rwb")
        answers = []
        for line in lines:
            stream.write(line.encode() + b"\n")
            stream.flush()
            answers.append(stream.readline().decode().rstrip("\n"))
        return answers


if __name__ == "__main__":
    listener, port = start_server()
    print(f"listening on 127.0.0.1:{port}")
    for answer in ask("127.0.0.1", port, ["hello", "second line"]):
        print(answer)
    listener.close()

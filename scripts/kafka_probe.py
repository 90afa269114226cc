#!/usr/bin/env python3
"""Waits until a Kafka broker answers a Metadata request.

Usage: kafka_probe.py HOST:PORT [TIMEOUT_SECONDS]
Exits 0 as soon as the broker returns a well-formed Metadata v1 response, 1 on timeout.
Uses only the standard library, so it works before anything else is installed.
"""
import socket
import struct
import sys
import time


def metadata_request(correlation_id: int) -> bytes:
    client_id = b"pmo-probe"
    # Metadata v1: api_key=3, api_version=1; topics = null array (-1) means "all topics".
    body = struct.pack(">hhih", 3, 1, correlation_id, len(client_id)) + client_id + struct.pack(">i", -1)
    return struct.pack(">i", len(body)) + body


def answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2) as s:
            s.settimeout(2)
            s.sendall(metadata_request(7))
            header = s.recv(8)
            if len(header) < 8:
                return False
            _size, correlation = struct.unpack(">ii", header)
            return correlation == 7
    except OSError:
        return False


def main() -> int:
    host, _, port = sys.argv[1].rpartition(":")
    timeout = float(sys.argv[2]) if len(sys.argv) > 2 else 30.0
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if answers(host or "127.0.0.1", int(port)):
            return 0
        time.sleep(0.2)
    print(f"broker at {sys.argv[1]} did not answer metadata within {timeout:.0f}s", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())

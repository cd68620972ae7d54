"""The suite runs offline: sockets may reach loopback and nothing else."""

import socket

import pytest
from pytest_socket import SocketConnectBlockedError


def test_connecting_to_a_public_address_is_blocked():
    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("192.0.2.10", 443), timeout=1)


def test_loopback_connections_are_allowed():
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    client = socket.create_connection(("127.0.0.1", port), timeout=1)
    client.close()
    server.close()

"""The SQL unit of work offers exactly the repositories the domain's UnitOfWork port declares, each registered by
its feature package (repositories/<feature>/registry.py REPOSITORIES), and every port has its implementation."""

from __future__ import annotations

import inspect
import typing

import domain.ports
from repositories.uow import REPOSITORIES


def test_every_repository_of_the_port_is_registered_once_by_a_feature() -> None:
    declared = typing.get_type_hints(domain.ports.UnitOfWork, vars(domain.ports))
    assert set(REPOSITORIES) == set(declared)
    for name, implementation in REPOSITORIES.items():
        port = declared[name]
        # Each method the port asks for exists on the implementation, with the same parameters.
        for method, signature in inspect.getmembers(port, inspect.isfunction):
            if method.startswith("_"):
                continue
            assert hasattr(implementation, method), f"{implementation.__name__}.{method} missing ({name})"
            wanted = list(inspect.signature(signature).parameters)
            assert list(inspect.signature(getattr(implementation, method)).parameters) == wanted, (name, method)

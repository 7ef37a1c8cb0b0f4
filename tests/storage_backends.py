"""The lodged-document store under test, on either backend (issue 13 §3).

``documents_store`` is parametrised: "local" (the content-addressed folder under a temporary
MEDIA_ROOT) and "s3" (``filings.storage.s3`` against a real S3 API: moto's server, started once
per test session on a free port on 127.0.0.1, with one bucket; each test gets a folder of its
own in it). Tests plant, read and damage stored files through ``StoreUnderTest``, so one test
body checks both backends.
"""

from __future__ import annotations

import datetime
import logging
import os
import socket
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from filings.storage import TEMPORARY_PREFIX, documents_backend

S3_BUCKET = "registry-documents-test"
S3_REGION = "ap-southeast-2"
S3_CREDENTIALS = {"access_key": "registry-test", "secret_key": "registry-test-secret"}


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    client: Any


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def s3_server() -> Iterator[S3Server]:
    """A real S3 API on localhost (moto's server mode), with the test bucket."""
    import boto3
    from moto.server import ThreadedMotoServer

    # The server's access log (werkzeug) would mix with the logs tests assert on.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    # Never through a proxy the environment may name: the server is on this machine.
    saved = {name: os.environ.get(name) for name in ("NO_PROXY", "no_proxy")}
    for name, value in saved.items():
        os.environ[name] = ",".join(filter(None, [value, "127.0.0.1", "localhost"]))
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=S3_REGION,
        aws_access_key_id=S3_CREDENTIALS["access_key"],
        aws_secret_access_key=S3_CREDENTIALS["secret_key"],
    )
    client.create_bucket(
        Bucket=S3_BUCKET, CreateBucketConfiguration={"LocationConstraint": S3_REGION}
    )
    try:
        yield S3Server(endpoint_url=endpoint, client=client)
    finally:
        server.stop()
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class StoreUnderTest:
    """Plant, read, damage and list stored files, whichever backend holds them."""

    backend_name = ""

    def plant(self, name: str, data: bytes, *, age_seconds: int = 0) -> None:
        raise NotImplementedError

    def read(self, name: str) -> bytes:
        raise NotImplementedError

    def exists(self, name: str) -> bool:
        raise NotImplementedError

    def remove(self, name: str) -> None:
        raise NotImplementedError

    def names(self) -> list[str]:
        """Every stored name, temporary ones included."""
        raise NotImplementedError

    def leftovers(self) -> list[str]:
        return [n for n in self.names() if n.rsplit("/", 1)[-1].startswith(TEMPORARY_PREFIX)]

    def modified(self, name: str) -> float:
        raise NotImplementedError


class LocalStore(StoreUnderTest):
    backend_name = "local"

    def path(self, name: str) -> Path:
        return Path(documents_backend().path(name))  # type: ignore[attr-defined]

    def plant(self, name: str, data: bytes, *, age_seconds: int = 0) -> None:
        path = self.path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        if age_seconds:
            when = time.time() - age_seconds
            os.utime(path, (when, when))

    def read(self, name: str) -> bytes:
        return self.path(name).read_bytes()

    def exists(self, name: str) -> bool:
        return self.path(name).exists()

    def remove(self, name: str) -> None:
        self.path(name).unlink()

    def names(self) -> list[str]:
        root = self.path(".")
        return (
            sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
            if root.exists()
            else []
        )

    def modified(self, name: str) -> float:
        return self.path(name).stat().st_mtime


class S3Store(StoreUnderTest):
    backend_name = "s3"

    def __init__(self, server: S3Server, location: str) -> None:
        self.client = server.client
        self.location = location

    def key(self, name: str) -> str:
        return f"{self.location}/{name}"

    def plant(self, name: str, data: bytes, *, age_seconds: int = 0) -> None:
        self.client.put_object(Bucket=S3_BUCKET, Key=self.key(name), Body=data)
        if age_seconds:
            # S3 has no call to set LastModified; the server runs in this process, so its
            # record of the object is dated back directly (test setup only).
            from moto.core import DEFAULT_ACCOUNT_ID
            from moto.s3.models import s3_backends

            stored = s3_backends[DEFAULT_ACCOUNT_ID]["global"].get_object(S3_BUCKET, self.key(name))
            stored.last_modified = datetime.datetime.now(datetime.UTC).replace(
                tzinfo=None
            ) - datetime.timedelta(seconds=age_seconds)

    def read(self, name: str) -> bytes:
        return bytes(self.client.get_object(Bucket=S3_BUCKET, Key=self.key(name))["Body"].read())

    def exists(self, name: str) -> bool:
        return self.key(name) in {self.key(n) for n in self.names()}

    def remove(self, name: str) -> None:
        self.client.delete_object(Bucket=S3_BUCKET, Key=self.key(name))

    def names(self) -> list[str]:
        listed = self.client.list_objects_v2(Bucket=S3_BUCKET, Prefix=f"{self.location}/")
        return sorted(o["Key"][len(self.location) + 1 :] for o in listed.get("Contents", []))

    def modified(self, name: str) -> float:
        head = self.client.head_object(Bucket=S3_BUCKET, Key=self.key(name))
        return float(head["LastModified"].timestamp())


def s3_storage_settings(server: S3Server, location: str) -> dict[str, Any]:
    return {
        "BACKEND": "filings.storage.s3.S3ContentAddressedStorage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": server.endpoint_url,
            "region_name": S3_REGION,
            "location": location,
            "default_acl": None,
            **S3_CREDENTIALS,
        },
    }


@pytest.fixture(params=["local", "s3"])
def documents_store(request: pytest.FixtureRequest, settings: Any) -> StoreUnderTest:
    """The documents store on each backend in turn, through ``STORAGES["documents"]``."""
    if request.param == "local":
        return LocalStore()
    return _s3_store(request.getfixturevalue("s3_server"), settings)


@pytest.fixture
def s3_documents_store(s3_server: S3Server, settings: Any) -> StoreUnderTest:
    """The documents store on S3 only, for what only object storage does."""
    return _s3_store(s3_server, settings)


def _s3_store(server: S3Server, settings: Any) -> S3Store:
    # A folder of the session's bucket for each test: nothing one test stores is seen by another.
    location = f"test-{uuid.uuid4().hex[:12]}"
    settings.STORAGES = {**settings.STORAGES, "documents": s3_storage_settings(server, location)}
    return S3Store(server, location)

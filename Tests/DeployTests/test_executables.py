"""What the manifests and the Compose file pass to the executables is what they accept, and the
image builds exactly the executables Package.swift declares:
- only PMO_*, KAFKA_* and OTEL_* variables are given to a container, and every flag and every
  PMO_* and OTEL_* variable appears in its executable's --help (for pmoctl, in the --help of the
  subcommand it runs), also once an optional Kubernetes component (components/) is applied; the
  swift-otel library reads more OTEL_* variables than --help lists, and those are not passed;
- every KAFKA_* variable of a Kubernetes container is taken as a librdkafka property by the
  executable itself (it logs the KAFKA_* variables it ignores; a canary proves the log is read);
- the Dockerfile (parsed by BuildKit's parser) builds the executable products of Package.swift,
  all of them and no other, on Swift 6.3 and Debian 12, into an image that runs as user 10001,
  with the resource bundles next to the executables and every HTTP port exposed;
- pmo-dashboard answers /healthz and /readyz but has no /metrics and no shutdown bound, which is
  why its manifests have no Prometheus annotations and a short grace period."""
from __future__ import annotations

import os
import re
import shlex
import socket
import subprocess
import time
import urllib.error
import urllib.request
from functools import lru_cache

import dockerfile
import pytest

from deploy_support import DASHBOARD_TOKEN, DEPLOY, ROOT, TRACING, executable, help_text, of_kind, with_component

# The variables the deployment passes: the runtime's own, librdkafka properties, and OpenTelemetry's.
VARIABLE_PREFIXES = ("PMO_", "KAFKA_", "OTEL_")
# Those checked against --help (KAFKA_* are checked by running the executable, below).
HELP_LISTED_PREFIXES = ("PMO_", "OTEL_")


def words_in(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


@lru_cache(maxsize=None)
def subcommands(*path: str) -> tuple[str, ...]:
    """The subcommands listed by `<path> --help`."""
    text = help_text(*path)
    if "SUBCOMMANDS:" not in text:
        return ()
    section = text.split("SUBCOMMANDS:", 1)[1]
    return tuple(m.group(1) for m in re.finditer(r"^  (\S+)", section, re.M))


def command_path(tokens: list[str]) -> list[str]:
    """The executable and the subcommands of a command line (pmoctl topics create -> all three)."""
    path = [tokens[0]]
    for token in tokens[1:]:
        if token in subcommands(*path):
            path.append(token)
        else:
            break
    return path


def flags_of(tokens: list[str]) -> list[str]:
    return [t.split("=", 1)[0] for t in tokens if t.startswith("--")]


def kubernetes_containers(documents: list[dict], config_maps: dict[str, dict]) -> list[tuple[str, list[str], list[str]]]:
    """(where, command line, variable names) of every container."""
    found = []
    for deployment in of_kind(documents, "Deployment"):
        for container in deployment["spec"]["template"]["spec"]["containers"]:
            names = [e["name"] for e in container.get("env", [])]
            for source in container.get("envFrom", []):
                names += list(config_maps[source["configMapRef"]["name"]]["data"])
            found.append((f"Deployment {deployment['metadata']['name']}",
                          container["command"] + container.get("args", []), names))
    return found


def compose_commands(compose: dict) -> list[tuple[str, list[str], list[str]]]:
    """(where, command line, variable names) of every PMO service and job of the Compose file (those
    of the PMO image: not Kafka nor Jaeger); a shell script's pmoctl lines count each as a command
    line."""
    found = []
    for name, service in compose["services"].items():
        if service.get("image") != compose["x-pmo-image"]["image"]:
            continue
        names = list(service.get("environment", {}))
        command = service["command"]
        if command[0] == "sh":
            for line in command[-1].splitlines():
                match = re.match(r"\s*(?:if\s+)?(pmoctl\b[^|;]*)", line)
                if match:
                    found.append((f"compose {name}", shlex.split(match.group(1)), names))
        else:
            found.append((f"compose {name}", command, names))
    return found


def all_commands(base_documents, compose):
    config_maps = {d["metadata"]["name"]: d for d in of_kind(base_documents, "ConfigMap")}
    return kubernetes_containers(base_documents, config_maps) + compose_commands(compose)


def not_in_help(commands: list[tuple[str, list[str], list[str]]]) -> list[str]:
    """The flags, and the PMO_* and OTEL_* variables, of the commands that their --help lacks."""
    missing = []
    for where, command, names in commands:
        path = command_path(command)
        text = help_text(*path)
        for flag in flags_of(command):
            if not words_in(text, flag):
                missing.append(f"{where}: {' '.join(path)} has no flag {flag}")
        for name in names:
            if name.startswith(HELP_LISTED_PREFIXES) and not words_in(text, name):
                missing.append(f"{where}: {' '.join(path)} does not read {name}")
    return missing


def foreign_variables(commands: list[tuple[str, list[str], list[str]]]) -> list[str]:
    return [f"{where}: {n}" for where, _, names in commands for n in names if not n.startswith(VARIABLE_PREFIXES)]


def test_every_flag_and_pmo_and_otel_variable_is_in_the_executables_help(base_documents, compose):
    commands = all_commands(base_documents, compose)
    assert len(commands) >= 10
    assert any(n.startswith("OTEL_") for _, _, names in commands for n in names), "no OTEL_* variable to check"
    assert not_in_help(commands) == []


def test_only_pmo_kafka_and_otel_variables_are_passed(base_documents, compose):
    assert foreign_variables(all_commands(base_documents, compose)) == []


@pytest.mark.parametrize("component", [DASHBOARD_TOKEN, TRACING], ids=lambda c: c.name)
def test_the_components_variables_are_in_the_executables_help(base_documents, component):
    """An optional Kubernetes component applied to the base passes only variables (and flags) that
    pass the two checks above; tracing's OTEL_EXPORTER_OTLP_ENDPOINT is in every executable's --help."""
    patched = with_component(base_documents, component)
    config_maps = {d["metadata"]["name"]: d for d in of_kind(patched, "ConfigMap")}
    commands = kubernetes_containers(patched, config_maps)
    assert commands and foreign_variables(commands) == [] and not_in_help(commands) == []
    if component == TRACING:
        assert all("OTEL_EXPORTER_OTLP_ENDPOINT" in names for _, _, names in commands)


def test_every_kafka_variable_is_a_librdkafka_property(base_documents):
    """Runs each Kubernetes container's executable for a moment with its KAFKA_* variables (values
    made local: the CA file does not exist here, so the Kafka client refuses to start and the
    process ends) and reads the notice that lists the KAFKA_* variables it ignored."""
    config_maps = {d["metadata"]["name"]: d for d in of_kind(base_documents, "ConfigMap")}
    for where, command, names in kubernetes_containers(base_documents, config_maps):
        kafka = [n for n in names if n.startswith("KAFKA_")]
        assert {"KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD", "KAFKA_SECURITY_PROTOCOL"} <= set(kafka), where
        environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
                       "PMO_HTTP_HOST": "127.0.0.1", "PMO_HTTP_PORT": "0",
                       "PMO_GATEWAY_TOKENS_FILE": str(ROOT / "examples" / "gateway-tokens.yaml"),
                       "KAFKA_PMO_DEPLOY_TEST_CANARY": "1"}
        for name in kafka:
            environment[name] = {"KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:1", "KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
                                 "KAFKA_SASL_MECHANISMS": "SCRAM-SHA-512",
                                 "KAFKA_SSL_CA_LOCATION": "/nonexistent/pmo-deploy-test/ca.crt"}.get(name, "x")
        process = subprocess.Popen([str(executable(command[0])), *command[1:]], env=environment, cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            output, _ = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        ignored = re.search(r"variables=\[([^\]]*)\].*were ignored", output)
        assert ignored, f"{where}: no notice of ignored variables (the canary should be one):\n{output}"
        listed = set(re.findall(r'"([A-Z0-9_]+)"', ignored.group(1)))
        assert listed == {"KAFKA_PMO_DEPLOY_TEST_CANARY"}, f"{where}: ignored {sorted(listed)}"


def package_executables() -> set[str]:
    manifest = (ROOT / "Package.swift").read_text()
    manifest = re.sub(r"//[^\n]*", "", manifest)
    targets = set(re.findall(r"\.executableTarget\(\s*name:\s*\"([^\"]+)\"", manifest))
    products = set(re.findall(r"\.executable\(\s*name:\s*\"([^\"]+)\"", manifest))
    return targets | products


INSTRUCTIONS = {"FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER",
                "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"}


def dockerfile_stages() -> list[list]:
    """deploy/Dockerfile parsed by BuildKit's own parser (the `dockerfile` package), split into
    stages; a syntax error fails here."""
    stages: list[list] = []
    for instruction in dockerfile.parse_file(str(DEPLOY / "Dockerfile")):
        assert instruction.cmd in INSTRUCTIONS, f"line {instruction.start_line}: unknown instruction {instruction.cmd}"
        if instruction.cmd == "FROM" or not stages:
            stages.append([])
        stages[-1].append(instruction)
    return stages[1:]  # the first holds the global ARGs


def global_args() -> dict[str, str]:
    instructions = dockerfile.parse_file(str(DEPLOY / "Dockerfile"))
    args = {}
    for instruction in instructions:
        if instruction.cmd == "FROM":
            break
        name, _, value = instruction.value[0].partition("=")
        args[name] = value
    return args


def dockerfile_products() -> set[str]:
    build = dockerfile_stages()[0]
    (products,) = [i.value[0] for i in build if i.cmd == "ARG" and i.value[0].startswith("PRODUCTS=")]
    runs = [i.value[0] for i in build if i.cmd == "RUN"]
    assert any(re.search(r"for product in \$\{PRODUCTS\}; do\s+swift build -c release", r) for r in runs)
    return set(products.removeprefix("PRODUCTS=").strip('"').split())


def test_the_image_builds_exactly_the_packages_executables():
    assert len(package_executables()) >= 5
    assert dockerfile_products() == package_executables()


def test_the_image_is_built_on_swift_6_3_and_debian_and_runs_as_a_non_root_user():
    build, runtime = dockerfile_stages()
    args = global_args()
    assert build[0].value[0] == "${SWIFT_IMAGE}" and re.fullmatch(r"swift:6\.3(\.\d+)?-bookworm", args["SWIFT_IMAGE"])
    assert runtime[0].value[0] == "${RUNTIME_IMAGE}" and args["RUNTIME_IMAGE"] == "debian:bookworm-slim"
    assert [i.value[0] for i in build if i.cmd == "RUN"][0] == "bash scripts/bootstrap.sh"
    assert [i.value for i in runtime if i.cmd == "USER"] == [("10001:10001",)]
    assert not [i for i in runtime if i.cmd == "ENTRYPOINT"]
    assert [(i.flags, i.value) for i in runtime if i.cmd == "COPY" and i.flags] == [(("--from=build",), ("/out/bin/", "/usr/local/bin/"))]
    (install,) = [i.value[0] for i in runtime if i.cmd == "RUN"]
    for package in ("ca-certificates", "curl", "libssl3", "libsasl2-2", "libzstd1", "liblz4-1", "libjemalloc2"):
        assert words_in(install, package), package
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()
               if line.strip() and not line.lstrip().startswith("#")}
    assert {".build", ".deps", ".venv", ".run", ".git", "Package.resolved"} <= ignored


def test_the_image_carries_the_resource_bundles_next_to_the_executables():
    """SwiftPM puts a target's resources (Package.swift `resources:`; the dashboard's templates,
    style sheet and script) in <package>_<target>.resources beside the executables, and
    Bundle.module looks for it beside the running executable (or in the build folder, which the
    image lacks): the build stage copies every bundle into /out/bin, which becomes /usr/local/bin."""
    manifest = re.sub(r"//[^\n]*", "", (ROOT / "Package.swift").read_text())
    assert re.search(r"\bresources:\s*\[", manifest), "no target has resources any more: drop this test"
    build, runtime = dockerfile_stages()
    runs = [i.value[0] for i in build if i.cmd == "RUN"]
    assert any(re.search(r'bin="\$\(swift build -c release --static-swift-stdlib --show-bin-path\)".*'
                         r'for bundle in "\$bin"/\*\.resources; do\s+if \[ -d "\$bundle" \]; then '
                         r'cp -R "\$bundle" /out/bin/; fi;\s+done', r) for r in runs)
    assert [(i.flags, i.value) for i in runtime if i.cmd == "COPY" and i.flags] == [(("--from=build",), ("/out/bin/", "/usr/local/bin/"))]


def test_the_image_exposes_every_http_port(base_documents):
    (exposed,) = [set(i.value) for i in dockerfile_stages()[1] if i.cmd == "EXPOSE"]
    ports = {c["ports"][0]["containerPort"] for d in of_kind(base_documents, "Deployment")
             for c in d["spec"]["template"]["spec"]["containers"]}
    assert exposed == {str(p) for p in ports}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_dashboard_has_health_and_readiness_but_no_metrics():
    """Runs pmo-dashboard against a Kafka address that accepts connections and never answers (so
    it waits for the broker instead of failing at once) and asks it over HTTP: /healthz 200,
    /readyz 503 (not caught up), /metrics 404. So the manifests give it probes and no Prometheus
    scraping. Its --help has no shutdown bound (--shutdown-timeout-s) for a grace period to outlast."""
    text = help_text("pmo-dashboard")
    assert not words_in(text, "--shutdown-timeout-s") and not words_in(text, "PMO_SHUTDOWN_TIMEOUT_S")
    port = free_port()
    with socket.socket() as silent_broker:
        silent_broker.bind(("127.0.0.1", 0))
        silent_broker.listen()
        environment = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
                       "KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{silent_broker.getsockname()[1]}",
                       "PMO_HTTP_HOST": "127.0.0.1", "PMO_HTTP_PORT": str(port)}
        process = subprocess.Popen([str(executable("pmo-dashboard"))], env=environment, cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            deadline = time.monotonic() + 8
            while True:
                try:
                    health = http_status(f"http://127.0.0.1:{port}/healthz")
                    break
                except OSError:
                    assert process.poll() is None and time.monotonic() < deadline, "pmo-dashboard did not listen"
                    time.sleep(0.1)
            statuses = {path: http_status(f"http://127.0.0.1:{port}{path}") for path in ("/readyz", "/metrics")}
        finally:
            process.kill()
            output, _ = process.communicate()
    assert (health, statuses) == (200, {"/readyz": 503, "/metrics": 404}), output


def test_help_parsing_finds_subcommands():
    """The pmoctl command paths the test above checks against are the real ones."""
    assert command_path(["pmoctl", "topics", "create", "--timeout", "60"]) == ["pmoctl", "topics", "create"]
    assert command_path(["pmoctl", "publish", "pmo.status.reported.v1", "f.json"]) == ["pmoctl", "publish"]
    if not words_in(help_text("pmoctl", "topics", "create"), "--timeout"):
        pytest.fail("pmoctl topics create --help does not show --timeout")

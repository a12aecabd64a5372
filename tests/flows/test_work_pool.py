"""Scale-out on Prefect's own machinery: a `process` work pool on a Prefect server (the session's
test server here), a worker polling it (on another machine in production; a subprocess the
test starts and stops here), a deployment of the ingest flow from this repository's source,
one run, and the store has the files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from flows.server import stop_group
from pipeline.store import open_store
from tests.conftest import ROOT
from tests.flows.conftest import BAD, SMALL, make_inbox

PREFECT = [sys.executable, "-m", "prefect"]
DEPLOY_AND_RUN = textwrap.dedent("""
    import json, sys
    from prefect.deployments import run_deployment
    from flows.ingest import ingest
    repo, pool, parameters = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    ingest.from_source(source=repo, entrypoint="flows/ingest.py:ingest").deploy(
        name="pool-test", work_pool_name=pool, parameters=parameters, print_next_steps=False)
    run = run_deployment("ingest/pool-test", timeout=240)
    print(json.dumps({"state": run.state.type.value if run.state else None}))
""")


def test_a_worker_on_a_process_pool_runs_the_deployed_flow(prefect_harness: str, tmp_path: Path) -> None:
    inbox = make_inbox(tmp_path / "inkorg")
    db = tmp_path / "arkiv.db"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env.update(PREFECT_HOME=str(tmp_path / "prefect"), PREFECT_WORKER_QUERY_SECONDS="2",
               PREFECT_SERVER_ANALYTICS_ENABLED="false")
    env["PREFECT_API_URL"] = prefect_harness
    subprocess.run([*PREFECT, "work-pool", "create", "protokoll", "--type", "process"], env=env, check=True,
                   capture_output=True, timeout=120)
    worker = subprocess.Popen([*PREFECT, "worker", "start", "--pool", "protokoll", "--type", "process"],
                              env=env, cwd=tmp_path, start_new_session=True, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        parameters = {"inbox": str(inbox), "db": str(db), "quarantine": str(tmp_path / "karantän")}
        done = subprocess.run([sys.executable, "-c", DEPLOY_AND_RUN, str(ROOT), "protokoll", json.dumps(parameters)],
                              env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    finally:
        stop_group(worker)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"state": "COMPLETED"}
    with open_store(str(db), create=False) as store:
        assert sorted(row[0] for row in store.query("SELECT source FROM documents")) == sorted(SMALL)
        assert store.query("SELECT count(*) FROM quarantine")[0][0] == len(BAD)
        (flow_run_id,) = store.query("SELECT flow_run_id FROM ingest_runs")[0]
    assert flow_run_id  # the run in the store names its Prefect flow run

// A separate client for the local host-shell contract: starts the job given as JSON in argv[2] through the local
// shell (HOME from the environment), says "started", and then waits to be killed.
import { LocalHostShell } from '../../../src/core/local/local-shell';
import { startJob } from '../../../src/core/remote/jobs/job-remote';
import type { JobSpec } from '../../../src/core/remote/jobs/job-types';

void startJob(new LocalHostShell(), JSON.parse(process.argv[2]) as JobSpec).then(() => {
  process.stdout.write('started\n');
  setInterval(() => undefined, 1 << 30);
}, (e: Error) => {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
});

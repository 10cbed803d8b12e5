/** Reads a file from test/fixtures/npu-smi (verbatim npu-smi outputs; provenance in SOURCES.md there). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURE_DIR = join(__dirname, '..', '..', 'fixtures', 'npu-smi');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURE_DIR, name), 'utf8');
}

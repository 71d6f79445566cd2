import { rmSync } from 'node:fs';
import { FIGURES_FILE, writeResultsTable } from './harness';

/** One table for the whole run, whichever bench files ran: start empty, write `bench/results.json` at the end. */
export default function setup(): () => void {
  rmSync(FIGURES_FILE, { force: true });
  return () => {
    writeResultsTable();
    rmSync(FIGURES_FILE, { force: true });
  };
}

// Sign-in workflows: each answer replaces the handle, so only the newest one is accepted.
import { randomInt } from 'node:crypto';
import type { Emulator } from './context.js';
import { uuid } from './ids.js';
import type { Workflow } from './state.js';

const WORKFLOW_TTL_MS = 15 * 60 * 1000;

/** A fresh sign-in workflow waiting for the page-load step; returns its first handle. */
export function newWorkflow(emu: Emulator): Workflow {
  const wf: Workflow = {
    handle: uuid(),
    expect: '',
    csrfToken: String(randomInt(1e9, 1e10)),
    state: uuid(),
    expiresAt: Date.now() + WORKFLOW_TTL_MS,
    remaining: [],
  };
  emu.state.workflows.set(wf.handle, wf);
  return wf;
}

export function signinPageUrl(emu: Emulator, handle: string): string {
  return `${emu.url}/platform/${emu.scenario.directoryId}/login?workflowStateHandle=${encodeURIComponent(handle)}`;
}

/** The workflow a handle belongs to, if the handle is its newest and it has not expired. */
export function findWorkflow(emu: Emulator, handle: unknown): Workflow | undefined {
  if (typeof handle !== 'string') return undefined;
  const wf = emu.state.workflows.get(handle);
  if (wf && wf.expiresAt <= Date.now()) {
    emu.state.workflows.delete(handle);
    return undefined;
  }
  return wf;
}

/** Moves the workflow on: the old handle dies, a new one waits for `expect`. */
export function advance(emu: Emulator, wf: Workflow, expect: string): string {
  emu.state.workflows.delete(wf.handle);
  wf.handle = uuid();
  wf.expect = expect;
  emu.state.workflows.set(wf.handle, wf);
  return wf.handle;
}

/** Ends the workflow: its handle is no longer accepted. */
export function finish(emu: Emulator, wf: Workflow): void {
  emu.state.workflows.delete(wf.handle);
}

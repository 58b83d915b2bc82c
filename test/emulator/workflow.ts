// Sign-in workflows: each answer replaces the handle, so only the newest one is accepted;
// an error answer adds a rotated handle beside the current one (docs/protocol.md §2).
import { randomInt } from 'node:crypto';
import type { Emulator } from './context.js';
import { uuid } from './ids.js';
import type { Workflow } from './state.js';

const WORKFLOW_TTL_MS = 15 * 60 * 1000;

/** A fresh sign-in workflow waiting for the page-load step; returns its first handle. */
export function newWorkflow(emu: Emulator): Workflow {
  const handle = uuid();
  const wf: Workflow = {
    handle,
    handles: [handle],
    csrfCookie: uuid(),
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

/** Moves the workflow on: every old handle dies, a new one waits for `expect`. */
export function advance(emu: Emulator, wf: Workflow, expect: string): string {
  finish(emu, wf);
  wf.expect = expect;
  return rotate(emu, wf);
}

/** A new handle for the same step; the ones before it stay usable until the workflow moves on. */
export function rotate(emu: Emulator, wf: Workflow): string {
  wf.handle = uuid();
  wf.handles.push(wf.handle);
  emu.state.workflows.set(wf.handle, wf);
  return wf.handle;
}

/** Ends the workflow: none of its handles is accepted any more. */
export function finish(emu: Emulator, wf: Workflow): void {
  for (const h of wf.handles) emu.state.workflows.delete(h);
  wf.handles = [];
}

// Runs a flow live against the emulator while recording it, or against its recording.
import { readFile } from 'node:fs/promises';
import { CookieJar } from 'tough-cookie';
import { createHttp } from '../../src/http/client.js';
import { HarRecorder } from '../../src/http/hooks/har-recorder.js';
import { signInOverHttp } from '../../src/signin/http/sign-in-over-http.js';
import { startEmulator } from '../emulator/server.js';
import { DEMO_USER, signInContext, testHttp } from '../http/emulator-kit.js';
import type { Flow, Outcome } from './flows.js';
import { provenance } from './provenance.js';
import { replayHar } from './replay.js';
import { saveHar } from '../../src/store/har-file.js';

export interface Recorded {
  outcome: Outcome;
  /** secrets of the run found in the saved file (must be empty) */
  leaked: string[];
}

/** Runs `flow` against a fresh emulator, saves the redacted recording to `file`. */
export async function recordFlow(flow: Flow, file: string): Promise<Recorded> {
  const emu = await startEmulator(flow.scenario ? { scenario: flow.scenario } : {});
  try {
    const jar = new CookieJar();
    const recorder = new HarRecorder();
    const http = createHttp({ cookieJar: jar, extraAllowedOrigins: [emu.url], record: recorder, ...(flow.retry ? { retry: flow.retry } : {}) });
    const secrets: string[] = [DEMO_USER.password, DEMO_USER.totpSeed];
    const outcome = await flow.run({
      http,
      target: emu,
      secrets,
      revokeSessions: () => emu.revokeSessions(),
      // signed in on a client of its own: the flow's recording starts after the sign-in
      portalToken: async () => {
        const token = await signInOverHttp(signInContext(emu, testHttp(emu)).ctx);
        secrets.push(token);
        return token;
      },
    });
    const cookies = await jar.getCookies(emu.url);
    secrets.push(...cookies.map((c) => c.value));
    for (const entry of recorder.entries) entry.comment = provenance(entry);
    await saveHar(file, recorder.toHar(`${flow.name}: ${flow.description} Recorded from the awssso emulator (test/emulator); secrets redacted.`));
    const text = await readFile(file, 'utf8');
    return { outcome, leaked: secrets.filter((s) => s && text.includes(s)) };
  } finally {
    await emu.close();
  }
}

export interface Replayed {
  outcome: Outcome;
  mismatches: string[];
  unconsumed: string[];
}

/** Runs `flow` against its recording served by the replay harness. */
export async function replayFlow(flow: Flow, file: string): Promise<Replayed> {
  const replay = await replayHar(file);
  try {
    // the recorded waits are not waited again: the answers come in the recorded order anyway
    const retry = { ...flow.retry, baseDelayMs: 1, maxDelayMs: 5 };
    const http = createHttp({ cookieJar: new CookieJar(), extraAllowedOrigins: [replay.url], retry });
    const outcome = await flow.run({
      http,
      target: { url: replay.url, startUrl: `${replay.url}/start`, region: 'us-east-1' },
      secrets: [],
      revokeSessions: () => {},
      portalToken: async () => 'replayed-portal-session',
    });
    return { outcome, mismatches: replay.mismatches(), unconsumed: replay.unconsumed() };
  } finally {
    await replay.close();
  }
}

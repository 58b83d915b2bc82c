// How a profile gets a portal client with a valid session: the stored session while it lasts,
// else one sign-in under a cross-process lock (a crowd of processes signs in once). A session the
// portal rejects (401) is dropped and replaced by one new sign-in, never more.
import type { Got } from 'got';
import type { CookieJar } from 'tough-cookie';
import type { PortalSession } from '../types.js';
import type { SecretStore } from '../store/secret-store.js';
import type { PortalClient } from '../http/portal.js';
import type { HarRecorder } from '../http/hooks/har-recorder.js';
import type { RunOptions } from './run-options.js';
import { SessionExpired } from '../errors.js';
import { SessionStore, sessionLockName } from './session-store.js';
import { sideFile } from './side-file.js';
import { signInAs } from './sign-in.js';
import { fetchOnce } from '../store/fetch-once.js';
import { openSecretStore } from '../store/secrets.js';
import { cookieJarPath, loadCookieJar, saveCookieJar } from '../store/cookie-jar.js';
import { portalEndpoint, configuredOrigins } from '../http/endpoints.js';
import { listProfiles, readProfile } from '../store/config-read.js';
import { deleteRoleCache } from '../store/role-cache.js';
import { saveHar } from '../store/har-file.js';

export class PortalAccess {
  private session?: PortalSession;
  private readonly jarPath: string;
  private signedInNow = false;

  private constructor(
    private readonly run: RunOptions,
    private readonly secrets: SecretStore,
    private readonly sessions: SessionStore,
    /** Portal API and federation calls: they need no cookies. */
    private readonly http: Got,
    private readonly newHttp: (jar: CookieJar) => Got,
    private readonly recorder?: HarRecorder,
  ) {
    this.jarPath = cookieJarPath(run.profile.username, run.profile.url, run.env);
  }

  static async open(run: RunOptions): Promise<PortalAccess> {
    const { profile } = run;
    const [{ createHttp }, { CookieJar }, secrets] = await Promise.all([
      import('../http/client.js'),
      import('tough-cookie'),
      openSecretStore({ warn: run.warn, env: run.env }),
    ]);
    const recorder = run.recordTo ? new (await import('../http/hooks/har-recorder.js')).HarRecorder() : undefined;
    const origins = configuredOrigins(profile.url, run.env);
    // AWSSSO_DEBUG: one redacted line per request and answer, on stderr.
    const log = run.env.AWSSSO_DEBUG ? run.warn : undefined;
    const newHttp = (cookieJar: CookieJar) => createHttp({ cookieJar, extraAllowedOrigins: origins, record: recorder, log, deadline: run.deadline });
    const sessions = new SessionStore(secrets, profile.username, profile.url);
    return new PortalAccess(run, secrets, sessions, newHttp(new CookieJar()), newHttp, recorder);
  }

  /** Runs `fn` with a signed-in portal client; on a 401 signs in once more and retries. */
  async call<T>(fn: (portal: PortalClient) => Promise<T>, opts: { forceSignIn?: boolean } = {}): Promise<T> {
    return this.withSession(async () => fn(await this.client()), opts);
  }

  /**
   * Runs `fn` with the portal session token itself, for services that take it in a body (OIDC
   * approvals, docs/protocol.md §6); on a 401 signs in once more and retries, as `call` does.
   */
  async withToken<T>(fn: (token: string) => Promise<T>, opts: { forceSignIn?: boolean } = {}): Promise<T> {
    return this.withSession(() => fn(this.session!.token), opts);
  }

  private async withSession<T>(fn: () => Promise<T>, opts: { forceSignIn?: boolean }): Promise<T> {
    await this.ensureSession({ force: opts.forceSignIn ?? false });
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof SessionExpired)) throw err;
      if (this.signedInNow) throw refusedFresh();
      // Progress, not a warning: if the new sign-in fails, its error is the one line to show.
      this.run.progress.step('The portal refused the stored session; signing in again');
      await this.ensureSession({ rejected: this.session!.token });
    }
    try {
      return await fn();
    } catch (err) {
      throw err instanceof SessionExpired ? refusedFresh() : err;
    }
  }

  /** Signs in (or reuses the stored session), for `configure`'s first check of the password. */
  async signedIn(forceSignIn: boolean): Promise<void> {
    await this.ensureSession({ force: forceSignIn });
  }

  get secretStore(): SecretStore {
    return this.secrets;
  }

  /** The run's HTTP client (host policy, retries, recording), for federation calls. */
  get httpClient(): Got {
    return this.http;
  }

  /** Saves the HAR of a --record run; call once at the end, success or not. */
  async close(): Promise<void> {
    const { recorder, run } = this;
    if (recorder && run.recordTo) {
      const path = run.recordTo;
      if (await sideFile(run, 'save the recording', () => saveHar(path, recorder.toHar()))) {
        run.inform(`recorded the exchanges (secrets redacted) in ${path}`);
      }
    }
  }

  /**
   * Ends the stored session at the portal and forgets it, with the cached role credentials of
   * every profile of this user and start URL.
   */
  async logout(): Promise<{ ended: boolean; forgotten: number }> {
    const { profile } = this.run;
    const stored = await this.sessions.load();
    if (stored) {
      this.session = stored;
      await (await this.client()).logout();
    }
    await this.sessions.clear();
    let forgotten = 0;
    for (const name of listProfiles(this.run.env)) {
      const other = name === profile.name ? profile : tryReadProfile(name, this.run.env);
      if (other?.url !== profile.url || other.username !== profile.username || !other.accountId || !other.roleName) continue;
      if (await deleteRoleCache({ startUrl: other.url, accountId: other.accountId, roleName: other.roleName }, this.run.env)) forgotten++;
    }
    return { ended: Boolean(stored), forgotten };
  }

  private async client(): Promise<PortalClient> {
    const { PortalClient } = await import('../http/portal.js');
    return new PortalClient(this.http, portalEndpoint(this.run.profile.region, this.run.env), this.session!.token);
  }

  /**
   * A sign-in with the cookie jar read and written under the session lock, so a trusted-device
   * cookie another process just earned is used, and never overwritten by an older copy.
   */
  private async signIn(): Promise<PortalSession> {
    const { jar, warning } = await loadCookieJar(this.jarPath);
    if (warning) this.run.warn(warning);
    try {
      return await signInAs(this.run, { http: this.newHttp(jar), jar, secrets: this.secrets, recorder: this.recorder });
    } finally {
      await sideFile(this.run, 'save the cookies', () => saveCookieJar(this.jarPath, jar));
    }
  }

  /** `rejected`: a token the portal refused, so a stored copy of it does not count. */
  private async ensureSession({ force = false, rejected }: { force?: boolean; rejected?: string }): Promise<void> {
    if (this.session && !force && !rejected) return;
    const { profile } = this.run;
    this.session = await fetchOnce(sessionLockName(profile.username, profile.url), {
      read: async () => {
        if (force) return undefined;
        const stored = await this.sessions.load();
        return stored && stored.token !== rejected ? stored : undefined;
      },
      fetch: () => this.signIn(),
      save: async (fresh) => {
        await sideFile(this.run, 'keep the portal session', () => this.sessions.save(fresh));
        this.signedInNow = true;
      },
    }, { onWait: (line) => this.run.progress.step(line), env: this.run.env });
  }
}

const refusedFresh = () =>
  new SessionExpired('the portal refused the session it had just issued (UnauthorizedException); try again in a few minutes');

function tryReadProfile(name: string, env: NodeJS.ProcessEnv) {
  try {
    return readProfile(name, env);
  } catch {
    return undefined; // a broken section of another profile is not this command's business
  }
}

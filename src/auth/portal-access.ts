// How a profile gets a portal client with a valid session: the stored session while it lasts,
// else one sign-in under a cross-process lock (a crowd of processes signs in once). A session the
// portal rejects (401) is dropped and replaced by one new sign-in, never more.
import type { Got } from 'got';
import type { CookieJar } from 'tough-cookie';
import type { AwsssoProfile, PortalSession } from '../types.js';
import type { SecretStore } from '../store/secret-store.js';
import type { PortalClient, WhoAmI } from '../http/portal.js';
import type { HarRecorder } from '../http/hooks/har-recorder.js';
import type { RunOptions } from './run-options.js';
import { AwsssoError, SessionExpired } from '../errors.js';
import { secretName } from '../store/secret-store.js';
import { browserProfileDir } from '../store/paths.js';
import { rm } from 'node:fs/promises';
import { findPythonAwsssoSecret } from '../store/python-awssso-keyring.js';
import { SessionStore, sessionLockName } from './session-store.js';
import { sideFile } from './side-file.js';
import { signInAs } from './sign-in.js';
import { fetchOnceHandingOver } from '../store/fetch-once.js';
import { openSecretStore } from '../store/secrets.js';
import { cookieJarPath, forgetCookie, loadCookieJar, saveCookieJar } from '../store/cookie-jar.js';
import { SIGNIN_HOST_SESSION_COOKIE } from '../http/wire-shapes.js';
import { portalEndpoint, configuredOrigins } from '../http/endpoints.js';
import { listProfiles, readProfile } from '../store/config-read.js';
import { deleteRoleCache } from '../store/role-cache.js';
import { saveHar } from '../store/har-file.js';
import { AdaptiveRateLimit } from '../http/hooks/rate-limit.js';
import { escapedConnectionError } from '../http/escaped-errors.js';

/** A portal token in use: stored ones also know their expiry; a new one's is asked as it is saved. */
type Session = Pick<PortalSession, 'token'>;

export class PortalAccess {
  private session?: Session;
  private readonly jarPath: string;
  private signedInNow = false;
  /** Saves of a new session still under way: close() waits for them. */
  private readonly saving: Promise<boolean>[] = [];
  /** One request rate for every portal call of this run, found by AdaptiveRateLimit. */
  private readonly rateLimit = new AdaptiveRateLimit();

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

  /** Finishes saving a new session, and saves the HAR of a --record run; call once at the end, success or not. */
  async close(): Promise<void> {
    await Promise.all(this.saving);
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
    for (const other of this.configuredProfiles()) {
      if (other.url !== profile.url || other.username !== profile.username || !other.accountId || !other.roleName) continue;
      if (await deleteRoleCache({ startUrl: other.url, accountId: other.accountId, roleName: other.roleName }, this.run.env)) forgotten++;
    }
    return { ended: Boolean(stored), forgotten };
  }

  /**
   * logout --all: the password, TOTP seed and cookies of this user and start URL go too, and the
   * browser profile unless another user or start URL is configured (it is one for all of them).
   */
  async forgetSignIn(): Promise<{ browserProfile: 'removed' | 'kept' }> {
    const { username, url } = this.run.profile;
    for (const kind of ['password', 'totp-seed'] as const) await this.secrets.delete(secretName(kind, username, url));
    await rm(this.jarPath, { force: true });
    const shared = this.configuredProfiles().some((other) => other.url !== url || other.username !== username);
    if (shared) return { browserProfile: 'kept' };
    await rm(browserProfileDir(this.run.env), { recursive: true, force: true });
    return { browserProfile: 'removed' };
  }

  /** The stored session and what the portal says of it (whoAmI), without signing in. */
  async storedSession(): Promise<{ session?: PortalSession; whoAmI?: WhoAmI; error?: string }> {
    const stored = await this.sessions.load();
    if (!stored) return {};
    this.session = stored;
    try {
      return { session: stored, whoAmI: await (await this.client()).whoAmI() };
    } catch (error) {
      const err = escapedConnectionError(error) ?? error;
      if (!(err instanceof AwsssoError)) throw err;
      return { session: stored, error: err.message };
    }
  }

  /** The session the Python awssso left in the keyring, if the portal still takes it; kept under our name. */
  private async pythonSession(): Promise<PortalSession | undefined> {
    if (this.secrets.kind !== 'keyring') return undefined;
    const { username, url, region } = this.run.profile;
    const found = await findPythonAwsssoSecret('authn-token', url, username);
    if (!found) return undefined;
    const { sessionFor } = await import('../http/portal.js');
    let session: PortalSession | undefined;
    try {
      session = await sessionFor(this.http, portalEndpoint(region, this.run.env), found.value);
      await this.sessions.save(session);
      this.run.progress.step('Moved the Python awssso\'s portal session under awssso\'s own name');
    } catch (err) {
      if (!(err instanceof SessionExpired)) throw err; // refused: forgotten all the same, a sign-in follows
    }
    await found.forget();
    return session;
  }

  private configuredProfiles(): AwsssoProfile[] {
    return listProfiles(this.run.env).flatMap((name) => {
      const other = name === this.run.profile.name ? this.run.profile : tryReadProfile(name, this.run.env);
      return other ? [other] : [];
    });
  }

  private async client(): Promise<PortalClient> {
    const { PortalClient } = await import('../http/portal.js');
    return new PortalClient(this.http, portalEndpoint(this.run.profile.region, this.run.env), this.session!.token, this.rateLimit);
  }

  /**
   * A sign-in with the cookie jar read and written under the session lock, so a trusted-device
   * cookie another process just earned is used, and never overwritten by an older copy. The jar
   * of a sign-in that worked is saved with the session (ensureSession); of one that failed, here.
   */
  private async signIn(): Promise<{ token: string; jar: CookieJar }> {
    const { jar, warning } = await loadCookieJar(this.jarPath);
    if (warning) this.run.warn(warning);
    // a password given to configure must be checked: a sign-in page's open session would skip it
    if (this.run.candidateSecrets?.password) await forgetCookie(jar, SIGNIN_HOST_SESSION_COOKIE);
    try {
      return { token: await signInAs(this.run, { http: this.newHttp(jar), jar, secrets: this.secrets, recorder: this.recorder }), jar };
    } catch (err) {
      await this.saveCookies(jar);
      throw err;
    }
  }

  private saveCookies(jar: CookieJar): Promise<boolean> {
    return sideFile(this.run, 'save the cookies', () => saveCookieJar(this.jarPath, jar));
  }

  /**
   * `rejected`: a token the portal refused, so a stored copy of it does not count. A new session is
   * used as soon as it is issued: meanwhile, under the session lock, its cookies are saved and the
   * portal is asked how long it lasts (whoAmI) to save it with its expiry; close() waits for that.
   */
  private async ensureSession({ force = false, rejected }: { force?: boolean; rejected?: string }): Promise<void> {
    if (this.session && !force && !rejected) return;
    const { profile } = this.run;
    let jar: CookieJar | undefined;
    const { value, saved } = fetchOnceHandingOver<Session>(sessionLockName(profile.username, profile.url), {
      read: async () => {
        if (force) return undefined;
        const stored = (await this.sessions.load()) ?? (rejected ? undefined : await this.pythonSession());
        return stored && stored.token !== rejected ? stored : undefined;
      },
      fetch: async () => {
        const fresh = await this.signIn();
        jar = fresh.jar;
        this.signedInNow = true;
        return { token: fresh.token };
      },
      save: async ({ token }) => {
        await Promise.all([
          this.saveCookies(jar!),
          sideFile(this.run, 'keep the portal session', async () => {
            const { sessionFor } = await import('../http/portal.js');
            await this.sessions.save(await sessionFor(this.http, portalEndpoint(profile.region, this.run.env), token));
          }),
        ]);
      },
    }, { onWait: (line) => this.run.progress.step(line), env: this.run.env });
    // the credentials may be printed by now: what goes wrong from here is a warning, as for any side file
    this.saving.push(sideFile(this.run, 'keep the portal session', () => saved));
    this.session = await value;
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

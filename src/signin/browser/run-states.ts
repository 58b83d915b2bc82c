// The loop that drives the page-state table: look at the page, find its state, act once per
// page, until the portal session cookie appears. A page is answered only once it has settled:
// the same fields on two looks in a row and no request of the page waiting for its answer; every
// typed value is read back, and checked again right before the submit, because a single-page
// sign-in may render its inputs late and draw them again. Bounded everywhere: an unknown or
// stalled page ends after `stallMs`, a page waiting for the person after `personMs`.
import type { WebElement } from 'selenium-webdriver';
import { AwsssoError, NeedsPerson } from '../../errors.js';
import type { SignInQuestions } from '../contract.js';
import { answersFor } from './answers.js';
import type { ChromeDriver } from './driver.js';
import { sessionCookie } from './cookies.js';
import type { NetworkLog } from './network-log.js';
import { SNAPSHOT_SCRIPT, type PageSnapshot } from './page-snapshot.js';
import { recognise, type PageActions, type PageState } from './page-states.js';

export interface RunStatesOptions {
  driver: ChromeDriver;
  startUrl: string;
  questions: SignInQuestions;
  /** a person can see the browser: challenges wait for them instead of failing */
  visible: boolean;
  warn(line: string): void;
  whatToRun: string;
  /** fed as the pages go, so response bodies are read while they exist */
  network?: NetworkLog;
  /** every page URL the browser showed (their hosts' cookies go back to the jar) */
  visited: Set<string>;
  /** whether answers (username, password, codes) may be typed into a page at this URL */
  mayAnswer(url: string): boolean;
  stallMs?: number;
  personMs?: number;
  pollMs?: number;
}

export class BrowserClosed extends AwsssoError {}

/** The page changed under an answer (a field lost what was typed): look again. */
class PageMoved extends Error {
  override name = 'PageMoved';
}

const LOST = /no such window|session deleted|not connected to devtools|chrome not reachable|target window already closed|disconnected/i;

/** WebDriver errors that mean "the page changed under us": look again. */
function transient(error: unknown): boolean {
  const name = (error as Error)?.name ?? '';
  return /PageMoved|StaleElementReference|ElementNotInteractable|ElementClickIntercepted|JavascriptError|ScriptTimeout|UnexpectedAlertOpen|NoSuchElement/.test(name);
}

function lost(error: unknown): boolean {
  return (error as Error)?.name === 'NoSuchSessionError' || LOST.test((error as Error)?.message ?? '');
}

/** What was typed and what the field holds agree, give or take the spaces a code field adds or a lower-casing. */
const normal = (value: string) => value.replace(/[\s-]/g, '').toLowerCase();
const sameValue = (typed: string, held: string) => typed === held || normal(typed) === normal(held);

/** The actions for one answer to one page: fills are read back, and checked again before the submit. */
function seleniumActions(driver: ChromeDriver, Key: typeof import('selenium-webdriver').Key): PageActions<WebElement> {
  const jsClick = (el: WebElement) => driver.executeScript('arguments[0].click()', el);
  const held = (el: WebElement) => driver.executeScript<string>('return arguments[0].value', el);
  const filled: [WebElement, string][] = [];
  const type = async (el: WebElement, value: string) => {
    // a re-render may take the value away while it is typed: type it again, a few times
    for (let attempt = 0; attempt < 3; attempt++) {
      await el.clear();
      await el.sendKeys(value);
      if (sameValue(value, await held(el))) return;
    }
    throw new PageMoved('a field did not keep what was typed');
  };
  /** Right before a submit: every field still holds its answer (a stale one throws: look again). */
  const checkFilled = async () => {
    for (const [el, value] of filled) if (!sameValue(value, await held(el))) await type(el, value);
  };
  return {
    async fill(el, value) {
      await type(el, value);
      filled.push([el, value]);
    },
    async click(el) {
      await checkFilled();
      try {
        await el.click();
      } catch (error) {
        // something lies over the button (a banner): the click goes to the button itself
        if (!/ElementClickIntercepted/.test((error as Error).name)) throw error;
        await jsClick(el);
      }
    },
    async tick(el) {
      try {
        await el.click();
      } catch (error) {
        if (!transient(error)) throw error;
        await jsClick(el);
      }
    },
    async enter(el) {
      await checkFilled();
      await el.sendKeys(Key.ENTER);
    },
  };
}

/**
 * Which page a state would answer: its fields (or, with none, its buttons) as element handles.
 * A re-rendered step has new elements; the same form waiting for its answer (buttons disabled
 * meanwhile) keeps them, so it is never answered twice.
 */
async function signature(state: PageState, page: PageSnapshot<WebElement>): Promise<string> {
  const elements = page.fields.length > 0 ? page.fields : page.buttons;
  const ids = await Promise.all(elements.map((x) => x.el.getId()));
  return `${state.name} ${page.url} ${ids.join(',')}`;
}

function describe(page: PageSnapshot): string {
  return page.title ? `"${page.title}" (${new URL(page.url).host})` : page.url;
}

/** "5 minutes", "30 s" */
const duration = (ms: number) => (ms >= 120_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} s`);

const personMessage = (need: string) =>
  `the sign-in needs you (${need}): run \`awssso login --browser-fallback --no-headless\` where a display exists`;

/** Drives the sign-in to its end; returns the portal session token. */
export async function runStates(o: RunStatesOptions): Promise<string> {
  const { driver } = o;
  const { Key } = await import('selenium-webdriver');
  const answers = answersFor(o.questions);
  const stallMs = o.stallMs ?? 30_000;
  const personMs = o.personMs ?? 5 * 60_000;
  /** banners that were there before awssso's last answer (or that the person caused) */
  const knownAlerts = new Set<string>();
  let acted: { signature: string } | undefined;
  /** the page an answer would go to at the previous look: it must be the same twice in a row */
  let previous: string | undefined;
  let stalledSince: number | undefined;
  let stalledOn = '';
  let personSince: number | undefined;
  let lastPage: PageSnapshot | undefined;
  /** The page did not go on: the same `what` for longer than stallMs ends the sign-in. */
  const noProgress = (what: string, now: number) => {
    if (stalledSince === undefined || stalledOn !== what) {
      stalledSince = now;
      stalledOn = what;
    } else if (now - stalledSince > stallMs && lastPage) {
      throw stalled(what, lastPage, stallMs);
    }
  };

  for (;;) {
    const now = Date.now();
    try {
      await o.network?.drain();
      const token = await sessionCookie(driver, o.startUrl);
      const seen = await driver.executeScript<Omit<PageSnapshot<WebElement>, 'hasSession' | 'trustedHost'>>(SNAPSHOT_SCRIPT);
      const page: PageSnapshot<WebElement> = { ...seen, hasSession: Boolean(token), trustedHost: o.mayAnswer(seen.url) };
      lastPage = page;
      o.visited.add(page.url);
      if (!acted) page.alerts.forEach((text) => knownAlerts.add(text));
      page.alerts = page.alerts.filter((text) => !knownAlerts.has(text));
      const state = recognise(page);
      if (state?.done && token) return token;

      const need = state?.needsPerson?.(page);
      if (need) {
        if (!o.visible) throw new NeedsPerson(personMessage(need));
        if (personSince === undefined) {
          personSince = now;
          o.warn(`the sign-in needs you (${need}): complete it in the Chrome window; awssso goes on by itself (waiting up to ${duration(personMs)})`);
        } else if (now - personSince > personMs) {
          throw new NeedsPerson(`the ${need} was not completed within ${duration(personMs)}`);
        }
        page.alerts.forEach((text) => knownAlerts.add(text));
        stalledSince = undefined;
      } else {
        personSince = undefined;
        const answerable = state?.act ? await signature(state, page) : undefined;
        const settled = answerable === previous && !o.network?.busy(new URL(page.url).origin);
        previous = answerable;
        if (state?.act && answerable !== acted?.signature && settled) {
          // whatever shows now was not caused by this answer
          for (const text of page.alerts) knownAlerts.add(text);
          await state.act({ page, act: seleniumActions(driver, Key), questions: answers.questions, whatToRun: o.whatToRun });
          answers.submitted();
          acted = { signature: answerable! };
          stalledSince = undefined;
        } else {
          noProgress(!state ? 'unknown' : !state.act ? state.name : answerable === acted?.signature ? `after ${state.name}` : 'settling', now);
        }
      }
    } catch (error) {
      if (lost(error)) throw new BrowserClosed('Chrome closed before the sign-in finished');
      if (!transient(error)) throw error;
      // the page keeps changing under the answers (or a field will not keep them): bounded too
      noProgress('settling', now);
    }
    await new Promise((resolve) => setTimeout(resolve, o.pollMs ?? 150));
  }
}

function stalled(what: string, page: PageSnapshot, stallMs: number): AwsssoError {
  const time = duration(stallMs);
  if (what === 'unknown') return new AwsssoError(`the browser sign-in stopped at a page awssso does not know: ${describe(page)}, for ${time}`);
  if (what === 'loading') return new AwsssoError(`the page ${describe(page)} did not finish loading within ${time}`);
  if (what === 'settling') return new AwsssoError(`the sign-in page ${describe(page)} did not settle within ${time}: it kept changing or waiting for an answer`);
  if (what === 'success-banner') return new AwsssoError(`the portal showed success but set no session cookie within ${time}`);
  return new AwsssoError(`the sign-in page ${describe(page)} did not go on ${what} within ${time}`);
}

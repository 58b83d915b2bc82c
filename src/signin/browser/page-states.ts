// The browser sign-in as a table of page states, after aws-azure-login: each state has a name,
// a test that says "this page is showing" (selectors of docs/protocol.md §10 first, then
// sturdier signals: input types, autocomplete, labels) and what to do there. First match wins.
import { AwsssoError, NeedsPerson, SignInRejected } from '../../errors.js';
import type { SignInQuestions } from '../contract.js';
import type { ButtonInfo, FieldInfo, PageSnapshot } from './page-snapshot.js';

export type FieldKind = 'username' | 'password' | 'new-password' | 'code' | 'other';

/** What a state's action may do to the page; the loop implements it with Selenium. */
export interface PageActions<E> {
  fill(el: E, value: string): Promise<void>;
  click(el: E): Promise<void>;
  /** ticks a box (through its label when the box itself is styled away) */
  tick(el: E): Promise<void>;
  /** presses Enter in a field, for forms without a button */
  enter(el: E): Promise<void>;
}

export interface StateContext<E> {
  page: PageSnapshot<E>;
  act: PageActions<E>;
  questions: SignInQuestions;
  /** what to tell the person when an answer is needed and no one can be asked */
  whatToRun: string;
}

export interface PageState {
  name: string;
  /** The page needs the person (a visible browser): said as "the sign-in needs you (<this>)". */
  needsPerson?(page: PageSnapshot): string;
  /** The sign-in is over: the portal session cookie is there. */
  done?: boolean;
  recognise(page: PageSnapshot): boolean;
  act?<E>(ctx: StateContext<E>): Promise<void>;
}

const haystack = (f: FieldInfo<unknown>) =>
  `${f.id} ${f.name} ${f.autocomplete} ${f.placeholder} ${f.label}`.toLowerCase();

/** A field for a one-time code, whatever the step is called: by its selectors, autocomplete, words, or a numeric keypad. */
function isCodeField(f: FieldInfo<unknown>, hay: string): boolean {
  return f.id === 'wdc_mfacode' || f.autocomplete === 'one-time-code' || f.placeholder === 'Enter code'
    || /\bmfa|otp\b|one-time|verification code|authenticat|\b(pass)?code\b|\bpin\b/.test(hay)
    || (f.inputMode === 'numeric' && f.type !== 'password' && !/user|e-?mail|phone/.test(hay));
}

/** What a visible field is for. The awsui-input-N ids are last: they number fields in render order. */
export function fieldKind(f: FieldInfo<unknown>): FieldKind {
  const hay = haystack(f);
  if (isCodeField(f, hay)) return 'code';
  if (f.type === 'password') {
    return f.autocomplete === 'new-password' || /\bnew|confirm|re-?enter|repeat/.test(hay) ? 'new-password' : 'password';
  }
  if (f.id === 'wdc_username' || /username|email/.test(f.autocomplete) || f.type === 'email'
    || /user|e-?mail|login|sign-?in name/.test(hay)) return 'username';
  if (f.id === 'wdc_password') return 'password';
  if (f.id === 'awsui-input-0') return 'username';
  if (f.id === 'awsui-input-1') return 'password';
  if (f.id === 'awsui-input-2') return 'code';
  return 'other';
}

const fieldsOf = <E>(page: PageSnapshot<E>, kind: FieldKind) => page.fields.filter((f) => fieldKind(f) === kind);
const has = (page: PageSnapshot, kind: FieldKind) => fieldsOf(page, kind).length > 0;

const COOKIE_ACCEPT = /awsccc-cb-btn-accept/;
const SUBMIT_TEXT = /^(sign ?in|log ?in|next|continue|submit|verify|confirm|ok|done|accept|agree|proceed|got it|set (a )?(new )?password|change password|save)\b/i;
const CONTINUE_TEXT = /^(continue|next|ok|accept|agree|confirm|proceed|got it|done)\b/i;
const AVOID_TEXT = /cancel|back|sign ?out|log ?out|forgot|resend|another|different|help|decline|reject|deny|not now|skip|customi[sz]e/i;

function candidates<E>(page: PageSnapshot<E>): ButtonInfo<E>[] {
  return page.buttons.filter((b) => !AVOID_TEXT.test(b.text) && !COOKIE_ACCEPT.test(b.data));
}

/** The button that submits the page's form: the legacy login button, a submit-like label, type=submit, or the only one. */
export function submitButton<E>(page: PageSnapshot<E>): ButtonInfo<E> | undefined {
  const buttons = candidates(page);
  return buttons.find((b) => b.id === 'wdc_login_button')
    ?? buttons.find((b) => SUBMIT_TEXT.test(b.text))
    ?? buttons.find((b) => b.type === 'submit')
    ?? (buttons.length === 1 ? buttons[0] : undefined);
}

async function submit<E>(ctx: StateContext<E>, lastField: FieldInfo<E>): Promise<void> {
  const button = submitButton(ctx.page);
  if (button) await ctx.act.click(button.el);
  else await ctx.act.enter(lastField.el);
}

async function fillAll<E>(ctx: StateContext<E>, fields: FieldInfo<E>[], value: string): Promise<void> {
  for (const field of fields) await ctx.act.fill(field.el, value);
}

/** "This is a trusted device" / "Remember this device": ticked so the next sign-in skips MFA. */
function trustBox<E>(page: PageSnapshot<E>) {
  return page.boxes.find((b) => b.id === 'wdc_mfacheckbox' || /trust|remember/i.test(`${b.label} ${b.name} ${b.id}`));
}

function mfaType(page: PageSnapshot, username: string): 'TOTP' | 'EMAIL_OTP' {
  const text = page.text.split(username).join(' ');
  return /\be-?mail(ed)?\b/i.test(text) ? 'EMAIL_OTP' : 'TOTP';
}

const SECURITY_KEY_TEXT = /security key|passkey|touch your key|insert your key|windows hello|touch id|face id|biometric/i;

export const PAGE_STATES: readonly PageState[] = [
  {
    name: 'success',
    done: true,
    recognise: (page) => page.hasSession,
  },
  {
    // the portal says so before its cookie is there: wait for the cookie
    name: 'success-banner',
    recognise: (page) => page.successBanner,
  },
  {
    // Chrome's own error page: the host did not answer, or the name did not resolve
    name: 'load-error',
    recognise: (page) => page.url.startsWith('chrome-error:'),
    act: async (ctx) => {
      const reason = /\b(?:net::)?(ERR_[A-Z_]+)\b/.exec(ctx.page.text)?.[1] ?? 'no answer';
      throw new AwsssoError(`Chrome could not load ${ctx.page.title || 'the sign-in page'}: ${reason}`);
    },
  },
  {
    name: 'loading',
    recognise: (page) => !page.ready,
  },
  {
    name: 'cookie-banner',
    recognise: (page) => page.buttons.some((b) => COOKIE_ACCEPT.test(b.data)),
    act: async (ctx) => ctx.act.click(ctx.page.buttons.find((b) => COOKIE_ACCEPT.test(b.data))!.el),
  },
  {
    name: 'captcha',
    needsPerson: () => 'captcha',
    recognise: (page) => page.captcha,
  },
  {
    name: 'security-key',
    needsPerson: () => 'security key',
    recognise: (page) => !has(page, 'code') && !has(page, 'password') && SECURITY_KEY_TEXT.test(page.text),
  },
  {
    // an identity provider of the organisation's own (Okta, Entra, ADFS): its forms get nothing
    // typed by awssso, as the HTTP path sends nothing outside the AWS hosts
    name: 'foreign-sign-in',
    needsPerson: (page) => `sign-in at ${new URL(page.url).host}`,
    recognise: (page) => !page.trustedHost && page.fields.length > 0,
  },
  {
    // a banner that appeared after awssso's last answer: the service refused it; never retried
    name: 'error-banner',
    recognise: (page) => page.alerts.length > 0,
    act: async (ctx) => {
      throw new SignInRejected(`sign-in refused: ${ctx.page.alerts.join(' ')}`);
    },
  },
  {
    name: 'change-password',
    recognise: (page) => has(page, 'new-password'),
    act: async (ctx) => {
      if (!ctx.questions.newPassword) {
        throw new NeedsPerson(`the directory asks ${ctx.questions.username} to choose a new password: ${ctx.whatToRun}`);
      }
      const fresh = await ctx.questions.newPassword();
      await fillAll(ctx, fieldsOf(ctx.page, 'password'), await ctx.questions.password());
      const fields = fieldsOf(ctx.page, 'new-password');
      await fillAll(ctx, fields, fresh);
      await submit(ctx, fields.at(-1)!);
    },
  },
  {
    // TOTP or e-mailed code; the legacy page is #mfa_form with #wdc_mfacode and #wdc_mfacheckbox
    name: 'mfa-code',
    recognise: (page) => has(page, 'code'),
    act: async (ctx) => {
      const [field] = fieldsOf(ctx.page, 'code');
      await ctx.act.fill(field!.el, await ctx.questions.mfaCode(mfaType(ctx.page, ctx.questions.username)));
      const box = trustBox(ctx.page);
      if (box && !box.checked) await ctx.act.tick(box.el);
      await submit(ctx, field!);
    },
  },
  {
    // modern password page, or the legacy one with #wdc_username and #wdc_password together
    name: 'password',
    recognise: (page) => has(page, 'password'),
    act: async (ctx) => {
      await fillAll(ctx, fieldsOf(ctx.page, 'username'), ctx.questions.username);
      const [field] = fieldsOf(ctx.page, 'password');
      await ctx.act.fill(field!.el, await ctx.questions.password());
      await submit(ctx, field!);
    },
  },
  {
    name: 'username',
    recognise: (page) => has(page, 'username'),
    act: async (ctx) => {
      const fields = fieldsOf(ctx.page, 'username');
      await fillAll(ctx, fields, ctx.questions.username);
      await submit(ctx, fields.at(-1)!);
    },
  },
  {
    // a step awssso has no name for, with nothing to fill and one way on ("Continue")
    name: 'interstitial',
    recognise: (page) => page.fields.length === 0 && candidates(page).filter((b) => CONTINUE_TEXT.test(b.text)).length === 1,
    act: async (ctx) => ctx.act.click(candidates(ctx.page).find((b) => CONTINUE_TEXT.test(b.text))!.el),
  },
];

/** The first state whose test passes, or undefined for a page awssso does not know. */
export function recognise(page: PageSnapshot): PageState | undefined {
  return PAGE_STATES.find((state) => state.recognise(page));
}

// What the page shows, read in one script call: the visible fields, boxes, buttons and banners
// with the attributes the page-state table recognises them by. The elements come back as
// Selenium handles, so the table's actions reach exactly what was recognised.

export interface FieldInfo<E> {
  el: E;
  tag: string;
  type: string;
  id: string;
  name: string;
  autocomplete: string;
  placeholder: string;
  inputMode: string;
  /** its <label>, aria-label or aria-labelledby text */
  label: string;
  empty: boolean;
}

export interface BoxInfo<E> {
  el: E;
  id: string;
  name: string;
  label: string;
  checked: boolean;
}

export interface ButtonInfo<E> {
  el: E;
  id: string;
  text: string;
  type: string;
  /** data-id, data-testid and data-analytics, joined */
  data: string;
}

export interface PageSnapshot<E = unknown> {
  url: string;
  title: string;
  ready: boolean;
  /** visible, enabled text-like inputs (no boxes, buttons or hidden inputs) */
  fields: FieldInfo<E>[];
  boxes: BoxInfo<E>[];
  buttons: ButtonInfo<E>[];
  /** texts of visible error banners */
  alerts: string[];
  /** [data-analytics-alert="success"] is showing */
  successBanner: boolean;
  /** a captcha widget or frame is showing */
  captcha: boolean;
  /** the page's visible text, cut short */
  text: string;
  /** set by the caller: the portal session cookie is there */
  hasSession: boolean;
  /** set by the caller: the page is on an AWS host or a configured endpoint, where answers may be typed */
  trustedHost: boolean;
}

/** The body of the function executeScript runs in the page; it returns a PageSnapshot without hasSession and trustedHost. */
export const SNAPSHOT_SCRIPT = String.raw`
const visible = (el) => {
  if (!el.isConnected) return false;
  const style = getComputedStyle(el);
  if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) return false;
  return el.getClientRects().length > 0;
};
const clean = (text) => (text || '').replace(/\s+/g, ' ').trim();
const labelOf = (el) => {
  const byFor = el.labels && el.labels.length ? el.labels[0].innerText : '';
  const by = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
    .map((id) => (document.getElementById(id) || {}).innerText || '').join(' ');
  return clean(byFor || el.getAttribute('aria-label') || by);
};
const attr = (el, name) => el.getAttribute(name) || '';
const NOT_TEXT = /^(hidden|checkbox|radio|submit|button|reset|image|file|range|color)$/i;
const usable = (el) => visible(el) && !el.disabled && !el.readOnly;
const fields = [...document.querySelectorAll('input, textarea')]
  .filter((el) => !NOT_TEXT.test(el.type || 'text') && usable(el))
  .map((el) => ({
    el, tag: el.tagName.toLowerCase(), type: (el.type || 'text').toLowerCase(), id: el.id, name: attr(el, 'name'),
    autocomplete: attr(el, 'autocomplete'), placeholder: attr(el, 'placeholder'), inputMode: attr(el, 'inputmode'),
    label: labelOf(el), empty: el.value === '',
  }));
const boxes = [...document.querySelectorAll('input[type=checkbox]')]
  .filter((el) => !el.disabled && (visible(el) || (el.labels && [...el.labels].some(visible))))
  .map((el) => ({ el, id: el.id, name: attr(el, 'name'), label: labelOf(el), checked: el.checked }));
const buttons = [...document.querySelectorAll('button, input[type=submit], input[type=button], [role=button]')]
  .filter((el) => usable(el) && el.getAttribute('aria-disabled') !== 'true')
  .map((el) => ({
    el, id: el.id, text: clean(el.innerText || el.value || el.getAttribute('aria-label')),
    type: (el.getAttribute('type') || (el.tagName === 'BUTTON' ? 'submit' : '')).toLowerCase(),
    data: [attr(el, 'data-id'), attr(el, 'data-testid'), attr(el, 'data-analytics')].filter(Boolean).join(' '),
  }));
const ALERTS = '[role=alert], #alertFrame, [data-analytics-alert="error"], .awsui-alert-type-error, [data-testid$="error"]';
const alerts = [...document.querySelectorAll(ALERTS)]
  .filter((el) => visible(el) && !el.matches('[data-analytics-alert="success"], .success'))
  .map((el) => clean(el.innerText)).filter(Boolean);
const CAPTCHA = '[id*=captcha i], [class*=captcha i], [data-testid*=captcha i], iframe[src*=captcha i], iframe[src*=arkoselabs], iframe[title*=captcha i]';
return {
  url: location.href,
  title: document.title,
  ready: document.readyState === 'complete',
  fields, boxes, buttons,
  alerts: [...new Set(alerts)],
  successBanner: [...document.querySelectorAll('[data-analytics-alert="success"]')].some(visible),
  captcha: [...document.querySelectorAll(CAPTCHA)].some(visible),
  text: clean(document.body ? document.body.innerText : '').slice(0, 4000),
};
`;

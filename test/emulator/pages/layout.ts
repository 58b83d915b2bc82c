// The frame every emulator page shares: a plain AWS-like header, no external resources.
import { esc } from '../http.js';

const STYLE = `
[hidden]{display:none !important}
body{margin:0;font-family:"Amazon Ember",Helvetica,Arial,sans-serif;background:#f2f3f3;color:#16191f}
header{background:#232f3e;color:#fff;padding:12px 24px;font-size:18px}
main{max-width:420px;margin:40px auto;background:#fff;padding:24px 32px;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.2)}
main.wide{max-width:760px}
h1{font-size:22px;margin:0 0 16px}
label{display:block;margin:12px 0 4px;font-weight:bold}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:8px;border:1px solid #879596;border-radius:4px}
button{margin-top:16px;padding:8px 20px;border-radius:20px;border:1px solid #ec7211;background:#ec7211;color:#fff;font-weight:bold;cursor:pointer}
button.secondary{background:#fff;color:#16191f;border-color:#879596}
.check{display:flex;gap:8px;align-items:center;margin-top:12px}
.check label{margin:0;font-weight:normal}
[role=alert]{border:1px solid #d13212;background:#fdf3f1;color:#d13212;padding:8px 12px;border-radius:4px;margin-bottom:12px}
.success{border:1px solid #1d8102;background:#f2f8f0;color:#1d8102;padding:8px 12px;border-radius:4px;margin-bottom:12px}
#awsccc-cb{position:fixed;left:0;right:0;bottom:0;background:#fff;border-top:1px solid #879596;padding:12px 24px;display:flex;gap:16px;align-items:center}
#awsccc-cb button{margin:0}
.captcha{display:flex;gap:12px;align-items:center;border:1px solid #d5dbdb;padding:16px;border-radius:4px}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px;border-bottom:1px solid #eaeded}
`;

/** A whole HTML document; `body` is trusted markup, `title` is escaped. */
export function page(title: string, body: string, opts: { wide?: boolean; script?: string } = {}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><header>aws</header>
<main${opts.wide ? ' class="wide"' : ''}>${body}</main>
${opts.script ? `<script>${opts.script}</script>` : ''}
</body></html>`;
}

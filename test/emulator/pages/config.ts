// Hands server-side values to a page's script as JSON that cannot close the <script> element.
export function configScript(cfg: unknown): string {
  const json = JSON.stringify(cfg).replace(/</g, '\\u003c');
  return `<script id="emulator-config" type="application/json">${json}</script>`;
}

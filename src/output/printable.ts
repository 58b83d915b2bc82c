// Text that came from a server, made safe to print on a terminal: a control character (an escape
// sequence in an account name, say) must not move the cursor or recolour the screen. A stand-in
// until the hardening branch's sanitiser lands.
export const printable = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

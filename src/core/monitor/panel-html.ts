/**
 * The monitor webview's HTML shell: a strict Content-Security-Policy with a per-load nonce, the stylesheet
 * and the script bundle. Nothing else is inline; all content is built by the script with textContent.
 */
export interface PanelHtmlInput {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** BCP 47 language tag for the document, e.g. `en` or `zh-cn`. */
  lang: string;
  title: string;
}

/** 32 random characters from [A-Za-z0-9], from a caller-supplied source of random bytes. */
export function makeNonce(randomBytes: (n: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(32), (b) => alphabet[b % alphabet.length]).join('');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    `default-src 'none'`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
  ].join('; ');
}

function attr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function panelHtml(input: PanelHtmlInput): string {
  const nonce = attr(input.nonce);
  return `<!DOCTYPE html>
<html lang="${attr(input.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(input.cspSource, input.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${attr(input.title)}</title>
<link rel="stylesheet" nonce="${nonce}" href="${attr(input.styleUri)}">
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${nonce}" src="${attr(input.scriptUri)}"></script>
</body>
</html>
`;
}

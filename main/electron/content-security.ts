/**
 * The shell's Content-Security-Policy. The page also carries its own in a meta tag (file:// pages
 * get no response headers); this one is added to any response that does have headers, so nothing
 * the window might load escapes a policy. The shell talks to the station over IPC only, hence no
 * connect-src.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "media-src 'self' data: blob:",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

type Headers = Record<string, string[] | string>;

/** Response headers with our CSP in place of any the response brought. */
export function withContentSecurityPolicy(headers: Headers | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    result[name] = Array.isArray(value) ? value : [value];
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

/** The shell needs the network for nothing: only the app's own files and in-page data may load. */
export function isAllowedRequestUrl(url: string): boolean {
  return /^(file|data|blob|devtools|chrome-extension):/i.test(url);
}

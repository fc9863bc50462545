/**
 * Web sites the app may open in the person's browser (help pages). Anything else a page tries to
 * open is dropped: a link in injected content must not launch arbitrary programs or URLs.
 */
const EXTERNAL_HOSTS: readonly string[] = ['medadmin.app', 'docs.medadmin.app'];

/** https only, on an allowed host, with no credentials or unusual port to disguise the target. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === '' && EXTERNAL_HOSTS.includes(url.hostname);
}

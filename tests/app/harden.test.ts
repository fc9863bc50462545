import type { Session, WebContents } from 'electron';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { isAllowedExternalUrl } from '../../main/app/external-links';
import { hardenSession, hardenWebContents } from '../../main/app/harden';
import { cancellable, electron, FakeWebContents, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

beforeEach(resetFakeElectron);

describe('a page cannot leave the app', () => {
  test.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('%s is cancelled', (name) => {
    const contents = new FakeWebContents();
    hardenWebContents(contents as unknown as WebContents, vi.fn());
    const event = cancellable();
    contents.emit(name, event, 'https://evil.example/');
    expect(event.preventDefault).toHaveBeenCalled();
  });

  test('window.open is always refused; the URL is only offered to the external-link check', () => {
    const contents = new FakeWebContents();
    const openExternal = vi.fn();
    hardenWebContents(contents as unknown as WebContents, openExternal);
    for (const url of ['https://medadmin.app/help', 'https://evil.example/', 'app://medadmin/index.html', 'file:///etc/passwd']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
      expect(openExternal).toHaveBeenLastCalledWith(url);
    }
  });
});

test('every permission request and check is refused', () => {
  const session = electron.session.defaultSession;
  hardenSession(session as unknown as Session);
  const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (wc: unknown, permission: string, cb: (ok: boolean) => void) => void;
  const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (wc: unknown, permission: string) => boolean;
  const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (details: unknown) => boolean;
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial']) {
    const callback = vi.fn();
    request(null, permission, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(check(null, permission)).toBe(false);
  }
  expect(device({ deviceType: 'usb' })).toBe(false);
});

describe('the external link allow list', () => {
  test.each(['https://medadmin.app/', 'https://medadmin.app/help/backups?x=1#y', 'https://docs.medadmin.app/restore'])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  test.each([
    'http://medadmin.app/',
    'https://evil.example/',
    'https://medadmin.app.evil.example/',
    'https://evilmedadmin.app/',
    'https://user:pass@medadmin.app/',
    'https://medadmin.app@evil.example/',
    'https://medadmin.app:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://medadmin.app/share',
    'ms-msdt:/id PCWDiagnostic',
    'app://medadmin/index.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });
});

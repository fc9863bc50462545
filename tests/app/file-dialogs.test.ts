import type { BrowserWindow, Dialog } from 'electron';
import path from 'node:path';
import { beforeEach, expect, test, vi } from 'vitest';
import { electronFileDialogs } from '../../main/app/file-dialogs';
import { startupFailureMessage } from '../../main/app/startup-message';
import { NewerSchemaError } from '../../main/core/db/migrator';
import { AppError } from '../../main/core/errors';
import { electron, FakeBrowserWindow, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electron);

const { dialog } = electron;
const docs = path.join(path.sep, 'home', 'person', 'Documents');
let win: FakeBrowserWindow | null;
const dialogs = () => electronFileDialogs(dialog as unknown as Dialog, () => win as unknown as BrowserWindow | null, () => docs);

beforeEach(() => {
  resetFakeElectron();
  win = new FakeBrowserWindow({});
});

test('a save dialog is attached to the window and suggests a bare file name in the documents folder', async () => {
  dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/person/Documents/export.csv' });
  await expect(dialogs().chooseSaveFile({ title: 'Export', defaultName: '../../etc/cron.d/export.csv', extensions: ['csv'] })).resolves.toBe(
    '/home/person/Documents/export.csv',
  );
  expect(dialog.showSaveDialog).toHaveBeenCalledWith(win, {
    title: 'Export',
    defaultPath: path.join(docs, 'export.csv'),
    filters: [{ name: 'CSV', extensions: ['csv'] }],
  });
});

test('cancelling any dialog answers null', async () => {
  const d = dialogs();
  await expect(d.chooseSaveFile({ title: 't', defaultName: 'a.zip', extensions: ['zip'] })).resolves.toBeNull();
  await expect(d.chooseOpenFile({ title: 't', extensions: ['zip'] })).resolves.toBeNull();
  await expect(d.chooseFolder({ title: 't' })).resolves.toBeNull();
});

test('open-file and folder dialogs return the one path the person chose', async () => {
  dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/media/usb/backup.zip'] });
  await expect(dialogs().chooseOpenFile({ title: 'Restore', extensions: ['zip'] })).resolves.toBe('/media/usb/backup.zip');
  expect(dialog.showOpenDialog).toHaveBeenLastCalledWith(win, expect.objectContaining({ properties: ['openFile'], filters: [{ name: 'ZIP', extensions: ['zip'] }] }));
  win = null; // no window (e.g. while closing): the dialog still opens, unattached
  dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/media/usb'] });
  await expect(dialogs().chooseFolder({ title: 'Move to' })).resolves.toBe('/media/usb');
  expect(dialog.showOpenDialog).toHaveBeenLastCalledWith(expect.objectContaining({ properties: ['openDirectory', 'createDirectory'] }));
});

test('the start-up error box says what happened without paths or internals', () => {
  expect(startupFailureMessage(new AppError('INTERNAL', 'Plain words.'))).toBe('Plain words.');
  expect(startupFailureMessage(new NewerSchemaError(['0990-future.ts']))).toMatch(/newer version of MedAdmin/);
  const generic = startupFailureMessage(new Error("SQLITE_CANTOPEN: /home/person/.config/MedAdmin/master.sqlite3"));
  expect(generic).not.toMatch(/SQLITE|home|sqlite3/);
});

import path from 'node:path';
import type { BrowserWindow, Dialog, FileFilter, OpenDialogOptions, SaveDialogOptions } from 'electron';
import type { FileDialogs } from '../core/api/handler';

const filters = (extensions: string[]): FileFilter[] => [{ name: extensions.map((e) => e.toUpperCase()).join(', '), extensions }];

/**
 * The core's file dialogs over Electron's native ones, attached to the app window. A suggested
 * file name is reduced to a bare name, so a page cannot point the dialog at another folder.
 */
export function electronFileDialogs(dialog: Dialog, parent: () => BrowserWindow | null, defaultDir: () => string): FileDialogs {
  const save = (options: SaveDialogOptions) => {
    const win = parent();
    return win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options);
  };
  const open = (options: OpenDialogOptions) => {
    const win = parent();
    return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options);
  };
  return {
    async chooseSaveFile({ title, defaultName, extensions }) {
      const r = await save({ title, defaultPath: path.join(defaultDir(), path.basename(defaultName)), filters: filters(extensions) });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    async chooseOpenFile({ title, extensions }) {
      const r = await open({ title, defaultPath: defaultDir(), filters: filters(extensions), properties: ['openFile'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseFolder({ title }) {
      const r = await open({ title, defaultPath: defaultDir(), properties: ['openDirectory', 'createDirectory'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
  };
}

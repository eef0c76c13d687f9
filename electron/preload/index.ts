/*
 * The preload runs sandboxed and is bundled to CommonJS (out/preload/index.cjs): sandboxed preloads
 * cannot load ES modules and can require only a few of Electron's own modules, so everything here
 * must be bundled except 'electron'. contextBridge copies the bridge into the page's isolated
 * world; the page never gets ipcRenderer, Node or the preload's globals.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('packdesk', createBridge(ipcRenderer));

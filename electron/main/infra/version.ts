import pkg from '../../../package.json';

export const appVersion: string = pkg.version;
export const projectUrl: string = pkg.homepage;
/** What Picqer asks every client to send: the app's name and a way to reach its makers. */
export const userAgent = `Packdesk/${appVersion} (${projectUrl})`;

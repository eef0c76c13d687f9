export { createAppUrlCheck, type AppUrlOptions } from './app-url';
export { forwardEvents, registerIpcHandlers, type EventTargetLike, type InvokeEventLike, type IpcMainLike } from './adapter';
export { eventChannel, invokeChannel, type EventMessage } from './channels';

// IPC channel names, shared by the preload script and the main process.
export const CALL_CHANNEL = 'docket:call';
export const SUBSCRIBE_CHANNEL = 'docket:subscribe';
export const UNSUBSCRIBE_CHANNEL = 'docket:unsubscribe';
export const EVENT_CHANNEL = 'docket:event';
export const CHOOSE_PATHS_CHANNEL = 'docket:choose-paths';

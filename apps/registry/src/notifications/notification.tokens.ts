/** Injection token of the {@link NotificationSettings} derived from the configuration. */
export const NOTIFICATION_SETTINGS = Symbol('NOTIFICATION_SETTINGS');
